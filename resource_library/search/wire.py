"""How the compact index travels: postings as one Rice-coded bit string, terms front-coded.

The compact form (:mod:`resource_library.search.codec`) keeps postings as lists of
numbers; written as JSON text they cost about one byte per (term, document, field)
even gzipped, which is most of the file.  On the wire:

- ``terms``: one string, the sorted terms separated by spaces (a term never holds
  whitespace: the tokenizer splits on it), each written as one character giving the
  length of the prefix it shares with the previous term (``chr(48 + n)``, ``n`` at
  most :data:`MAX_PREFIX`) followed by the rest of the term.
- ``postings``: one base64 string (standard alphabet, no padding) of a bit stream,
  most significant bit first, that holds for each term, for each field in order:

  * the number of documents ``n``, Elias-gamma coded as ``n + 1``;
  * when ``n > 0``: each document as the gap from the previous one minus one (the
    first from -1), Rice coded with the parameter :func:`rice_parameter` gives for
    ``N`` (the number of refs) and ``n``: the quotient in unary (ones ended by a
    zero), then ``r`` low bits;
  * then the number ``m`` of those documents that hold the term more than once,
    Elias gamma of ``m + 1``; when ``m > 0``, which ones (gaps between their
    positions in the list, minus one, Rice coded with the parameter for ``n`` and
    ``m``), each followed by Elias gamma of ``tf - 1``.

  The stream ends with zero bits up to a whole number of base64 characters.

Rice codes are within a few percent of the entropy of gaps between documents that
hold a word; ``scripts/bench-search`` prints the gzipped size of both forms.
``decodeIndex`` in library-search.js reads the same format; the parity tests load
the written files in lunr.js.
"""

from __future__ import annotations

import base64

from resource_library.kept import Table

#: Longest shared prefix written (longer ones are cut to it).
MAX_PREFIX = 60


def is_wire(index: dict) -> bool:
    return isinstance(index.get("postings"), str)


def to_wire(packed: dict, rows: Table | None = None) -> dict:
    """The wire form of a compact index (other keys are kept as they are).

    ``rows``: a :class:`~resource_library.kept.Table` whose key holds the number of refs, to
    take each term's bits of the last build while its postings are the same.
    """
    out = dict(packed)
    out["terms"] = _front_coded(packed["terms"])
    out["postings"] = _encode_postings(packed["postings"], len(packed["refs"]), packed["terms"], rows or Table())
    return out


def from_wire(index: dict) -> dict:
    """The compact form back from the wire form (an index already compact is returned as is)."""
    if not is_wire(index):
        return index
    out = dict(index)
    out["terms"] = _front_decoded(index["terms"])
    out["postings"] = _decode_postings(index["postings"], len(out["terms"]), len(index["fields"]), len(index["refs"]))
    return out


# ---- terms ----


def _front_coded(terms: list) -> str:
    parts, previous = [], ""
    for term in terms:
        if any(c.isspace() for c in term):
            raise ValueError(f"an index term holds whitespace: {term!r}")
        n, limit = 0, min(len(term), len(previous), MAX_PREFIX)
        while n < limit and term[n] == previous[n]:
            n += 1
        parts.append(chr(48 + n) + term[n:])
        previous = term
    return " ".join(parts)


def _front_decoded(text: str) -> list:
    if not text:
        return []
    terms, previous = [], ""
    for part in text.split(" "):
        term = previous[: ord(part[0]) - 48] + part[1:]
        terms.append(term)
        previous = term
    return terms


# ---- postings ----


def _gamma(value: int) -> str:
    """Elias gamma of ``value`` (at least 1)."""
    bits = bin(value)[2:]
    return "0" * (len(bits) - 1) + bits


def rice_parameter(span: int, count: int) -> int:
    """The Rice parameter for ``count`` items spread over ``span`` places (both sides compute it).

    The largest ``r`` with ``2 ** r`` at most the mean gap times ln 2 (about the
    best for gaps geometrically distributed); integers only, so that Python and
    JavaScript agree.
    """
    r = 0
    while (count << (r + 1)) * 1000 <= span * 693:
        r += 1
    return r


def _rice(value: int, r: int) -> str:
    return "1" * (value >> r) + "0" + (format(value & ((1 << r) - 1), f"0{r}b") if r else "")


def _encode_postings(postings: list, span: int, terms: list, rows: Table) -> str:
    bits = [
        rows.use(term, tuple(map(tuple, row)) if rows.keeping else None, _row_bits, row, span)
        for term, row in zip(terms, postings)
    ]
    stream = "".join(bits)
    stream += "0" * (-len(stream) % 24)
    if not stream:
        return ""
    data = int(stream, 2).to_bytes(len(stream) // 8, "big")
    return base64.b64encode(data).decode("ascii")


def _row_bits(row: list, span: int) -> str:
    """The bits of one term's postings (each field's), as a string of 0 and 1."""
    bits: list = []
    add = bits.append
    for entries in row:
        docs: list = []
        frequencies: list = []
        n = 0
        for value in entries:
            if value < 0:
                frequencies[-1] = -value
            else:
                n += value
                docs.append(n)
                frequencies.append(1)
        add(_gamma(len(docs) + 1))
        if not docs:
            continue
        r = rice_parameter(span, len(docs))
        add("".join(_rice(d - p - 1, r) for p, d in zip([-1] + docs, docs)))
        repeated = [(i, tf) for i, tf in enumerate(frequencies) if tf > 1]
        add(_gamma(len(repeated) + 1))
        if repeated:
            r = rice_parameter(len(docs), len(repeated))
            previous = -1
            for i, tf in repeated:
                add(_rice(i - previous - 1, r) + _gamma(tf - 1))
                previous = i
    return "".join(bits)


class _Bits:
    def __init__(self, text: str):
        self.bits = "".join(format(b, "08b") for b in base64.b64decode(text + "=" * (-len(text) % 4)))
        self.at = 0

    def read(self, count: int) -> int:
        value = int(self.bits[self.at : self.at + count] or "0", 2)
        self.at += count
        return value

    def unary(self) -> int:
        end = self.bits.index("0", self.at)
        count, self.at = end - self.at, end + 1
        return count

    def rice(self, r: int) -> int:
        return (self.unary() << r) | self.read(r)

    def gamma(self) -> int:
        zeros = self.bits.index("1", self.at) - self.at
        self.at += zeros
        return self.read(zeros + 1)


def _decode_postings(text: str, terms: int, fields: int, span: int) -> list:
    bits = _Bits(text)
    postings = []
    for _t in range(terms):
        row = []
        for _f in range(fields):
            count = bits.gamma() - 1
            entries: list = []
            if count:
                r = rice_parameter(span, count)
                docs, previous = [], -1
                for _d in range(count):
                    previous += 1 + bits.rice(r)
                    docs.append(previous)
                frequencies = [1] * count
                repeated = bits.gamma() - 1
                if repeated:
                    r = rice_parameter(count, repeated)
                    at = -1
                    for _i in range(repeated):
                        at += 1 + bits.rice(r)
                        frequencies[at] = bits.gamma() + 1
                previous = 0
                for doc, tf in zip(docs, frequencies):
                    entries.append(doc - previous)
                    previous = doc
                    if tf > 1:
                        entries.append(-tf)
            row.append(entries)
        postings.append(row)
    return postings

"""The compact form of a library index: what the library page receives instead of lunr's serialization.

lunr's own serialization repeats every document ref in every posting and ships
every BM25 weight of every field vector (two thirds of the bytes, and they
compress badly).  The library page receives instead what the weights are made
of: sorted terms, postings as document numbers (gaps between them, with term
frequencies above one marked by a negative number after the gap) and field
lengths.  :func:`unpack_index` here and ``unpackIndex`` in library-search.js
rebuild lunr's serialization with lunr's formulas; the parity test checks that
lunr.py and lunr.js answer the same from it.

:func:`pack_index` packs an index built by lunr.py's builder (the reference); the
build makes the same dict directly (:mod:`resource_library.search.packed`).
"""

from __future__ import annotations

import math
from typing import Any

from resource_library.search.index import FIELDS

K1, B = 1.2, 0.75  # lunr's BM25 defaults (Builder.k1, Builder.b)


def pack_index(index, field_boosts=FIELDS) -> dict:
    """The compact form of a lunr.py index made by :func:`~resource_library.search.index.build_index`
    (or ``build_documents`` with ``field_boosts``)."""
    serialized = index.serialize()
    fields = list(serialized["fields"])
    boosts = dict(field_boosts)
    refs = sorted({key.split("/", 1)[1] for key, _v in serialized["fieldVectors"]})
    number = {ref: i for i, ref in enumerate(refs)}
    # Field lengths and term frequencies are not in lunr's serialization: build_index kept them.
    lengths = {f: [0] * len(refs) for f in fields}
    frequencies = index.rl_frequencies
    for field_ref, length in index.rl_field_lengths.items():
        field_name, ref = field_ref.split("/", 1)
        lengths[field_name][number[ref]] = length
    terms, postings = [], []
    for term, posting in serialized["invertedIndex"]:
        terms.append(term)
        row = []
        for field_name in fields:
            out, previous = [], 0
            for n in sorted(number[ref] for ref in posting.get(field_name, {})):
                out.append(n - previous)
                previous = n
                tf = frequencies[f"{field_name}/{refs[n]}"].get(term, 1)
                if tf > 1:
                    out.append(-tf)
            row.append(out)
        postings.append(row)
    return {
        "version": serialized["version"],
        "fields": fields,
        "boosts": [boosts.get(f, 1) for f in fields],
        "pipeline": serialized["pipeline"],
        "refs": refs,
        "lengths": [lengths[f] for f in fields],
        "terms": terms,
        "postings": postings,
    }


def _round3(score: float) -> float:
    # Half up, as written in library-search.js, so both sides get the same weights.
    scaled = score * 1000
    whole = math.floor(scaled)
    if scaled - whole >= 0.5:
        whole += 1
    return whole / 1000


def unpack_index(packed: dict) -> dict:
    """lunr's serialization of a :func:`pack_index` result (what ``lunr.Index.load`` takes)."""
    fields, refs = packed["fields"], packed["refs"]
    count = len(refs)
    average = [sum(lengths) / count if count else 0 for lengths in packed["lengths"]]
    inverted: list[list[Any]] = []
    vectors: dict[tuple[int, int], list[float]] = {(f, n): [] for f in range(len(fields)) for n in range(count)}
    for i, (term, row) in enumerate(zip(packed["terms"], packed["postings"])):
        posting: dict = {"_index": i}
        docs_per_field = []
        for f, entries in enumerate(row):
            docs: list[list[int]] = []
            n = 0
            for value in entries:
                if value < 0:
                    docs[-1][1] = -value
                else:
                    n += value
                    docs.append([n, 1])
            docs_per_field.append(docs)
            posting[fields[f]] = {refs[d]: {} for d, _tf in docs}
        inverted.append([term, posting])
        with_term = sum(len(docs) for docs in docs_per_field)
        x = (count - with_term + 0.5) / (with_term + 0.5)
        idf = math.log(1 + abs(x))
        for f, docs in enumerate(docs_per_field):
            for d, tf in docs:
                length = packed["lengths"][f][d]
                score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[f])) + tf)
                score *= packed["boosts"][f]
                vectors[(f, d)] += [i, _round3(score)]
    return {
        "version": packed["version"],
        "fields": fields,
        "fieldVectors": [[f"{fields[f]}/{refs[d]}", v] for (f, d), v in vectors.items()],
        "invertedIndex": inverted,
        "pipeline": packed["pipeline"],
    }


def load_packed(packed: dict):
    """A lunr.py index from the compact form (or its wire form), as the browser gets it."""
    from lunr.index import Index

    from resource_library.search.wire import from_wire

    return Index.load(unpack_index(from_wire(packed)))

"""Whether a PDF under ``docs/`` is only a document: no script, nothing it launches or sends.

A browser opens a PDF in its own viewer, and that viewer runs the JavaScript a PDF
may carry: Chromium's shows a script's ``app.alert`` dialogs as soon as the file
opens (found by ``tests/browser/test_hostile_valid.py``), and the site's
Content-Security-Policy does not reach it.  Other readers also launch programs, or
send and load form data, where a PDF asks them to.  So every PDF under ``docs/`` is
read (within the cap on downloads) and refused when it holds one of the names of
:data:`REFUSED`: a script (``/JavaScript`` is the type of every script action and
the name of the document's scripts), a program or file to launch, a form sent or
filled from elsewhere, an XFA form (its fields carry scripts), a rendition (which
may run a script), or encryption (the objects of an encrypted PDF cannot be read,
so what it holds cannot be known).

Names are read as a PDF reader reads them (``#xx`` escapes decoded):

- everywhere in the file's bytes, comments, strings and stream data included: a
  reader goes straight to each object at the offset its cross-reference table
  gives, wherever that is;
- inside object streams, where PDFs written since PDF 1.5 keep most of their
  objects compressed.  Each stream's dictionary is parsed (strings, comments,
  nested dictionaries, references) from its object's ``N G obj`` header; a stream
  of objects (``/N``, ``/First`` or ``/Type /ObjStm``) is decoded with every
  filter chain its dictionary names (Flate, LZW, ASCII hex, ASCII 85, run length,
  their short names, the PNG and TIFF predictors), each decoder reading from the
  start of the data to where its own data ends, so a false ``/Length`` or
  ``endstream`` hides nothing.  When no header parses, the text back to the end
  of the object before is searched for those names instead.  A stream of objects
  that cannot be decoded here (another filter, a filter given by reference) is
  refused, and so is a file whose reading would take more than
  :data:`WORK_BUDGET` bytes of work.  The filters are :mod:`resource_library.load.pdffilters`.

The names refused are long enough that compressed data (fonts, images) never holds
them by chance, and a PDF exported or printed by an office program holds none of
them.  Every scan is linear in the size of the file; the rest is bounded by the
budget.
"""

from __future__ import annotations

import bisect
import re

from resource_library.load.pdffilters import Undecodable, decode, spend
from resource_library.load.problems import Problem

#: Name → (what it is, why it is refused).
REFUSED = {
    "JavaScript": ("JavaScript", "browsers' PDF viewers run it as soon as the file is opened"),
    "Launch": ("an action that launches a program or opens another file", "a reader's computer would run it"),
    "SubmitForm": ("a form that sends what is typed in it to an address", "it would send readers' data elsewhere"),
    "ImportData": ("a form that loads its data from another file", "it would load content from elsewhere"),
    "XFA": ("an XFA form", "its fields carry scripts that some readers run"),
    "Rendition": ("a media action", "it may run a script"),
    "Encrypt": ("encryption", "what an encrypted PDF holds cannot be read, so it cannot be checked"),
}
#: Bytes of work per file, at most: dictionaries parsed, streams of objects read and unpacked
#: (a PDF of 20 MB exported by an office program needs a few MB).
WORK_BUDGET = 64 * 1024 * 1024

_SPACE = rb"\x00\t\n\x0c\r "
_DELIMITERS = rb"()<>\[\]{}/%"
_REGULAR = rb"[^" + _SPACE + _DELIMITERS + rb"]"
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _spelled(name: str) -> bytes:
    """A pattern for ``/name`` as a PDF may write it: any character as itself or as ``#xx``."""
    return (
        rb"/"
        + b"".join(b"(?:%s|#%X|#%x)" % (re.escape(c.encode()), ord(c), ord(c)) for c in name)
        + rb"(?!"
        + _REGULAR
        + rb")"
    )


def _names_pattern(names) -> re.Pattern:
    # Most names start with another letter: the lookahead turns them away at once.
    first = b"".join(re.escape(n[0].encode()) for n in names)
    return re.compile(
        b"(?=/[" + first + b"#])(?:" + b"|".join(b"(?P<n%d>%s)" % (i, _spelled(n)) for i, n in enumerate(names)) + b")"
    )


_REFUSED_NAMES = list(REFUSED)
_REFUSED_PATTERN = _names_pattern(_REFUSED_NAMES)
_MARK = _names_pattern(["N", "First", "ObjStm"])
_FILTER = re.compile(
    _spelled("Filter") + rb"(?:[" + _SPACE + rb"]|%[^\r\n]*)*(\[[^\]]*\]|/" + _REGULAR + rb"*"
    rb"|\d+[" + _SPACE + rb"]+\d+[" + _SPACE + rb"]+R)"
)
_NAME = re.compile(rb"/(" + _REGULAR + rb"*)")
# The keyword that starts a stream's data ("endstream" is not one); as in readers, the data starts after
# the line break that follows it.
_STREAM = re.compile(rb"(?<![A-Za-z])stream[^\r\n]{0,64}(?:\r\n|\n|\r)")
_OBJECT_END = re.compile(rb"end(?:obj|stream)(?!" + _REGULAR + rb")")
_SKIP = re.compile(rb"(?:[" + _SPACE + rb"]+|%[^\r\n]*)*")
_TOKEN = re.compile(rb"(<<|>>|[\[\]{}(]|<[^>]*>|/" + _REGULAR + rb"*|" + _REGULAR + rb"+|.)", re.S)
_REFERENCE = re.compile(
    rb"(?:[" + _SPACE + rb"]+|%[^\r\n]*)+\d+(?:[" + _SPACE + rb"]+|%[^\r\n]*)+R(?!" + _REGULAR + rb")"
)
_PAREN = re.compile(rb"\\.|[()]", re.S)
_NUMBER_AFTER = {
    key: re.compile(_spelled(key) + rb"[" + _SPACE + rb"]+(\d+)")
    for key in ("Predictor", "Columns", "Colors", "BitsPerComponent", "EarlyChange")
}
_BOUNDARY = frozenset(b"\x00\t\n\x0c\r ()<>[]{}/%")
#: How far back from ``stream`` its object's header is looked for, and how many headers are tried;
#: without a header, how far back its dictionary's names are looked for.
_WINDOW = 64 * 1024
_REGION = 4 * 1024
_HEADERS = 8
# What each stream costs at least: the work of reading a stream's header and dictionary in Python.
_PER_STREAM = 1024
_MAX_DEPTH = 32


class _Syntax(Exception):
    """Text that does not parse as a PDF value."""


class _Reference:
    """An indirect reference (``12 0 R``): what it leads to is not followed."""


def _name(raw: bytes) -> str:
    return _HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")


def _refused(data):
    """``(offset, name)`` of each refused name of ``data``."""
    for match in _REFUSED_PATTERN.finditer(data):
        yield match.start(), _REFUSED_NAMES[int(match.lastgroup[1:])]


# --- A stream's dictionary ---------------------------------------------------------------


def _skip(raw: bytes, at: int, end: int) -> int:
    """Where the white space and comments from ``at`` end (``_SKIP`` matches the empty string too)."""
    found = _SKIP.match(raw, at, end)
    return found.end() if found is not None else at


def _value(raw: bytes, at: int, end: int, depth: int, budget: list):
    """``(value, position after it)`` of the value at ``at``: a dict (key → list of values, as a
    reader keeps the last and a string may imitate the first), a list, a name (``str``), a
    :class:`_Reference`, or ``None`` for anything else."""
    at = _skip(raw, at, end)
    token = _TOKEN.match(raw, at, end)
    if token is None or depth > _MAX_DEPTH:
        raise _Syntax
    text, position = token.group(1), token.end()
    spend(budget, position - at)
    if text == b"<<":
        found: dict = {}
        while True:
            position = _skip(raw, position, end)
            if raw.startswith(b">>", position) and position + 2 <= end:
                return found, position + 2
            key = _TOKEN.match(raw, position, end)
            if key is None or not key.group(1).startswith(b"/"):
                raise _Syntax
            value, position = _value(raw, key.end(), end, depth + 1, budget)
            found.setdefault(_name(key.group(1)[1:]), []).append(value)
    if text == b"[":
        items: list = []
        while True:
            position = _skip(raw, position, end)
            if raw.startswith(b"]", position) and position < end:
                return items, position + 1
            value, position = _value(raw, position, end, depth + 1, budget)
            items.append(value)
    if text == b"(":
        nesting = 0
        for mark in _PAREN.finditer(raw, at, end):
            nesting += {b"(": 1, b")": -1}.get(mark.group(0), 0)
            if nesting == 0:
                spend(budget, mark.end() - position)
                return None, mark.end()
        raise _Syntax
    if text.startswith(b"/"):
        return _name(text[1:]), position
    if text.isdigit():
        reference = _REFERENCE.match(raw, position, end)
        if reference:
            return _Reference(), reference.end()
        return int(text), position
    if text in (b">>", b"]", b")", b"{", b"}"):
        raise _Syntax
    return None, position


def _dictionary(raw: bytes, here: int, budget: list):
    """The parsed dictionary of the stream whose keyword starts at ``here``, or ``None``.

    The headers (``obj``) before it are tried nearest first: one inside a string of the
    dictionary does not parse up to the keyword, and the next one back is tried.
    """
    low, stop, tried = max(0, here - _WINDOW), here, 0
    while tried < _HEADERS:
        found = raw.rfind(b"obj", low, stop)
        spend(budget, stop - max(found, low))
        if found < 0:
            return None
        stop = found
        if (found and raw[found - 1] not in _BOUNDARY) or (found + 3 < len(raw) and raw[found + 3] not in _BOUNDARY):
            continue  # "endobj", or a longer word
        tried += 1
        try:
            value, position = _value(raw, found + 3, here, 0, budget)
        except _Syntax:
            continue
        if isinstance(value, dict) and _skip(raw, position, here) == here:
            return value
    return None


def _chains_of(dictionary: dict) -> list:
    """``[(filters, parameters per filter)]``: each ``/Filter`` value with the ``/DecodeParms`` values."""
    chains = []
    parameters = dictionary.get("DecodeParms", []) + dictionary.get("DP", [])
    for value in dictionary.get("Filter", []):
        filters = [value] if isinstance(value, (str, _Reference)) else value if isinstance(value, list) else []
        if any(not isinstance(f, str) for f in filters) or any(
            isinstance(p, _Reference) or (isinstance(p, list) and any(isinstance(q, _Reference) for q in p))
            for p in parameters
        ):
            raise Undecodable("its filter is given by reference")
        for given in parameters or [None]:
            per_filter = list(given) if isinstance(given, list) else [given] * len(filters)
            per_filter += [None] * (len(filters) - len(per_filter))
            chains.append((tuple(filters), tuple(_numbers(p) for p in per_filter[: len(filters)])))
    return chains


def _numbers(parameters) -> dict:
    """The numbers of one ``/DecodeParms`` dictionary (parsed), or ``{}``."""
    if not isinstance(parameters, dict):
        return {}
    return {key: values[-1] for key, values in parameters.items() if values and isinstance(values[-1], int)}


def _region_chains(region: bytes) -> list:
    """Filter chains named in ``region`` (the text back to the object before, when no header parses)."""
    numbers = {}
    for key, pattern in _NUMBER_AFTER.items():
        match = pattern.search(region)
        if match:
            numbers[key] = int(match.group(1))
    chains = []
    for match in _FILTER.finditer(region):
        if match.group(1).endswith(b"R"):
            raise Undecodable("its filter is given by reference")
        names = re.sub(rb"%[^\r\n]*", b" ", match.group(1))
        filters = tuple(_name(m.group(1)) for m in _NAME.finditer(names))
        chains.append((filters, tuple(numbers for _ in filters)))
    return chains


# --- The check -----------------------------------------------------------------------------


def _position(raw: bytes, offset: int) -> tuple:
    return raw.count(b"\n", 0, offset) + 1, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def _is_object_stream(dictionary: dict) -> bool:
    if "N" in dictionary or "First" in dictionary:
        return True
    return any(value == "ObjStm" or isinstance(value, _Reference) for value in dictionary.get("Type", []))


def pdf_problems(raw: bytes, shown: str) -> list:
    """Problems of the PDF file ``shown`` whose bytes are ``raw`` (empty when it is only a document)."""
    found: dict = {}  # name -> (line, column, whether in a stream of objects)
    for offset, name in _refused(raw):
        found.setdefault(name, _position(raw, offset) + (False,))
    ends = [m.end() for m in _OBJECT_END.finditer(raw)]
    view = memoryview(raw)
    budget = [WORK_BUDGET]
    unreadable = None
    for stream in _STREAM.finditer(raw):
        here = stream.start()
        try:
            spend(budget, _PER_STREAM)
            dictionary = _dictionary(raw, here, budget)
            if dictionary is not None:
                if not _is_object_stream(dictionary):
                    continue  # page content, an image, a font
                chains = _chains_of(dictionary)
            else:
                index = bisect.bisect_left(ends, here)
                start = max(ends[index - 1] if index else 0, here - _REGION)
                spend(budget, here - start)
                if not _MARK.search(raw, start, here):
                    continue
                chains = _region_chains(raw[start:here])
            for filters, parameters in chains[:_HEADERS]:
                for _, name in _refused(decode(view[stream.end() :], filters, parameters, budget)):
                    found.setdefault(name, _position(raw, here) + (True,))
        except Undecodable as exc:
            unreadable = unreadable or (_position(raw, here), str(exc))
            if budget[0] < 0:
                break
    problems = []
    for name, (line, column, packed) in sorted(found.items(), key=lambda item: item[1][:2]):
        what, why = REFUSED[name]
        where = " in its compressed objects" if packed else ""
        advice = (
            "save it again without a password or protection"
            if name == "Encrypt"
            else "export or print it again as a plain PDF, without scripts, actions or form fields"
        )
        problems.append(Problem(shown, line, column, "-", f"the PDF holds {what} (/{name}){where}: {why}; {advice}"))
    if unreadable and not problems:
        (line, column), reason = unreadable
        problems.append(
            Problem(
                shown,
                line,
                column,
                "-",
                (
                    f"the PDF keeps objects in a compressed stream that cannot be read to check it ({reason}), so what "
                    "it holds cannot be known; export or print it again as a plain PDF"
                ),
            )
        )
    return problems

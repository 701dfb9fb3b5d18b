"""Read one YAML file into plain data plus the position of every value.

PyYAML's composer gives every node its start mark; this module keeps those marks
in a :class:`Positions` map keyed by field path, detects duplicate keys (which
PyYAML accepts silently, keeping the last one), and turns every way a file can
fail to load (not UTF-8, empty, too large, a link or a device, tabs, syntax) into a
:class:`~resource_library.load.problems.Problem` instead of an exception.

Dates are kept as the text the editor wrote (``2021-05-11``), so the validator
can say which dates are not ISO dates instead of PyYAML failing on them.  Keys are
always the text the editor wrote: a term ``no:`` is the term ``no``, not ``False``.
Values that YAML 1.1 reads as something other than text (``no``, ``on``, ``~``,
``1.10``) keep what was written beside them (``Positions.written``), so a
message can quote the editor instead of Python.  Control, bidirectional and
invisible characters, and names outside ASCII, are refused here for every file
(:mod:`resource_library.load.unicode`).  The module stays one piece past 400 lines
on purpose: everything asked of PyYAML, and everything it answers, passes here.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from resource_library.load.files import LIMITS, read_limited
from resource_library.load.problems import ERROR, Problem
from resource_library.load.unicode import blanked, name_problem, source_characters, source_problems, value_problems
from resource_library.load.yamlerrors import field_at, syntax_problem
from resource_library.text.unicode import visible

try:  # libyaml is an order of magnitude faster; fall back when it is absent.
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    # PyYAML's stubs give the C and pure-Python loaders no common base class.
    _BaseLoader = yaml.SafeLoader  # type: ignore[misc, assignment]

#: A record is a few kilobytes; anything far larger is a mistake (a pasted file).
MAX_BYTES = LIMITS["yaml"][0]

#: Records nest four levels at most; this bound keeps every walk over a file shallow.
MAX_DEPTH = 32
_BRACKETS = re.compile(r"[\[\]{}]")
_BLOCK_INDICATORS = re.compile(r"^[ \t]*((?:[-?][ \t]+)+)", re.M)
_REFUSED = "anchors and aliases"

FieldPath = tuple  # of str (mapping keys) and int (list indexes)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that keeps timestamps as strings."""


# PyYAML's stubs type add_constructor's function against the loader, not its constructor base.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _BaseLoader.construct_yaml_str)  # type: ignore[type-var]
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass
class Positions:
    """Where each field of a document starts: ``(line, column)``, both 1-based.

    ``keys`` holds the position of a mapping key (where an unknown field is),
    ``values`` the position of the value (where a wrong value is).
    """

    keys: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    #: Paths of block scalars (``|`` or ``>``), whose text starts on the next line.
    blocks: set = field(default_factory=set)
    #: Paths of quoted values and keys: their text starts one column after the quote.
    quoted: set = field(default_factory=set)
    quoted_keys: set = field(default_factory=set)
    #: What the editor wrote, for plain values YAML did not read as text (``no``, ``1.10``, ``~``).
    written: dict = field(default_factory=dict)

    def of_text_line(self, path: FieldPath, line_index: int) -> tuple[int, int]:
        """Position of line ``line_index`` (0-based) inside the text value at ``path``."""
        line, column = self.of_value(path)
        if path in self.blocks:
            return line + 1 + line_index, 1
        return line + line_index, column if line_index == 0 else 1

    def of_key(self, path: FieldPath) -> tuple[int, int]:
        """Position of the key at ``path``, or of its closest known ancestor."""
        return self._lookup(self.keys, path) or self.of_value(path)

    def of_value(self, path: FieldPath) -> tuple[int, int]:
        """Position of the value at ``path``, or of its closest known ancestor."""
        return self._lookup(self.values, path) or (1, 1)

    def _lookup(self, table: dict, path: FieldPath):
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            path = path[:-1]
        return table.get(())


@dataclass
class Document:
    """A loaded YAML file: its data, where each value is, and what went wrong."""

    path: str
    data: Any
    positions: Positions
    problems: list
    #: A digest of the file's bytes (``b""`` when it could not be read): equal digests, equal data.
    digest: bytes = b""

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def problem(
        self, path: FieldPath, message: str, severity: str = ERROR, *, key: bool = False, line_index: int | None = None
    ) -> Problem:
        """A problem at the value of ``path`` in this file (the one way to name a position in it).

        Args:
            key: point at the key of ``path`` instead of its value (an unknown field).
            line_index: point at that line (0-based) of a multi-line text value.
        """
        if key:
            line, column = self.positions.of_key(path)
        elif line_index is None:
            line, column = self.positions.of_value(path)
        else:
            line, column = self.positions.of_text_line(path, line_index)
        return Problem(self.path, line, column, field_name(path), message, severity)

    def column(self, path: FieldPath, key: bool = False) -> int:
        """The column where the text of the value (or key) at ``path`` starts, after any quote."""
        if key:
            return self.positions.of_key(path)[1] + (1 if tuple(path) in self.positions.quoted_keys else 0)
        return self.positions.of_value(path)[1] + (1 if tuple(path) in self.positions.quoted else 0)


def field_name(path: FieldPath) -> str:
    """``("title", "fr")`` → ``title.fr``; ``("tiers", 1)`` → ``tiers[1]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + visible(str(part))
    return out or "-"


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_text(text: str, path: str) -> Document:
    """Parse ``text`` (the content of ``path``) into a :class:`Document`."""
    positions = Positions()
    problems: list[Problem] = []
    if not text.strip():
        problems.append(
            Problem(
                path,
                1,
                1,
                "-",
                "the file is empty; a record needs at least id, type, title, summary, languages and published",
            )
        )
        return Document(path, None, positions, problems)
    found = source_characters(text)
    if found:  # PyYAML refuses most of them itself, without naming the field: name them all first
        shape = load_text(blanked(text, found), path)
        problems = [
            Problem(path, line, column, field_name(at), message)
            for line, column, at, message in source_problems(text, found, shape.positions)
        ]
        return Document(path, None, shape.positions, problems)
    deep = _too_deep(text)
    if deep:
        problems.append(
            Problem(
                path,
                deep,
                1,
                "-",
                f"values are nested more than {MAX_DEPTH} levels deep; "
                "a record needs only a few (is a bracket [ or { never closed?)",
            )
        )
        return Document(path, None, positions, problems)
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, found before parsing starts
        problems.append(_reader_problem(exc, text, path))
        return Document(path, None, positions, problems)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "-",
                    "the file holds only comments; a record needs at least id, type, title, summary, languages and published",
                )
            )
            return Document(path, None, positions, problems)
        _walk(node, (), positions, problems, path, set(), text.split("\n"))
        if any(p.is_error for p in problems if p.message.startswith(_REFUSED)):
            return Document(path, None, positions, problems)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        problems.append(syntax_problem(exc, text, path))
        return Document(path, None, positions, problems)
    except yaml.reader.ReaderError as exc:  # a character PyYAML refuses (source_characters finds most first)
        problems.append(_reader_problem(exc, text, path))
        return Document(path, None, positions, problems)
    except (ValueError, TypeError) as exc:  # constructor failures outside YAML marks
        problems.append(Problem(path, 1, 1, "-", f"the file cannot be read as YAML: {exc}"))
        return Document(path, None, positions, problems)
    finally:
        loader.dispose()
    found = value_problems(data, positions, text.split("\n"))
    if found:
        problems += [Problem(path, line, column, field_name(at), message) for at, line, column, message in found]
        return Document(path, None, positions, problems)
    return Document(path, data, positions, problems)


class _ParseCache:
    """Parsed documents by file, reused while the file's bytes stay the same.

    One build reads each record three times (the catalogue, the translation state,
    the French typography warnings) and ``mkdocs serve`` rebuilds after every
    edit; parsing is most of that work.  An entry is keyed by the file and the
    name problems show, and is valid only for the exact bytes it was parsed from
    (a digest, not the modification time: two writes within one timestamp tick
    of a coarse file system clock would look identical).  Least recently used
    entries go first once the parsed files add up to :attr:`limit` bytes of YAML.
    """

    #: Bytes of YAML kept parsed (a parsed record takes about six times its size):
    #: room for every record of a 5,000-record library, well under the memory budget.
    limit = 32 * 1024 * 1024
    #: Counted per entry on top of its size, so a swarm of tiny files is bounded too.
    overhead = 1024

    def __init__(self):
        self._entries: OrderedDict = OrderedDict()  # (path, shown) -> (digest, cost, Document)
        self._size = 0

    def get(self, key: tuple, digest: bytes):
        entry = self._entries.get(key)
        if entry is None:
            return None
        if entry[0] != digest:
            self.discard(key)
            return None
        self._entries.move_to_end(key)
        return entry[2]

    def put(self, key: tuple, digest: bytes, doc: Document, size: int) -> None:
        self.discard(key)
        cost = size + self.overhead
        self._entries[key] = (digest, cost, doc)
        self._size += cost
        while self._size > self.limit and len(self._entries) > 1:
            _, (_, old_cost, _) = self._entries.popitem(last=False)
            self._size -= old_cost

    def entry(self, key: tuple) -> tuple | None:
        """``(digest, cost, document)`` of ``key``, or None."""
        return self._entries.get(key)

    def __contains__(self, key: tuple) -> bool:
        return key in self._entries

    def discard(self, key: tuple) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._size -= entry[1]

    def discard_missing(self) -> None:
        """Forget the files that no longer exist (deleted or renamed records)."""
        for key in [k for k in self._entries if not os.path.isfile(k[0])]:
            self.discard(key)

    def clear(self) -> None:
        self._entries.clear()
        self._size = 0

    def __len__(self) -> int:
        return len(self._entries)


_cache = _ParseCache()


def forget_missing_files() -> None:
    """Drop parsed documents of files that were deleted since (see :class:`_ParseCache`)."""
    _cache.discard_missing()


class _ReadOnce:
    """The files read under one walk of their folders (:func:`files_unchanged`)."""

    def __init__(self) -> None:
        self.walk: object = None
        self.files: set = set()
        self.depth = 0


_read_once = _ReadOnce()


@contextmanager
def files_unchanged(walk: object) -> Iterator[None]:
    """Within it, a file :func:`load_file` read once since ``walk`` was made is not read again.

    ``walk`` is what the caller saw of the folders (names, sizes, times: the build's
    ``signature``), the same object for every load it vouches for: one build reads each
    record for the catalogue, its links, its translation state and its French warnings,
    and a file saved meanwhile is read by the next build, which sees another walk.
    Outside it (``check``, scripts, tests that edit files) every call reads the file.
    """
    if _read_once.walk is not walk:
        _read_once.walk, _read_once.files = walk, set()
    _read_once.depth += 1
    try:
        yield
    finally:
        _read_once.depth -= 1


def parsed(file: Path, display_path: str | None = None) -> bool:
    """Whether ``file`` (named ``display_path`` in problems) was parsed before, from any bytes."""
    return (os.path.abspath(file), display_path or str(file)) in _cache


def parsed_entry(file: Path, display_path: str | None = None) -> tuple | None:
    """What the parse cache holds for ``file``, to hand to another process (:func:`keep_parsed`)."""
    key = (os.path.abspath(file), display_path or str(file))
    entry = _cache.entry(key)
    return None if entry is None else (key, *entry)


def keep_parsed(entry: tuple) -> Document:
    """Put a :func:`parsed_entry` of another process in this process's parse cache; the document kept."""
    key, digest, cost, doc = entry
    _cache.put(key, digest, doc, cost - _cache.overhead)
    return doc


def load_file(file: Path, display_path: str | None = None) -> Document:
    """Read and parse one YAML file; never raises for bad content.

    A file whose bytes did not change since it was last parsed is not parsed
    again: the result is shared, so callers must treat ``data`` and
    ``positions`` as read-only (each call gets its own ``problems`` list).
    """
    shown = display_path or str(file)
    key = (os.path.abspath(file), shown)
    if _read_once.depth and key in _read_once.files:
        entry = _cache.entry(key)
        if entry is not None:
            return _shared(entry[2], entry[0])
    raw = _read_bytes(file, shown)
    if isinstance(raw, Document):  # too large or unreadable: nothing worth keeping
        _cache.discard(key)
        return raw
    digest = hashlib.blake2b(raw, digest_size=16).digest()
    doc = _cache.get(key, digest)
    if doc is None:
        doc = _parse_bytes(raw, shown)
        _cache.put(key, digest, doc, len(raw))
    if _read_once.depth:
        _read_once.files.add(key)
    return _shared(doc, digest)


def _shared(doc: Document, digest: bytes) -> Document:
    """The parsed ``doc`` for one caller: the same data, its own list of problems
    (as ``dataclasses.replace``, at a third of the cost: thousands of calls per build)."""
    return Document(doc.path, doc.data, doc.positions, list(doc.problems), digest)


def _read_bytes(file: Path, shown: str):
    """The file's bytes, or a :class:`Document` saying why they cannot be parsed (see :func:`read_limited`)."""
    raw = read_limited(file, shown, "yaml")
    if isinstance(raw, Problem):
        return Document(shown, None, Positions(), [raw])
    return raw


def _parse_bytes(raw: bytes, shown: str) -> Document:
    """Parse a file's bytes (UTF-8, with or without a byte order mark)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Document(
            shown,
            None,
            Positions(),
            [
                Problem(
                    shown,
                    line,
                    column,
                    "-",
                    "the file is not UTF-8 text; save it as UTF-8 (in most editors: 'Save with encoding' → UTF-8)",
                )
            ],
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return load_text(text, shown)


def _too_deep(text: str) -> int:
    """The line where flow brackets or block indicators nest past :data:`MAX_DEPTH`, else 0.

    libyaml composes nodes recursively in C: a file of 100,000 opening brackets
    (well under :data:`MAX_BYTES`) would crash the interpreter instead of raising.
    The count ignores quotes, so it can only over-estimate the real depth.
    """
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group(0) in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            return text.count("\n", 0, match.start()) + 1
    for match in _BLOCK_INDICATORS.finditer(text):
        if match.group(1).count("-") + match.group(1).count("?") > MAX_DEPTH:
            return text.count("\n", 0, match.start()) + 1
    return 0


#: Keys of the texts of one language, where " #" glued to what follows (" #3") cuts a text short:
#: a comment is written "# ..." with a space after the "#".
_LANGUAGE_KEYS = ("en", "fr")
_COMMENT_AFTER = re.compile(r"[ \t]+#(?=[^\s#])")


def _cut_by_comment(node: yaml.ScalarNode, path: FieldPath, lines: list, file: str):
    """A problem when a plain text of one language is followed by `` #...`` on its line (read as a comment)."""
    if node.style or not path or path[-1] not in _LANGUAGE_KEYS or node.end_mark.line >= len(lines):
        return None
    rest = lines[node.end_mark.line][node.end_mark.column :]
    comment = _COMMENT_AFTER.match(rest)
    if comment is None:
        return None
    return Problem(
        file,
        node.end_mark.line + 1,
        node.end_mark.column + comment.end(),
        field_name(path),
        "the text stops before ' #': YAML reads ' #' and what follows as a comment; put the whole text in "
        'double quotes ("...")',
    )


def _walk(
    node: yaml.Node, path: FieldPath, positions: Positions, problems: list, file: str, seen_nodes: set, lines: list
) -> None:
    if id(node) in seen_nodes:
        # An alias (*name) of a node given earlier: expanding shared nodes lets a
        # small file grow exponentially ("billion laughs"), so records do not use them.
        if any(p.message.startswith(_REFUSED) for p in problems):
            return  # one report is enough
        # The node's own mark is where the anchor is; the key says where the alias is.
        line, column = positions.keys.get(path) or _mark(node)
        problems.append(
            Problem(
                file,
                line,
                column,
                field_name(path),
                f"{_REFUSED} (&name and *name) are not supported; write the value out in full",
            )
        )
        return
    seen_nodes.add(id(node))
    if len(path) > MAX_DEPTH:
        return
    positions.values[path] = _mark(node)
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("'", '"'):
            positions.quoted.add(path)
        elif not node.style and node.tag not in (_STR, _TIMESTAMP):
            positions.written[path] = node.value
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                line, column = _mark(key_node)
                problems.append(Problem(file, line, column, field_name(path), "a key must be plain text"))
                continue
            key_node.tag = _STR  # a key is the text written: `no:` is the term 'no', not False
            child = path + (key,)
            quoted = key_node.style in ("'", '"')
            odd = name_problem(key, _mark(key_node)[1] + quoted)
            if odd:
                line, column = _mark(key_node)
                problems.append(Problem(file, line, column, field_name(child), odd))
            if key in seen:
                line, column = _mark(key_node)
                problems.append(
                    Problem(
                        file,
                        line,
                        column,
                        field_name(child),
                        f"duplicate key '{key}' (first given on line {seen[key]}); keep only one",
                    )
                )
            else:
                seen[key] = _mark(key_node)[0]
                positions.keys[child] = _mark(key_node)
                if quoted:
                    positions.quoted_keys.add(child)
            _walk(value_node, child, positions, problems, file, seen_nodes, lines)
    elif isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        positions.blocks.add(path)
    elif isinstance(node, yaml.ScalarNode):
        cut = _cut_by_comment(node, path, lines, file)
        if cut:
            problems.append(cut)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, path + (index,), positions, problems, file, seen_nodes, lines)


#: Names of the control characters most often pasted by mistake (Unicode gives them none).
_CONTROL_NAMES = {
    0x00: "NULL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


def character_name(character: str) -> str:
    """``U+0000 NULL``: the code point and name of a character, for messages."""
    code = ord(character)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(character, "")
    if not name:
        return (
            f"U+{code:04X} ({'a control character' if code < 0x20 or 0x7F <= code < 0xA0 else 'not a text character'})"
        )
    return f"U+{code:04X} {name}"


def _reader_problem(exc: yaml.reader.ReaderError, text: str, path: str) -> Problem:
    """A character YAML does not allow (NUL and other control characters), at its place."""
    position = min(max(exc.position, 0), len(text))
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Problem(
        path,
        line,
        column,
        field_at(text, line - 1),
        f"the file holds {character_name(character)}, which YAML does not allow "
        "(most editors do not show it); delete it",
    )


def metadata_mapping(text: str) -> bool:
    """Whether MkDocs reads ``text`` (a page's front matter) as a mapping, as its own loader does.

    MkDocs removes a page's front matter only then (see
    :func:`resource_library.load.frontmatter.markdown_offset`).  Front matter nested
    too deep for the C parser is answered without parsing it.
    """
    if _too_deep(text):
        return False
    try:
        return isinstance(yaml.load(text, Loader=_BaseLoader), dict)
    except Exception:  # MkDocs catches every failure of its loader the same way
        return False

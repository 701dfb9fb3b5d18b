"""Mistakes a hurried or hostile editor makes, as edits of the TEXT of a project's files.

``tests/test_check_implies_build.py`` applies one to three of them to a copy of
the shipped content and holds ``check`` and ``mkdocs build --strict`` to the same
verdict.  Each kind of mistake works on the files' text, not on parsed data, so
the YAML and Markdown readers see what editors really type: a deleted or
duplicated line, a stray character, a term one letter off, a date that does not
exist, raw HTML in a description, a broken front matter...

A :class:`Mutation` names a kind, a file and three numbers: which candidate place
(``where``, taken modulo the number of places the kind finds in the file), a
second line for swaps (``other``), and which variant of the kind (``variant``,
modulo the number of variants).  Hypothesis draws and shrinks the numbers; the
file's text decides what they mean, so every drawn mutation applies to something.
:func:`apply` makes the edit and returns a one-line description of what changed.
The catalogue of mistakes and the edits that make them are one thing, kept in one
module (about 400 lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: Characters inserted at random places: YAML and Markdown syntax, HTML, controls,
#: a bidirectional override, an invisible space, look-alikes and a character outside the BMP.
CHARS = (
    ":",
    "#",
    "'",
    '"',
    "-",
    "{",
    "}",
    "[",
    "]",
    "<",
    ">",
    "&",
    "\t",
    "\x00",
    "\u202e",
    "\u200b",
    "é",
    "\u0435",
    "\u00a0",
    "\U0001f600",
)

KEY_LINE = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)?)(?P<key>[A-Za-z_][\w-]*):(?P<rest>(?:[ \t].*)?)$")
DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
BLOCK_INDICATOR = re.compile(r"^[|>][-+]?\d*\s*(#.*)?$")
#: Keys whose value is text in some file (records, drawings, programs, pillars, glossary, interface).
TEXT_KEYS = {
    "en",
    "fr",
    "title",
    "summary",
    "description",
    "alt",
    "label",
    "definition",
    "note",
    "text",
    "name",
    "publisher",
    "caption",
    "heading",
}
#: Record fields whose values are vocabulary terms.
TERM_KEYS = {
    "type",
    "tiers",
    "audiences",
    "pillars",
    "core_elements",
    "implementation_stages",
    "grade_bands",
    "topics",
    "languages",
    "level",
}

DATE_VARIANTS = (
    "2021-02-30",
    "2021-13-01",
    "2021-00-10",
    "someday",
    "2021/02/03",
    "2021-2-3",
    "2021-02-03T25:00",
    "0000-01-01",
    "99999-01-01",
    "'2021-02-31'",
    "20210203",
    "yesterday",
)
ID_VARIANTS = (
    "index",
    "Index",
    "My-Record",
    "my record",
    "my_record",
    "-leading",
    "trailing-",
    "double--hyphen",
    "",
    "library",
    "search",
    "404",
    "feed",
    "12",
    "true",
    "x" * 120,
    "{id}\u200b",
    "{cyrillic}",
    "acqess-framework",
    "fr",
    "assets",
    "pillars",
    "glossary",
    "infographics",
    "'{id}'",
    "{id}#1",
)
UNKNOWN_FIELDS = (
    "colour: blue",
    "Title: Bold",
    "t\u0456tle: look-alike",
    "title_fr: Titre",
    "x-note: remember",
    "notes:\n{indent}  - first",
    "en-CA: text",
    "fr-CA: texte",
    "summary: a second summary",
    "todo: TODO",
    "<<: {a: b}",
)
EMPTY_VALUES = ("", '""', "~", "null", "[]", "{}", "' '", '"   "')
NOT_TEXT = (
    "[a, b]",
    "[[nested]]",
    "{a: b}",
    "\n{indent}  - a\n{indent}  - - b",
    "2021-01-01",
    "yes",
    "12",
    "no",
    "{en: [x]}",
)
HTML = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    '<a href="https://evil.example/">x</a>',
    "![x](https://evil.example/p.png)",
    "<iframe src=//evil.example></iframe>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "[x](data:text/html,<script>alert(1)</script>)",
    "<svg onload=alert(1)>",
    '{: onclick="alert(1)" }',
    "[x](vbscript:msgbox)",
    "<style>body{display:none}</style>",
    "&#x3C;script&#x3E;alert(1)",
    "<b>bold</b>",
    "[x](java\tscript:alert(1))",
    "<form action=https://evil.example><input></form>",
    "[x]( javascript:alert(1))",
    "<base href=https://evil.example/>",
)
MISSING_LINKS = (
    "[see](missing-page.md)",
    "[see](../nowhere/index.md)",
    "[see](library/no-such-record.md)",
    "[see](about.md#no-such-section)",
    "[see](pillars/no-such-pillar.md)",
    "[see](/about.md)",
    "[see](files/missing.pdf)",
    "![see](images/missing.png)",
    "[see](about)",
    "[see](#no-such-heading)",
    "[see](no-such-record.md)",
    "[see](core-elements.md#nope)",
)
MISSING_TARGETS = (
    "missing-page.md",
    "library/no-such-record.md",
    "about.md#no-such-section",
    "pillars/no-such-pillar.md",
    "files/missing.pdf",
    "/about.md",
    "https://evil.example/",
    "javascript:alert(1)",
    "",
)
MARKERS = (
    "<!-- resources tier=universl -->",
    "<!-- resources tire=universal -->",
    "<!-- Resources tier=universal -->",
    "<!-- resources tier=universal extra -->",
    "<!-- infographic core-element -->",
    "<!-- infographic -->",
    "<!-- resources -->",
    "<!--resources tier=universal-->",
    "<!-- resources tier=universal",
    "<!-- infographic a b -->",
    "<!-- resources type=infographc -->",
    "<!-- resources tier=Universal -->",
    "<!-- resources tier=univ\u0435rsal -->",
    "<!-- resources pillar= -->",
    "<!-- resources tier=universal,,targeted -->",
    "<!-- INFOGRAPHIC core-elements -->",
    "<!-- resources tier==universal -->",
)
FRONT_MATTER = (
    "unclosed",
    "title: [unclosed",
    "bare",
    "description: <b>x</b>",
    "template: redirect.html",
    "hide: toc",
    "title: 12",
    "\ttitle: tab",
    "empty",
    "search: {exclude: maybe}",
    'title: "a \\" b"',
    "translation: yes",
    "description: |\n  two\n  lines",
    "title:",
    "hide: [navigation, tocs]",
    "translation: {source: x, synced: 2021-02-30}",
)
RENAMES_YML = (".yaml", ".YML", ".Yml", "UPPER", ".yml.bak", ".yml~", " copy.yml", ".txt", ".json")
RENAMES_MD = (".MD", ".markdown", "UPPER", ".md.bak", ".md~", ".txt", ".html", " copy.md")


@dataclass(frozen=True)
class Mutation:
    kind: str
    path: str
    where: int = 0
    other: int = 0
    variant: int = 0


def _pick(seq, n: int):
    return seq[n % len(seq)]


def _lines(text: str) -> list:
    return text.split("\n")


def _show(text: str, limit: int = 70) -> str:
    text = repr(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _front_end(lines: list) -> int:
    """Index of the first line after a page's front matter (0 when there is none)."""
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                return index + 1
    return 0


def _text_lines(lines: list, path: str) -> list:
    """Lines holding text an editor writes: inline ``en:``/``fr:`` values, lines of block
    texts (YAML), or lines of prose (Markdown, after the front matter)."""
    if path.endswith(".md"):
        return [i for i in range(_front_end(lines), len(lines)) if lines[i].strip()]
    found, block = [], None
    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if block is not None:
            if not line.strip():
                continue
            if indent > block:
                found.append(index)
                continue
            block = None
        match = KEY_LINE.match(line)
        if not match:
            continue
        rest = match.group("rest").strip()
        if BLOCK_INDICATOR.match(rest):
            block = len(match.group("lead"))
        elif match.group("key") in TEXT_KEYS and rest and rest[0] not in "[{&*!|>":
            found.append(index)
    return found


def _append_text(line: str, payload: str) -> str:
    """``line`` with ``payload`` at the end of its text (inside the quotes of a quoted value)."""
    stripped = line.rstrip()
    match = KEY_LINE.match(stripped)
    if match:
        rest = match.group("rest").strip()
        if len(rest) > 1 and rest[0] in "'\"" and rest[-1] == rest[0]:
            return stripped[:-1] + " " + payload + rest[0]
    return stripped + " " + payload


def _key_lines(lines: list, keys=None, valued: bool = True) -> list:
    found = []
    for index, line in enumerate(lines):
        match = KEY_LINE.match(line)
        if match and (keys is None or match.group("key") in keys) and (match.group("rest").strip() or not valued):
            found.append(index)
    return found


def _set_value(line: str, value: str) -> str:
    match = KEY_LINE.match(line)
    indent = " " * len(match.group("lead"))
    value = value.replace("{indent}", indent)
    return f"{match.group('lead')}{match.group('key')}:{'' if value.startswith(chr(10)) or not value else ' '}{value}"


def _term_spans(lines: list, terms: set) -> list:
    """``(line, start, end)`` of every vocabulary term written as a value of a term field."""
    spans, inside = [], False
    for index, line in enumerate(lines):
        match = KEY_LINE.match(line)
        if match and not line.startswith((" ", "-")):  # a field of the record
            inside, start = match.group("key") in TERM_KEYS, match.end("key") + 1
        elif match and match.group("key") == "level":  # evidence: {level: <term>}
            spans += [
                (index, m.start(), m.end())
                for m in re.finditer(r"[a-z0-9-]+", line)
                if m.start() > match.end("key") and m.group(0) in terms
            ]
            continue
        elif inside and line.startswith((" ", "-")):  # the field's list, one term a line
            start = 0
        else:
            inside = False
        if inside:
            spans += [
                (index, m.start(), m.end())
                for m in re.finditer(r"[a-z0-9-]+", line)
                if m.start() >= start and m.group(0) in terms
            ]
    return spans


def _near_miss(term: str, variant: int) -> str:
    options = (
        term[:-1],
        term[:1] + term[2:3] + term[1:2] + term[3:] if len(term) > 3 else term + term[-1],
        term[:1].upper() + term[1:],
        term + "s",
        term.replace("-", "_") if "-" in term else term + "_",
        term.replace("e", "\u0435", 1) if "e" in term else term.replace("a", "\u0430", 1),
        term + "\u200b",
        term.upper(),
        term.replace("-", " ") if "-" in term else " " + term,
        "'" + term,
    )
    return _pick(options, variant)


def _french_spans(lines: list) -> list:
    """``(first line, last line)`` of each ``fr:`` entry written on lines of its own."""
    spans = []
    for index, line in enumerate(lines):
        match = KEY_LINE.match(line)
        if not match or match.group("key") != "fr" or "-" in match.group("lead"):
            continue
        indent, last = len(match.group("lead")), index
        for after in range(index + 1, len(lines)):
            if not lines[after].strip():
                continue
            if len(lines[after]) - len(lines[after].lstrip(" ")) > indent:
                last = after
            else:
                break
        spans.append((index, last))
    return spans


_INLINE_FR = re.compile(r",\s*fr:\s*(?:\"[^\"]*\"|'[^']*'|[^,}\n]*)")


def apply(project: Path, mutation: Mutation, known_terms: set) -> str:
    """Make ``mutation`` in ``project``; return what was done, in one line."""
    target = project / mutation.path
    if not target.is_file():
        return f"{mutation.kind} {mutation.path}: skipped (the file is gone)"
    text = target.read_text(encoding="utf-8")
    lines = _lines(text)
    kind, where, variant = mutation.kind, mutation.where, mutation.variant
    at = f"{mutation.kind} {mutation.path}"

    def write(new_lines: list, what: str) -> str:
        target.write_text("\n".join(new_lines), encoding="utf-8")
        return f"{at}: {what}"

    def change_line(index: int, new: str) -> str:
        old = lines[index]
        lines[index] = new
        return write(lines, f"line {index + 1}: {_show(old)} -> {_show(new)}")

    if kind == "delete_line":
        index = where % len(lines)
        removed = lines.pop(index)
        return write(lines, f"deleted line {index + 1}: {_show(removed)}")
    if kind == "duplicate_line":
        index = where % len(lines)
        lines.insert(index, lines[index])
        return write(lines, f"duplicated line {index + 1}: {_show(lines[index])}")
    if kind == "swap_lines":
        first, second = where % len(lines), mutation.other % len(lines)
        lines[first], lines[second] = lines[second], lines[first]
        return write(lines, f"swapped lines {first + 1} and {second + 1}")
    if kind == "indent":
        index, delta = where % len(lines), _pick((1, 2, -1, -2), variant)
        line = lines[index]
        new = " " * delta + line if delta > 0 else line[min(-delta, len(line) - len(line.lstrip(" "))) :]
        return change_line(index, new)
    if kind == "insert_char":
        position, char = where % (len(text) + 1), _pick(CHARS, variant)
        target.write_text(text[:position] + char + text[position:], encoding="utf-8")
        line = text.count("\n", 0, position) + 1
        return f"{at}: inserted {char!r} at line {line}, column {position - (text.rfind(chr(10), 0, position) + 1) + 1}"
    if kind == "near_miss_term":
        spans = _term_spans(lines, known_terms)
        if not spans:
            return f"{at}: no term here"
        index, start, end = _pick(spans, where)
        line = lines[index]
        return change_line(index, line[:start] + _near_miss(line[start:end], variant) + line[end:])
    if kind == "bad_date":
        dates = list(DATE.finditer(text))
        if not dates:
            return f"{at}: no date here"
        found, new = _pick(dates, where), _pick(DATE_VARIANTS, variant)
        target.write_text(text[: found.start()] + new + text[found.end() :], encoding="utf-8")
        return f"{at}: line {text.count(chr(10), 0, found.start()) + 1}: date {found.group(0)} -> {new!r}"
    if kind == "change_id":
        candidates = _key_lines(lines, {"id"}, valued=False)
        if not candidates:
            return f"{at}: no id here"
        index = _pick(candidates, where)
        old = KEY_LINE.match(lines[index]).group("rest").strip()
        cyrillic = old.replace("a", "\u0430", 1) if "a" in old else old.replace("e", "\u0435", 1)
        return change_line(
            index, _set_value(lines[index], _pick(ID_VARIANTS, variant).format(id=old, cyrillic=cyrillic))
        )
    if kind == "unknown_field":
        index = where % len(lines)
        match = KEY_LINE.match(lines[index])
        lead = " " * len(match.group("lead")) if match else ""
        new = lead + _pick(UNKNOWN_FIELDS, variant).replace("{indent}", lead)
        lines.insert(index + 1, new)
        return write(lines, f"inserted after line {index + 1}: {_show(new)}")
    if kind == "empty_value":
        candidates = _key_lines(lines)
        if not candidates:
            return f"{at}: no value here"
        index = _pick(candidates, where)
        return change_line(index, _set_value(lines[index], _pick(EMPTY_VALUES, variant)))
    if kind == "not_text":
        candidates = [i for i in _key_lines(lines, TEXT_KEYS)]
        if not candidates:
            return f"{at}: no text here"
        index = _pick(candidates, where)
        return change_line(index, _set_value(lines[index], _pick(NOT_TEXT, variant)))
    if kind in ("raw_html", "missing_link"):
        if kind == "missing_link" and mutation.path.startswith("data/infographics/"):
            links = _key_lines(lines, {"link"})
            if links:
                index = _pick(links, where)
                return change_line(index, _set_value(lines[index], _pick(MISSING_TARGETS, variant)))
        candidates = _text_lines(lines, mutation.path)
        if not candidates:
            return f"{at}: no text here"
        index = _pick(candidates, where)
        return change_line(
            index, _append_text(lines[index], _pick(HTML if kind == "raw_html" else MISSING_LINKS, variant))
        )
    if kind == "wrong_marker":
        index = where % (len(lines) + 1)
        marker = _pick(MARKERS, variant)
        lines.insert(index, marker)
        return write(lines, f"inserted at line {index + 1}: {_show(marker)}")
    if kind == "front_matter":
        return _front_matter(target, lines, _pick(FRONT_MATTER, variant), at)
    if kind == "rename":
        return _rename(project, target, mutation, at)
    if kind == "remove_french":
        if mutation.path.endswith(".md"):
            target.unlink()
            return f"{at}: deleted the French page"
        spans = [("block", span) for span in _french_spans(lines)]
        spans += [("inline", m) for m in _INLINE_FR.finditer(text)]
        if not spans:
            return f"{at}: no French here"
        how, found = _pick(spans, where)
        if how == "block":
            first, last = found
            del lines[first : last + 1]
            return write(lines, f"removed lines {first + 1}-{last + 1} (fr:)")
        target.write_text(text[: found.start()] + text[found.end() :], encoding="utf-8")
        return f"{at}: line {text.count(chr(10), 0, found.start()) + 1}: removed {_show(found.group(0))}"
    raise ValueError(f"unknown mutation {kind}")


def _front_matter(target: Path, lines: list, setting: str, at: str) -> str:
    end = _front_end(lines)
    if setting == "unclosed":
        if end:
            del lines[end - 1]
            what = f"removed the closing --- (line {end})"
        else:
            lines[:0] = ["---", "title: Unclosed"]
            what = "added front matter without its closing ---"
    elif setting == "bare":
        lines.insert(0, "title: Bare")
        what = "added 'title: Bare' as the first line, without ---"
    elif setting == "empty":
        lines[:0] = ["---", "---"]
        what = "added an empty front matter"
    elif end:
        lines[1:1] = setting.split("\n")
        what = f"added {setting!r} to the front matter"
    else:
        lines[:0] = ["---", *setting.split("\n"), "---"]
        what = f"added front matter {setting!r}"
    target.write_text("\n".join(lines), encoding="utf-8")
    return f"{at}: {what}"


def _rename(project: Path, target: Path, mutation: Mutation, at: str) -> str:
    if target.suffix == ".md":
        how = _pick(RENAMES_MD, mutation.variant)
    else:
        how = _pick(RENAMES_YML, mutation.variant)
    stem = target.name[: -len(target.suffix)]
    name = stem.upper() + target.suffix if how == "UPPER" else stem + how
    new = target.with_name(name)
    target.rename(new)
    return f"{at}: renamed to {new.relative_to(project).as_posix()}"


#: Kinds of mutation, and which files each applies to (see :func:`targets`).
KINDS = (
    "delete_line",
    "duplicate_line",
    "swap_lines",
    "indent",
    "insert_char",
    "near_miss_term",
    "bad_date",
    "change_id",
    "unknown_field",
    "empty_value",
    "not_text",
    "raw_html",
    "wrong_marker",
    "front_matter",
    "rename",
    "remove_french",
    "missing_link",
)


def targets(project: Path) -> dict:
    """``{kind: [paths]}``: the files of ``project`` each kind of mutation can change."""

    def rel(paths):
        return sorted(p.relative_to(project).as_posix() for p in paths if p.is_file())

    data, docs = project / "data", project / "docs"
    yml = rel(data.rglob("*.yml"))
    pages = rel(docs.rglob("*.md"))
    records = rel((data / "resources").glob("*.yml"))
    texts = [p for p in yml if not p.startswith("data/translations/")]
    dated = [p for p in yml + pages if DATE.search((project / p).read_text(encoding="utf-8"))]
    with_ids = [p for p in yml if re.search(r"(?m)^\s*(-\s+)?id:", (project / p).read_text(encoding="utf-8"))]
    french = [p for p in texts if re.search(r"(?m)\bfr:", (project / p).read_text(encoding="utf-8"))]
    everything = yml + pages + rel((data / "translations" / "pages").glob("*.md"))
    prose = texts + pages
    return {
        "delete_line": everything,
        "duplicate_line": everything,
        "swap_lines": everything,
        "indent": everything,
        "insert_char": everything,
        "near_miss_term": records,
        "bad_date": dated,
        "change_id": with_ids,
        "unknown_field": texts,
        "empty_value": texts,
        "not_text": texts,
        "raw_html": prose,
        "wrong_marker": pages,
        "front_matter": pages,
        "rename": records + rel((data / "infographics").glob("*.yml")) + rel((data / "programs").glob("*.yml")) + pages,
        "remove_french": french + [p for p in pages if p.startswith("docs/fr/")],
        "missing_link": [p for p in prose if not p.startswith(("data/interface", "data/site", "data/vocab"))],
    }

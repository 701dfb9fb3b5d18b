"""The markers of hand-written pages, read and checked (no HTML here: ``render/markers.py`` makes it).

A marker is an HTML comment on a line of its own::

    <!-- resources KEY=TERM[,TERM...] [KEY=TERM ...] -->
    <!-- infographic ID -->

Keys: ``pillar``, ``tier``, ``core_element``, ``implementation_stage``, ``type``,
``audience``, ``topic``.  Several keys must all match (AND); several terms of one
key, separated by commas, are alternatives (OR).  An unknown key, term or drawing
is a problem at the marker's line and column, with a suggestion.  Markers inside
fenced code blocks are left alone (so documentation can show them).

``scripts/library check`` and the build read markers with :func:`scan_markers`,
so both report the same problems at the same places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from resource_library.load.frontmatter import front_matter_lines
from resource_library.load.pagefiles import scan_pages
from resource_library.load.problems import Problem
from resource_library.load.suggest import did_you_mean, quoted
from resource_library.model.record import TERM_FIELDS

#: Marker key → record field.
KEYS = {
    "pillar": "pillars",
    "tier": "tiers",
    "core_element": "core_elements",
    "implementation_stage": "implementation_stages",
    "type": "type",
    "audience": "audiences",
    "topic": "topics",
}

# The body ends with its last non-space character (a lazy ".*?" followed by "\s*" would read each
# run of spaces of a long line again from each of its characters).
_MARKER = re.compile(r"^ {0,3}<!--\s*resources(?:\s+(?P<body>.*\S))??\s*-->\s*$")
_INFOGRAPHIC = re.compile(r"^ {0,3}<!--\s*infographic(?:\s+(?P<id>\S+?))?\s*-->\s*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Marker:
    """A valid marker of a page: on line ``index`` (0-based) of the Markdown given.

    ``kind`` is ``resources`` (with ``criteria``: ``{field: {terms}}``) or
    ``infographic`` (with ``drawing``: the drawing's id).
    """

    index: int
    kind: str
    criteria: dict
    drawing: str = ""


def parse_marker(body: str, catalogue, where: tuple, body_column: int = 0) -> tuple[dict, list]:
    """``tier=universal pillar=a,b`` → ``{field: {terms}}`` and the problems found.

    Args:
        where: ``(path, line, column)`` of the marker, for problems.
        body_column: the column of the line where ``body`` starts (names where a
            look-alike or invisible character is); 0 when unknown.
    """
    path, line, column = where
    problems: list = []
    criteria: dict = {}

    def problem(message: str) -> None:
        problems.append(Problem(path, line, column, "resources marker", message))

    if not body.strip():
        problem(
            "a resources marker needs at least one KEY=TERM, e.g. <!-- resources tier=universal -->; "
            f"keys: {', '.join(KEYS)}"
        )
    for found in re.finditer(r"\S+", body):
        start = body_column + found.start() if body_column else None
        token = found.group(0)
        key, sep, value = token.partition("=")
        if not sep or not value:
            problem(f"'{quoted(token)}' is not KEY=TERM; keys: {', '.join(KEYS)}")
            continue
        if key not in KEYS:
            problem(f"unknown key '{quoted(key)}'{did_you_mean(key, KEYS, start)}; keys: {', '.join(KEYS)}")
            continue
        field = KEYS[key]
        if field in criteria:
            problem(f"the key '{key}' is given twice; list several terms with commas: {key}=a,b")
            continue
        vocab = catalogue.vocabularies.get(TERM_FIELDS[field])
        terms = set()
        offset = len(key) + 1
        for term in value.split(","):
            if vocab is not None and term not in vocab.terms:
                term_column = start + offset if start else None
                problem(
                    f"'{quoted(term)}' is not a term of '{TERM_FIELDS[field]}'{did_you_mean(term, vocab.terms, term_column)}; "
                    f"allowed: {', '.join(vocab.terms)}"
                )
            terms.add(term)
            offset += len(term) + 1
        criteria[field] = terms
    return criteria, problems


def scan_markers(lines: list, catalogue, shown_path: str, line_offset: int = 0) -> tuple[list, list]:
    """The valid :class:`Marker` objects of a page's Markdown ``lines``, and the problems of the others.

    Args:
        shown_path: The file named in problems (``docs/fr/core-elements.md``).
        line_offset: Lines of the file above ``lines`` (its front matter), so that
            problems name lines of the file.
    """
    markers: list = []
    problems: list = []
    fence = None
    for index, line in enumerate(lines):
        number = index + 1 + line_offset
        opening = _FENCE.match(line)
        if fence is not None:
            if (
                opening
                and opening.group(1)[0] == fence[0]
                and len(opening.group(1)) >= len(fence)
                and not line.strip()[len(opening.group(1)) :].strip()
            ):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        drawing = _INFOGRAPHIC.match(line)
        if drawing:
            column = line.index("<!--") + 1
            drawing_id = drawing.group("id") or ""
            if drawing_id not in catalogue.infographics:
                known = ", ".join(catalogue.infographics) or "none"
                problems.append(
                    Problem(
                        shown_path,
                        number,
                        column,
                        "infographic marker",
                        f"no infographic '{quoted(drawing_id)}' in data/infographics/"
                        f"{did_you_mean(drawing_id, catalogue.infographics, drawing.start('id') + 1)}; "
                        f"known: {known}",
                    )
                )
            else:
                markers.append(Marker(index, "infographic", {}, drawing_id))
            continue
        match = _MARKER.match(line)
        if not match:
            continue
        column = line.index("<!--") + 1
        criteria, found = parse_marker(
            match.group("body") or "",
            catalogue,
            (shown_path, number, column),
            match.start("body") + 1 if match.group("body") else 0,
        )
        problems += found
        if not found:
            markers.append(Marker(index, "resources", criteria))
    return markers, problems


def marker_problems(root: Path, catalogue, docs_dir: Path | None = None) -> list:
    """Problems of the markers of every readable hand-written page (``docs/**/*.md``), with the
    line numbers of the files: ``check`` and the build (before MkDocs reads a page) both call it.
    Pages that cannot be read are :func:`resource_library.load.pagefiles.unreadable_pages`' to name."""
    problems: list = []
    for _, shown, source in scan_pages(Path(root), Path(docs_dir) if docs_dir else None)[0]:
        offset = front_matter_lines(source)
        problems += scan_markers(source.split("\n")[offset:], catalogue, shown, offset)[1]
    return problems

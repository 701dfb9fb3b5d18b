"""Hand-written pages (``docs/**/*.md``): what their front matter and Markdown may hold.

``scripts/library check`` (``cli/validate.py::collect``) and the build
(``build.py::Build.get``) both call :func:`check_pages`, so both report the same
problems at the same ``file:line:column``.

- The front matter (the YAML between two ``---`` lines at the top, see
  ``load/frontmatter.py``) must be valid YAML and a mapping (MkDocs would
  otherwise show it as text, silently), with only the settings the site reads
  (:data:`resource_library.model.pages.SETTINGS`), each of the right type; its texts follow the rules of
  record texts, and may not hold ``<``, ``>`` or ``"`` at all, since the theme
  writes them into the HTML head.  Front matter that is never closed, and,
  without front matter, a first line that reads as ``key: value`` (MkDocs would
  take it as a setting and drop it from the page) are refused too.
- The Markdown follows the rules of Markdown texts in records
  (``load/textsafety.py``: no raw HTML, safe links only, attribute lists
  limited to classes and ids, no image from another host), except inside
  fenced code blocks and code spans, which Markdown shows as text, and for the
  page markers (``<!-- resources ... -->``, ``<!-- infographic ... -->``), which
  ``load/pagemarkers.py`` reads.  Every line with raw HTML is reported.

Every scan here is linear in the size of the page.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import replace
from pathlib import Path

from resource_library.load import frontmatter
from resource_library.load.files import read_limited
from resource_library.load.problems import Problem
from resource_library.load.textsafety import check_text, unsafe_spans
from resource_library.load.yamlsource import Document, load_text
from resource_library.model.fields import names
from resource_library.model.ids import RESERVED, id_problem
from resource_library.model.pages import HEAD_UNSAFE, HIDE, SEARCH, SETTINGS
from resource_library.model.urls import other_languages, section_names
from resource_library.translation.synced import page_marker_problems

#: Characters the theme would have to escape in the page's head.
_HEAD_UNSAFE = re.compile(f"[{re.escape(HEAD_UNSAFE)}]")
# MkDocs' own rule for "MultiMarkdown" metadata when a page has no front matter.
_META_LINE = re.compile(r"[ ]{0,3}[A-Za-z0-9_-]+:")
_YAML_CONTENT = re.compile(r"^[ \t]*[^#\s]", re.M)
_FENCE_LINE = re.compile(r"-{3}[ \t]*\r?$")
# Python-Markdown's fenced code (extension fenced_code, which MkDocs always enables):
# a fence at the start of a line, closed by the same fence alone on a later line.
# Fences with hl_lines= are not recognised here, so their content is checked.
_FENCE = re.compile(r"(`{3,}|~{3,})[ ]*+(?:\{[^\n]*\}|\.?[\w#.+-]*+[ ]*+)$")
_BACKTICKS = re.compile(r"`+")
# A page marker alone on its line (pagemarkers.py checks what is inside).
_MARKER_LINE = re.compile(r" {0,3}<!--\s*(?:resources|infographic)\b[^<>]*-->\s*$")


#: Folders of ``docs/`` holding another language's pages (``fr/``).
FRENCH_FOLDERS = other_languages()


def page_files(docs_dir: Path) -> list:
    """The Markdown pages under ``docs_dir``, in a stable order."""
    return sorted(p for p in Path(docs_dir).rglob("*.md") if p.is_file())


def check_pages(root: Path, docs_dir: Path | None = None) -> list:
    """Problems of every hand-written page (pages that cannot be read are reported elsewhere)."""
    root = Path(root)
    docs_dir = Path(docs_dir) if docs_dir else root / "docs"
    problems: list = []
    for page in page_files(docs_dir):
        try:
            shown = page.relative_to(root).as_posix()
        except ValueError:
            shown = page.as_posix()
        # The bounded reader refuses links, devices and oversized files (reported by load/files.py).
        raw = read_limited(page, shown, "page")
        if not isinstance(raw, bytes):
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        french = page.relative_to(docs_dir).parts[0] in FRENCH_FOLDERS
        problems += check_page(text.replace("\r\n", "\n").replace("\r", "\n"), shown, french)
    return problems


def check_page(text: str, shown: str, french: bool = False) -> list:
    """Problems of one page's text (``shown`` names it in the problems; ``french``: a page under ``docs/fr/``)."""
    return front_matter_problems(text, shown, french) + markdown_problems(text, shown)


# --- Front matter --------------------------------------------------------------------


def front_matter_problems(text: str, shown: str, french: bool = False) -> list:
    found = frontmatter.match(text)
    if found is None:
        first, _, rest = text.partition("\n")
        if _FENCE_LINE.match(first) and _META_LINE.match(rest):
            return [
                Problem(
                    shown,
                    1,
                    1,
                    "front matter",
                    (
                        "the front matter is not closed, so MkDocs would show it as text; end the settings with a "
                        "line of --- followed by a line break"
                    ),
                )
            ]
        if _META_LINE.match(first):
            return [
                Problem(
                    shown,
                    1,
                    1,
                    "front matter",
                    (
                        f"the first line starts with '{first.split(':', 1)[0].strip()}:', so MkDocs would read the "
                        "opening lines as page settings and leave them out of the page; start the page with a "
                        "heading (# Title), or put settings between two lines of --- at the top"
                    ),
                )
            ]
        return []
    body = found.group(2)
    offset = found.group(1).count("\n")  # lines above the YAML: the opening ---
    if not _YAML_CONTENT.search(body):
        return [
            Problem(
                shown,
                1,
                1,
                "front matter",
                (
                    "the front matter between the --- lines holds no setting, so MkDocs would show it as text; "
                    "remove both --- lines or write settings (title: ...)"
                ),
            )
        ]
    # Blank lines in place of the opening fence: positions (and line numbers in messages) are the file's.
    doc = load_text("\n" * offset + body, shown)
    problems = list(doc.problems)
    if doc.ok:
        if isinstance(doc.data, dict):
            problems += _settings_problems(doc, french)
        else:
            problems.append(
                doc.problem(
                    (),
                    "the front matter must be settings written as 'key: value' lines "
                    "(title: ..., description: ...); MkDocs would show it as text",
                )
            )
    return [replace(p, field=_front_field(p.field)) for p in problems]


def _front_field(field: str) -> str:
    return "front matter" if field == "-" else field


def _settings_problems(doc: Document, french: bool = False) -> list:
    problems: list = []
    for key, value in doc.data.items():
        if key not in SETTINGS:
            match = difflib.get_close_matches(str(key), list(SETTINGS), n=1, cutoff=0.8)
            hint = f" (did you mean '{match[0]}'?)" if match else ""
            problems.append(
                doc.problem((key,), f"unknown setting '{key}'{hint}; a page may set: {', '.join(SETTINGS)}", key=True)
            )
            continue
        path = (key,)
        if key in ("title", "description"):
            if not isinstance(value, str):
                problems.append(
                    doc.problem(
                        path,
                        f"must be text, not {_kind(value)}"
                        + (
                            "; put it in double quotes"
                            if not isinstance(value, (dict, list)) and value is not None
                            else ""
                        ),
                    )
                )
            elif not value.strip():
                problems.append(doc.problem(path, "is empty; write it or remove the line"))
        elif key == "hide":
            if not isinstance(value, list):
                problems.append(doc.problem(path, f"must be a list (hide: [toc]), not {_kind(value)}"))
            else:
                for index, item in enumerate(value):
                    if item not in HIDE:
                        match = difflib.get_close_matches(str(item), HIDE, n=1, cutoff=0.6)
                        hint = f" (did you mean '{match[0]}'?)" if match else ""
                        problems.append(
                            doc.problem(
                                path + (index,),
                                f"'{item}' is not a part of the page that can "
                                f"be hidden{hint}; allowed: {', '.join(HIDE)}",
                            )
                        )
        elif key == "search":
            problems += _search_problems(doc, value)
        elif key == "slug":
            problems += slug_shape_problems(doc, value, french)
        elif key == "translation":
            problems += page_marker_problems(doc, value)
    problems += _text_problems(doc)
    return problems


def slug_shape_problems(doc: Document, value, french: bool) -> list:
    """``slug: {fr: a-propos}``: a French page's own address, an id, not a name the site uses."""
    if not french:
        return [
            doc.problem(
                ("slug",),
                "only a French page (under docs/fr/) takes a French address; move this setting to the French page",
                key=True,
            )
        ]
    if not isinstance(value, dict):
        written = f"'{value}'" if isinstance(value, str) else _kind(value)
        return [
            doc.problem(("slug",), f"write the French address under `fr:`, e.g. slug: {{fr: a-propos}} (not {written})")
        ]
    problems = [
        doc.problem(
            ("slug", key), f"unknown setting '{key}'; a page's slug takes only fr (its French address)", key=True
        )
        for key in value
        if key != "fr"
    ]
    slug = value.get("fr")
    if slug is None:
        problems.append(doc.problem(("slug",), "write the French address under `fr:` (slug: {fr: a-propos})"))
    elif not isinstance(slug, str):
        problems.append(doc.problem(("slug", "fr"), f"must be text, not {_kind(slug)}"))
    else:
        reserved = RESERVED | section_names("fr")
        wrong = id_problem(slug, "French address (slug)", column=doc.column(("slug", "fr")))
        if wrong is None and slug in reserved:
            wrong = (
                f"'{slug}' is reserved: the site uses this name for its own pages and files (reserved: "
                f"{', '.join(sorted(reserved))}); choose another French address"
            )
        if wrong:
            problems.append(doc.problem(("slug", "fr"), wrong))
    return problems


def _search_problems(doc: Document, value) -> list:
    if not isinstance(value, dict):
        return [doc.problem(("search",), f"must be settings (exclude: true), not {_kind(value)}")]
    problems = []
    for key, sub in value.items():
        path = ("search", key)
        if key == "exclude":
            if not isinstance(sub, bool):
                problems.append(doc.problem(path, "must be true or false"))
        elif key == "boost":
            if isinstance(sub, bool) or not isinstance(sub, (int, float)):
                problems.append(doc.problem(path, "must be a number"))
        else:
            problems.append(
                doc.problem(path, f"unknown search setting '{key}'; allowed: {', '.join(names(SEARCH))}", key=True)
            )
    return problems


def _text_problems(doc: Document) -> list:
    """Every text of the front matter: the rules of record texts, and nothing the head would have to escape."""
    problems: list = []

    def walk(value, path):
        if isinstance(value, str):
            found = check_text(doc, value, path, markdown=False)
            unsafe = _HEAD_UNSAFE.search(value)
            if not found and unsafe:
                found = [
                    doc.problem(
                        path,
                        (
                            f"the character {unsafe.group(0)} cannot be used here: the theme writes these texts into the "
                            "page's HTML head; use words, or typographic quotes “ ” instead of \""
                        ),
                        line_index=value.count("\n", 0, unsafe.start()),
                    )
                ]
            problems.extend(found)
        elif isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, path + (key,))
        elif isinstance(value, list):
            for index, sub in enumerate(value):
                walk(sub, path + (index,))

    walk(doc.data, ())
    return problems


def _kind(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of settings"
    return type(value).__name__


# --- Markdown ------------------------------------------------------------------------


def markdown_problems(text: str, shown: str) -> list:
    """Text-safety problems of the page's Markdown, outside code and page markers."""
    prose = prose_only(text)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    problems = []
    for offset, severity, message in unsafe_spans(prose, markdown=True, every_line=True):
        index = bisect.bisect_right(starts, offset) - 1
        problems.append(Problem(shown, index + 1, offset - starts[index] + 1, "text", message, severity))
    return problems


def prose_only(text: str) -> str:
    """``text`` with what Markdown shows as is (code), the front matter and the page
    markers blanked out; same length and same lines, so offsets stay valid."""
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "

    found = frontmatter.match(text)
    if found:
        blank(0, found.end())
    lines = text.split("\n")
    starts, position = [], 0
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    closers: dict = {}  # a fence's text → the lines that could close it, in order
    for index, line in enumerate(lines):
        if line[:3] in ("```", "~~~"):
            closers.setdefault(line.rstrip(" "), []).append(index)
    first = found.group(0).count("\n") if found else 0
    index = first
    open_run = 0  # length of an unclosed code span's backticks in the current paragraph
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            candidates = closers.get(fence.group(1), [])
            after = bisect.bisect_right(candidates, index)
            if after < len(candidates):  # a fenced block: its lines between the fences are code
                close = candidates[after]
                if close > index + 1:
                    blank(starts[index + 1], starts[close] - 1)
                index, open_run = close + 1, 0
                continue
        if not line.strip():
            open_run = 0
        elif _MARKER_LINE.match(line):
            blank(starts[index], starts[index] + len(line))
        else:
            open_run = _blank_code_spans(line, starts[index], open_run, blank)
        index += 1
    return "".join(chars)


def _blank_code_spans(line: str, start: int, open_run: int, blank) -> int:
    """Blank the code spans opened and closed on ``line``; return the run still open.

    A span is blanked only when it opens and closes on this line with no span
    left open before it in the paragraph: anything less certain stays checked.
    """
    opened_here = False
    opened_at = 0
    for run in _BACKTICKS.finditer(line):
        length = len(run.group(0))
        if open_run:
            if length == open_run:
                if opened_here:
                    blank(start + opened_at, start + run.start())
                open_run, opened_here = 0, False
            continue
        before = run.start()
        while before > 0 and line[before - 1] == "\\":  # each backslash is read once: it precedes one run
            before -= 1
        if (run.start() - before) % 2:  # an escaped backtick: text, and the rest of the run may open a span
            length -= 1
            if not length:
                continue
        open_run, opened_here, opened_at = length, True, run.end()
    return open_run

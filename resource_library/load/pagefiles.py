"""Whether the hand-written pages (``docs/**/*.md``) can be read at all.

MkDocs reads every ``.md`` file under ``docs/`` as UTF-8 text and stops with its
own traceback on anything else: bytes saved in another encoding, or a folder
whose name ends in ``.md``; and its Markdown library takes minutes on some texts,
or fails on them (see :mod:`resource_library.load.markdownlimits`).
:func:`unreadable_pages` finds those first, for ``scripts/library check`` and for
the build (which stops with the same messages before MkDocs reads a page).  :func:`read_page` is the one way the package reads a
page's text, and :func:`has_anchor` looks for a heading's ``{ #anchor }`` in it
without reading the page again from each ``{``.

What a page may hold is checked elsewhere; this module only says whether it can
be read.
"""

from __future__ import annotations

import re
from pathlib import Path

from resource_library.load.files import read_limited
from resource_library.load.markdownlimits import markdown_limits
from resource_library.load.problems import Problem
from resource_library.text.scan import LineIndex

#: A page is a few kilobytes (the longest shipped one has 4 KB); one far larger is a mistake, and
#: Markdown would take minutes to read it.
MAX_PAGE_BYTES = 100 * 1024

_SAVE_AS_UTF8 = "save it as UTF-8 (in most editors: 'Save with encoding' → UTF-8)"


def _page_paths(docs_dir: Path) -> list:
    """Every path under ``docs_dir`` whose name ends in ``.md``, folders included, sorted."""
    if not docs_dir.is_dir():
        return []
    return sorted(docs_dir.rglob("*.md"))


def read_page(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    """``(text, None)`` for a readable page, as MkDocs reads it, else ``(None, problem)``.

    ``(None, None)`` for a path that ``load/files.py`` refuses (it names the reason once).
    """
    # Links, folders, devices and oversized files are refused by the walk of docs/ (load/files.py).
    raw = read_limited(path, shown, "page")
    if not isinstance(raw, bytes):
        return None, None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", errors="replace")) + 1
        return None, Problem(
            shown, line, column, "-", f"the page is not UTF-8 text (byte 0x{raw[exc.start]:02X} here); " + _SAVE_AS_UTF8
        )
    # As MkDocs reads it: without the byte order mark, "\r\n" and "\r" read as line breaks.
    text = text[1:] if text.startswith("\ufeff") else text
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


def scan_pages(root: Path, docs_dir: Path | None = None) -> tuple[list, list]:
    """``([(path, shown, text)] of the readable pages, [problem of each page MkDocs could not read])``."""
    docs_dir = docs_dir or root / "docs"
    readable, problems = [], []
    for path in _page_paths(docs_dir):
        shown = _shown(root, path)
        text, problem = read_page(path, shown)
        if text is None:
            problems += [problem] if problem is not None else []
            continue
        readable.append((path, shown, text))
        lines = None
        for offset, message in markdown_limits(text):
            lines = lines or LineIndex(text)
            line, column = lines.position(offset)
            problems.append(Problem(shown, line, column, "-", message))
    return readable, problems


def unreadable_pages(root: Path, docs_dir: Path | None = None) -> list:
    """A problem for each page under ``docs/`` that MkDocs could not read (the build's check)."""
    return scan_pages(root, docs_dir)[1]


def _shown(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# "{" to the first "}" or line end: where attribute lists ({ #id .class }) are.  A "{" never
# closed reads to the end of its line, and the next search starts there.
_ATTRIBUTE_LIST = re.compile(r"\{[^}\n]*")


def has_anchor(text: str, anchor: str) -> bool:
    """Whether an attribute list of ``text`` gives the id ``anchor`` (``{ #anchor }``, ``{#anchor .x}``)."""
    wanted = re.compile("#" + re.escape(anchor) + r"(?![\w-])")
    return any(wanted.search(text, found.start() + 1, found.end()) for found in _ATTRIBUTE_LIST.finditer(text))

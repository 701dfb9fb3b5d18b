"""The front matter of a hand-written page: the one place that knows where it starts and ends.

The rule is MkDocs' own (``mkdocs.utils.meta``): a line of three dashes at the
very top, the YAML, then a line of three dashes (or three dots), each fence
line ending with a line break.  Line breaks may be ``\\r\\n``, since the
translation markers edit files as their bytes are.  Every reader of front matter
(the page markers' line numbers, the translation markers, the typography lint's
mask) goes through :func:`match`.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A(-{3}[ \t]*\r?\n)(.*?\r?\n)((?:\.{3}|-{3})[ \t]*\r?\n)", re.DOTALL)


def match(text: str):
    """The front matter of ``text`` as a match (groups: opening fence, body, closing fence), or None."""
    return _FRONT_MATTER.match(text)


def split(text: str) -> tuple[str, str]:
    """``(front matter with its fences, the rest)``; the first part is empty when there is none."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return "", text
    return text[: found.end()], text[found.end():]


def body(text: str) -> str:
    """The YAML between the fences of the front matter ('' when there is none)."""
    found = _FRONT_MATTER.match(text)
    return found.group(2) if found else ""


def front_matter_lines(source: str) -> int:
    """How many lines MkDocs removes from the top of a page (its front matter and the
    blank lines after it) before plugins see the Markdown: add it to line numbers
    counted in that Markdown to name the line of the file."""
    found = _FRONT_MATTER.match(source)
    if not found:
        return 0
    rest = source[found.end():]
    return source[: found.end()].count("\n") + (len(rest) - len(rest.lstrip("\n")))

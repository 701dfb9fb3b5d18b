"""The front matter of a hand-written page: the one place that knows where it starts and ends.

The rule is MkDocs' own (``mkdocs.utils.meta``): a line of three dashes at the
very top, the YAML, then a line of three dashes (or three dots), each fence
line ending with a line break.  Line breaks may be ``\\r\\n``, since the
translation markers edit files as their bytes are.  Every reader of front matter
(the translation markers, the typography lint's mask) goes through :func:`match`.

Where the Markdown MkDocs hands to plugins starts (what the page markers' line
numbers count from, in ``check`` and in the build alike) is
:func:`front_matter_lines`: MkDocs removes the front matter only when it reads as a
mapping, and removes "Key: value" lines and blank lines at the top of a page
without front matter too.
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
    return text[: found.end()], text[found.end() :]


def body(text: str) -> str:
    """The YAML between the fences of the front matter ('' when there is none)."""
    found = _FRONT_MATTER.match(text)
    return found.group(2) if found else ""


# MkDocs' own reading of a page's top (mkdocs.utils.meta.get_data), which decides where
# the Markdown handed to plugins starts: YAML front matter, removed only when it reads as
# a mapping; otherwise MultiMarkdown-style "Key: value" lines up to the first blank line.
_MKDOCS_FENCED = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
_MKDOCS_META = re.compile(r"^[ ]{0,3}[A-Za-z0-9_-]+:")
_MKDOCS_META_MORE = re.compile(r"^(?:[ ]{4}|\t)")


def front_matter_lines(source: str) -> int:
    """How many lines of a page MkDocs removes from its top before plugins see its Markdown.

    ``source`` is the page as MkDocs reads it (UTF-8, byte order mark removed, line
    breaks made ``\\n``: :func:`resource_library.load.pagefiles.read_page`).  A marker on
    line ``i`` (0-based) of the Markdown is on line ``i + 1 + front_matter_lines(source)`` of
    the file: ``check`` and the build both count lines this way, so they name the same line
    whatever the page starts with (front matter closed by ``...``, blank lines, a front
    matter that is not a mapping, "Key: value" lines).
    """
    fenced = _MKDOCS_FENCED.match(source)
    if fenced:
        from resource_library.load.yamlsource import metadata_mapping  # light: PyYAML only

        if not metadata_mapping(fenced.group(1)):
            return 0  # MkDocs leaves the page as it is
        rest = source[fenced.end() :]
        return source.count("\n", 0, fenced.end()) + len(rest) - len(rest.lstrip("\n"))
    position, key = 0, False  # where the Markdown starts; whether a "Key: value" line came
    while position < len(source) or position == 0:
        end = source.find("\n", position)
        end = len(source) if end < 0 else end
        line = source[position:end]
        if not line.strip():
            position = end + 1
            break
        if _MKDOCS_META.match(line):
            key = True
        elif not (key and _MKDOCS_META_MORE.match(line)):
            break
        position = end + 1
    rest = source[position:].lstrip("\n")
    return source.count("\n", 0, len(source) - len(rest))

"""Write translation markers into editors' files, changing nothing else.

``scripts/library sync`` records which English text a translation was reviewed
against.  The marker is the only part of the file it owns: a ``translation:``
block at the top level of a record, or in the front matter of a French page.
Both functions here are targeted text edits: they replace (or add) the marker's
lines and keep every other byte of the file as it was — comments, key order,
quoting, blank lines and line endings included.  A YAML round trip would not.
"""

from __future__ import annotations

import re

from resource_library.load import frontmatter

#: Written on the marker's first line so that nobody edits it by hand.
MARKER_COMMENT = "# written by scripts/library sync; do not edit by hand"


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _block_span(lines: list, key: str) -> tuple[int, int] | None:
    """``(first, end)`` line indexes of the top-level ``key:`` block, if present.

    The block is the ``key:`` line and the indented lines that follow it.
    """
    pattern = re.compile(rf"^{re.escape(key)}\s*:")
    for index, line in enumerate(lines):
        if pattern.match(line):
            end = index + 1
            while end < len(lines) and lines[end][:1] in (" ", "\t") and lines[end].strip():
                end += 1
            return index, end
    return None


def _render_block(key: str, entries: list, newline: str) -> list:
    """``key:`` then one ``  name: value`` line per entry (nested dicts indent further)."""
    out = [f"{key}:  {MARKER_COMMENT}{newline}"]

    def add(items, depth):
        for name, value in items:
            pad = "  " * depth
            if isinstance(value, dict):
                out.append(f"{pad}{name}:{newline}")
                add(value.items(), depth + 1)
            else:
                out.append(f"{pad}{name}: {value}{newline}")

    add(entries, 1)
    return out


def set_yaml_block(text: str, key: str, entries: list) -> str:
    """``text`` (a YAML mapping) with its top-level ``key`` block replaced by ``entries``.

    Args:
        entries: ``[(name, value)]``; values are written as given (quote them
            beforehand), dict values become nested blocks.
    The block keeps its place when it exists, and is appended otherwise.
    """
    newline = _newline(text)
    lines = text.splitlines(keepends=True)
    block = _render_block(key, entries, newline)
    span = _block_span(lines, key)
    if span is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        return "".join(lines + block)
    first, end = span
    return "".join(lines[:first] + block + lines[end:])


def set_front_matter_block(text: str, key: str, entries: list) -> str:
    """Markdown ``text`` with the ``key`` block of its front matter set to ``entries``.

    A page without front matter gets one, holding only the block; the page text
    after it is unchanged.
    """
    newline = _newline(text)
    match = frontmatter.match(text)
    if match is None:
        block = "".join(_render_block(key, entries, newline))
        return f"---{newline}{block}---{newline}{text}"
    opening, body, closing = match.group(1), match.group(2), match.group(3)
    new_body = set_yaml_block(body, key, entries) if body.strip() else "".join(_render_block(key, entries, newline))
    return opening + new_body + closing + text[match.end() :]

"""Markdown that MkDocs' Markdown library would take minutes to read, or fail on.

Python-Markdown reads each ``[`` as the start of a link and each ``](`` as the
start of its address, and looks for the closing ``]`` or ``)`` in all the text
that follows: a text holding thousands of brackets never closed (200 KB of
``[](``) takes it minutes.  It reads nested lists and quotes by recursion: a line
starting with thousands of ``1. `` or ``- `` stops it with a ``RecursionError``.
:func:`markdown_limits` finds those texts first, in one pass, so that ``check``
refuses them and the build stops before Markdown reads them.  The limits are far
above what any page or description needs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

#: Brackets ``[`` never closed, or ``](`` whose ``(`` is never closed, that a text may hold.
MAX_UNCLOSED = 20
#: How deep brackets may nest (``[[...]]``).
MAX_NESTING = 20
#: List items and quotes opened at the start of one line (``- - 1. > x``), and the indentation of a line.
MAX_LINE_NESTING = 12
MAX_INDENT = 80
#: Lines of one block (lines with no blank line between them): Markdown splits a block at each
#: heading, rule or list item it holds and reads the rest of the block again.
MAX_BLOCK_LINES = 200
#: Characters of a Markdown text in a data file (a record's description): the longest shipped one has 4,000.
MAX_TEXT_LENGTH = 20_000

_MARKER = re.compile(r"[ \t]*(?:[-*+]|[0-9]{1,9}[.)]|>)(?:[ \t]+|$)")
_BACKTICKS = re.compile(r"`+")


def _line_nesting(line: str) -> int:
    """How many list or quote markers open the line (counted up to one more than the limit)."""
    count, position = 0, 0
    while count <= MAX_LINE_NESTING:
        found = _MARKER.match(line, position)
        if found is None or found.end() == position:
            break
        count += 1
        position = found.end()
    return count


#: Texts whose results are remembered (a build checks every record's texts, and ``mkdocs serve``
#: again at each save): about the texts of 4,000 records.
TEXTS_REMEMBERED = 16_384


def markdown_limits(text: str, max_length: int | None = None) -> list:
    """``[(offset, message)]``: where ``text`` passes the limits above (at most one report of each kind).

    Args:
        max_length: the longest text allowed (:data:`MAX_TEXT_LENGTH` for a text in a data file).
    """
    return list(_markdown_limits(text, max_length))


@lru_cache(maxsize=TEXTS_REMEMBERED)
def _markdown_limits(text: str, max_length: int | None) -> tuple:
    if max_length is not None and len(text) > max_length:
        return (
            (
                0,
                f"this Markdown text has {len(text):,} characters; a text here must have at most {max_length:,} "
                "(Markdown would take too long to read it): put a long text in a page, or in a file it links to",
            ),
        )
    found = []
    offset = 0
    block_start, block_lines, block_reported = 0, 0, False
    for line in text.split("\n"):
        if line.strip():
            if block_lines == 0:
                block_start = offset
            block_lines += 1
            if block_lines > MAX_BLOCK_LINES and not block_reported:
                found.append(
                    (
                        block_start,
                        f"this block runs over more than {MAX_BLOCK_LINES} lines without a blank "
                        "line; Markdown reads such a block again for each heading, rule or list "
                        "item in it: put blank lines between paragraphs, lists and headings",
                    )
                )
                block_reported = True
        else:
            block_lines = 0
        expanded = len(line) - len(line.lstrip(" \t")) + line[: len(line) - len(line.lstrip(" \t"))].count("\t") * 3
        if _line_nesting(line) > MAX_LINE_NESTING:
            found.append(
                (
                    offset,
                    f"this line opens more than {MAX_LINE_NESTING} lists or quotes at once; Markdown "
                    "cannot read so many levels (write '\\-', '\\>' or '1\\.' for the characters themselves)",
                )
            )
            break
        if expanded > MAX_INDENT:
            found.append(
                (
                    offset,
                    f"this line is indented by more than {MAX_INDENT} spaces; Markdown cannot read so "
                    "many levels of lists (indent it less)",
                )
            )
            break
        offset += len(line) + 1
    found += _brackets(text)
    return tuple(found)


def _without_code_spans(text: str) -> str:
    """``text`` with its code spans (a run of backticks to the next run of the same length) blanked out.

    Each run's closing run is looked up among the runs of its length, so a long run never
    closed is not read again from each of its backticks.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if not runs:
        return text
    by_length: dict = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    pieces, copied, index = [], 0, 0
    while index < len(runs):
        start, end = runs[index]
        same = by_length[end - start]
        later = bisect_right(same, index)
        if later == len(same):
            index += 1
            continue
        closing = same[later]
        pieces += [text[copied:start], " " * (runs[closing][1] - start)]
        copied = runs[closing][1]
        index = closing + 1
    pieces.append(text[copied:])
    return "".join(pieces)


def _brackets(text: str) -> list:
    """Brackets never closed, and brackets nested too deep, as Python-Markdown reads them."""
    # Code spans and escaped brackets are not links: blank them out first (same length).
    masked = _without_code_spans(
        text.replace("\\\\", "  ").replace("\\[", "  ").replace("\\]", "  ").replace("\\(", "  ").replace("\\)", "  ")
    )
    # Each "[" is matched with its "]", each "(" with its ")", as Markdown's link reader does; what
    # stays open at the end is read to the end of the text by each attempt to read a link there.
    brackets: list = []  # offsets of the "[" still open
    parentheses: list = []  # (offset, whether a "]" comes right before it) of the "(" still open
    deepest = None
    for match in re.finditer(r"[\[\]()]", masked):
        piece, start = match.group(0), match.start()
        if piece == "[":
            brackets.append(start)
            if len(brackets) > MAX_NESTING and deepest is None:
                deepest = start
        elif piece == "]":
            if brackets:
                brackets.pop()
        elif piece == "(":
            parentheses.append((start, start > 0 and masked[start - 1] == "]"))
        elif parentheses:
            parentheses.pop()
    unclosed = brackets
    unclosed_targets = [start - 1 for start, after_bracket in parentheses if after_bracket]
    found = []
    if deepest is not None and len(unclosed) <= MAX_UNCLOSED:
        found.append(
            (
                deepest,
                f"brackets [ are nested more than {MAX_NESTING} deep; Markdown cannot read them in a "
                "reasonable time (write '\\[' for a bracket shown as is)",
            )
        )
    if len(unclosed) > MAX_UNCLOSED:
        found.append(
            (
                unclosed[0],
                f"{len(unclosed)} brackets [ are never closed (the first is here): Markdown reads "
                "each as the start of a link and looks for its end in all the text after it; close "
                "each with ], or write '\\[' for a bracket shown as is",
            )
        )
    if len(unclosed_targets) > MAX_UNCLOSED:
        found.append(
            (
                unclosed_targets[0],
                f"{len(unclosed_targets)} link addresses '](' are never closed with ')' "
                "(the first is here); close each, or write '\\]' for a bracket shown as is",
            )
        )
    return found

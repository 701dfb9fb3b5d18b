"""Building blocks for reading editors' text in time proportional to its length.

Every scan of an editor's text must stay linear: a regular expression that, for
each of thousands of openings (``[``, ``<!--``, ``{``), reads to the end of the
text looking for the closing part takes minutes on 200 KB of the same
punctuation.  The helpers here answer the questions scanners ask without
reading a text again from its start:

- :class:`LineIndex`: line and column of an offset (by bisection over the line
  breaks found once);
- :func:`unescape`: :func:`html.unescape`, except that a numeric character
  reference too long to be a character becomes U+FFFD at once (the standard
  library converts its digits to an integer first, which fails past 4,300 digits);
- :func:`scheme_of`: the scheme a browser reads at the start of a link target,
  reading only as far as the scheme goes.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right


class LineIndex:
    """The line breaks of one text, for turning offsets into lines and columns."""

    __slots__ = ("_breaks",)

    def __init__(self, text: str):
        breaks = []
        position = text.find("\n")
        while position >= 0:
            breaks.append(position)
            position = text.find("\n", position + 1)
        self._breaks = breaks

    def line_index(self, offset: int) -> int:
        """How many line breaks come before ``offset`` (0 on the first line)."""
        return bisect_right(self._breaks, offset - 1)

    def position(self, offset: int) -> tuple[int, int]:
        """``(line, column)`` of ``offset``, both 1-based."""
        index = self.line_index(offset)
        start = self._breaks[index - 1] + 1 if index else 0
        return index + 1, offset - start + 1


#: A numeric reference whose value is past U+10FFFF whatever its digits (8 decimal or 7 hex digits).
_HUGE_REFERENCE = re.compile(r"&#(?:0*[1-9][0-9]{7,}|[xX]0*[1-9a-fA-F][0-9a-fA-F]{6,});?")
#: A character reference as HTML reads it (the grammar :func:`html.unescape` follows).
_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")


def unescape(text: str) -> str:
    """``html.unescape(text)``, for references of any length."""
    if "&" not in text:
        return text
    return html.unescape(_HUGE_REFERENCE.sub("\ufffd", text))


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SCHEME_CHARACTERS = _LETTERS | frozenset("0123456789+.-")
#: Characters a browser drops from a URL, or strips before reading its scheme.
_NOISE = frozenset(chr(c) for c in range(0x21)) | {"\x7f"}


def scheme_of(text: str, start: int = 0, end: int | None = None):
    """The scheme a browser would see in the link target ``text[start:end]`` (``None`` for a relative link).

    The target is read as a browser reads it (character references decoded;
    tabs, line breaks, spaces and control characters dropped), one character at
    a time, and only until its scheme is known: the cost is the length of the
    scheme, not of the target.
    """
    end = len(text) if end is None else end
    name: list = []
    position = start
    while position < end:
        character = text[position]
        if character == "&":
            reference = _REFERENCE.match(text, position, end)
            decoded = unescape(reference.group(0)) if reference else "&"
            position = reference.end() if reference else position + 1
        else:
            decoded = character
            position += 1
        for c in decoded:
            if c in _NOISE:
                continue
            if c in (_SCHEME_CHARACTERS if name else _LETTERS):
                name.append(c)
                continue
            return "".join(name).lower() if c == ":" and name else None
    return None

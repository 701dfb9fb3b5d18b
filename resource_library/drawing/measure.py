"""Measuring and wrapping the drawings' text without a font at hand.

The drawings ask for the fonts of :data:`FONT_FAMILY` but the reader's browser
picks one, so text is measured with conservative per-character widths (at least as
wide as the widest font of the list) and wrapped by :func:`wrap_text`: no line
overflows its box whichever font the reader has.  The loader uses this too, to
report words that cannot fit their box.
"""

from __future__ import annotations

import re
import unicodedata

#: The fonts the drawings ask for.  DejaVu Sans and Verdana are the widest common
#: sans-serif faces; :data:`_WIDTHS` is at least as wide as either.
FONT_FAMILY = "'DejaVu Sans', Verdana, 'Liberation Sans', Arial, Helvetica, sans-serif"
LINE_HEIGHT = 1.3
#: Height above the baseline reached by accented capitals (É), and depth below it.
ASCENT, DESCENT = 0.95, 0.25

# Advance widths in em, rounded up from DejaVu Sans and Verdana (regular); bold text
# is measured 15 % wider, and never narrower than 0.36 em a character.  The no-break
# spaces (U+00A0, U+202F) are the ones French typography puts before punctuation.
_WIDTH_CLASSES = (
    (0.30, "ijl'’|"),
    (0.36, " .,:;!\u00a0\u202f"),
    (0.44, "frtI()[]-/\u2010\u2011"),
    (0.62, '«»–?"“”*'),
    (0.66, "abcdeghknopqsuvxyz0123456789$#_+=<>~^"),
    (0.70, "LFTJ"),
    (0.82, "ABCDEGHKNOPQRSUVXYZ&"),
    (0.86, "w"),
    (0.92, "M"),
    (1.02, "mœæ%—"),
    (1.10, "WŒÆ@"),
)
_WIDTHS = {c: w for w, chars in _WIDTH_CLASSES for c in chars}
_DEFAULT_WIDTH = 1.10
BOLD_FACTOR = 1.15

#: The spaces a line may break at (never the no-break ones).
BREAKABLE = re.compile(r"[ \t\r\n]+")


def char_width(char: str, bold: bool = False) -> float:
    """Conservative advance width of one character, in em."""
    width = _WIDTHS.get(char)
    if width is None:
        base = unicodedata.normalize("NFD", char)[:1]  # é → e, À → A
        width = _WIDTHS.get(base, _DEFAULT_WIDTH)
    return max(width * BOLD_FACTOR, 0.36) if bold else width


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Conservative width of ``text`` set at ``size`` pixels."""
    return sum(char_width(c, bold) for c in text) * size


class TooLong(ValueError):
    """A word is wider than the box it must fit in."""

    def __init__(self, word: str, width: float):
        super().__init__(f"the word '{word}' does not fit in a box {width:.0f} pixels wide")
        self.word = word


def wrap_text(text: str, width: float, size: float, bold: bool = False) -> list:
    """Break ``text`` into lines no wider than ``width`` (greedy, at spaces).

    Words too long for a line are broken after a hyphen or slash when that helps;
    no-break spaces never break.  Raises :class:`TooLong` when a word cannot fit.
    """
    tokens = []  # (piece, whether a space comes before it)
    # Only ordinary spaces break: str.split() would also break at no-break spaces.
    for word in BREAKABLE.split(text.strip(" \t\r\n")):
        if not word:
            continue
        if text_width(word, size, bold) <= width:
            tokens.append((word, True))
            continue
        pieces = [p for p in re.split(r"(?<=[-/\u2011])", word) if p]
        for i, piece in enumerate(pieces):
            if text_width(piece, size, bold) > width:
                raise TooLong(word, width)
            tokens.append((piece, i == 0))
    lines: list = []
    current = ""
    for piece, spaced in tokens:
        candidate = current + (" " if spaced and current else "") + piece
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = piece
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines

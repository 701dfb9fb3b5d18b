"""Characters that mislead readers or editors, and how to name them in a message.

Texts may hold letters of any script, but a data file may not hold:

- control characters (C0 but tab and line breaks, DEL, C1): pages cannot show them,
  YAML readers choke on most of them, and they usually come with text pasted from
  a PDF or a word processor;
- bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C):
  they reorder what is shown, so that what readers (and reviewers) see is not what
  is written;
- invisible characters (zero-width space, joiner and non-joiner, word joiner, byte
  order mark inside the text, soft hyphen, tag characters): the text looks the same
  with them, but no longer matches in search, in links or in lists of terms.  The
  joiners stay allowed where scripts and emoji need them (between two characters
  that are neither ASCII nor Latin, Greek or Cyrillic letters);
- line and paragraph separators (U+2028, U+2029, U+0085), line breaks that most
  editors do not show, and noncharacters (U+FFFE, U+FFFF: a damaged file).

Names (ids, field names, terms) are held to more: only ``a``–``z``, digits and a
little ASCII punctuation.  :func:`describe` says what a character is (``U+0456
CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I, a Cyrillic letter that looks like
the Latin 'i'``); :func:`skeleton` folds a word to what it looks like, so that a
suggestion can say why two words that look the same differ.  The look-alike table
holds the Cyrillic and Greek letters that are drawn like Latin ones in common fonts,
which is what editors meet (a keyboard switched to another layout); Unicode's full
confusables list would add nothing for names restricted to ``a``–``z``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

CONTROL = "control"
BIDI = "bidi"
INVISIBLE = "invisible"
SEPARATOR = "separator"
NONCHARACTER = "noncharacter"

#: Every character that may be refused, whatever its context (one linear scan finds them).
_CANDIDATES = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff\ufffe\uffff\U000e0000-\U000e007f]"
)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SEPARATORS = frozenset("\u0085\u2028\u2029")
_JOINERS = frozenset("\u200c\u200d")

#: Unicode gives control characters no name, only aliases: these are their formal aliases.
_CONTROL_NAMES = dict(
    enumerate(
        (
            "NULL",
            "START OF HEADING",
            "START OF TEXT",
            "END OF TEXT",
            "END OF TRANSMISSION",
            "ENQUIRY",
            "ACKNOWLEDGE",
            "ALERT",
            "BACKSPACE",
            "CHARACTER TABULATION",
            "LINE FEED",
            "LINE TABULATION",
            "FORM FEED",
            "CARRIAGE RETURN",
            "SHIFT OUT",
            "SHIFT IN",
            "DATA LINK ESCAPE",
            "DEVICE CONTROL ONE",
            "DEVICE CONTROL TWO",
            "DEVICE CONTROL THREE",
            "DEVICE CONTROL FOUR",
            "NEGATIVE ACKNOWLEDGE",
            "SYNCHRONOUS IDLE",
            "END OF TRANSMISSION BLOCK",
            "CANCEL",
            "END OF MEDIUM",
            "SUBSTITUTE",
            "ESCAPE",
            "INFORMATION SEPARATOR FOUR",
            "INFORMATION SEPARATOR THREE",
            "INFORMATION SEPARATOR TWO",
            "INFORMATION SEPARATOR ONE",
        )
    )
)
_CONTROL_NAMES[0x7F] = "DELETE"
_CONTROL_NAMES.update(
    enumerate(
        (
            "PADDING CHARACTER",
            "HIGH OCTET PRESET",
            "BREAK PERMITTED HERE",
            "NO BREAK HERE",
            "INDEX",
            "NEXT LINE",
            "START OF SELECTED AREA",
            "END OF SELECTED AREA",
            "CHARACTER TABULATION SET",
            "CHARACTER TABULATION WITH JUSTIFICATION",
            "LINE TABULATION SET",
            "PARTIAL LINE FORWARD",
            "PARTIAL LINE BACKWARD",
            "REVERSE LINE FEED",
            "SINGLE SHIFT TWO",
            "SINGLE SHIFT THREE",
            "DEVICE CONTROL STRING",
            "PRIVATE USE ONE",
            "PRIVATE USE TWO",
            "SET TRANSMIT STATE",
            "CANCEL CHARACTER",
            "MESSAGE WAITING",
            "START OF GUARDED AREA",
            "END OF GUARDED AREA",
            "START OF STRING",
            "SINGLE GRAPHIC CHARACTER INTRODUCER",
            "SINGLE CHARACTER INTRODUCER",
            "CONTROL SEQUENCE INTRODUCER",
            "STRING TERMINATOR",
            "OPERATING SYSTEM COMMAND",
            "PRIVACY MESSAGE",
            "APPLICATION PROGRAM COMMAND",
        ),
        0x80,
    )
)

#: Letters of other scripts drawn like a Latin letter in common fonts.
_LOOKALIKES = dict(
    pair.split("=")
    for pair in (
        "а=a е=e і=i ј=j о=o р=p с=c у=y х=x ѕ=s ԁ=d һ=h ԛ=q ԝ=w ӏ=l "  # Cyrillic
        "А=A В=B Е=E К=K М=M Н=H О=O Р=P С=C Т=T Х=X Ѕ=S І=I Ј=J "
        "α=a ο=o ν=v ι=i ρ=p υ=u χ=x Α=A Β=B Ε=E Ζ=Z Η=H Ι=I Κ=K Μ=M Ν=N Ο=O Ρ=P Τ=T Υ=Y Χ=X "  # Greek
        "ɑ=a ɡ=g ı=i"  # Latin, drawn like a–z
    ).split()
)

_WHY = {
    CONTROL: "is a control character, which pages cannot show (it often comes with text pasted from a PDF "
    "or a word processor): delete it",
    BIDI: "changes the direction in which the text around it is shown, so what readers see is not what is "
    "written: delete it",
    INVISIBLE: "is invisible: the text looks the same with it, but no longer matches in search, links or "
    "lists of terms: delete it",
    SEPARATOR: "is a line break that most editors do not show: replace it with an ordinary line break or a space",
    NONCHARACTER: "is not a character (is the file damaged?): delete it",
}


def name(ch: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE`` (the formal alias for control characters)."""
    code = ord(ch)
    label = unicodedata.name(ch, None) or _CONTROL_NAMES.get(code)
    return f"U+{code:04X} {label}" if label else f"U+{code:04X}"


def kind_of(text: str, index: int) -> str | None:
    """Why the character at ``index`` of ``text`` is refused (``CONTROL``, ``BIDI``...), or None.

    Tab, line feed and carriage return are left to the caller: whether they may
    appear depends on where (a multi-line text, the end of a line).
    """
    ch = text[index]
    code = ord(ch)
    if ch in "\t\n\r":
        return None
    if ch in _SEPARATORS:
        return SEPARATOR
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return CONTROL
    if ch in _BIDI:
        return BIDI
    if code in (0xFFFE, 0xFFFF):
        return NONCHARACTER
    if ch in _JOINERS and 0 < index < len(text) - 1 and _joins(text[index - 1]) and _joins(text[index + 1]):
        return None  # emoji sequences, and scripts whose spelling needs the joiners
    if _CANDIDATES.match(ch):
        return INVISIBLE
    return None


def _joins(neighbour: str) -> bool:
    """Whether a joiner next to ``neighbour`` can be part of the text's spelling."""
    if neighbour.isascii():
        return False
    script = (unicodedata.name(neighbour, "") or "").split(" ", 1)[0]
    return script not in ("LATIN", "GREEK", "CYRILLIC") and unicodedata.category(neighbour)[0] not in "ZC"


def refused(text: str) -> Iterator[tuple[int, str]]:
    """``(index, kind)`` of each refused character of ``text``, in order (one linear scan)."""
    for match in _CANDIDATES.finditer(text):
        kind = kind_of(text, match.start())
        if kind:
            yield match.start(), kind


def why(kind: str) -> str:
    """What is wrong with a character of ``kind``, and what to do (follows its name in a message)."""
    return _WHY[kind]


def latin_lookalike(ch: str) -> str | None:
    """The ASCII letter ``ch`` looks like (``і`` → ``i``, ``é`` → ``e``, ``ａ`` → ``a``), or None."""
    if ch in _LOOKALIKES:
        return _LOOKALIKES[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    return base if len(base) == 1 and base.isascii() and base.isalnum() and base != ch else None


def describe(ch: str) -> str:
    """What ``ch`` is, for an editor who cannot see the difference: its name and a short reason."""
    label = name(ch)
    kind = kind_of(ch, 0)
    lookalike = latin_lookalike(ch)
    script = (unicodedata.name(ch, "") or "").split(" ", 1)[0]
    if ch == "\t":
        return f"{label}, a tab"
    if kind in _KINDS:
        return f"{label}, {_KINDS[kind]}"
    if ch in _LOOKALIKES:
        return f"{label}, a {'' if script == 'LATIN' else script.capitalize() + ' '}letter that looks like the Latin '{lookalike}'"
    if lookalike and unicodedata.decomposition(ch).startswith("<"):
        return f"{label}, a special form of '{lookalike}'"
    if lookalike:
        return f"{label}, a letter with an accent"
    if unicodedata.category(ch) in ("Cf", "Mn", "Me") or "VARIATION SELECTOR" in label:
        return f"{label}, an invisible character"
    if unicodedata.category(ch) == "Zs":
        return f"{label}, a space other than the ordinary one"
    return label


_KINDS = {
    CONTROL: "a control character",
    BIDI: "a control character that changes the direction of the text",
    INVISIBLE: "an invisible character",
    SEPARATOR: "a line break that most editors do not show",
    NONCHARACTER: "not a character",
}


def skeleton(word: str) -> str:
    """What ``word`` looks like: invisible characters dropped, look-alikes and accented letters made Latin."""
    out = []
    for ch in word:
        if ch.isascii():
            out.append(ch)
        elif unicodedata.category(ch) in ("Cf", "Mn", "Cc") or "VARIATION SELECTOR" in unicodedata.name(ch, ""):
            continue
        else:
            out.append(latin_lookalike(ch) or ch)
    return "".join(out)


def visible(text: str) -> str:
    """``text`` with each invisible, control or direction character written ``[U+200D]``.

    Messages quote what editors wrote; the characters they are told about must
    not reorder or hide the message itself in a terminal or a pull request.
    """
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        f"[U+{ord(ch):04X}]"
        if not ch.isprintable()
        or kind_of(ch, 0)
        or (unicodedata.category(ch) in ("Cf", "Mn") and "VARIATION SELECTOR" in unicodedata.name(ch, ""))
        else ch
        for ch in text
    )


def first_outside_ascii(word: str) -> int | None:
    """Index of the first character of ``word`` that is not printable ASCII, or None."""
    for index, ch in enumerate(word):
        if not (" " <= ch <= "~"):
            return index
    return None


__all__ = [
    "BIDI",
    "CONTROL",
    "INVISIBLE",
    "NONCHARACTER",
    "SEPARATOR",
    "describe",
    "first_outside_ascii",
    "kind_of",
    "latin_lookalike",
    "name",
    "refused",
    "skeleton",
    "visible",
    "why",
]

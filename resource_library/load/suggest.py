"""Words of messages that quote the editor: "did you mean", and what YAML made of a value.

:func:`did_you_mean` is the one suggestion of every message.  A field name, a term or a drawing's name written with a Cyrillic ``і``, an accent
or an invisible joiner looks exactly like the right one; offering the right one
without saying why would leave the editor staring at two identical words.  So a
suggestion names every character of the editor's word that is not plain ASCII,
by its Unicode name and column, and a word with such characters is named even
when there is nothing to suggest.

:func:`misread` explains a value YAML 1.1 did not read as text (``no`` is a yes/no
value, ``1.10`` the number 1.1, ``~`` nothing), quoting what the editor wrote.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from resource_library.text.unicode import describe, skeleton, visible

#: Characters named in one message at most (a word typed on another layout has many).
_NAMED = 3


def did_you_mean(word, choices: Iterable, column: int | None = None) -> str:
    """`` (did you mean 'x'?)``, with the odd characters of ``word`` named; ``''`` when nothing helps.

    Args:
        word: what the editor wrote (any value: YAML may have made it a number).
        choices: the words allowed there.
        column: the column of the file where ``word`` starts, to name where a
            character is (without it, the position in the word is given).
    """
    word = str(word)
    choices = [str(c) for c in choices]
    folded = skeleton(word)
    match = next((c for c in choices if c != word and skeleton(c) == folded), None)
    if match is None:
        close = difflib.get_close_matches(folded, choices, n=1, cutoff=0.6)
        match = close[0] if close and close[0] != word else None
    odd = odd_characters(word, column)
    if match and odd:
        alike = "they look alike, but " if skeleton(match) == folded else ""
        return f" (did you mean '{match}'? {alike}yours has {odd})"
    if match:
        return f" (did you mean '{match}'?)"
    if odd:
        return f" (it has {odd}; retype it with the letters a–z)"
    return ""


def odd_characters(word: str, column: int | None = None) -> str:
    """``U+0456 CYRILLIC ... at column 2, a Cyrillic letter that looks like the Latin 'i'`` for each
    character of ``word`` outside printable ASCII (``''`` when there is none)."""
    named, seen = [], set()
    for index, ch in enumerate(word):
        if " " <= ch <= "~" or ch in seen:
            continue
        seen.add(ch)
        where = f"at column {column + index}" if column else f"at position {index + 1}"
        label, _, what = describe(ch).partition(", ")
        named.append(f"{label} {where}" + (f", {what}" if what else ""))
        if len(named) == _NAMED:
            break
    return "; ".join(named)


def misread(doc, path, value, advice: bool = True) -> str:
    """Why ``value`` at ``path`` of ``doc`` is not the text the editor wrote ('' when it is).

    ``no`` → ``YAML reads `no` as a yes/no value, not as the text 'no'; write it in quotes: "no"``
    (without ``advice``, the part before the semicolon).
    """
    written = doc.positions.written.get(tuple(path))
    if written is None or isinstance(value, str):
        return ""
    if written == "" or written == "~":
        return "the value is empty" if written == "" else "YAML reads `~` as an empty value"
    if isinstance(value, bool):
        reading = "a yes/no value"
    elif value is None:
        reading = "an empty value"
    elif isinstance(value, (int, float)):
        reading = f"the number {value!r}"
    else:
        reading = "something other than text"
    out = f"YAML reads `{written}` as {reading}, not as the text '{written}'"
    return out + (f'; write it in quotes: "{written}"' if advice else "")


def quoted(word) -> str:
    """``word`` as a message quotes it: invisible and control characters written ``[U+200D]``."""
    return visible(str(word))


__all__ = ["did_you_mean", "misread", "odd_characters", "quoted"]

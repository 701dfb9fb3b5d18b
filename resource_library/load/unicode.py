"""Refused characters in a YAML file, named by code point and Unicode name at their line and column.

Every YAML file the build reads goes through :func:`resource_library.load.yamlsource.load_text`,
which calls this module at three moments:

- :func:`source_characters`, on the text before PyYAML reads it: control,
  bidirectional and invisible characters anywhere in the file (texts, names,
  comments: a right-to-left override in a comment disguises the file to its
  reviewers).  PyYAML refuses most control characters with an error of its own
  and no field; here each is named, with its position and the field it is in
  (found by parsing a copy with the characters blanked out);
- :func:`name_problem`, on each key (field names, term ids): only printable ASCII,
  so a Cyrillic ``і`` or an accent in a name is named instead of making an
  unknown field or term that looks like a known one;
- :func:`value_problems`, on the parsed texts: the same characters written as
  escapes in double quotes (``"\\u202e"``), and tabs in one-line texts.

Which characters are refused, and how they are named, is :mod:`resource_library.text.unicode`.
"""

from __future__ import annotations

import bisect

from resource_library.text.unicode import CONTROL, describe, name, refused, visible, why

#: Characters reported one by one in a file; past that, one line says how many more there are.
MAX_REPORTED = 10


def source_characters(text: str) -> list:
    """``[(index, kind)]`` of the refused characters of a file's text (empty for almost every file)."""
    return list(refused(text))


def blanked(text: str, found: list) -> str:
    """``text`` with each refused character replaced by a space, so that positions stay the same.

    PyYAML takes U+0085, U+2028 and U+2029 for line breaks: blanking them keeps its
    line numbers those of editors' tools.
    """
    chars = list(text)
    for index, _ in found:
        chars[index] = " "
    return "".join(chars)


def source_problems(text: str, found: list, positions) -> list:
    """``[(line, column, path, message)]`` for the refused characters ``found`` in ``text``.

    Args:
        positions: the :class:`~resource_library.load.yamlsource.Positions` of the
            file with the characters blanked out (to name the field each one is in).
    """
    # Where each key and value starts; at one place, the deepest field (a mapping's first key) wins.
    starts = sorted(
        ((mark, len(path)), path) for table in (positions.keys, positions.values) for path, mark in table.items()
    )
    marks = [start for start, _ in starts]
    out = []
    for index, kind in found[:MAX_REPORTED]:
        line_start = text.rfind("\n", 0, index) + 1
        line = text.count("\n", 0, index) + 1
        column = index - line_start + 1
        at = bisect.bisect_right(marks, ((line, column), len(text))) - 1
        path = starts[at][1] if at >= 0 else ()
        before = text[line_start:index]
        in_comment = before.lstrip().startswith("#") and not (path in positions.blocks and starts[at][0][0][0] < line)
        where = f"at column {column}" + (" (in a comment)" if in_comment else "")
        out.append((line, column, () if in_comment else path, f"{name(text[index])} {where} {why(kind)}"))
    if len(found) > MAX_REPORTED:
        index = found[MAX_REPORTED][0]
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        out.append(
            (
                line,
                column,
                (),
                f"and {len(found) - MAX_REPORTED} more characters like these in this file "
                "(search for them with your editor's 'show invisible characters')",
            )
        )
    return out


def reader_error(exc, text: str) -> tuple:
    """``(line, column, field, message)`` of a character PyYAML's reader refused."""
    offset = min(max(getattr(exc, "position", 0) or 0, 0), len(text))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    code = getattr(exc, "character", "?")
    character = chr(code) if isinstance(code, int) else (str(code) or "?")[:1]
    return line, column, "-", f"{name(character)} at column {column} {why(CONTROL)}"


def name_problem(key: str, column: int) -> str | None:
    """What is wrong with the characters of a key (field name, term id) that starts at ``column``."""
    for index, ch in enumerate(key):
        if " " <= ch <= "~":
            continue
        label, _, what = describe(ch).partition(", ")
        return (
            f"the name '{visible(key)}' has {label} at column {column + index}"
            + (f", {what}" if what else "")
            + ": names of fields and terms are written with the letters a–z, digits, '-' and '_' only; "
            "retype it"
        )
    return None


def value_problems(data, positions, lines: list) -> list:
    """``[(path, line, column, message)]`` for the texts of ``data`` with refused characters left after
    :func:`source_characters` (written as escapes), or a tab outside a multi-line text."""
    out: list = []

    def walk(value, path):
        if isinstance(value, str):
            problem = _text_problem(value, path, positions, lines)
            if problem:
                out.append(problem)
        elif isinstance(value, dict):
            for key, sub in value.items():
                walk(sub, path + (key,))
        elif isinstance(value, list):
            for index, sub in enumerate(value):
                walk(sub, path + (index,))

    walk(data, ())
    return out[:MAX_REPORTED]


def _text_problem(value: str, path: tuple, positions, lines: list):
    line, column = positions.of_value(path)
    for index, kind in refused(value):
        return (path, line, column, f"{name(value[index])}, written as an escape in quotes, {why(kind)}")
    if "\r" in value:
        return (path, line, column, f"{name(chr(13))}, written as an escape in quotes, {why('control')}")
    if "\t" in value and path not in positions.blocks:
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        found = source.find("\t", column - 1)
        where = f" at column {found + 1}" if found >= 0 else ""
        return (
            path,
            line,
            found + 1 if found >= 0 else column,
            f"{name(chr(9))} (a tab){where} in a one-line text: replace it with a space",
        )
    return None


__all__ = [
    "MAX_REPORTED",
    "blanked",
    "name_problem",
    "reader_error",
    "source_characters",
    "source_problems",
    "value_problems",
]

"""Why a YAML file does not parse, said in words an editor can act on.

libyaml stops where the text stopped making sense to it and says what it
expected there ("did not find expected key"), which is seldom where the mistake
is nor what it is.  :func:`syntax_problem` reads the lines around that place to
name the real cause, at the line and column to change, with the field when the
lines say which one it is:

- indentation: a line that lines up with no field above it (a commented line
  uncommented by removing only the ``#``), a list item among fields, a block of
  text (``|``) whose lines are not indented more than its key;
- quotes: a quote opened and not closed on its line, text after the closing
  quote, an apostrophe inside ``'...'``, a backslash inside ``"..."``;
- a colon: ``key:value`` without a space, ``: `` inside a value;
- a tab, and characters that cannot start a value (``@``, `````, ``%``, ``*``,
  ``&``, ``!``, ``?``, ``|``, ``>``, a ``---`` line).
"""

from __future__ import annotations

import re

import yaml

from resource_library.load.problems import Problem

_KEY = re.compile(r"^( *)(?:(- +))?([A-Za-z0-9_-]+)[ \t]*:(?:[ \t]|$)")
_ITEM = re.compile(r"^( *)- ")


class _Lines:
    """The lines of a file, read as a reader of YAML would see their structure."""

    def __init__(self, text: str):
        self.lines = text.split("\n")

    def get(self, index: int) -> str:
        return self.lines[index] if 0 <= index < len(self.lines) else ""

    def content(self, index: int) -> bool:
        stripped = self.get(index).strip()
        return bool(stripped) and not stripped.startswith("#")

    def indent(self, index: int) -> int:
        line = self.get(index)
        return len(line) - len(line.lstrip(" "))

    def key(self, index: int):
        """``(column of the key, key)`` of a ``key:`` line (after a list dash), or None."""
        found = _KEY.match(self.get(index))
        if not found:
            return None
        return len(found.group(1)) + len(found.group(2) or ""), found.group(3)

    def previous(self, index: int) -> int:
        """The nearest line above ``index`` with content (-1 when there is none)."""
        index -= 1
        while index >= 0 and not self.content(index):
            index -= 1
        return index

    def ancestors(self, index: int) -> list:
        """``[(line index, indentation)]`` of ``index`` and of each line holding it, nearest first."""
        chain = [(index, self.indent(index))]
        level = self.indent(index)
        line = index - 1
        while line >= 0 and level > 0:
            if self.content(line) and self.indent(line) < level:
                chain.append((line, self.indent(line)))
                level = self.indent(line)
            line -= 1
        return chain

    def field(self, index: int, column: int | None = None) -> str:
        """The dotted field of line ``index`` (its key, or the key of the line above), ``-`` when unknown.

        ``column``: read the line as if it began there (a line indented wrongly,
        given the indentation it was meant to have).
        """
        while index >= 0 and (not self.content(index) or self.key(index) is None):
            index -= 1
        if index < 0:
            return "-"
        keys = [self.key(index)[1]]
        level = self.indent(index) if column is None else column
        line = index - 1
        while line >= 0 and level > 0:
            if self.content(line) and self.indent(line) < level:
                level = self.indent(line)
                if self.key(line):
                    keys.append(self.key(line)[1])
            line -= 1
        return ".".join(reversed(keys))


def field_at(text: str, line: int) -> str:
    """The dotted field written on line ``line`` (0-based) of ``text``, or on the nearest line above; ``-``."""
    return _Lines(text).field(line)


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _mark(mark) -> tuple[int, int]:
    return (mark.line, mark.column) if mark is not None else (0, 0)


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """The problem that explains ``exc``, raised while reading ``text`` (the content of ``path``)."""
    lines = _Lines(text)
    line, column = _mark(exc.problem_mark or exc.context_mark)
    context_line, context_column = _mark(exc.context_mark or exc.problem_mark)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    current = lines.get(line)
    found = _explain(lines, problem, context, line, column, context_line, context_column, current)
    if found is None:
        where = f" {context}" if context else ""
        found = line, column, lines.field(line), f"YAML syntax error:{where} {problem}".replace("  ", " ").strip()
    line, column, field, message = found
    return Problem(path, line + 1, column + 1, field, message)


def _explain(
    lines: _Lines,
    problem: str,
    context: str,
    line: int,
    column: int,
    context_line: int,
    context_column: int,
    current: str,
):
    """``(line, column, field, message)`` (0-based positions) when the cause is recognised, else None."""
    if "\t" in problem or "'\\t'" in problem or ("\t" in current[: max(column, 1)] and "tab" not in problem):
        tab = current.find("\t")
        return (
            line,
            max(tab, 0),
            lines.field(line),
            "a tab character is used for indentation; YAML needs spaces (replace each tab with two spaces)",
        )
    if "quoted scalar" in context and ("end of stream" in problem or "document" in problem):
        quote = lines.get(context_line)[context_column : context_column + 1] or '"'
        return (
            context_line,
            context_column,
            lines.field(context_line),
            f"the text opened with {quote} on line {context_line + 1} is never closed; add the closing {quote}",
        )
    if "unknown escape character" in problem:
        return (
            line,
            column,
            lines.field(line),
            "a backslash \\ inside double quotes starts an escape (\\n, \\t...); "
            "write \\\\ for a backslash, or put the text in single quotes",
        )
    if "mapping values are not allowed" in problem:
        return (
            line,
            column,
            lines.field(line),
            "a colon followed by a space inside a value; put the whole value in "
            'double quotes ("...") or use a block (|)',
        )
    if "did not find expected key" in problem and "block mapping" in context:
        return _in_block_mapping(lines, line, column, context_line, context_column)
    if "did not find expected '-' indicator" in problem:
        return _misaligned(lines, line, "a list item (- ...)")
    if "could not find expected ':'" in problem and "simple key" in context:
        return _missing_colon(lines, context_line, line)
    if "did not find expected ',' or" in problem:
        bracket, closing, kind = ("[", "]", "list") if "sequence" in context else ("{", "}", "mapping")
        return (
            context_line,
            context_column,
            lines.field(context_line),
            f"the {kind} opened with {bracket} here is not closed with {closing} (or a text inside it holds ': ' "
            "or ','; put that text in double quotes)",
        )
    if "flow node" in context and "node content" in problem:
        return (
            line,
            column,
            lines.field(line),
            "a list in brackets holds its items separated by commas, without "
            "'- ' and without an empty item: write [en, fr]",
        )
    if "block sequence entries are not allowed" in problem:
        return (line, column, lines.field(line), "a text that starts with '- ' must be in double quotes (\"- ...\")")
    if "mapping keys are not allowed" in problem:
        return (line, column, lines.field(line), "a value cannot start with '? '; put the whole value in double quotes")
    if "block scalar" in context:
        indicator = lines.get(context_line)[context_column : context_column + 1] or "|"
        return (
            context_line,
            context_column,
            lines.field(context_line),
            f"after '{indicator}' (a block of text) nothing may follow on its line: start the text on the next "
            f"line, indented more than the key, or put the whole value in double quotes",
        )
    if "an alias" in context or "undefined alias" in problem:
        return (
            context_line,
            context_column,
            lines.field(context_line),
            "a value that starts with '*' must be put in double quotes (YAML reads *name as a reference)",
        )
    if "an anchor" in context:
        return (
            context_line,
            context_column,
            lines.field(context_line),
            "a value that starts with '&' must be put in double quotes (YAML reads &name as an anchor)",
        )
    if "constructor for the tag" in problem:
        return (
            line,
            column,
            lines.field(line),
            "a value that starts with '!' must be put in double quotes (YAML reads !name as a type)",
        )
    if "cannot start any token" in problem:
        character = current[column] if 0 <= column < len(current) else "?"
        return (
            line,
            column,
            lines.field(line),
            f"a value cannot start with '{character}'; put the whole value in double quotes",
        )
    if "single document" in context or "another document" in problem:
        return (
            line,
            column,
            "-",
            "a line '---' starts a second document, but a file here holds one: delete the '---' line",
        )
    return None


def _in_block_mapping(lines: _Lines, line: int, column: int, context_line: int, context_column: int):
    """libyaml found something else than a field where the fields of a mapping go."""
    current = lines.get(line)
    if column <= lines.indent(line) or not current[:column].strip():
        # The first thing on its line: the line is indented wrongly, or is a list item among fields.
        if _ITEM.match(current) and lines.indent(line) == context_column:
            parent = lines.field(context_line)
            parent = parent.rsplit(".", 1)[0] if "." in parent else "the record"
            return (
                line,
                column,
                lines.field(line, context_column),
                f"a list item ('- ') where the fields of {_named(parent)} go; remove the '- ' (a field is "
                f"written `name: value`, lined up with the fields around it)",
            )
        return _misaligned(lines, line, "this line")
    # Something after a value on the same line: almost always a quote closed too early.
    before = current[:column].rstrip()
    quote = before[-1:] if before[-1:] in ("'", '"') else ""
    if quote:
        opened = _unclosed_quote(lines, context_line, line)
        if opened is not None:
            start, at, mark = opened
            return (
                start,
                at,
                lines.field(start),
                f"the text opened with {mark} here is not closed on its line (YAML reads on to the next {mark}, "
                f"on line {line + 1}); close it at the end of the text",
            )
        if quote == "'" and "'" in current[column:]:
            return (
                line,
                len(before) - 1,
                lines.field(line),
                "a quote ends the text too early (an apostrophe inside '...'?); put the whole text in double "
                "quotes, or use the typographic apostrophe ’",
            )
        return (
            line,
            column,
            lines.field(line),
            f"text follows the closing quote {quote}; put the whole text inside the quotes",
        )
    return None


def _named(field: str) -> str:
    return field if field == "the record" else f"`{field}`"


def _misaligned(lines: _Lines, line: int, what: str):
    """A line whose indentation lines up with no field above it."""
    indent = lines.indent(line)
    above = lines.previous(line)
    if above < 0:
        return None
    options: list[tuple[int, str]] = []
    for index, level in lines.ancestors(above):
        key = lines.key(index)
        item = _ITEM.match(lines.get(index))
        if (key is None and item is None) or any(level == known for known, _ in options):
            continue
        like = (
            f"the item `{lines.get(index).strip()[:20]}`" if key is None or (item and key[0] > level) else f"`{key[1]}`"
        )
        options.append((level, f"by {level} like {like} on line {index + 1}"))
    if not options:
        return None
    intended = min((level for level, _ in options if level <= indent), default=None, key=lambda l: indent - l)
    field = lines.field(line, intended) if intended is not None else lines.field(line)
    listed = " or ".join(text for _, text in options)
    hint = ""
    if any(level + 1 == indent for level, _ in options):  # a '#' removed without the space after it?
        hint = "; when you uncomment a line, remove the '#' and the space after it"
    subject = "this line" if what == "this line" else what
    return (
        line,
        indent,
        field,
        f"{subject} is indented by {_spaces(indent)}, which lines up with no field above it: indent it {listed}{hint}",
    )


def _unclosed_quote(lines: _Lines, first: int, last: int):
    """``(line, column, quote)`` of a value opened with a quote and not closed on its line, between two lines."""
    for index in range(max(first, 0), last):
        text = lines.get(index)
        found = re.match(r"^ *(?:- +)?(?:[A-Za-z0-9_-]+[ \t]*:[ \t]+)?(['\"])", text)
        if not found or not lines.content(index):
            continue
        mark, start = found.group(1), found.end()
        rest = text[start:]
        closed = re.search(r'(?<!\\)"' if mark == '"' else r"'(?!')", rest.replace("''", "  "))
        if closed is None:
            return index, found.start(1), mark
    return None


def _missing_colon(lines: _Lines, key_line: int, line: int):
    """libyaml read a line as a key and found no ``:`` after it."""
    text = lines.get(key_line)
    glued = re.match(r"^( *)(?:- +)?([A-Za-z0-9_-]+):(\S)", text)
    if glued:
        key = glued.group(2)
        parent = lines.field(lines.previous(key_line), len(glued.group(1))) if len(glued.group(1)) else ""
        parent = parent.rsplit(".", 1)[0] if "." in parent else ""
        return (
            key_line,
            glued.end(2),
            f"{parent}.{key}" if parent else key,
            f"a colon must be followed by a space: write `{key}: {text[glued.end(2) + 1 :].strip()[:30]}`",
        )
    above = lines.previous(key_line)
    opener = lines.get(above).rstrip()
    if above >= 0 and re.search(r":[ \t]*[|>][-+0-9]*$", opener) and lines.indent(key_line) <= lines.indent(above):
        key = lines.key(above)
        name = lines.field(above)
        deeper = (key[0] if key else lines.indent(above)) + 2
        return (
            key_line,
            lines.indent(key_line),
            name,
            f"the text of `{name}` (a block after '{opener[-1]}') must be indented more than `{key[1] if key else name}:`; "
            f"indent its lines by {deeper} spaces or more",
        )
    return (
        key_line,
        lines.indent(key_line),
        lines.field(key_line),
        "this line is neither `name: value` nor a list item ('- value'): a field needs a colon and a space "
        "after its name, and a text that goes on over several lines needs a block (|)",
    )

"""Warnings on the French sources: typography and the glossary's not-preferred terms.

``scripts/library status`` lists them after the translation state, and the
status page shows them, at the line and column of the file a translator edits:
a French page under ``docs/fr/`` or a record's ``fr:`` text (keywords are short
labels and are not linted).  Warnings never stop a build.
"""

from __future__ import annotations

from pathlib import Path

from resource_library.load.files import record_files
from resource_library.load.glossary import find_not_preferred
from resource_library.load.glossary import message as glossary_message
from resource_library.load.problems import WARNING, Problem
from resource_library.load.yamlsource import load_file
from resource_library.text.scan import LineIndex
from resource_library.text.typography import lint_markdown, mask_markdown
from resource_library.translation.hashing import RECORD_FIELDS, TARGET, field_text, read_text


def _text_warnings(text: str, shown: str, where, terms: list, field_label: str) -> list:
    """Typography and glossary warnings of one French text.

    Args:
        where: ``(line index in text, column in that line) -> (line, column)`` in the file.
    """
    out = []
    masked = mask_markdown(text)
    for line, column, message in lint_markdown(text, masked):
        file_line, file_column = where(line - 1, column)
        out.append(Problem(shown, file_line, file_column, field_label, f"typography: {message}", WARNING))
    lines = LineIndex(text)
    for offset, found, term in find_not_preferred(masked, terms):
        line, column = lines.position(offset)
        file_line, file_column = where(line - 1, column)
        out.append(
            Problem(shown, file_line, file_column, field_label, f"glossary: {glossary_message(found, term)}", WARNING)
        )
    return out


class _LinesOnDemand:
    """The lines of a file, read the first time a warning needs them.

    Only a warning inside a block (``|``) needs the file's own lines (for the
    indentation); most records have none, and their file is not read again.
    """

    def __init__(self, path: Path):
        self.path = path
        self._lines: list[str] | None = None

    def get(self) -> list:
        lines = self._lines
        if lines is None:
            lines = self._lines = self.path.read_text(encoding="utf-8").splitlines()
        return lines


#: The warnings of each record's French texts, from the last call: a record whose parsed
#: data is the same object (``load_file`` shares it while the file's bytes are unchanged),
#: checked against the same glossary terms, is not checked again (``mkdocs serve`` rebuilds).
_RECORD_WARNINGS: dict = {"terms": None, "seen": {}}


def french_warnings(root: Path | str, terms: list, docs: str = "docs") -> list:
    """Typography and glossary warnings for every French page and record field."""
    root = Path(root).resolve()
    warnings = []
    for path in sorted((root / docs / TARGET).rglob("*.md")):
        if not path.is_file():  # a folder named like a page (check reports it)
            continue
        shown = path.relative_to(root).as_posix()
        warnings += _text_warnings(read_text(path), shown, lambda i, c: (i + 1, c), terms, "text")
    terms_key = repr(terms)
    if _RECORD_WARNINGS["terms"] != terms_key:
        _RECORD_WARNINGS["terms"], _RECORD_WARNINGS["seen"] = terms_key, {}
    last, now = _RECORD_WARNINGS["seen"], {}
    for path in record_files(root / "data" / "resources"):
        shown = f"data/resources/{path.name}"
        doc = load_file(path, shown)
        if not doc.ok or not isinstance(doc.data, dict):
            continue
        kept = last.get((id(doc.data), shown))
        if kept is not None and kept[0] is doc.data:  # the same parsed file (see _RECORD_WARNINGS)
            now[(id(doc.data), shown)] = kept
            warnings += kept[1]
            continue
        found: list = []
        now[(id(doc.data), shown)] = (doc.data, found)
        raw_lines = _LinesOnDemand(path)
        for name in RECORD_FIELDS:
            if name == "keywords":
                continue
            text = field_text(doc.data, name, TARGET)
            if text is None:
                continue
            key = tuple(name.split(".")) + (TARGET,)

            def where(index, column, key=key, doc=doc, raw_lines=raw_lines):  # called in this iteration
                line, start = doc.positions.of_text_line(key, index)
                if key in doc.positions.blocks and 0 < line <= len(raw_lines.get()):
                    raw = raw_lines.get()[line - 1]
                    start = len(raw) - len(raw.lstrip(" ")) + 1
                return line, start + column - 1

            found += _text_warnings(text, shown, where, terms, f"{name}.{TARGET}")
        warnings += found
    _RECORD_WARNINGS["seen"] = now
    return sorted(set(warnings), key=lambda p: p.sort_key())


__all__ = ["french_warnings"]

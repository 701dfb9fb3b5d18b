"""One field of an editor's file: its name, how its value is written, and what it means.

The models of the data files other than records (vocabularies, pillars,
programs, drawings, glossary, site, page front matter, translation files) are
tables of :class:`Field`.  Each table is the single description of its format:
the loader reads the allowed names from it (:func:`names`), and the JSON Schema
that editors' tools read is generated from it (:mod:`resource_library.load.schemas`),
with :attr:`Field.description` as the help shown on hover.

The record format has its own, older table (:data:`resource_library.model.record.FIELDS`).
"""

from __future__ import annotations

from dataclasses import dataclass

#: How a value may be written (the ``kind`` of a :class:`Field`):
KINDS = {
    "text": "plain text in English and French, {en, fr}: English required, French may wait",
    "text-both": "plain text in English and French, {en, fr}: both required",
    "markdown": "Markdown in English and French, {en, fr}: English required, French may wait",
    "texts": "lists of short texts in English and French, {en: [...], fr: [...]}",
    "name": "one text for both languages, or {en, fr}",
    "plain": "one text (not translated); ``pattern`` restricts it",
    "words": "a list of short texts (not translated)",
    "id": "an id: lowercase letters, digits and single hyphens",
    "date": "a date, YYYY-MM-DD",
    "https": "a full https:// address",
    "hash": "a hash written by scripts/library sync",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "choice": "one of ``choices``",
    "choices": "a list of values from ``choices``",
    "mapping": "sub-fields ``fields``, and no others",
    "list": "a list of mappings with the sub-fields ``fields``",
    "entries": "a mapping from ids to mappings with the sub-fields ``fields``",
}


@dataclass(frozen=True)
class Field:
    """One field of a file format.

    Attributes:
        name: The YAML key.
        kind: How the value is written: a key of :data:`KINDS`.
        description: What the field means, for editors (their editor shows it).
        required: Whether the field must be there.
        fields: The sub-fields of a ``mapping``, ``list`` or ``entries``.
        choices: ``(value, what it means)`` pairs of a ``choice`` or ``choices``.
        pattern: For ``plain``: the regular expression the text matches.
        min_items: For lists: how many items at least.
        max_length: For ``plain``: how many characters at most.
    """

    name: str
    kind: str
    description: str
    required: bool = False
    fields: tuple = ()
    choices: tuple = ()
    pattern: str = ""
    min_items: int = 0
    max_length: int = 0

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind {self.kind!r} for the field {self.name!r}")


def names(fields) -> tuple:
    """The names of ``fields``, in order (the loaders' lists of allowed names)."""
    return tuple(spec.name for spec in fields)


def required(fields) -> tuple:
    """The names of the required ``fields``, in order."""
    return tuple(spec.name for spec in fields if spec.required)


def by_name(fields) -> dict:
    """``{name: Field}``."""
    return {spec.name: spec for spec in fields}

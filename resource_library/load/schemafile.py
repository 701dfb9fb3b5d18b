"""The committed JSON Schema of records, ``schema/resource.schema.json``.

Editors' tools read that file (every record's first line points at it); it is
generated from :data:`model.FIELDS` and the shipped vocabularies by
``scripts/library schema`` and must never be edited by hand.  :func:`stale`
tells whether the committed copy still matches what would be generated.
"""

from __future__ import annotations

from pathlib import Path

from resource_library.load.catalogue import load_catalogue
from resource_library.load.problems import ERROR, Problem
from resource_library.load.schema import dumps, record_schema

SCHEMA_PATH = "schema/resource.schema.json"
#: The first line of every record: VS Code's YAML extension reads the schema from it.
MODELINE = f"# yaml-language-server: $schema=../../{SCHEMA_PATH}"


def generate(root: Path) -> tuple[str | None, list]:
    """The schema's text for the project at ``root``, or ``None`` and the problems
    that prevent generating it (errors in the vocabularies or pillars)."""
    catalogue = load_catalogue(root)
    blocking = [p for p in catalogue.errors if p.path in ("data/vocabularies.yml", "data/pillars.yml")]
    if blocking:
        return None, blocking
    return dumps(record_schema(catalogue.vocabularies, catalogue.drawings)), []


def stale(root: Path, expected: str, severity: str = ERROR) -> Problem | None:
    """A problem on the committed schema when it differs from ``expected``."""
    file = Path(root) / SCHEMA_PATH
    if not file.is_file():
        return Problem(SCHEMA_PATH, 0, 0, "-", "the schema file is missing; run `scripts/library schema` and commit it",
                       severity)
    if file.read_text(encoding="utf-8") != expected:
        return Problem(SCHEMA_PATH, 1, 1, "-", "the schema is out of date with the record format or the vocabularies; "
                                                "run `scripts/library schema` and commit the result", severity)
    return None

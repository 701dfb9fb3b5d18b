"""The committed JSON Schemas, ``schema/<kind>.schema.json``: one per kind of editor's file.

Editors' tools read those files (``.vscode/settings.json`` associates each with
its files, and the first line of each YAML file names its own, see
:mod:`resource_library.model.kinds`).  They are generated from the models by
``scripts/library schema`` and must never be edited by hand: records' from
:data:`model.FIELDS` and the shipped vocabularies (:mod:`resource_library.load.schema`),
the others' from their models alone (:mod:`resource_library.load.schemas`).
:func:`stale` tells whether a committed copy still matches what would be generated.
"""

from __future__ import annotations

from pathlib import Path

from resource_library.load.catalogue import Catalogue, load_catalogue
from resource_library.load.problems import ERROR, Problem
from resource_library.load.schema import dumps, record_schema
from resource_library.load.schemas import BUILDERS
from resource_library.model.kinds import KINDS, KINDS_BY_NAME, modeline

SCHEMA_PATH = KINDS_BY_NAME["resource"].schema
#: The first line of every record: VS Code's YAML extension reads the schema from it.
MODELINE = modeline("data/resources/record.yml")
#: The files whose errors stop the record schema from being generated (its terms come from them).
_TERMS_FROM = ("data/vocabularies.yml", "data/pillars.yml")


def texts(catalogue: Catalogue) -> dict:
    """``{schema path: text}`` of every kind's schema, for the loaded ``catalogue``."""
    out = {}
    for kind in KINDS:
        if kind.name == "resource":
            schema = record_schema(catalogue.vocabularies, catalogue.drawings)
        else:
            schema = BUILDERS[kind.name]()
        out[kind.schema] = dumps(schema)
    return out


def _blocking(catalogue: Catalogue) -> list:
    return [p for p in catalogue.errors if p.path in _TERMS_FROM]


def generate_all(root: Path) -> tuple[dict | None, list]:
    """Every schema's text for the project at ``root`` (``{path: text}``), or ``None`` and the
    problems that prevent generating them (errors in the vocabularies or pillars)."""
    catalogue = load_catalogue(root)
    blocking = _blocking(catalogue)
    if blocking:
        return None, blocking
    return texts(catalogue), []


def generate(root: Path) -> tuple[str | None, list]:
    """The record schema's text for the project at ``root``, or ``None`` and the problems that prevent it."""
    found, problems = generate_all(root)
    return (found[SCHEMA_PATH] if found else None), problems


def stale(root: Path, expected: str, severity: str = ERROR, path: str = SCHEMA_PATH) -> Problem | None:
    """A problem on the committed schema ``path`` when it differs from ``expected``."""
    file = Path(root) / path
    if not file.is_file():
        return Problem(
            path, 0, 0, "-", "the schema file is missing; run `scripts/library schema` and commit it", severity
        )
    if file.read_text(encoding="utf-8") != expected:
        what = "the record format or the vocabularies" if path == SCHEMA_PATH else "the format of its files"
        return Problem(
            path,
            1,
            1,
            "-",
            f"the schema is out of date with {what}; run `scripts/library schema` and commit the result",
            severity,
        )
    return None


def stale_schemas(root: Path, catalogue: Catalogue, severity: str = ERROR) -> list:
    """A problem per committed schema that is missing or out of date (none when the vocabularies have errors:
    the record schema cannot be generated, and their errors say why)."""
    if _blocking(catalogue):
        return []
    found = (stale(root, text, severity, path) for path, text in texts(catalogue).items())
    return [problem for problem in found if problem]

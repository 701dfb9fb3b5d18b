"""The copies of English kept in ``data/translations/``: what a translation was reviewed against.

A sync stores the English text it marked next to the marker's hash:
``pages/<path>`` for a page, ``records/<id>.yml`` for a record's fields.  The
status report diffs them with the English now, which needs no git history, so
it works in shallow CI clones and in a downloaded archive.  A snapshot counts
only while its hash is the marker's; these files are generated, never edited.
:func:`snapshot_problems` warns of a snapshot that cannot be read (a bad merge,
an edit by hand): the status report then ignores it, never stops on it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from resource_library.load.problems import WARNING, Problem
from resource_library.load.unicode import source_characters, source_problems
from resource_library.load.yamlsource import Positions, load_file
from resource_library.model.kinds import modeline
from resource_library.translation.hashing import RECORD_FIELDS, normalise, read_text, text_hash

SNAPSHOTS = Path("data") / "translations"

_HEADER = (
    modeline("data/translations/records/record.yml") + "\n"
    "# English text a French translation was reviewed against, written by\n"
    "# scripts/library sync (gives the diff of the English since then). Do not edit.\n"
)


def _page_path(root: Path, rel: str) -> Path:
    return root / SNAPSHOTS / "pages" / rel


def _record_path(root: Path, stem: str) -> Path:
    return root / SNAPSHOTS / "records" / f"{stem}.yml"


def read_page_snapshot(root: Path, rel: str, expected_hash: str) -> str | None:
    """The English of ``docs/<rel>`` when synced, if its snapshot has the marker's hash."""
    path = _page_path(root, rel)
    if not path.is_file():
        return None
    text = read_text(path)
    return text if text_hash(text) == expected_hash else None


def read_record_snapshot(root: Path, stem: str) -> dict:
    """``{field: English when synced}`` of a record (``{}`` without a readable snapshot)."""
    path = _record_path(root, stem)
    if not path.is_file():
        return {}
    doc = load_file(path, str(path))
    return {str(k): str(v) for k, v in doc.data.items()} if doc.ok and isinstance(doc.data, dict) else {}


_REDO = " (this file is written by `scripts/library sync`: delete the file and run the sync again)"
#: Page snapshots looked at, and their size, at most (a snapshot is a copy of one page).
_MAX_PAGE_BYTES = 1024 * 1024


def snapshot_problems(root: Path) -> list:
    """Warnings for the snapshots under ``data/translations/`` that cannot be used as they are."""
    folder = root / SNAPSHOTS
    problems: list = []
    for path in sorted((folder / "records").glob("*.yml")) if (folder / "records").is_dir() else ():
        shown = path.relative_to(root).as_posix()
        doc = load_file(path, shown)
        found = list(doc.problems)
        if doc.ok and not isinstance(doc.data, dict):
            found.append(doc.problem((), "expected the English texts of a record, one field per line"))
        elif doc.ok:
            for key, value in doc.data.items():
                if key not in RECORD_FIELDS:
                    found.append(doc.problem((key,), f"'{key}' is not a field a translation is tracked for", key=True))
                elif not isinstance(value, str):
                    found.append(doc.problem((key,), "expected the English text of the field"))
        problems += [Problem(p.path, p.line, p.column, p.field, p.message + _REDO, WARNING) for p in found]
    for path in sorted((folder / "pages").rglob("*")) if (folder / "pages").is_dir() else ():
        if not path.is_file() or path.stat().st_size > _MAX_PAGE_BYTES:
            continue
        text = read_text(path)
        found = source_characters(text)
        shown = path.relative_to(root).as_posix()
        problems += (
            [
                Problem(shown, line, column, "-", message + _REDO, WARNING)
                for line, column, _, message in source_problems(text, found, Positions())
            ]
            if found
            else []
        )
    return problems


class _Dumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks, so snapshots read like the records."""


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or read_text(path) != text:
        path.write_text(text, encoding="utf-8", newline="\n")


def write_page_snapshot(root: Path, rel: str, english: str) -> None:
    """Keep ``english`` as the text ``docs/<rel>`` was synced against."""
    _write_if_changed(_page_path(root, rel), normalise(english))


def write_record_snapshot(root: Path, stem: str, texts: dict) -> None:
    """Keep ``{field: English}`` as the texts a record was synced against (fields in report order)."""
    ordered = {name: texts[name] for name in RECORD_FIELDS if name in texts}
    _write_if_changed(
        _record_path(root, stem),
        _HEADER + yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000),
    )


__all__ = [
    "SNAPSHOTS",
    "read_page_snapshot",
    "read_record_snapshot",
    "snapshot_problems",
    "write_page_snapshot",
    "write_record_snapshot",
]

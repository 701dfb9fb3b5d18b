"""The copies of English kept in ``data/translations/``: what a translation was reviewed against.

A sync stores the English text it marked next to the marker's hash:
``pages/<path>`` for a page, ``records/<id>.yml`` for a record's fields.  The
status report diffs them with the English now, which needs no git history, so
it works in shallow CI clones and in a downloaded archive.  A snapshot counts
only while its hash is the marker's; these files are generated, never edited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import yaml

from resource_library.load.yamlsource import load_file
from resource_library.translation.hashing import RECORD_FIELDS, normalise, read_text, text_hash

SNAPSHOTS = Path("data") / "translations"

_HEADER = ("# English text a French translation was reviewed against, written by\n"
           "# scripts/library sync (gives the diff of the English since then). Do not edit.\n")


def _page_path(root: Path, rel: str) -> Path:
    return root / SNAPSHOTS / "pages" / rel


def _record_path(root: Path, stem: str) -> Path:
    return root / SNAPSHOTS / "records" / f"{stem}.yml"


def read_page_snapshot(root: Path, rel: str, expected_hash: str) -> Optional[str]:
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
    _write_if_changed(_record_path(root, stem),
                      _HEADER + yaml.dump(ordered, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000))


__all__ = ["SNAPSHOTS", "read_page_snapshot", "read_record_snapshot", "write_page_snapshot", "write_record_snapshot"]

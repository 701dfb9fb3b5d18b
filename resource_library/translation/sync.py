"""``scripts/library sync``: mark a French page or a record's French as reviewed.

This is the only code that writes editors' files.  It records two things: the
**marker** in the translated file, with the hash of the English it was reviewed
against (written by the byte-preserving edits of
:mod:`resource_library.translation.markers`, so a pull request shows only the
marker changing), and a **snapshot** of that English in ``data/translations/``
(:mod:`resource_library.translation.snapshots`), for later diffs.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from resource_library.load.yamlsource import load_file
from resource_library.translation.hashing import (
    RECORD_FIELDS,
    SOURCE,
    TARGET,
    normalise,
    read_text,
    record_texts,
    text_hash,
)
from resource_library.translation.markers import set_front_matter_block, set_yaml_block
from resource_library.translation.snapshots import read_record_snapshot, write_page_snapshot, write_record_snapshot
from resource_library.translation.synced import record_marker


class SyncError(Exception):
    """A file cannot be marked as synced; the message says why."""


def _utf8(path: Path) -> str:
    """The exact text of a file ``sync`` edits (it must be UTF-8 to be edited safely)."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SyncError(f"{path.name} is not UTF-8 text; save it as UTF-8 first") from None


def _sync_page(root: Path, french_path: Path, today: str | None, docs: str) -> str:
    """Mark a French page (or the French of an English page) as reviewed; returns a message."""
    base = root / docs / TARGET
    try:
        rel = french_path.relative_to(base).as_posix()
    except ValueError:
        english_base = root / docs
        try:
            rel = french_path.relative_to(english_base).as_posix()
        except ValueError:
            raise SyncError(
                f"{french_path} is neither a page under {docs}/{TARGET}/ nor a record under data/resources/"
            ) from None
        french_path = base / rel
    english = root / docs / rel
    if not english.is_file():
        raise SyncError(f"{docs}/{TARGET}/{rel} has no English source {docs}/{rel}")
    if not french_path.is_file():
        raise SyncError(f"{docs}/{TARGET}/{rel} does not exist yet: translate {docs}/{rel} first")
    today = today or date.today().isoformat()
    source_text = read_text(english)
    raw = _utf8(french_path)
    new = set_front_matter_block(
        raw, "translation", [("source", json.dumps(text_hash(source_text))), ("synced", today)]
    )
    if new != raw:
        french_path.write_bytes(new.encode("utf-8"))
    write_page_snapshot(root, rel, source_text)
    return f"{docs}/{TARGET}/{rel}: synced with {docs}/{rel} ({text_hash(source_text)}) on {today}"


def _sync_record(root: Path, path: Path, fields: tuple, today: str | None) -> str:
    """Mark a record's French fields (all, or ``fields``) as reviewed; returns a message."""
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    doc = load_file(path, shown)
    if not doc.ok or not isinstance(doc.data, dict):
        problems = "; ".join(str(p) for p in doc.problems) or "not a mapping"
        raise SyncError(f"{shown} cannot be read: {problems}")
    english, french = record_texts(doc.data, SOURCE), record_texts(doc.data, TARGET)
    unknown = [f for f in fields if f not in RECORD_FIELDS]
    if unknown:
        raise SyncError(f"unknown field {', '.join(unknown)}; translatable fields: {', '.join(RECORD_FIELDS)}")
    wanted = [f for f in (fields or english) if f in english]
    untranslated = [f for f in wanted if f not in french]
    if fields and untranslated:
        raise SyncError(f"{shown}: no French text for {', '.join(untranslated)}; translate it first")
    wanted = [f for f in wanted if f in french]
    if not wanted:
        raise SyncError(f"{shown} has no French text to mark as synced")
    today = today or date.today().isoformat()
    marker = record_marker(doc.data)
    hashes = {name: marker[name] for name in RECORD_FIELDS if name in marker and name in english}
    hashes.update({name: text_hash(english[name]) for name in wanted})
    entries = [("synced", today)] + [(name, json.dumps(hashes[name])) for name in RECORD_FIELDS if name in hashes]
    raw = _utf8(path)
    new = set_yaml_block(raw, "translation", [(TARGET, dict(entries))])
    if new != raw:
        path.write_bytes(new.encode("utf-8"))
    snapshot = read_record_snapshot(root, path.stem)
    snapshot = {k: v for k, v in snapshot.items() if k in hashes}
    snapshot.update({name: normalise(english[name]) for name in wanted})
    write_record_snapshot(root, path.stem, snapshot)
    untouched = [f for f in english if f not in wanted]
    extra = f" (not synced, no French yet: {', '.join(untouched)})" if untouched and not fields else ""
    return f"{shown}: synced {', '.join(wanted)} on {today}{extra}"


def sync(root: Path, target: Path, fields: tuple = (), today: str | None = None, docs: str = "docs") -> str:
    """Sync a French page or a record, whichever ``target`` is; returns a message.

    Args:
        target: A French page, its English page, or a record (absolute or relative to ``root``).
        fields: For a record, the fields to sync (default: every translated field).
        today: The sync date to record (``YYYY-MM-DD``; default: today).
    """
    root = Path(root).resolve()
    if today is not None:
        try:
            date.fromisoformat(today)
        except ValueError:
            raise SyncError(f"'{today}' is not a date; write YYYY-MM-DD") from None
    resolved = (root / target).resolve() if not Path(target).is_absolute() else Path(target)
    if resolved.suffix == ".yml":
        return _sync_record(root, resolved, fields, today)
    if resolved.suffix == ".md":
        if fields:
            raise SyncError("--field applies to records only; a page is synced as a whole")
        return _sync_page(root, resolved, today, docs)
    raise SyncError(f"{target}: expected a French page (docs/{TARGET}/*.md) or a record (data/resources/*.yml)")


__all__ = ["SyncError", "sync"]

"""The translation status report: which French texts are complete, missing or outdated.

English is the reference language.  A French text is *synced* when a translator
has reviewed it against a given English text and said so with
``scripts/library sync`` (:mod:`resource_library.translation.sync`), which
writes a marker with the hash of that English into the translated file and keeps
a snapshot of it in ``data/translations/``.

An item is *missing* when there is no French, *outdated* when the English hash
no longer matches the marker (or there is no marker), and *complete* otherwise;
an outdated item carries the diff of the English since the sync, from the
snapshot.  The report also counts the short bilingual texts (interface words,
vocabularies...) that lack French, and gathers the warnings on the French
sources (:mod:`resource_library.translation.lint`).  ``scripts/library status``
prints it and the build shows it to readers (dates in French by
:func:`french_date`); nothing here writes.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from resource_library.load.files import record_files
from resource_library.load.glossary import load_glossary
from resource_library.load.yamlsource import field_name, load_file
from resource_library.translation.hashing import SOURCE, TARGET, normalise, read_text, record_texts, text_hash
from resource_library.translation.lint import french_warnings
from resource_library.translation.snapshots import SNAPSHOTS, read_page_snapshot, read_record_snapshot
from resource_library.translation.synced import page_marker, record_marker

COMPLETE, MISSING, OUTDATED = "complete", "missing", "outdated"
STATES = (COMPLETE, OUTDATED, MISSING)


@dataclass
class FieldStatus:
    """One translatable field of a record."""

    name: str
    state: str
    diff: str = ""


@dataclass
class Item:
    """One page or record and the state of its French translation.

    Attributes:
        section: ``pages`` or ``records``.
        key: The English page (``about.md``) or the record id.
        state: ``complete``, ``missing`` or ``outdated``.
        source: The English file (project-relative).
        target: The file a translator edits.
        synced: Date of the last sync, if any.
        diff: Unified diff of the English since the sync ('' when there is none).
        note: Why the item is in this state, in a sentence.
        fields: Per-field states of a record.
        changed: Date the English is known to have changed (a record's ``updated``).
    """

    section: str
    key: str
    state: str
    source: str
    target: str
    synced: str | None = None
    diff: str = ""
    note: str = ""
    fields: list = field(default_factory=list)
    changed: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def _diff(old: str | None, new: str, path: str, synced: str | None) -> str:
    if old is None:
        return ""
    lines = difflib.unified_diff(
        normalise(old).splitlines(keepends=True),
        normalise(new).splitlines(keepends=True),
        fromfile=f"{path} (English when synced{' on ' + synced if synced else ''})",
        tofile=f"{path} (English now)",
    )
    return "".join(lines)


def english_pages(root: Path, docs: str = "docs") -> list:
    """Hand-written English pages, as paths relative to ``docs/`` (``about.md``)."""
    base = root / docs
    out = []
    for path in sorted(base.rglob("*.md")):
        if not path.is_file():  # a folder named like a page (check reports it)
            continue
        rel = path.relative_to(base).as_posix()
        if rel.split("/")[0] == TARGET:
            continue
        out.append(rel)
    return out


def page_status(root: Path, rel: str, docs: str = "docs") -> Item:
    """State of the French translation of ``docs/<rel>``."""
    source = f"{docs}/{rel}"
    target = f"{docs}/{TARGET}/{rel}"
    english = read_text(root / source)
    french_file = root / target
    if not french_file.is_file():
        return Item("pages", rel, MISSING, source, target, note=f"no French page: create {target}")
    marker = page_marker(read_text(french_file))
    synced = marker.get("synced")
    if not marker.get("source"):
        return Item(
            "pages",
            rel,
            OUTDATED,
            source,
            target,
            note="never marked as synced: compare it with the English, then run scripts/library sync " + target,
        )
    if marker["source"] == text_hash(english):
        return Item("pages", rel, COMPLETE, source, target, synced=synced)
    snapshot = read_page_snapshot(root, rel, marker["source"])
    note = f"the English changed since the sync of {synced}" if synced else "the English changed since the sync"
    if snapshot is None:
        note += f" (no snapshot of the English in {SNAPSHOTS.as_posix()}/pages/{rel}: see the history of {source})"
    return Item(
        "pages", rel, OUTDATED, source, target, synced=synced, diff=_diff(snapshot, english, source, synced), note=note
    )


#: Each record's state, ``{file: (data, snapshot, item)}``: a record whose parsed data is the
#: same object (``load_file`` shares it while the file's bytes are unchanged) and whose
#: snapshot is the same has the same state (``mkdocs serve`` rebuilds).  :func:`project_status`
#: keeps the records of its project only.
_RECORD_STATES: dict = {}


def record_status(root: Path, path: Path, snapshots: set | None = None) -> Item | None:
    """State of the French fields of one record (``None`` when it cannot be read).

    ``snapshots``: the names in the folder of the records' snapshots, when known (a
    record without one needs no look at the disk)."""
    shown = (
        f"data/resources/{path.name}"
        if path.parent == root / "data" / "resources"
        else path.relative_to(root).as_posix()
    )
    doc = load_file(path, shown)
    if not doc.ok or not isinstance(doc.data, dict):
        _RECORD_STATES.pop(str(path), None)
        return None
    snapshot = read_record_snapshot(root, path.stem) if snapshots is None or f"{path.stem}.yml" in snapshots else {}
    kept = _RECORD_STATES.get(str(path))
    if kept is not None and kept[0] is doc.data and kept[1] == snapshot:
        return kept[2]
    item = _record_status(doc, shown, path.stem, snapshot)
    _RECORD_STATES[str(path)] = (doc.data, snapshot, item)
    return item


def _record_status(doc, shown: str, stem: str, snapshot: dict) -> Item:
    data = doc.data
    rid = str(data.get("id") or stem)
    english, french = record_texts(data, SOURCE), record_texts(data, TARGET)
    marker = record_marker(data)
    synced = marker.get("synced")
    fields = []
    for name, text in english.items():
        if name not in french:
            fields.append(FieldStatus(name, MISSING))
        elif marker.get(name) == text_hash(text):
            fields.append(FieldStatus(name, COMPLETE))
        else:
            old = snapshot.get(name) if marker.get(name) and text_hash(snapshot.get(name, "")) == marker[name] else None
            fields.append(FieldStatus(name, OUTDATED, _diff(old, text, f"{shown} {name}.en", synced) if old else ""))
    states = {f.state for f in fields}
    if not french:
        state, note = MISSING, "no French text"
    elif MISSING in states:
        state = MISSING
        note = "no French for: " + ", ".join(f.name for f in fields if f.state == MISSING)
    elif OUTDATED in states:
        state = OUTDATED
        names = ", ".join(f.name for f in fields if f.state == OUTDATED)
        note = f"English changed since the sync of {synced}: {names}" if synced else f"never marked as synced: {names}"
    else:
        state, note = COMPLETE, ""
    changed = data.get("updated") if isinstance(data.get("updated"), str) else None
    diff = "".join(f.diff for f in fields)
    return Item(
        "records",
        rid,
        state,
        shown,
        shown,
        synced=synced,
        diff=diff,
        note=note,
        fields=fields,
        changed=changed if state == OUTDATED else None,
    )


@dataclass
class Report:
    """The translation state of a whole project."""

    pages: list
    records: list
    texts: dict  # {"complete": n, "missing": [Problem-like dicts]}
    warnings: list = field(default_factory=list)  # Problem objects (typography, glossary)

    def counts(self, section: str) -> dict:
        items = getattr(self, section)
        counts = {state: sum(1 for i in items if i.state == state) for state in STATES}
        counts["total"] = len(items)
        return counts

    def items(self):
        return list(self.pages) + list(self.records)

    def as_dict(self) -> dict:
        return {
            "sections": {
                "pages": {**self.counts("pages"), "items": [i.as_dict() for i in self.pages]},
                "records": {**self.counts("records"), "items": [i.as_dict() for i in self.records]},
                "texts": {
                    "complete": self.texts["complete"],
                    "missing": len(self.texts["missing"]),
                    "outdated": 0,
                    "total": self.texts["complete"] + len(self.texts["missing"]),
                    "items": self.texts["missing"],
                },
            },
            "warnings": [
                {"path": w.path, "line": w.line, "column": w.column, "field": w.field, "message": w.message}
                for w in self.warnings
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"


def bilingual_texts(root: Path) -> dict:
    """Interface words, vocabularies, pillars, programs and glossary: which lack French.

    These files are checked by ``check`` (interface words) or are short labels;
    they are counted here so translators see one summary, without sync markers.
    """
    files = [root / "data" / n for n in ("interface.yml", "vocabularies.yml", "pillars.yml", "glossary.yml")]
    files += sorted((root / "data" / "programs").glob("*.yml"))
    complete, missing = 0, []
    for file in files:
        if not file.is_file():
            continue
        shown = file.relative_to(root).as_posix()
        doc = load_file(file, shown)
        if not doc.ok:
            continue
        stack: list[tuple[tuple[str | int, ...], Any]] = [((), doc.data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, dict) and SOURCE in value and isinstance(value[SOURCE], (str, list)):
                if value.get(TARGET):
                    complete += 1
                else:
                    line, column = doc.positions.of_value(path)
                    missing.append(
                        {
                            "path": shown,
                            "line": line,
                            "column": column,
                            "field": field_name(path),
                            "english": value[SOURCE]
                            if isinstance(value[SOURCE], str)
                            else ", ".join(map(str, value[SOURCE])),
                        }
                    )
            elif isinstance(value, dict):
                stack += [(path + (k,), v) for k, v in value.items()]
            elif isinstance(value, list):
                stack += [(path + (i,), v) for i, v in enumerate(value)]
    missing.sort(key=lambda m: (m["path"], m["line"], m["column"]))
    return {"complete": complete, "missing": missing}


def project_status(root: Path | str, docs: str = "docs", warnings: bool = True) -> Report:
    """Translation state of every page, record and bilingual text of a project.

    Args:
        warnings: Also lint French sources (typography, glossary) and read the glossary.
    """
    root = Path(root).resolve()
    pages = [page_status(root, rel, docs) for rel in english_pages(root, docs)]
    records = []
    files = record_files(root / "data" / "resources")
    try:
        snapshots = set(os.listdir(root / SNAPSHOTS / "records"))
    except OSError:  # none yet
        snapshots = set()
    for path in files:
        item = record_status(root, path, snapshots)
        if item is not None:
            records.append(item)
    for gone in set(_RECORD_STATES) - {str(path) for path in files}:
        del _RECORD_STATES[gone]
    report = Report(pages, records, bilingual_texts(root))
    if warnings:
        terms, problems = load_glossary(root / "data" / "glossary.yml", "data/glossary.yml")
        report.warnings = sorted(set(problems) | set(french_warnings(root, terms, docs)), key=lambda p: p.sort_key())
    return report


#: The dates of a report as French readers see them (notices, the status page).
FRENCH_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(iso: str) -> str:
    """``2026-11-22`` → ``22 novembre 2026`` (``1er`` for the first of the month)."""
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {FRENCH_MONTHS[day.month - 1]} {day.year}"


__all__ = [
    "COMPLETE",
    "MISSING",
    "OUTDATED",
    "STATES",
    "FieldStatus",
    "Item",
    "Report",
    "bilingual_texts",
    "english_pages",
    "french_date",
    "page_status",
    "project_status",
    "record_status",
]

"""Translation tracking: which French texts are complete, missing or outdated.

English is the reference language.  A French text is *synced* when a translator
has reviewed it against a given English text and said so with
``scripts/library sync``, which records two things:

- a **marker** in the translated file itself — in the front matter of a French
  page (``translation: {source: <hash>, synced: <date>}``) or in a record
  (``translation: {fr: {synced: <date>, <field>: <hash>, ...}}``).  The hash is
  the first 12 hexadecimal digits of the SHA-256 of the English text, normalised
  (line endings, trailing spaces); it travels with the file, so a pull request
  that changes a translation shows the marker changing too;
- a **snapshot** of that English text in ``data/translations/`` (``pages/<path>``
  for a page, ``records/<id>.yml`` for a record's fields).  It gives the diff of
  the English since the sync without any git history, so it works in shallow CI
  clones and in a downloaded archive.

An item is *missing* when there is no French, *outdated* when the English hash
no longer matches the marker (or there is no marker), and *complete* otherwise.
The build reads this module to show notices to readers and the status page; it
never writes anything.  Only :func:`sync_page` and :func:`sync_record` write.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Optional

import yaml

from resource_library.load.glossary import find_not_preferred, load_glossary
from resource_library.load.glossary import message as glossary_message
from resource_library.load.frontmatter import body as front_matter_body
from resource_library.translation.markers import set_front_matter_block, set_yaml_block
from resource_library.load.problems import WARNING, Problem
from resource_library.text.typography import lint_markdown, mask_markdown
from resource_library.load.yamlsource import field_name, load_file, load_text

TARGET = "fr"
SOURCE = "en"
COMPLETE, MISSING, OUTDATED = "complete", "missing", "outdated"
STATES = (COMPLETE, OUTDATED, MISSING)
SNAPSHOTS = Path("data") / "translations"
HASH_PATTERN = r"^[0-9a-f]{12}$"

#: Translatable fields of a record, in the order reports list them.
RECORD_FIELDS = ("title", "summary", "description", "alt", "evidence.note", "publisher", "keywords")


class SyncError(Exception):
    """A file cannot be marked as synced; the message says why."""


# -- texts and hashes ------------------------------------------------------------

def normalise(text: str) -> str:
    """Text as hashed and stored: ``\\n`` line endings, no trailing spaces or blank edges."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def text_hash(text: str) -> str:
    """First 12 hexadecimal digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12]


def _variant(data: dict, name: str, lang: str):
    value = data
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if not isinstance(value, dict):
        return None
    text = value.get(lang)
    if isinstance(text, list):
        text = "\n".join(str(t) for t in text) if text else None
    return text if isinstance(text, str) and text.strip() else None


def record_texts(data: dict, lang: str) -> dict:
    """``{field: text}`` of a record's translatable fields in ``lang``."""
    out = {}
    for name in RECORD_FIELDS:
        text = _variant(data, name, lang)
        if text is not None:
            out[name] = text
    return out


# -- status ------------------------------------------------------------------------

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
    synced: Optional[str] = None
    diff: str = ""
    note: str = ""
    fields: list = field(default_factory=list)
    changed: Optional[str] = None

    def as_dict(self) -> dict:
        return asdict(self)


def _diff(old: Optional[str], new: str, path: str, synced: Optional[str]) -> str:
    if old is None:
        return ""
    lines = difflib.unified_diff(
        normalise(old).splitlines(keepends=True), normalise(new).splitlines(keepends=True),
        fromfile=f"{path} (English when synced{' on ' + synced if synced else ''})", tofile=f"{path} (English now)")
    return "".join(lines)


def _read(path: Path) -> str:
    """A page's text; bytes that are not UTF-8 (reported by MkDocs itself) never stop a report."""
    return path.read_bytes().decode("utf-8", errors="replace")


def _utf8(path: Path) -> str:
    """The exact text of a file ``sync`` edits (it must be UTF-8 to be edited safely)."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SyncError(f"{path.name} is not UTF-8 text; save it as UTF-8 first") from None


def page_marker(text: str) -> dict:
    """The ``translation`` marker of a French page's front matter (``{}`` when absent)."""
    body = front_matter_body(text)
    if not body.strip():
        return {}
    doc = load_text(body, "front matter")
    data = doc.data if isinstance(doc.data, dict) else {}
    marker = data.get("translation")
    return {k: str(v) for k, v in marker.items()} if isinstance(marker, dict) else {}


def english_pages(root: Path, docs: str = "docs") -> list:
    """Hand-written English pages, as paths relative to ``docs/`` (``about.md``)."""
    base = root / docs
    out = []
    for path in sorted(base.rglob("*.md")):
        rel = path.relative_to(base).as_posix()
        if rel.split("/")[0] == TARGET:
            continue
        out.append(rel)
    return out


def page_status(root: Path, rel: str, docs: str = "docs") -> Item:
    """State of the French translation of ``docs/<rel>``."""
    source = f"{docs}/{rel}"
    target = f"{docs}/{TARGET}/{rel}"
    english = _read(root / source)
    french_file = root / target
    if not french_file.is_file():
        return Item("pages", rel, MISSING, source, target, note=f"no French page: create {target}")
    marker = page_marker(_read(french_file))
    synced = marker.get("synced")
    if not marker.get("source"):
        return Item("pages", rel, OUTDATED, source, target,
                    note="never marked as synced: compare it with the English, then run scripts/library sync " + target)
    if marker["source"] == text_hash(english):
        return Item("pages", rel, COMPLETE, source, target, synced=synced)
    snapshot = _read_snapshot_page(root, rel, marker["source"])
    note = f"the English changed since the sync of {synced}" if synced else "the English changed since the sync"
    if snapshot is None:
        note += f" (no snapshot of the English in {SNAPSHOTS.as_posix()}/pages/{rel}: see the history of {source})"
    return Item("pages", rel, OUTDATED, source, target, synced=synced,
                diff=_diff(snapshot, english, source, synced), note=note)


def record_status(root: Path, path: Path) -> Optional[Item]:
    """State of the French fields of one record (``None`` when it cannot be read)."""
    shown = path.relative_to(root).as_posix()
    doc = load_file(path, shown)
    if not doc.ok or not isinstance(doc.data, dict):
        return None
    data = doc.data
    rid = str(data.get("id") or path.stem)
    english, french = record_texts(data, SOURCE), record_texts(data, TARGET)
    marker = _record_marker(data)
    synced = marker.get("synced")
    snapshot = _read_snapshot_record(root, path.stem)
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
        note = (f"English changed since the sync of {synced}: {names}" if synced
                else f"never marked as synced: {names}")
    else:
        state, note = COMPLETE, ""
    changed = data.get("updated") if isinstance(data.get("updated"), str) else None
    diff = "".join(f.diff for f in fields)
    return Item("records", rid, state, shown, shown, synced=synced, diff=diff, note=note, fields=fields,
                changed=changed if state == OUTDATED else None)


def _record_marker(data: dict) -> dict:
    marker = data.get("translation")
    marker = marker.get(TARGET) if isinstance(marker, dict) else None
    return {str(k): str(v) for k, v in marker.items()} if isinstance(marker, dict) else {}


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
                "texts": {"complete": self.texts["complete"], "missing": len(self.texts["missing"]),
                          "outdated": 0, "total": self.texts["complete"] + len(self.texts["missing"]),
                          "items": self.texts["missing"]},
            },
            "warnings": [{"path": w.path, "line": w.line, "column": w.column, "field": w.field,
                          "message": w.message} for w in self.warnings],
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
        stack = [((), doc.data)]
        while stack:
            path, value = stack.pop()
            if isinstance(value, dict) and SOURCE in value and isinstance(value[SOURCE], (str, list)):
                if value.get(TARGET):
                    complete += 1
                else:
                    line, column = doc.positions.of_value(path)
                    missing.append({"path": shown, "line": line, "column": column, "field": field_name(path),
                                    "english": value[SOURCE] if isinstance(value[SOURCE], str) else ", ".join(map(str, value[SOURCE]))})
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
    for path in sorted((root / "data" / "resources").glob("*.yml")):
        item = record_status(root, path)
        if item is not None:
            records.append(item)
    report = Report(pages, records, bilingual_texts(root))
    if warnings:
        terms, problems = load_glossary(root / "data" / "glossary.yml", "data/glossary.yml")
        report.warnings = sorted(set(problems) | set(french_warnings(root, terms, docs)), key=lambda p: p.sort_key())
    return report


# -- French sources: typography and glossary -------------------------------------

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
    for offset, found, term in find_not_preferred(masked, terms):
        line = text.count("\n", 0, offset)
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        file_line, file_column = where(line, column)
        out.append(Problem(shown, file_line, file_column, field_label, f"glossary: {glossary_message(found, term)}", WARNING))
    return out


class _LinesOnDemand:
    """The lines of a file, read the first time a warning needs them.

    Only a warning inside a block (``|``) needs the file's own lines (for the
    indentation); most records have none, and their file is not read again.
    """

    def __init__(self, path: Path):
        self.path = path
        self._lines = None

    def get(self) -> list:
        if self._lines is None:
            self._lines = self.path.read_text(encoding="utf-8").splitlines()
        return self._lines


def french_warnings(root: Path | str, terms: list, docs: str = "docs") -> list:
    """Typography and glossary warnings for every French page and record field."""
    root = Path(root).resolve()
    warnings = []
    for path in sorted((root / docs / TARGET).rglob("*.md")):
        shown = path.relative_to(root).as_posix()
        warnings += _text_warnings(_read(path), shown, lambda i, c: (i + 1, c), terms, "text")
    for path in sorted((root / "data" / "resources").glob("*.yml")):
        shown = path.relative_to(root).as_posix()
        doc = load_file(path, shown)
        if not doc.ok or not isinstance(doc.data, dict):
            continue
        raw_lines = _LinesOnDemand(path)
        for name in RECORD_FIELDS:
            if name == "keywords":
                continue
            text = _variant(doc.data, name, TARGET)
            if text is None:
                continue
            key = tuple(name.split(".")) + (TARGET,)

            def where(index, column, key=key):
                line, start = doc.positions.of_text_line(key, index)
                if key in doc.positions.blocks and 0 < line <= len(raw_lines.get()):
                    raw = raw_lines.get()[line - 1]
                    start = len(raw) - len(raw.lstrip(" ")) + 1
                return line, start + column - 1

            warnings += _text_warnings(text, shown, where, terms, f"{name}.{TARGET}")
    return sorted(set(warnings), key=lambda p: p.sort_key())


# -- snapshots ---------------------------------------------------------------------

def _snapshot_page_path(root: Path, rel: str) -> Path:
    return root / SNAPSHOTS / "pages" / rel


def _snapshot_record_path(root: Path, stem: str) -> Path:
    return root / SNAPSHOTS / "records" / f"{stem}.yml"


def _read_snapshot_page(root: Path, rel: str, expected_hash: str) -> Optional[str]:
    path = _snapshot_page_path(root, rel)
    if not path.is_file():
        return None
    text = _read(path)
    return text if text_hash(text) == expected_hash else None


def _read_snapshot_record(root: Path, stem: str) -> dict:
    path = _snapshot_record_path(root, stem)
    if not path.is_file():
        return {}
    doc = load_file(path, str(path))
    return {str(k): str(v) for k, v in doc.data.items()} if doc.ok and isinstance(doc.data, dict) else {}


class _SnapshotDumper(yaml.SafeDumper):
    """Multi-line texts as literal blocks, so snapshots read like the records."""


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_SnapshotDumper.add_representer(str, _str)

_SNAPSHOT_HEADER = ("# English text a French translation was reviewed against, written by\n"
                    "# scripts/library sync (gives the diff of the English since then). Do not edit.\n")


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file() or _read(path) != text:
        path.write_text(text, encoding="utf-8", newline="\n")


# -- sync --------------------------------------------------------------------------

def sync_page(root: Path, french_path: Path, today: Optional[str] = None, docs: str = "docs") -> str:
    """Mark a French page as reviewed against the current English; returns a message."""
    root = Path(root).resolve()
    french_path = (root / french_path).resolve() if not Path(french_path).is_absolute() else Path(french_path)
    base = root / docs / TARGET
    try:
        rel = french_path.relative_to(base).as_posix()
    except ValueError:
        english_base = root / docs
        try:
            rel = french_path.relative_to(english_base).as_posix()
        except ValueError:
            raise SyncError(f"{french_path} is neither a page under {docs}/{TARGET}/ nor a record under data/resources/") from None
        french_path = base / rel
    english = root / docs / rel
    if not english.is_file():
        raise SyncError(f"{docs}/{TARGET}/{rel} has no English source {docs}/{rel}")
    if not french_path.is_file():
        raise SyncError(f"{docs}/{TARGET}/{rel} does not exist yet: translate {docs}/{rel} first")
    today = today or date.today().isoformat()
    source_text = _read(english)
    raw = _utf8(french_path)
    new = set_front_matter_block(raw, "translation", [("source", json.dumps(text_hash(source_text))), ("synced", today)])
    if new != raw:
        french_path.write_bytes(new.encode("utf-8"))
    _write_if_changed(_snapshot_page_path(root, rel), normalise(source_text))
    return f"{docs}/{TARGET}/{rel}: synced with {docs}/{rel} ({text_hash(source_text)}) on {today}"


def sync_record(root: Path, path: Path, fields: tuple = (), today: Optional[str] = None) -> str:
    """Mark a record's French fields (all, or ``fields``) as reviewed; returns a message."""
    root = Path(root).resolve()
    path = (root / path).resolve() if not Path(path).is_absolute() else Path(path)
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
    marker = _record_marker(doc.data)
    hashes = {name: marker[name] for name in RECORD_FIELDS if name in marker and name in english}
    hashes.update({name: text_hash(english[name]) for name in wanted})
    entries = [("synced", today)] + [(name, json.dumps(hashes[name])) for name in RECORD_FIELDS if name in hashes]
    raw = _utf8(path)
    new = set_yaml_block(raw, "translation", [(TARGET, dict(entries))])
    if new != raw:
        path.write_bytes(new.encode("utf-8"))
    snapshot = _read_snapshot_record(root, path.stem)
    snapshot = {k: v for k, v in snapshot.items() if k in hashes}
    snapshot.update({name: normalise(english[name]) for name in wanted})
    ordered = {name: snapshot[name] for name in RECORD_FIELDS if name in snapshot}
    _write_if_changed(_snapshot_record_path(root, path.stem),
                      _SNAPSHOT_HEADER + yaml.dump(ordered, Dumper=_SnapshotDumper, allow_unicode=True,
                                                   sort_keys=False, width=100000))
    untouched = [f for f in english if f not in wanted]
    extra = f" (not synced, no French yet: {', '.join(untouched)})" if untouched and not fields else ""
    return f"{shown}: synced {', '.join(wanted)} on {today}{extra}"


def sync(root: Path, target: Path, fields: tuple = (), today: Optional[str] = None, docs: str = "docs") -> str:
    """Sync a French page or a record, whichever ``target`` is."""
    root = Path(root).resolve()
    if today is not None:
        try:
            date.fromisoformat(today)
        except ValueError:
            raise SyncError(f"'{today}' is not a date; write YYYY-MM-DD") from None
    resolved = (root / target).resolve() if not Path(target).is_absolute() else Path(target)
    if resolved.suffix == ".yml":
        return sync_record(root, resolved, fields, today)
    if resolved.suffix == ".md":
        if fields:
            raise SyncError("--field applies to records only; a page is synced as a whole")
        return sync_page(root, resolved, today, docs)
    raise SyncError(f"{target}: expected a French page (docs/{TARGET}/*.md) or a record (data/resources/*.yml)")


FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                 "septembre", "octobre", "novembre", "décembre")


def french_date(iso: str) -> str:
    """``2026-11-22`` → ``22 novembre 2026`` (``1er`` for the first of the month)."""
    try:
        day = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return str(iso)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {FRENCH_MONTHS[day.month - 1]} {day.year}"


__all__ = [
    "COMPLETE", "MISSING", "OUTDATED", "Item", "Report", "SyncError", "french_date", "normalise",
    "page_status", "project_status", "record_status", "sync", "text_hash",
]

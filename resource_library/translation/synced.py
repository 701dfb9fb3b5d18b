"""Reading the sync marker back: when a French text was reviewed, and against which English.

``scripts/library sync`` writes the marker (with the byte-preserving edits of
:mod:`resource_library.translation.markers`): in the front matter of a French
page, ``translation: {source: <hash>, synced: <date>}``; in a record,
``translation: {fr: {synced: <date>, <field>: <hash>, ...}}``.  The status
report compares these hashes with the English now; the sync keeps the hashes of
the fields it does not touch.  :func:`page_marker_problems` holds a page's marker
to the format the sync writes (:data:`resource_library.model.translation.PAGE_MARKER`);
a record's is checked with the record, by its schema.
"""

from __future__ import annotations

import re

from resource_library.load.frontmatter import body as front_matter_body
from resource_library.load.yamlsource import Document, load_text
from resource_library.model.fields import names
from resource_library.model.record import DATE_PATTERN
from resource_library.model.translation import PAGE_MARKER
from resource_library.translation.hashing import HASH_PATTERN, TARGET


def page_marker(text: str) -> dict:
    """The ``translation`` marker of a French page's front matter (``{}`` when absent)."""
    body = front_matter_body(text)
    if not body.strip():
        return {}
    doc = load_text(body, "front matter")
    data = doc.data if isinstance(doc.data, dict) else {}
    marker = data.get("translation")
    return {k: str(v) for k, v in marker.items()} if isinstance(marker, dict) else {}


def record_marker(data: dict) -> dict:
    """The French marker of a record's data, ``{"synced": date, <field>: hash}`` (``{}`` when absent)."""
    marker = data.get("translation")
    marker = marker.get(TARGET) if isinstance(marker, dict) else None
    return {str(k): str(v) for k, v in marker.items()} if isinstance(marker, dict) else {}


_MARKER = "must be the marker written by scripts/library sync (source: and synced:); run the sync instead of editing it"
_REDO = "run scripts/library sync instead of editing the marker"
_KINDS = {
    "hash": (re.compile(HASH_PATTERN), "the hash the sync writes (12 digits and letters a-f)"),
    "date": (re.compile(DATE_PATTERN), "the date of the sync (YYYY-MM-DD)"),
}
#: What each part of the marker holds (:data:`PAGE_MARKER`): its pattern, and what it is in words.
_MARKER_VALUES = {spec.name: _KINDS[spec.kind] for spec in PAGE_MARKER}


def page_marker_problems(doc: Document, value) -> list:
    """Problems of the ``translation`` marker of a page's front matter (``value``), in the file ``doc``."""
    if not isinstance(value, dict):
        return [doc.problem(("translation",), _MARKER)]
    problems = []
    for key, sub in value.items():
        path = ("translation", key)
        if key not in _MARKER_VALUES:
            problems.append(
                doc.problem(
                    path, f"'{key}' is not part of the translation marker (source: and synced:); {_REDO}", key=True
                )
            )
            continue
        pattern, what = _MARKER_VALUES[key]
        if not isinstance(sub, str) or not pattern.fullmatch(sub):
            problems.append(doc.problem(path, f"expected {what}; {_REDO}"))
    missing = [name for name in names(PAGE_MARKER) if name not in value]
    if missing:
        problems.append(doc.problem(("translation",), f"the marker has no `{missing[0]}:`; {_REDO}"))
    return problems


__all__ = ["page_marker", "page_marker_problems", "record_marker"]

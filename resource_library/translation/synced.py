"""Reading the sync marker back: when a French text was reviewed, and against which English.

``scripts/library sync`` writes the marker (with the byte-preserving edits of
:mod:`resource_library.translation.markers`): in the front matter of a French
page, ``translation: {source: <hash>, synced: <date>}``; in a record,
``translation: {fr: {synced: <date>, <field>: <hash>, ...}}``.  The status
report compares these hashes with the English now; the sync keeps the hashes of
the fields it does not touch.
"""

from __future__ import annotations

from resource_library.load.frontmatter import body as front_matter_body
from resource_library.load.yamlsource import load_text
from resource_library.translation.hashing import TARGET


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


__all__ = ["page_marker", "record_marker"]

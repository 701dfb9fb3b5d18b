"""The files translation tracking writes: markers and snapshots (see :mod:`resource_library.translation`).

``scripts/library sync`` writes them; editors never should.  A French page's
marker sits in its front matter (``translation: {source: <hash>, synced: <date>}``);
a record's marker is its ``translation:`` field (described with the record
format, :data:`resource_library.model.record.FIELDS`).  A record's snapshot,
``data/translations/records/<id>.yml``, keeps the English of each translatable
field as it was when the French was reviewed.  The JSON Schemas of the snapshots
and of the page marker (within the front matter's) are generated from these tables.
"""

from __future__ import annotations

from resource_library.model.fields import Field
from resource_library.translation.hashing import RECORD_FIELDS

#: The marker in a French page's front matter.
PAGE_MARKER = (
    Field("source", "hash", "Hash of the English page the French was reviewed against.", required=True),
    Field("synced", "date", "Date of the last review of the French (YYYY-MM-DD).", required=True),
)

#: A record's snapshot: the English of each translatable field (``evidence.note`` is one key).
SNAPSHOT = tuple(
    Field(name, "plain", f"The English `{name}` of the record when its French was last reviewed.")
    for name in RECORD_FIELDS
)

"""The site's own data (``data/site.yml``): who publishes it, and the licence of its data.

The loader (:mod:`resource_library.load.site`) reads each section with the names
listed here, and the JSON Schema of the file is generated from these tables.
"""

from __future__ import annotations

from resource_library.model.fields import Field

#: The organisation that publishes the site.
PUBLISHER = (
    Field("name", "name", "The organisation's name: `en:` and `fr:`, or one text for both languages.", required=True),
    Field("url", "https", "The https:// address of the organisation's own site."),
)

#: The licence of the open data (library.json, library.csv, the feeds).
LICENCE = (
    Field("name", "name", "The licence's name: `en:` and `fr:`, or one text for both languages.", required=True),
    Field("url", "https", "The https:// address of the licence's text.", required=True),
)

#: The sections of ``data/site.yml``.
SITE = (
    Field(
        "publisher",
        "mapping",
        "The organisation that publishes the site: named in the open data, the feeds and "
        "the structured data of resource pages.",
        required=True,
        fields=PUBLISHER,
    ),
    Field(
        "licence",
        "mapping",
        "The licence under which the library's data may be reused, as your organisation "
        "decided it. Without it, the Data page says the terms are not stated yet.",
        fields=LICENCE,
    ),
)

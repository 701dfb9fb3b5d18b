"""The library page's search data: one file per language, with the index and each record's facets."""

from __future__ import annotations

import json
from pathlib import Path

from resource_library.model.urls import localized_url
from resource_library.search.facets import FACETS, record_facets
from resource_library.search.index import FIELDS
from resource_library.search.packed import packed_index

#: Where the build publishes each language's search data, relative to the site root.
INDEX_PATH = "library/search-index.json"


def search_data(catalogue, lang: str) -> dict:
    """Everything the library page's script needs for ``lang``: the index and each record's facets.

    Records keep the order of ``catalogue.records``; the page decides display order.
    """
    records = list(catalogue.records.values())
    return {
        "lang": lang,
        "fields": [name for name, _ in FIELDS],
        "facets": [param for param, _f, _v in FACETS],
        "records": {r.id: {"f": record_facets(r), "d": r.last_changed} for r in records},
        "index": packed_index(records, lang),
    }


def write_search_data(catalogue, lang: str, site_dir: Path) -> None:
    """Write ``lang``'s search data where the library page of ``lang`` fetches it."""
    rel = localized_url(lang, INDEX_PATH)
    path = Path(site_dir) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(search_data(catalogue, lang), ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )

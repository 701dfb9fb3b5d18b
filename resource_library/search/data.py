"""The search data of a language: one file for the library page, the header's box and the search page.

The library page reads ``records`` (each record's facets) and ``index``; the
header's box and the search page read ``index``, ``docs``, ``vocab`` and
``synonyms`` too (:mod:`resource_library.search.site`).  One file, so one download
serves all of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from resource_library.search.assets import INDEX_PATH
from resource_library.search.facets import record_facets
from resource_library.search.site import site_search_data
from resource_library.search.wire import to_wire
from resource_library.views.site import page_url

__all__ = ["INDEX_PATH", "search_data", "wire_data", "write_search_data"]


def search_data(catalogue, lang: str, pages: dict | None = None, glossary=()) -> dict:
    """Everything the search scripts need for ``lang``.

    ``pages``: ``{url: (title, [(anchor, heading, text)])}`` of the language's pages
    (:func:`~resource_library.search.site.page_sections`); ``glossary``: the glossary's terms.
    Records keep the order of ``catalogue.records``; the page decides display order.
    """
    records = {r.id: {"f": record_facets(r), "d": r.last_changed} for r in catalogue.records.values()}
    return site_search_data(catalogue, lang, pages or {}, glossary, page_url, records)


def wire_data(data: dict) -> dict:
    """Search data as written: the index in its wire form (:mod:`resource_library.search.wire`)."""
    return {**data, "index": to_wire(data["index"])}


def write_search_data(catalogue, lang: str, site_dir: Path, pages: dict | None = None, glossary=()) -> None:
    """Write ``lang``'s search data where the pages of ``lang`` fetch it."""
    path = Path(site_dir) / page_url(lang, INDEX_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(wire_data(search_data(catalogue, lang, pages, glossary)), ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )

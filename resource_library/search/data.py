"""The search data of a language: one file for the library page, the header's box and the search page.

The library page reads ``records`` (each record's facets) and ``index``; the
header's box and the search page read ``index``, ``docs``, ``vocab`` and
``synonyms`` too (:mod:`resource_library.search.site`).  One file, so one download
serves all of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from resource_library.kept import KeptWork, key_of, table
from resource_library.search.assets import INDEX_PATH
from resource_library.search.site import site_search_data
from resource_library.search.wire import to_wire
from resource_library.views.site import page_url

__all__ = ["INDEX_PATH", "search_data", "wire_data", "write_search_data"]


def search_data(catalogue, lang: str, pages: dict | None = None, glossary=(), kept: KeptWork | None = None) -> dict:
    """Everything the search scripts need for ``lang``.

    ``pages``: ``{url: (title, [(anchor, heading, text)])}`` of the language's pages
    (:func:`~resource_library.search.site.page_sections`); ``glossary``: the glossary's terms;
    ``kept``: the build's, under ``mkdocs serve`` (see :mod:`resource_library.search.site`).
    Records keep the order of ``catalogue.records``; the page decides display order.
    """
    return site_search_data(catalogue, lang, pages or {}, glossary, page_url, kept)


def wire_data(data: dict, kept: KeptWork | None = None) -> dict:
    """Search data as written: the index in its wire form (:mod:`resource_library.search.wire`);
    ``kept``: the build's, whose bits of each term are taken while its postings are the same."""
    index = data["index"]
    rows = table(kept, (data["lang"], "search postings"), key_of(len(index["refs"])))
    return {**data, "index": to_wire(index, rows)}


def write_search_data(
    catalogue, lang: str, site_dir: Path, pages: dict | None = None, glossary=(), kept: KeptWork | None = None
) -> None:
    """Write ``lang``'s search data where the pages of ``lang`` fetch it."""
    path = Path(site_dir) / page_url(lang, INDEX_PATH)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = wire_data(search_data(catalogue, lang, pages, glossary, kept), kept)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

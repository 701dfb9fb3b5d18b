"""The HTML of the markers of hand-written pages: resource lists and inline drawings.

``<!-- resources tier=universal -->`` becomes the list of the resources whose
tags match, in the page's language, so a new record appears on every page it
belongs to without anyone editing Markdown; ``<!-- infographic ID -->`` inlines
the drawing ``data/infographics/ID.yml`` with its download link.  Markers are
read and checked by :mod:`resource_library.load.pagemarkers`; their HTML comes
from the same templates as the generated pages (``_resource-list.html``,
``_figure.html`` in ``overrides/library/``), with the same escaping.

The HTML is not Markdown: the page goes through Markdown with a placeholder in
place of each marker (:func:`expand_markers`, ``blocks.py``), and the HTML is put
back once Markdown has converted the page (``resource_library_mkdocs/assembly.py``).
"""

from __future__ import annotations

import operator
import posixpath
from pathlib import Path
from typing import Any

from markupsafe import Markup

from resource_library.kept import Table, files_of
from resource_library.load.pagemarkers import scan_markers
from resource_library.load.problems import ContentError
from resource_library.model.record import TERM_FIELDS
from resource_library.render.blocks import Unindexed, insert_blocks, placeholder
from resource_library.render.pages import Renderer
from resource_library.text.fallback import pick
from resource_library.views.infographics import drawing_figure
from resource_library.views.site import SiteView, page_url, relative, sort_key


def matching_records(catalogue, criteria: dict) -> list:
    """Records whose tags match every field of ``criteria`` (any term of each), in the catalogue's order."""
    order = list(catalogue.records.values())
    index = _term_index(order)
    chosen: set | None = None
    for field, terms in criteria.items():
        table = index.get(field)
        if table is None:  # not a field of terms: each record is asked
            found = {n for n, record in enumerate(order) if set(record.terms(field)) & terms}
        else:
            found = set().union(*(table.get(term, ()) for term in terms))
        chosen = found if chosen is None else chosen & found
    return order if chosen is None else [order[n] for n in sorted(chosen)]


#: ``{field: {term: {position of the record}}}`` of the records last asked for, and which
#: records they were: every resource list of every hand-written page asks, in each language.
_INDEX: dict = {"records": (), "index": {}}


def _term_index(records: list) -> dict:
    same = len(records) == len(_INDEX["records"]) and all(map(operator.is_, records, _INDEX["records"]))
    if not same:
        index: dict = {field: {} for field in TERM_FIELDS}
        for n, record in enumerate(records):
            for field, table in index.items():
                for term in record.terms(field):
                    table.setdefault(term, set()).add(n)
        _INDEX.update(records=tuple(records), index=index)
    return _INDEX["index"]


def _page_url(lang: str, page_path: str) -> str:
    """The address of the hand-written page ``page_path`` (directory URLs) in ``lang``."""
    stem = page_path[:-3] if page_path.endswith(".md") else page_path
    if posixpath.basename(stem) == "index":
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return page_url(lang, stem)


def resource_list(renderer: Renderer, site: SiteView, records: list, page_path: str) -> str:
    """HTML list of ``records`` linking to their pages, from the page ``page_path``."""
    lang = site.lang
    url = _page_url(lang, page_path)
    items: list[dict[str, Any]] = []
    for record in records:
        title = pick(record.title, lang)
        assert title is not None  # every published record has an English title (required when loading)
        items.append(
            {
                "sort": (sort_key(title.value), record.id),
                "title": title,
                "href": relative(url, page_url(lang, f"library/{record.id}/")),
                "kind": str(site.catalogue.label("types", record.type, lang)),
            }
        )
    items.sort(key=lambda item: item["sort"])
    # Out of the site's search, as every listing of records is: each record is a result of its own.
    return Unindexed(renderer.fragment("_resource-list.html", t=site.t, lang=lang, items=items))


def _listed(criteria: dict, records: list) -> tuple | None:
    """What a resource list is made from but the table's key: its criteria and each record's file
    (its digest; None when a record has none: nothing then says when the list changes)."""
    listed = files_of(records)
    return None if listed is None else (sorted((field, sorted(terms)) for field, terms in criteria.items()), listed)


def infographic_figure(renderer: Renderer, site: SiteView, info, page_path: str) -> str:
    """HTML of a drawing inlined in the page ``page_path``, with its download link and part links."""
    lang = site.lang
    url = _page_url(lang, page_path)
    ig = drawing_figure(site, info, url)
    # Inline in running text: the drawing's own line ends are not kept (see _figure.html).
    ig["svg"] = Markup(str(ig["svg"]).rstrip("\n"))
    ig["caption_links"] = ig.pop("parts")
    record = next((r for r in site.catalogue.records.values() if r.drawing == info.id), None)
    if record is not None:
        ig["about_href"] = relative(url, page_url(lang, f"library/{record.id}/"))
    return renderer.fragment("_figure.html", t=site.t, lang=lang, ig=ig)


def expand_markers(
    markdown: str,
    catalogue,
    strings: dict,
    lang: str,
    page_path: str,
    shown_path: str,
    line_offset: int = 0,
    *,
    templates_dir: Path,
    lists: Table | None = None,
) -> tuple:
    """``markdown`` with a placeholder for each marker, and the HTML of each, in ``lang``.

    Args:
        page_path: The page's language-neutral source path (``core-elements.md``),
            from which the list's links are made relative.
        shown_path: The file named in problems (``docs/fr/core-elements.md``).
        line_offset: Lines of the file above ``markdown`` (see ``load.frontmatter``).
        templates_dir: The templates of generated pages (``overrides/library``).
        lists: The page's resource lists of the last build (``mkdocs serve``), each taken
            again while its criteria and the files of the records it shows are the same (the
            table's key covers what every list reads: templates, labels, words, addresses).
    Returns:
        ``(text, blocks)``: ``text`` has ``<!-- rl-block N -->`` on a line of its own,
        between blank lines, where ``blocks[N]`` (HTML) goes.
    Raises:
        ContentError: listing every bad marker of the page.
    """
    lines = markdown.split("\n")
    markers, problems = scan_markers(lines, catalogue, shown_path, line_offset)
    if problems:
        raise ContentError(problems)
    if not markers:
        return markdown, []
    renderer = Renderer(templates_dir)
    site = SiteView(catalogue, strings, lang, docs_dir=None)
    lists = lists if lists is not None else Table()
    out: list = []
    blocks: list = []
    start = 0
    for marker in markers:
        out += lines[start : marker.index]
        if marker.kind == "infographic":
            blocks.append(infographic_figure(renderer, site, catalogue.infographics[marker.drawing], page_path))
        else:
            records = matching_records(catalogue, marker.criteria)
            blocks.append(
                lists.use(
                    len(blocks), _listed(marker.criteria, records), resource_list, renderer, site, records, page_path
                )
            )
        out += ["", placeholder(len(blocks) - 1), ""]
        start = marker.index + 1
    out += lines[start:]
    return "\n".join(out), blocks


def replace_markers(
    markdown: str,
    catalogue,
    strings: dict,
    lang: str,
    page_path: str,
    shown_path: str,
    line_offset: int = 0,
    *,
    templates_dir: Path,
) -> str:
    """``markdown`` with every marker replaced by its HTML, in ``lang`` (see :func:`expand_markers`)."""
    text, blocks = expand_markers(
        markdown, catalogue, strings, lang, page_path, shown_path, line_offset, templates_dir=templates_dir
    )
    return insert_blocks(text, blocks)

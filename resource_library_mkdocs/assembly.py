"""Put back into a page's HTML what was kept out of Markdown (``resource_library/render/blocks.py``).

- A generated page (``resource_library.render.pages.GeneratedPage``) reaches MkDocs as
  its front matter and Markdown texts, with placeholders for its HTML; :func:`add`
  adds it and keeps that HTML, keyed by the File.
- A hand-written page's resource lists and drawings (``<!-- resources ... -->``,
  ``<!-- infographic ... -->``) are HTML made by ``resource_library.render.markers``;
  :func:`hold` keeps them while the page, with placeholders, goes through Markdown.

:func:`assemble` (``on_page_content``) puts the HTML in place and adds its ``id``
attributes to the page's anchors, so MkDocs still checks links such as
``library/x.md#rl-details-title``; :func:`indexed` gives the site's search the page
without the lists of records it leaves out.

The HTML waits in the project's :attr:`Build.held <resource_library.build.Build.held>`.
Not a hook itself: ``library`` and ``translation`` add their pages through
:func:`add`; ``library`` calls :func:`hold` and :func:`assemble`.
"""

from __future__ import annotations

from collections.abc import Iterable

from resource_library.build import Build
from resource_library.render.blocks import anchor_ids, indexed_text, insert_blocks
from resource_library_mkdocs import i18n


class AssemblyError(ValueError):
    """Markdown's output lost a placeholder."""


def add(build: Build, files, config, pages: Iterable, lang: str) -> list:
    """Add generated ``pages`` of ``lang`` to ``files`` (see ``i18n.add_pages``), keeping their HTML."""
    pages = list(pages)
    added = i18n.add_pages(files, config, pages, lang)
    for file, page in zip(added, pages):
        _keep(build, file, page.blocks)
    return added


def hold(build: Build, page, blocks: list) -> None:
    """Keep the HTML ``blocks`` of a hand-written page until its Markdown is converted."""
    _keep(build, page.file, blocks)


def _keep(build: Build, file, blocks) -> None:
    if blocks:
        build.held[file.src_uri] = (file, blocks)
    else:
        build.held.pop(file.src_uri, None)


def assemble(build: Build, html: str, page) -> str:
    """``html`` (Markdown's output for ``page``) with the HTML kept out of Markdown in place."""
    entry = build.held.get(page.file.src_uri)
    if entry is None or entry[0] is not page.file:
        return html
    blocks = entry[1]
    try:
        out = insert_blocks(html, blocks)
    except ValueError as exc:
        raise AssemblyError(f"{page.file.src_uri}: {exc}") from None
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= anchor_ids(blocks)
    return out


def indexed(build: Build, html: str, page) -> str:
    """``html`` (the page's content, whole) as the site's search reads it: without the lists of
    records, which it leaves out (``render/blocks.py``)."""
    entry = build.held.get(page.file.src_uri)
    if entry is None or entry[0] is not page.file:
        return html
    return indexed_text(html, entry[1])

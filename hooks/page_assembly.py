"""Put back into a page's HTML what was kept out of Markdown (``resource_library/blocks.py``).

- A generated page (``resource_library.render.GeneratedPage``) reaches MkDocs as
  its front matter and Markdown texts, with placeholders for its HTML; :func:`add`
  adds it and keeps that HTML, keyed by the File.
- A hand-written page's resource lists and drawings (``<!-- resources ... -->``,
  ``<!-- infographic ... -->``) are HTML made by ``resource_library.markers``;
  :func:`hold` keeps them while the page, with placeholders, goes through Markdown.

:func:`assemble` (``on_page_content``) puts the HTML in place and adds its ``id``
attributes to the page's anchors, so MkDocs still checks links such as
``library/x.md#rl-details-title``.

Not a hook itself: ``hooks/library.py`` and ``hooks/translation.py`` add their
pages through :func:`add`; ``hooks/library.py`` calls :func:`hold` and
:func:`assemble`.
"""

from __future__ import annotations

from typing import Iterable

import i18n_pages
from resource_library.blocks import anchor_ids, insert_blocks

#: ``{src_uri: (File, blocks)}`` of the language pass being built.
_held: dict = {}


class AssemblyError(ValueError):
    """Markdown's output lost a placeholder."""


def add(files, config, pages: Iterable, lang: str) -> list:
    """Add generated ``pages`` of ``lang`` to ``files`` (see ``i18n_pages.add_pages``), keeping their HTML."""
    pages = list(pages)
    added = i18n_pages.add_pages(files, config, pages, lang)
    for file, page in zip(added, pages):
        _keep(file, page.blocks)
    return added


def hold(page, blocks: list) -> None:
    """Keep the HTML ``blocks`` of a hand-written page until its Markdown is converted."""
    _keep(page.file, blocks)


def _keep(file, blocks) -> None:
    if blocks:
        _held[file.src_uri] = (file, blocks)
    else:
        _held.pop(file.src_uri, None)


def reset() -> None:
    """Forget the pages of the previous pass (called when a pass starts)."""
    _held.clear()


def assemble(html: str, page) -> str:
    """``html`` (Markdown's output for ``page``) with the HTML kept out of Markdown in place."""
    entry = _held.get(page.file.src_uri)
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

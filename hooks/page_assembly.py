"""Put back into a page's HTML what was kept out of Markdown.

- A generated page (``resource_library.render.GeneratedPage``) is handed to MkDocs
  as its front matter and Markdown "islands" only; its HTML is kept here, keyed
  by the File that was added, and :func:`assemble` returns that HTML with the
  converted islands in place.
- A hand-written page's resource lists and drawings (``<!-- resources ... -->``,
  ``<!-- infographic ... -->``) are HTML made by ``resource_library.markers``;
  the page goes through Markdown with a placeholder for each (:func:`hold`), and
  :func:`assemble` puts them in.

The ``id`` attributes of the HTML put back are added to the page's anchors, so
MkDocs still checks links such as ``library/x.md#rl-details-title``.

Not a hook itself: ``hooks/library.py`` and ``hooks/translation.py`` add their
pages through :func:`add`; ``hooks/library.py`` calls :func:`hold` and
:func:`assemble`.
"""

from __future__ import annotations

from typing import Iterable

import i18n_pages
from resource_library.markers import insert_blocks
from resource_library.render import ANCHOR_ID, AssemblyError, GeneratedPage

#: ``{src_uri: (File, GeneratedPage)}`` of the language pass being built.
_pages: dict = {}
#: ``{src_uri: (File, [HTML])}``: lists and drawings of hand-written pages.
_blocks: dict = {}


def add(files, config, pages: Iterable[GeneratedPage], lang: str) -> list:
    """Add ``pages`` of ``lang`` to ``files`` (see ``i18n_pages.add_pages``) and keep their HTML."""
    pages = list(pages)
    added = i18n_pages.add_pages(files, config, pages, lang)
    for file, page in zip(added, pages):
        if page.html is None:
            _pages.pop(file.src_uri, None)
        else:
            _pages[file.src_uri] = (file, page)
    return added


def hold(page, blocks: list) -> None:
    """Keep the HTML ``blocks`` of a hand-written page until its Markdown is converted."""
    if blocks:
        _blocks[page.file.src_uri] = (page.file, blocks)
    else:
        _blocks.pop(page.file.src_uri, None)


def reset() -> None:
    """Forget the pages of the previous pass (called when a pass starts)."""
    _pages.clear()
    _blocks.clear()


def assemble(html: str, page) -> str:
    """The HTML of ``page``: ``html`` (Markdown's output) with what was kept out put back.

    Raises:
        AssemblyError: Markdown's output lost a placeholder.
    """
    entry = _pages.get(page.file.src_uri)
    if entry is not None and entry[0] is page.file:
        generated = entry[1]
        out = generated.assemble(html)
        added = generated.anchor_ids()
    else:
        held = _blocks.pop(page.file.src_uri, None)
        if held is None or held[0] is not page.file:
            return html
        try:
            out = insert_blocks(html, held[1])
        except ValueError as exc:
            raise AssemblyError(f"{page.file.src_uri}: {exc}") from None
        added = {found for block in held[1] for found in ANCHOR_ID.findall(block)}
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= added
    return out


__all__ = ["AssemblyError", "add", "assemble", "hold", "reset"]

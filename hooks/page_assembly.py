"""Generated pages: MkDocs converts their Markdown texts, this module puts them in place.

A generated page (``resource_library.render.GeneratedPage``) is handed to MkDocs
as its front matter and Markdown "islands" only; its HTML is kept here, keyed by
the File that was added, and :func:`assemble` (called from ``on_page_content``)
returns the page's HTML with the converted islands in place.  The ``id``
attributes of that HTML are added to the page's anchors, so MkDocs still checks
links such as ``library/x.md#rl-details-title``.

Not a hook itself: ``hooks/library.py`` and ``hooks/translation.py`` add their
pages through :func:`add`; ``hooks/library.py`` calls :func:`assemble`.
"""

from __future__ import annotations

from typing import Iterable

import i18n_pages
from resource_library.render import AssemblyError, GeneratedPage

#: ``{src_uri: (File, GeneratedPage)}`` of the language pass being built.
_pages: dict = {}


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


def reset() -> None:
    """Forget the pages of the previous pass (called when a pass starts)."""
    _pages.clear()


def assemble(html: str, page) -> str:
    """The HTML of ``page``: its generated HTML around ``html`` (the converted islands)."""
    entry = _pages.get(page.file.src_uri)
    if entry is None or entry[0] is not page.file:
        return html  # a hand-written page
    generated = entry[1]
    out = generated.assemble(html)  # AssemblyError is the caller's to report
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= generated.anchor_ids()
    return out


__all__ = ["AssemblyError", "add", "assemble", "reset"]

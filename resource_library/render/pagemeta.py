"""A hand-written page's front matter as the theme receives it: known settings, as HTML text.

Material for MkDocs treats front matter texts as HTML: it writes ``page.meta.title``
(and ``page.title``, which MkDocs takes from it) unescaped in the header, the
navigation and the footer, and other settings into attributes.  The generated
pages already give HTML-safe values (``render/pages.py::_front_matter``); a
hand-written page's values are made so here, before the theme sees them, and
the settings the site does not read (``template``, ``icon``, ``status``...) are
dropped.  ``scripts/library check`` refuses both (``load/pages.py``): this is
what holds if a page reaches the build without that check.

The site's own templates (``overrides/main.html``) escape what they write
themselves, so a value escaped here is read back as text there, not escaped twice.
"""

from __future__ import annotations

import re

from resource_library.load.pages import SETTINGS

__all__ = ["html_text", "theme_meta"]

# An "&" that would start a character reference; a lone "&" stays as written, so that
# attributes the theme escapes itself (aria-label="{{ title | e }}") read "&", not "&amp;".
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def html_text(text: str) -> str:
    """``text`` safe in the theme's text and double-quoted attribute contexts."""
    return _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")


def _escaped(value):
    if isinstance(value, str):
        return html_text(value)
    if isinstance(value, dict):
        return {key: _escaped(sub) for key, sub in value.items()}
    if isinstance(value, list):
        return [_escaped(sub) for sub in value]
    return value


def theme_meta(meta: dict) -> dict:
    """The settings of ``meta`` the site reads, their texts as HTML text."""
    return {key: _escaped(value) for key, value in (meta or {}).items() if key in SETTINGS}

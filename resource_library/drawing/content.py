"""What a drawing says in one language: its texts, typeset, and its links as URLs.

Shared by the layouts (the texts they set), the SVG output (title and
description) and the pages that show a drawing (its title and the list of its
part links beside it).
"""

from __future__ import annotations

from resource_library.drawing.measure import BREAKABLE
from resource_library.model.drawing import Infographic
from resource_library.model.record import DEFAULT_LANGUAGE
from resource_library.model.urls import localize
from resource_library.text.fallback import pick
from resource_library.text.typography import french_text


def text_in(variants: dict, lang: str) -> str:
    """The ``lang`` text of ``{en, fr}`` (English when French is missing), on one line, typeset.

    French text gets the same typography as the French pages
    (:func:`resource_library.text.typography.french_text`); the English shown in
    its place keeps English punctuation.
    """
    chosen = pick(variants or None, lang)
    if chosen is None:
        return ""
    value = BREAKABLE.sub(" ", str(chosen.value).strip(" \t\r\n"))
    return french_text(value) if chosen.lang == "fr" else value


def link_url(link: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``pillars/x.md`` → ``pillars/x/``; ``core-elements.md#a`` → ``core-elements/#a`` (directory URLs),
    in ``lang``'s folders (``piliers/x/`` in French: ``model/urls.py``), relative to that language's root."""
    path, _, anchor = link.partition("#")
    path = path[:-3]
    if path == "index" or path.endswith("/index"):
        path = path[:-5]
    else:
        path += "/"
    return localize(lang, path + (f"#{anchor}" if anchor else ""))


def part_links(info: Infographic, lang: str, base: str) -> list:
    """``[{label, href}]`` of every linked part, for a text list beside the drawing.

    ``base`` is the relative path from the page to the root of ``lang``'s site.
    """
    return [
        {"label": text_in(p.label, lang), "href": base + link_url(p.link, lang)} for p in info.all_parts() if p.link
    ]

"""What readers of one language see of the infographics: figures, downloads, gallery.

An infographic record (type ``infographic``) is shown either from a drawing
(``drawing: <id>``, drawn by :mod:`resource_library.drawing.svg` and inlined in
the page) or from an image file per language (``image: {en, fr}`` under
``docs/``, falling back to the other language's file with a notice).  Both come
with the record's full text alternative (``alt``) in the page's language and a
download link with format and size.  The standalone SVG files are published once
per language at ``infographics/<id>.svg`` (``fr/infographies/<id>.svg``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup

from resource_library.drawing.content import link_url, part_links, text_in
from resource_library.drawing.svg import draw
from resource_library.model.record import LANGUAGES
from resource_library.text.fallback import pick
from resource_library.views.site import _FORMATS, human_size, page_url, relative

#: Image formats a browser shows in an ``<img>``; others (PDF) are offered as downloads.
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".webp")


@dataclass(frozen=True)
class GeneratedFile:
    """A file (not a page) to publish: ``path`` is language-neutral, e.g. ``infographics/x.svg``."""

    path: str
    content: str | bytes  # bytes: written as they are (open data files, see render/opendata.py)


def svg_path(drawing_id: str) -> str:
    return f"infographics/{drawing_id}.svg"


def svg_files(catalogue, lang: str) -> list:
    """The standalone SVG of every drawing, in ``lang`` (linked from ``infographics/``)."""
    return [GeneratedFile(svg_path(i), draw(info, lang, base="../")) for i, info in catalogue.infographics.items()]


def drawing_figure(site, info, from_url: str, figure_id: str = "") -> dict:
    """An inline drawing for a page at ``from_url``, with its download and part links."""
    lang = site.lang
    base = relative(from_url, page_url(lang, ""))
    standalone = draw(info, lang, base="../")
    return {
        "kind": "drawing",
        "fallback": None,
        "id": figure_id or f"rl-figure-{info.id}",
        # The page lists the part links as text under the drawing (see _infographic.html).
        "svg": Markup(draw(info, lang, base=base, inline=True)),
        "title": text_in(info.title, lang),
        "download": {
            "href": relative(from_url, page_url(lang, svg_path(info.id))),
            "format": "SVG",
            "size": human_size(len(standalone.encode("utf-8")), lang),
            "language": site.t.language(lang),
            "lang": lang,
        },
        "parts": part_links(info, lang, base),
    }


def infographic_view(site, record, from_url: str) -> dict | None:
    """What the resource page of an infographic record shows, or None."""
    if record.type != "infographic":
        return None
    alt = pick(record.alt, site.lang) if record.alt else None
    view: dict | None
    if record.drawing and record.drawing in site.catalogue.infographics:
        view = drawing_figure(site, site.catalogue.infographics[record.drawing], from_url)
    elif record.image:
        view = image_view(site, record, from_url)
        if view is None:
            return None
    else:
        return None
    view["alt"] = alt
    view["alt_id"] = f"rl-alt-{record.id}"
    return view


def image_view(site, record, from_url: str) -> dict | None:
    """The image file in the page's language, else the other language's, with a notice."""
    lang = site.lang
    chosen = None
    for code in [lang] + [c for c in LANGUAGES if c != lang]:
        if (record.image or {}).get(code):
            chosen = code
            break
    if chosen is None:
        return None
    path = record.image[chosen].lstrip("/")
    suffix = PurePosixPath(path).suffix.lower()
    file = site.docs_dir / path
    href = relative(from_url, "") + path
    return {
        "kind": "image",
        "id": f"rl-figure-{record.id}",
        "src": href,
        "picture": suffix in PICTURE_SUFFIXES,
        "image_lang": chosen,
        "title": pick(record.title, lang),
        "fallback": site.t("image_in_other_language", language=site.t.language(chosen)) if chosen != lang else None,
        "download": {
            "href": href,
            "format": _FORMATS.get(suffix, suffix.lstrip(".").upper()),
            "size": human_size(file.stat().st_size, lang) if file.is_file() else None,
            "language": site.t.language(chosen),
            "lang": chosen,
        },
        "parts": [],
    }


def gallery_items(site) -> list:
    """One entry per infographic record for ``infographics/``, alphabetical in the page's language."""
    from resource_library.views.site import sort_key

    lang = site.lang
    url = page_url(lang, "infographics/")
    items = []
    for record in site.catalogue.records.values():
        if record.type != "infographic":
            continue
        title = pick(record.title, lang)
        assert title is not None  # every published record has an English title (required when loading)
        item = {
            "id": record.id,
            "href": relative(url, page_url(lang, f"library/{record.id}/")),
            "title": title,
            "summary": pick(record.summary, lang),
            "alt": pick(record.alt, lang) if record.alt else None,
            "thumb": None,
            "format": None,
            "sort": sort_key(title.value),
        }
        if record.drawing and record.drawing in site.catalogue.infographics:
            item["thumb"] = relative(url, page_url(lang, svg_path(record.drawing)))
            item["format"] = "SVG"
        elif record.image:
            view = image_view(site, record, url)
            if view:
                item["format"] = view["download"]["format"]
                item["image_lang"] = view["image_lang"]
                if view["picture"]:
                    item["thumb"] = view["src"]
        items.append(item)
    return sorted(items, key=lambda i: (i["sort"], i["id"]))


def pillars_drawing(catalogue):
    """The drawing whose parts are the strategic pillars (every part links to a pillar page), if any."""
    for info in catalogue.infographics.values():
        links = [p.link for p in info.parts if p.link]
        if (
            links
            and len(links) == len(info.parts)
            and all(link_url(link).startswith("pillars/") and link_url(link) != "pillars/" for link in links)
        ):
            return info
    return None

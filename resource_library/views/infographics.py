"""What readers of one language see of the infographics: figures, downloads, gallery.

An infographic record (type ``infographic``) is shown either from a drawing
(``drawing: <id>``, drawn by :mod:`resource_library.drawing.svg` and inlined in
the page) or from an image file per language (``image: {en, fr}`` under
``docs/``, falling back to the other language's file with a notice).  Both come
with the record's full text alternative (``alt``) in the page's language and
download links with format and size.  Each drawing is published once per language
as SVG, PNG and PDF at ``infographics/<id>.svg``, ``.png``, ``.pdf``
(``fr/infographies/...``): the PNG and PDF are made at build time from the drawing
(:mod:`resource_library.drawing.export`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import Markup

from resource_library.drawing import export
from resource_library.drawing.content import link_url, part_links, text_in
from resource_library.drawing.svg import draw
from resource_library.model.record import LANGUAGES
from resource_library.text.fallback import pick
from resource_library.views.site import _FORMATS, human_size, page_url, relative

#: The smallest text of a drawing shown in a page, in CSS pixels: the page never shows
#: the drawing narrower than the width that gives its smallest text this size.
READABLE_TEXT = 12

#: Image formats a browser shows in an ``<img>``; others (PDF) are offered as downloads.
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".webp")


@dataclass(frozen=True)
class GeneratedFile:
    """A file (not a page) to publish: ``path`` is language-neutral, e.g. ``infographics/x.svg``."""

    path: str
    content: str | bytes  # bytes: written as they are (open data files, see render/opendata.py)


def svg_path(drawing_id: str, suffix: str = "svg") -> str:
    """Where a drawing is published: ``infographics/<id>.svg`` (or ``.png``, ``.pdf``)."""
    return f"infographics/{drawing_id}.{suffix}"


#: The files of each drawing, in the order pages offer them: an image that opens
#: everywhere, a page to print, and the drawing itself.
EXPORT_FORMATS = (("png", "PNG"), ("pdf", "PDF"), ("svg", "SVG"))


def _drawing_date(catalogue, drawing_id: str) -> str:
    """The date the PDF says it was made: the latest date of the records showing the drawing."""
    dates = [
        str(r.updated or r.published)
        for r in catalogue.records.values()
        if r.drawing == drawing_id and (r.updated or r.published)
    ]
    return max(dates, default="2000-01-01")


def drawing_files(catalogue, info, lang: str) -> dict:
    """``{suffix: bytes}`` of a drawing in ``lang``: the standalone SVG, and PNG and PDF made from it."""
    standalone = draw(info, lang, base="../")
    # PNG and PDF: the drawing without links or styles (see drawing/export.py).
    picture = draw(info, lang, inline=True)
    return {
        "svg": standalone.encode("utf-8"),
        "png": export.png(picture),
        "pdf": export.pdf(picture, text_in(info.title, lang), _drawing_date(catalogue, info.id)),
    }


def svg_files(catalogue, lang: str) -> list:
    """The files of every drawing, in ``lang``: SVG, PNG and PDF (linked from ``infographics/``)."""
    out = []
    for drawing_id, info in catalogue.infographics.items():
        files = drawing_files(catalogue, info, lang)
        out.append(GeneratedFile(svg_path(drawing_id), files["svg"].decode("utf-8")))
        out += [GeneratedFile(svg_path(drawing_id, suffix), files[suffix]) for suffix in ("png", "pdf")]
    return out


def drawing_figure(site, info, from_url: str, figure_id: str = "") -> dict:
    """An inline drawing for a page at ``from_url``, with its downloads and part links."""
    lang = site.lang
    base = relative(from_url, page_url(lang, ""))
    files = drawing_files(site.catalogue, info, lang)
    return {
        "kind": "drawing",
        "fallback": None,
        "id": figure_id or f"rl-figure-{info.id}",
        # The page lists the part links as text under the drawing (see _infographic.html).
        "svg": Markup(draw(info, lang, base=base, inline=True, fit_text=READABLE_TEXT)),
        "title": text_in(info.title, lang),
        "language": site.t.language(lang),
        "downloads": [
            {
                "href": relative(from_url, page_url(lang, svg_path(info.id, suffix))),
                "format": name,
                "size": human_size(len(files[suffix]), lang),
                "lang": lang,
            }
            for suffix, name in EXPORT_FORMATS
        ],
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
        "language": site.t.language(chosen),
        "downloads": [
            {
                "href": href,
                "format": _FORMATS.get(suffix, suffix.lstrip(".").upper()),
                "size": human_size(file.stat().st_size, lang) if file.is_file() else None,
                "lang": chosen,
            }
        ],
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
                item["format"] = view["downloads"][0]["format"]
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

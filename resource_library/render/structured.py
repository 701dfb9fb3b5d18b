"""Structured data and sharing meta of a resource page: JSON-LD, Open Graph, Twitter card.

A resource page carries, in its ``<head>`` (``overrides/partials/library-head.html``
writes what the page's front matter holds, see :func:`resource_head`):

- a ``<script type="application/ld+json">``: data, never run, so the pages'
  security policy gives it no hash (``render/csp.py`` hashes executable scripts
  only).  It is made from a dict with :func:`json.dumps`, and ``<``, ``>`` and
  ``&`` are written ``\\u003c``, ``\\u003e``, ``\\u0026`` so that no text can close
  the element or open a comment (:func:`script_text`).
- Open Graph and Twitter card ``<meta>``: title, description, type, locale and
  the page's address when the site has a ``site_url``; no image (only pictures
  of our own would be allowed, and a card needs none), so sharing a page makes
  no request to anyone.

The schema.org type is ``LearningResource`` (what every record is: something
educators learn from or use, with ``audience``, ``educationalLevel`` and
``learningResourceType``), joined by a more precise type where one fits the
record's type (:data:`SCHEMA_TYPES`): an article is also an ``Article``, a report
a ``Report``, a video a ``VideoObject``, an infographic an ``ImageObject``.  A
webinar (live or recorded) and the other types have no closer type than
``LearningResource``.

``publisher`` is the site's publisher (``data/site.yml``): the page describes the
resource as this library publishes it, on the dates ``published`` and
``updated`` of the record.  The record's own ``publisher`` (who publishes the
resource itself) is given as ``creator``.  Downloadable files of the site are
``encoding`` (``MediaObject`` with format and language), pictures of our own
``image``, and web addresses where the resource lives ``sameAs``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from resource_library.text.fallback import pick, text_in
from resource_library.text.typography import french_text
from resource_library.views.infographics import svg_path
from resource_library.views.opendata import Addresses, other_language, resource_path
from resource_library.views.site import SiteView, page_url

#: A closer schema.org type, beside ``LearningResource``, for some types of record.
SCHEMA_TYPES = {"article": "Article", "report": "Report", "video": "VideoObject", "infographic": "ImageObject"}
#: Media types of the files a record may link to (a fixed table: the same on every machine).
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".zip": "application/zip",
    ".mp4": "video/mp4",
    ".mp3": "audio/mpeg",
    ".html": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: Open Graph locales of the site's languages.
OG_LOCALES = {"en": "en_CA", "fr": "fr_CA"}


def shown_text(variants, lang: str) -> str:
    """A record's text as its page shows it: the page's language (else English), French typography on French."""
    chosen = pick(variants, lang)
    if chosen is None:
        return ""
    return french_text(chosen.value) if chosen.lang == "fr" else chosen.value


def script_text(data: dict) -> str:
    """``data`` as the text of a ``<script type="application/ld+json">`` that nothing can close."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def resource_jsonld(site: SiteView, record, addresses: Addresses) -> dict:
    """The schema.org description of ``record``'s page in ``site.lang``."""
    lang, catalogue = site.lang, site.catalogue
    here = resource_path(lang, record.id)
    types = ["LearningResource"] + ([SCHEMA_TYPES[record.type]] if record.type in SCHEMA_TYPES else [])
    data: dict = {
        "@context": "https://schema.org",
        "@type": types if len(types) > 1 else types[0],
        "name": shown_text(record.title, lang),
        "description": shown_text(record.summary, lang),
        "url": addresses.link(here, here),
        "inLanguage": list(record.languages),
        "learningResourceType": catalogue.label("types", record.type, lang),
    }
    if record.audiences:
        data["audience"] = [
            {"@type": "EducationalAudience", "educationalRole": catalogue.label("audiences", a, lang)}
            for a in record.audiences
        ]
    if record.grade_bands:
        data["educationalLevel"] = [catalogue.label("grade_bands", g, lang) for g in record.grade_bands]
    keywords = [catalogue.label("topics", t, lang) for t in record.topics]
    keywords += (record.keywords or {}).get(lang) or []
    if keywords:
        data["keywords"] = keywords
    data["datePublished"] = record.published
    if record.updated:
        data["dateModified"] = record.updated
    publisher = catalogue.site.publisher_name(lang)
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
        if catalogue.site.publisher.get("url"):
            data["publisher"]["url"] = catalogue.site.publisher["url"]
    if record.publisher:
        data["creator"] = {"@type": "Organization", "name": text_in(record.publisher, lang)}
    _links(data, site, record, addresses, here)
    return data


def _links(data: dict, site: SiteView, record, addresses: Addresses, here: str) -> None:
    """``sameAs`` (web addresses), ``encoding`` (the site's files) and ``image`` (pictures of our own)."""
    order = [site.lang, other_language(site.lang)]
    same_as, encoding, images = [], [], []
    for code in order:
        target = (record.links or {}).get(code)
        if not target:
            continue
        if target.startswith(("https://", "http://")):
            same_as.append(target)
            continue
        media = {"@type": "MediaObject", "contentUrl": addresses.link(here, target.lstrip("/")), "inLanguage": code}
        kind = MEDIA_TYPES.get(PurePosixPath(target).suffix.lower())
        if kind:
            media["encodingFormat"] = kind
        encoding.append(media)
    for code in order:
        if (record.image or {}).get(code):
            images.append(addresses.link(here, record.image[code].lstrip("/")))
    if record.drawing:
        images.append(addresses.link(here, page_url(site.lang, svg_path(record.drawing))))
    if same_as:
        data["sameAs"] = same_as
    if encoding:
        data["encoding"] = encoding
    if images:
        data["image"] = images


def sharing_meta(site: SiteView, record, addresses: Addresses) -> list:
    """Open Graph and Twitter card ``<meta>`` of ``record``'s page: ``[{"property" or "name", "content"}]``."""
    lang = site.lang
    meta = [
        {"property": "og:type", "content": "article"},
        {"property": "og:title", "content": shown_text(record.title, lang)},
        {"property": "og:description", "content": shown_text(record.summary, lang)},
    ]
    if addresses.absolute:
        meta.append({"property": "og:url", "content": addresses.of(resource_path(lang, record.id))})
    meta.append({"property": "og:locale", "content": OG_LOCALES[lang]})
    meta.append({"property": "og:locale:alternate", "content": OG_LOCALES[other_language(lang)]})
    meta.append({"property": "article:published_time", "content": record.published})
    if record.updated:
        meta.append({"property": "article:modified_time", "content": record.updated})
    meta.append({"name": "twitter:card", "content": "summary"})
    return meta


def resource_head(site: SiteView, record, addresses: Addresses) -> dict:
    """What a resource page's front matter carries for its ``<head>``."""
    return {
        "rl_meta": sharing_meta(site, record, addresses),
        "rl_jsonld": script_text(resource_jsonld(site, record, addresses)),
    }

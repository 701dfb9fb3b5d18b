"""The Atom feed of one language: the resources most recently added or updated.

``feed.xml`` at the root of each language's site (``/feed.xml``, ``/fr/feed.xml``):
the root, not ``library/``, so the feed keeps its address if the library's
section is ever renamed.  It lists the :data:`~resource_library.views.opendata.FEED_SIZE`
records with the newest ``updated`` (else ``published``) date, newest first.

Atom 1.0 (RFC 4287), written with :mod:`xml.etree.ElementTree`, which escapes
every text and attribute:

- ``id``: the page's absolute address when the site has a ``site_url`` (the
  feed's own address for the feed); without one, a ``urn:uuid:`` derived from
  the publisher's name, the language and the record's id, so it is still
  permanent and unique;
- ``updated`` (the record's last change), ``published``, ``title``, ``summary``,
  ``link rel="alternate"`` to the page, the type as a ``category``;
- the feed's ``author`` is the publisher of ``data/site.yml`` (the library's
  title without one), ``rights`` the licence of the data when it is stated;
- ``xml:lang`` on the feed, and ``xml:lang="en"`` on a French entry's text that
  is shown in English for want of a translation.  French text gets the same
  Canadian typography as the French pages.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET

from resource_library.text.fallback import pick
from resource_library.text.typography import french_text
from resource_library.views.opendata import FEED_PATH, Addresses, feed_records, resource_path
from resource_library.views.site import SiteView, page_url

ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Characters XML 1.0 does not allow at all (an escape cannot carry them either).
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def timestamp(day: str) -> str:
    """An ISO date as the RFC 3339 date-time Atom wants (midnight, UTC)."""
    return f"{day}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str = "", **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text:
        element.text = _NOT_XML.sub("", text)
    return element


def _text(parent: ET.Element, tag: str, variants, lang: str) -> None:
    """A text of the record in ``lang``, marked with its language when it is a fallback."""
    chosen = pick(variants, lang)
    if chosen is None:
        return
    value = french_text(chosen.value) if chosen.lang == "fr" else chosen.value
    element = _add(parent, tag, value, type="text")
    if chosen.lang != lang:
        element.set(_XML_LANG, chosen.lang)


def atom_feed(site: SiteView, addresses: Addresses) -> bytes:
    """The Atom feed of ``site.lang``, as UTF-8 bytes."""
    lang, info = site.lang, site.catalogue.site
    here = page_url(lang, "")  # the folder the feed is in: relative links start from it
    feed_path = page_url(lang, FEED_PATH)
    records = feed_records(site.catalogue)
    author = info.publisher_name(lang) or site.t("library_title")

    def ident(path: str) -> str:
        if addresses.absolute:
            return addresses.of(path)
        return uuid.uuid5(uuid.NAMESPACE_URL, f"resource-library:{author}:{path}").urn

    # Atom's namespace as the default one, declared on the root; its elements are written unprefixed
    # (ElementTree's default_namespace would refuse Atom's attributes, which have no namespace).
    feed = ET.Element("feed", {"xmlns": ATOM, _XML_LANG: lang})
    _add(feed, "id", ident(feed_path))
    title = site.t("feed_title")
    _add(feed, "title", french_text(title) if lang == "fr" else title, type="text")
    subtitle = site.t("feed_subtitle", count=len(records))
    _add(feed, "subtitle", french_text(subtitle) if lang == "fr" else subtitle, type="text")
    newest = records[0].last_changed if records else "1970-01-01"
    _add(feed, "updated", timestamp(newest))
    _add(feed, "link", rel="self", type="application/atom+xml", href=addresses.link(here, feed_path))
    _add(
        feed,
        "link",
        rel="alternate",
        type="text/html",
        hreflang=lang,
        href=addresses.link(here, page_url(lang, "library/")),
    )
    person = _add(feed, "author")
    _add(person, "name", author)
    if info.publisher.get("url"):
        _add(person, "uri", info.publisher["url"])
    if info.licence:
        rights = site.t("feed_rights", licence=info.licence_name(lang), url=info.licence.url)
        _add(feed, "rights", french_text(rights) if lang == "fr" else rights, type="text")
    for record in records:
        entry = _add(feed, "entry")
        path = resource_path(lang, record.id)
        _add(entry, "id", ident(path))
        _text(entry, "title", record.title, lang)
        _add(entry, "link", rel="alternate", type="text/html", hreflang=lang, href=addresses.link(here, path))
        _add(entry, "published", timestamp(record.published))
        _add(entry, "updated", timestamp(record.last_changed))
        _add(entry, "category", term=record.type, label=site.catalogue.label("types", record.type, lang))
        _text(entry, "summary", record.summary, lang)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"

"""The library as open data, in one language: each resource as plain data, the CSV columns, the feed's entries.

The open data files (``library.json``, ``library.csv``), the feeds and the Data
page are made from the same per-language view as the pages (:class:`SiteView`),
so a file says what the pages say:

- every published field of a record as the editors wrote it (texts in both
  languages, dates, publisher), each vocabulary term as ``{"id", "label"}`` with
  the label in the file's language, links and files as addresses;
- the page's address (``url``) and its counterpart's in the other language;
- addresses are absolute (``site_url`` + path) when the site has a ``site_url``,
  else relative to the site's root address (``library/x/``, no leading slash, so
  they stay right when the site is served from a sub-folder).

The translation bookkeeping (``translation:``, hashes of the English text a
translation was reviewed against, written by ``scripts/library sync``) says
nothing of the resource and is not published (:data:`UNPUBLISHED`); nor is a
French ``slug``, which the French page's ``url`` already carries.

The CSV columns (:func:`columns`) read the same entries, so the two files cannot
disagree: one row per resource, texts in the file's language (English when the
French is missing, as on the pages), several values in one cell joined with
:data:`LIST_SEPARATOR`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from resource_library.model.record import FIELDS, LANGUAGES, TERM_FIELDS
from resource_library.text.fallback import pick, text_in
from resource_library.text.typography import french_text
from resource_library.views.infographics import svg_path
from resource_library.views.site import _FORMATS, SiteView, page_url, relative

#: Between the values of one CSV cell (terms, keywords): space, vertical bar, space.
LIST_SEPARATOR = " | "
#: How many resources a feed lists, the most recently added or updated first.
FEED_SIZE = 50
#: Language-neutral paths of the published files (the French ones are under ``fr/``).
JSON_PATH = "library/library.json"
SCHEMA_PATH = "library/library.schema.json"
CSV_PATH = "library/library.csv"
FEED_PATH = "feed.xml"
DATA_PAGE = "data.md"
DATA_URL = "data/"
#: Record fields that are not published, and why: see the module's docstring.
UNPUBLISHED = ("translation", "slug")
PUBLISHED_FIELDS = tuple(spec for spec in FIELDS if spec.name not in UNPUBLISHED)


class Addresses:
    """Public addresses: absolute under ``site_url`` when it is set, else relative to the site's root."""

    def __init__(self, site_url: str = ""):
        self.base = site_url.rstrip("/") + "/" if site_url else ""

    @property
    def absolute(self) -> bool:
        return bool(self.base)

    def of(self, path: str) -> str:
        """The address of the site-relative ``path`` (``library/x/``)."""
        return self.base + path.lstrip("/")

    def link(self, from_url: str, to_path: str) -> str:
        """A link to ``to_path`` from the folder ``from_url`` (``""``, ``fr/``, ``library/x/``): absolute when possible."""
        return self.of(to_path) if self.absolute else relative(from_url, to_path)


def other_language(lang: str) -> str:
    return next(code for code in LANGUAGES if code != lang)


def resource_path(lang: str, record_id: str) -> str:
    return page_url(lang, f"library/{record_id}/")


# -- library.json ---------------------------------------------------------------
def resource_entry(site: SiteView, record, addresses: Addresses) -> dict:
    """One resource as published in ``site.lang``'s ``library.json``."""
    lang, other = site.lang, other_language(site.lang)
    entry: dict = {
        "id": record.id,
        "url": addresses.of(resource_path(lang, record.id)),
        "counterpart": {"lang": other, "url": addresses.of(resource_path(other, record.id))},
    }
    for spec in PUBLISHED_FIELDS:
        value = getattr(record, spec.name)
        if spec.name != "id" and value not in (None, [], {}, ""):
            entry[spec.name] = _published(site, spec, value, addresses)
    if record.related:
        entry["related"] = list(record.related)
    return entry


def _term(site: SiteView, vocabulary: str, term: str) -> dict:
    return {"id": term, "label": site.catalogue.label(vocabulary, term, site.lang)}


def _published(site: SiteView, spec, value, addresses: Addresses):
    kind = spec.kind
    if kind in ("term", "terms"):
        vocabulary = TERM_FIELDS[spec.name]
        assert vocabulary is not None  # every term field names its vocabulary (model/record.py)
        if kind == "term":
            return _term(site, vocabulary, value)
        return [_term(site, vocabulary, term) for term in value]
    if kind == "location":
        return {code: _link(site, target, addresses) for code, target in value.items()}
    if kind == "file":
        return {code: addresses.of(target) for code, target in value.items()}
    if kind == "drawing":
        return {"id": value, "url": addresses.of(page_url(site.lang, svg_path(value)))}
    if kind == "evidence":
        out = {"level": _term(site, "evidence_levels", value["level"])}
        if value.get("note"):
            out["note"] = dict(value["note"])
        return out
    if isinstance(value, dict):
        return {code: list(v) if isinstance(v, list) else v for code, v in value.items()}
    return value  # id, date, year, plain publisher: as the editors wrote them


def _link(site: SiteView, target: str, addresses: Addresses) -> dict:
    if target.startswith(("https://", "http://")):
        return {"url": target, "format": site.t("web_page")}
    suffix = PurePosixPath(target).suffix.lower()
    return {
        "url": addresses.of(target),
        "format": _FORMATS.get(suffix, suffix.lstrip(".").upper() or site.t("web_page")),
    }


def last_updated(catalogue) -> str:
    """The newest ``updated`` or ``published`` date of the library (``""`` when it is empty)."""
    return max((r.last_changed for r in catalogue.records.values()), default="")


def library_document(site: SiteView, entries: list, addresses: Addresses) -> dict:
    """The whole ``library.json`` of ``site.lang``."""
    lang, info = site.lang, site.catalogue.site
    document: dict = {
        "language": lang,
        "title": site.t("library_title"),
        "url": addresses.of(page_url(lang, "library/")),
        "about": addresses.of(page_url(lang, DATA_URL)),
        "schema": addresses.of(page_url(lang, SCHEMA_PATH)),
    }
    if info.publisher:
        document["publisher"] = {"name": info.publisher_name(lang)}
        if info.publisher.get("url"):
            document["publisher"]["url"] = info.publisher["url"]
    document["licence"] = {"name": info.licence_name(lang), "url": info.licence.url} if info.licence else None
    document["updated"] = last_updated(site.catalogue)
    document["count"] = len(entries)
    document["resources"] = entries
    return document


# -- library.csv and the Data page's list of fields ---------------------------------
@dataclass(frozen=True)
class Column:
    """One column of ``library.csv``: its header and meaning in the file's language, and its cells.

    ``key`` is the ``library.json`` key the column is read from (``evidence.note``:
    a key inside a key); ``cell`` takes a resource's entry and gives a text, a
    number, a list (joined with :data:`LIST_SEPARATOR`) or None (an empty cell).
    """

    key: str
    header: str
    meaning: str
    cell: Callable[[dict], object]


def field_text(site: SiteView, key: str, part: str) -> str:
    """``label`` or ``meaning`` of ``key`` in ``site.lang``: from ``data_fields`` of the interface words, else the vocabulary."""
    entry = site.t.table.get("data_fields", {}).get(key)
    if entry and part in entry:
        return text_in(entry[part], site.lang)
    vocab = site.catalogue.vocabularies.get(TERM_FIELDS.get(key, key))
    if vocab is None:
        raise KeyError(f"data/interface.yml has no data_fields.{key}.{part}")
    return text_in(vocab.label if part == "label" else vocab.description, site.lang)


def columns(site: SiteView) -> list:
    """Every column of ``library.csv`` in ``site.lang``, in order."""
    lang = site.lang

    def column(key: str, cell: Callable, header: str = "") -> Column:
        return Column(key, header or field_text(site, key, "label"), field_text(site, key, "meaning"), cell)

    out = [
        column("id", lambda e: e["id"]),
        column("url", lambda e: e["url"]),
        column("counterpart", lambda e: e["counterpart"]["url"]),
    ]
    for spec in PUBLISHED_FIELDS:
        name, kind = spec.name, spec.kind
        if name == "id":
            continue
        if kind in ("location", "file"):  # one column per language, the file's first
            for code in (lang, other_language(lang)):
                header = f"{field_text(site, name, 'label')} ({site.t.language(code)})"
                out.append(column(name, _cell(kind, name, lang, code), header))
        elif kind == "evidence":
            out.append(
                Column(
                    f"{name}.level",
                    field_text(site, name, "label"),
                    field_text(site, name, "meaning"),
                    lambda e: ((e.get("evidence") or {}).get("level") or {}).get("label"),
                )
            )
            out.append(
                Column(
                    f"{name}.note",
                    field_text(site, "evidence_note", "label"),
                    field_text(site, "evidence_note", "meaning"),
                    lambda e: _in_language((e.get("evidence") or {}).get("note"), lang),
                )
            )
        else:
            out.append(column(name, _cell(kind, name, lang)))
    out.append(column("related", lambda e: e.get("related") or []))
    return out


def _cell(kind: str, name: str, lang: str, code: str = "") -> Callable:
    """The cell of field ``name`` (of ``kind``) in a resource's entry."""

    def cell(entry: dict):
        value = entry.get(name)
        if value is None:
            return None
        if kind == "term":
            return value["label"]
        if kind == "terms":
            return [term["label"] for term in value]
        if kind in ("location", "file"):
            target = value.get(code)
            return target.get("url") if isinstance(target, dict) else target
        if kind == "drawing":
            return value["url"]
        return _in_language(value, lang)  # texts, keywords, publisher, dates, year

    return cell


def _in_language(value, lang: str):
    """A ``{en, fr}`` value in ``lang`` (English when ``lang`` has none); plain values as they are."""
    if isinstance(value, dict):
        chosen = pick(value, lang)
        return chosen.value if chosen is not None else None
    return value


# -- feeds ------------------------------------------------------------------------
def feed_records(catalogue) -> list:
    """The :data:`FEED_SIZE` records most recently added or updated, newest first (then by id)."""
    by_id = sorted(catalogue.records.values(), key=lambda r: r.id)
    return sorted(by_id, key=lambda r: r.last_changed, reverse=True)[:FEED_SIZE]


# -- links on every page -------------------------------------------------------------
def site_links(site_t, lang: str, from_url: str) -> dict:
    """The Data page and the feed of ``lang``, linked from a page at ``from_url`` (head and footer).

    The feed's title goes in an attribute, which the French typography of pages leaves alone: it is set here.
    """
    feed_title = french_text(site_t("feed_title")) if lang == "fr" else site_t("feed_title")
    return {
        "label": site_t("open_data_title"),
        "data": {"href": relative(from_url, page_url(lang, DATA_URL)), "title": site_t("open_data_title")},
        "feed": {
            "href": relative(from_url, page_url(lang, FEED_PATH)),
            "title": feed_title,
            "link_text": site_t("feed_link"),
        },
    }

"""Per-language views of the catalogue: what a reader of one language sees.

English is the reference language.  When a French variant is missing, the view
carries the English text marked with ``lang="en"`` and ``fallback=True`` (the one
rule of :mod:`resource_library.text.fallback`) so templates can say so.  Views are
plain dictionaries and dataclasses, ready for the templates in
``overrides/library/``.
"""

from __future__ import annotations

import hashlib
import pickle
import posixpath
import unicodedata
from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote

from resource_library.kept import Table
from resource_library.load.interface import fill
from resource_library.load.pagepaths import TERM_PAGE_FOLDERS
from resource_library.model.record import LANGUAGES, TERM_FIELDS
from resource_library.model.urls import install as install_slugs
from resource_library.model.urls import localized_url
from resource_library.text.fallback import pick, text_in

#: Facet fields shown on resource pages, in this order.
DETAIL_FIELDS = ("tiers", "audiences", "pillars", "core_elements", "implementation_stages", "grade_bands", "topics")
_FORMATS = {
    ".pdf": "PDF",
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".svg": "SVG",
    ".webp": "WebP",
    ".docx": "Word",
    ".doc": "Word",
    ".pptx": "PowerPoint",
    ".xlsx": "Excel",
    ".zip": "ZIP",
    ".mp4": "MP4",
    ".mp3": "MP3",
    ".html": "HTML",
}


@lru_cache(maxsize=1 << 16)  # titles recur in every list and every rebuild of ``mkdocs serve``
def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (É sorts with E)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Strings:
    """Interface words from ``data/interface.yml`` in one language."""

    def __init__(self, table: dict, lang: str):
        self.table = table
        self.lang = lang

    def __call__(self, key: str, **values) -> str:
        entry = self.table.get(key)
        if entry is None:
            raise KeyError(f"data/interface.yml has no entry '{key}'")
        # Only {name} for the names given (load/interface.py checks each entry's placeholders).
        return fill(text_in(entry, self.lang), values)

    def language(self, code: str, lang: str | None = None) -> str:
        names = self.table["language_names"][code]
        return text_in(names, lang or self.lang)

    def count(self, n: int) -> str:
        return self("resource_count_one") if n == 1 else self("resource_count", count=n)


def page_url(lang: str, path: str) -> str:
    """Site-relative URL of the language-neutral ``path`` in ``lang``: ``library/x/`` in English,
    ``fr/bibliotheque/x/`` (or the record's French slug) in French (the table: ``model/urls.py``)."""
    return localized_url(lang, path)


def _relpath(to_url: str, from_url: str) -> str:
    """``posixpath.relpath`` for site-relative URLs, without its ``os.getcwd()`` calls."""
    to_parts = [p for p in to_url.split("/") if p and p != "."]
    from_parts = [p for p in from_url.split("/") if p and p != "."]
    if ".." in to_parts or ".." in from_parts:
        return posixpath.relpath(to_url or ".", from_url or ".")
    common = 0
    for a, b in zip(to_parts, from_parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


@lru_cache(maxsize=1 << 16)
def relative(from_url: str, to_url: str) -> str:
    """Relative link between two directory URLs of the site (tens of thousands per build, many
    the same: a card's link from each page at one depth)."""
    rel = _relpath(to_url or ".", from_url or ".")
    if not to_url or to_url.endswith("/"):
        return "./" if rel == "." else rel + "/"
    return rel


def term_page(lang: str, vocab_id: str, term: str) -> str | None:
    """Site-relative URL of the page listing every resource with ``term``, or None.

    Pillars have their own pages (``pillars/<id>/``); the terms of the other
    vocabularies have ``library/<folder>/<term>/`` (:data:`TERM_PAGE_FOLDERS`).
    """
    if vocab_id == "pillars":
        return page_url(lang, f"pillars/{term}/")
    folder = TERM_PAGE_FOLDERS.get(vocab_id)
    return page_url(lang, f"library/{folder}/{term}/") if folder else None


def contact_email(info) -> str | None:
    """The organisation's contact address from ``data/site.yml`` (``publisher: email:``), or None.

    Read from the publisher's data, where the site data keeps it (``SiteInfo.email``
    when the loader offers it); without an address the pages offer the contact page.
    """
    value = getattr(info, "email", None) or (getattr(info, "publisher", None) or {}).get("email")
    return value if isinstance(value, str) and "@" in value else None


def mailto(address: str, subject: str) -> str:
    """A ``mailto:`` link with its subject encoded (RFC 6068: spaces as %20, never ``+``)."""
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"


class Card(dict):
    """What a listing shows of one record (:meth:`SiteView.card`): a dict for the templates
    that pickles as its fingerprint, the record's id, a digest of everything but the link,
    and the link.

    Views are pickled to be compared (``PageMemo``, the cards' HTML in ``render/pages.py``),
    never to be read back: a term page of a large library lists thousands of cards, and
    equal fingerprints are equal cards.
    """

    def __init__(self, *args, fingerprint: tuple, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fingerprint = fingerprint

    def __reduce__(self):
        return _fingerprint_of_card, self.fingerprint


def _fingerprint_of_card(rid: str, *rest) -> dict:
    """What a pickled :class:`Card` gives back: its fingerprint, not its contents."""
    return {"id": rid, "fingerprint": rest}


class SiteView:
    """Builds per-language views of a catalogue for the templates."""

    def __init__(self, catalogue, strings: dict, lang: str, docs_dir, edit_url_base: str = ""):
        # The catalogue's records and pages may have their own French addresses: page_url follows them.
        install_slugs(getattr(catalogue, "slugs", None) or {})
        self.catalogue = catalogue
        self.lang = lang
        self.t = Strings(strings, lang)
        self.docs_dir = docs_dir
        self.edit_url_base = edit_url_base.rstrip("/")
        self._cards: dict = {}
        #: Each record's card but its link (:meth:`_card_view`), by its file's digest: a table of
        #: the build's kept work under what every card reads (labels, words, addresses), given by
        #: the renderer under ``mkdocs serve`` (``render/pages.py``); else one that keeps nothing.
        self.card_views = Table()
        self._term_pages: dict = {}

    def term_page(self, vocab_id: str, term: str) -> str | None:
        """:func:`term_page` in this view's language (a term's page is linked from every page that shows it)."""
        key = (vocab_id, term)
        if key not in self._term_pages:
            self._term_pages[key] = term_page(self.lang, vocab_id, term)
        return self._term_pages[key]

    # -- terms -------------------------------------------------------------
    def term_labels(self, field: str, terms, from_url: str | None = None) -> list:
        """Terms with their labels; with ``from_url``, each with the link to its listing page (``href``)."""
        vocab_id = TERM_FIELDS.get(field) or field
        vocab = self.catalogue.vocabularies.get(vocab_id)
        if vocab is None:
            return [{"id": t, "label": t, "href": None} for t in terms]
        out = []
        for t in vocab.ordered(terms):
            href = None
            if from_url is not None and t in vocab.terms:
                url = self.term_page(vocab_id, t)
                href = relative(from_url, url) if url else None
            out.append({"id": t, "label": vocab.label_of(t, self.lang), "href": href})
        return out

    def field_label(self, field: str) -> str:
        vocab = self.catalogue.vocabularies.get(TERM_FIELDS.get(field, field))
        if not vocab:
            return field
        label = pick(vocab.label, self.lang)
        assert label is not None  # a vocabulary's label has English text (required when loading)
        return label.value

    # -- records -----------------------------------------------------------
    def card(self, record, from_url: str) -> Card:
        """What a listing shows of one record."""
        # A record appears on many pages (library, pillars, related resources): everything but
        # the link is worked out once per language, and each card once per link (the pages at
        # one depth share it; templates only read cards).
        cached = self._cards.get(record.id)
        if cached is None:
            # Under `mkdocs serve`, the last build's while the record's file is the same (:attr:`card_views`).
            base, digest = self.card_views.use(record.id, record.digest or None, self._card_view, record)
            links: dict[str, Card] = {}
            cached = self._cards[record.id] = (base, digest, links)
        base, digest, by_href = cached
        href = relative(from_url, base["url"])
        card = by_href.get(href)
        if card is None:
            card = by_href[href] = Card(base, href=href, fingerprint=(base["id"], digest, href))
        return card

    def _card_view(self, record) -> tuple:
        """``(everything a card shows but its link, a digest of it)``."""
        base = self._card(record)
        return base, hashlib.blake2b(pickle.dumps(base, protocol=pickle.HIGHEST_PROTOCOL), digest_size=16).digest()

    def _card(self, record) -> dict:
        url = page_url(self.lang, f"library/{record.id}/")
        title = pick(record.title, self.lang)
        assert title is not None  # every published record has an English title (required when loading)
        return {
            "id": record.id,
            "url": url,
            "title": pick(record.title, self.lang),
            "summary": pick(record.summary, self.lang),
            "type": self.term_labels("type", [record.type])[0],
            "tiers": self.term_labels("tiers", record.tiers),
            "languages": [
                {"id": code, "label": code.upper(), "name": self.t.language(code)} for code in record.languages
            ],
            "sort": sort_key(title.value),
        }

    def resource(self, record) -> dict:
        """Everything a resource page shows."""
        url = page_url(self.lang, f"library/{record.id}/")
        texts = {name: pick(getattr(record, name), self.lang) for name in ("title", "summary", "description")}
        details = []
        for name in DETAIL_FIELDS:
            terms = record.terms(name)
            if terms:
                details.append(
                    {"field": name, "label": self.field_label(name), "terms": self.term_labels(name, terms, url)}
                )
        related = [
            self.card(self.catalogue.records[rid], url) for rid in record.related if rid in self.catalogue.records
        ]
        only = None
        if len(record.languages) == 1:
            only = self.t("offered_in_only", language=self.t.language(record.languages[0]))
        edit_path = record.source
        title = texts["title"]
        assert title is not None  # every published record has an English title (required when loading)
        return {
            "id": record.id,
            "url": url,
            "library_href": relative(url, page_url(self.lang, "library/")),
            **texts,
            "any_fallback": any(t is not None and t.fallback for t in texts.values()),
            "type": self.term_labels("type", [record.type], url)[0],
            "languages": [
                {"id": code, "name": self.t.language(code), "href": self._href(url, "languages", code)}
                for code in record.languages
            ],
            "offered_in_only": only,
            "links": self.links(record, url),
            "request": None if record.links else self.request(title.value, url),
            "details": details,
            "evidence": self.evidence(record, url),
            "publisher": pick(record.publisher, self.lang),
            "year": record.year,
            "published": record.published,
            "updated": record.updated,
            "related": related,
            "edit_href": f"{self.edit_url_base}/{edit_path}" if self.edit_url_base else None,
        }

    def _href(self, from_url: str, vocab_id: str, term: str) -> str | None:
        vocab = self.catalogue.vocabularies.get(vocab_id)
        url = self.term_page(vocab_id, term) if vocab is not None and term in vocab.terms else None
        return relative(from_url, url) if url else None

    def request(self, title: str, from_url: str) -> dict | None:
        """How to ask for a resource that has no copy online: an email, or else the contact page."""
        info = getattr(self.catalogue, "site", None)
        address = contact_email(info)
        if address:
            return {"href": mailto(address, self.t("request_subject", title=title)), "address": address}
        if self.docs_dir is not None and (self.docs_dir / "contact.md").is_file():
            return {"href": relative(from_url, page_url(self.lang, "contact/")), "address": None}
        return None

    def evidence(self, record, from_url: str | None = None) -> dict | None:
        if not record.evidence:
            return None
        level = record.evidence["level"]
        return {
            "level": self.term_labels("evidence_levels", [level], from_url)[0],
            "note": pick(record.evidence.get("note"), self.lang),
        }

    def links(self, record, from_url: str) -> list:
        """Links to the resource, the page's language first."""
        out = []
        order = [self.lang] + [l for l in LANGUAGES if l != self.lang]
        for code in order:
            target = (record.links or {}).get(code)
            if not target:
                continue
            if target.startswith(("https://", "http://")):
                href, fmt, size, action = target, self.t("web_page"), None, self.t("open_online")
            else:
                path = target.lstrip("/")
                href = relative(from_url, "") + path
                suffix = PurePosixPath(path).suffix.lower()
                fmt = _FORMATS.get(suffix, suffix.lstrip(".").upper() or self.t("web_page"))
                file = self.docs_dir / path
                size = human_size(file.stat().st_size, self.lang) if file.is_file() else None
                action = self.t("download")
            out.append(
                {
                    "href": href,
                    "lang": code,
                    "language": self.t.language(code),
                    "format": fmt,
                    "size": size,
                    "action": action,
                    "web": href == target,
                }
            )
        return out


def human_size(n: int, lang: str) -> str:
    """``1536`` → ``1.5 KB`` (``1,5 ko`` in French)."""
    units = ("B", "KB", "MB", "GB") if lang == "en" else ("o", "ko", "Mo", "Go")
    value = float(n)
    for unit in units:
        if value < 1024 or unit == units[-1]:
            text = f"{value:.0f}" if unit == units[0] else f"{value:.1f}"
            if lang != "en":
                text = text.replace(".", ",")
            return f"{text}\u00a0{unit}"
        value /= 1024
    return f"{n} B"  # pragma: no cover

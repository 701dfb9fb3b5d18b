"""What the search box in the header and the search page need: addresses and interface words.

The header template (``overrides/partials/header.html``) and the search page
(``overrides/library/search.html``) read these; ``site-search.js`` reads the
words from ``data-*`` attributes, so the French ones get their no-break spaces
here (the French typography of pages leaves attributes alone).
"""

from __future__ import annotations

from resource_library.search.assets import INDEX_PATH, LUNR_DIR
from resource_library.text.typography import french_text
from resource_library.views.site import Strings, page_url, relative

#: The search page, relative to each language's root.
SEARCH_URL = "search/"
SEARCH_PAGE = "search/index.md"
#: The site's search script (and its stylesheet), relative to the site root.
SCRIPT = "assets/javascripts/site-search.js"
LIBRARY_SCRIPT = "assets/javascripts/library-search.js"

#: Kinds of results, in the order of the search page's filters.
KINDS = ("resource", "page", "pillar", "program", "glossary", "infographic")

#: Words the script shows, by ``data-*`` attribute name.
_WORDS = {
    "label": "site_search_label",
    "loading": "site_search_loading",
    "count": "site_search_count",
    "count-one": "site_search_count_one",
    "none": "site_search_none",
    "all": "site_search_all",
    "corrected": "site_search_corrected",
    "preferred": "site_search_preferred",
    "offer": "site_search_offer",
}
_PLACEHOLDERS = {"count": "{count}", "all": "{count}", "corrected": "{query}", "preferred": "{term}"}


def _words(t: Strings, lang: str) -> dict:
    out = {}
    for name, key in _WORDS.items():
        placeholder = _PLACEHOLDERS.get(name)
        text = t(key, **({placeholder.strip("{}"): placeholder} if placeholder else {}))
        out[name] = french_text(text) if lang == "fr" else text
    for kind in KINDS:
        text = t(f"site_search_kind_{kind}")
        out[f"kind-{kind}"] = french_text(text) if lang == "fr" else text
    return out


def header_view(strings: dict, lang: str, from_url: str | None, base: str = "/") -> dict:
    """The header's search box on the page at ``from_url`` (site-relative), or, when ``from_url``
    is None (the "page not found" pages, served at any address), with addresses under ``base``,
    the site's path on its host."""
    t = Strings(strings, lang)
    if from_url is None:
        root = base if base.endswith("/") else base + "/"

        def to(url: str) -> str:
            return root + url

    else:
        root = relative(from_url, "")

        def to(url: str) -> str:
            return relative(from_url, url)

    lunr = [f"{root}{LUNR_DIR}/lunr.js"]
    if lang != "en":
        lunr += [f"{root}{LUNR_DIR}/lunr.stemmer.support.js", f"{root}{LUNR_DIR}/lunr.{lang}.js"]
    return {
        "lang": lang,
        "action": to(page_url(lang, SEARCH_URL)),
        "index": to(page_url(lang, INDEX_PATH)),
        "root": root,
        "lunr": " ".join(lunr + [f"{root}{LIBRARY_SCRIPT}"]),
        "script": f"{root}{SCRIPT}",
        "label": t("site_search_label"),
        "placeholder": t("site_search_placeholder"),
        "button": t("site_search_button"),
        "menu": t("menu_label"),
        "words": _words(t, lang),
    }


def search_page_view(strings: dict, lang: str) -> dict:
    """The search page of ``lang``: its words, the kinds it filters by, and the library's address."""
    t = Strings(strings, lang)
    url = page_url(lang, SEARCH_URL)
    return {
        "url": url,
        "kinds": [{"id": kind, "label": t(f"site_search_kinds_{kind}")} for kind in KINDS],
        "library_href": relative(url, page_url(lang, "library/")),
    }

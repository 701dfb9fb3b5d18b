"""Regression test of resource_library_mkdocs/i18n.py, the module that uses static-i18n internals.

If an upgrade of mkdocs-static-i18n changes what the plugin reads on each File
(alternates, locale) or how it lists pages for the sitemap, these fail.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from resource_library_mkdocs import i18n as i18n_pages


def page(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def switcher(site, path):
    """The header's link to the other language (overrides/partials/header.html), as {hreflang: href}."""
    return {a["hreflang"]: a["href"] for a in page(site, path).select("header a.rl-lang-link[hreflang]")}


def test_installed_plugin_is_the_supported_version():
    assert version("mkdocs-static-i18n") == i18n_pages.SUPPORTED_VERSION


def test_switcher_of_every_generated_page_kind(fixture_site):
    assert switcher(fixture_site, "library/index.html") == {"fr": "../fr/bibliotheque/"}
    assert switcher(fixture_site, "fr/bibliotheque/index.html") == {"en": "../../library/"}
    assert (
        switcher(fixture_site, "pillars/implementation-support/index.html")["fr"]
        == "../../fr/piliers/implementation-support/"
    )
    assert switcher(fixture_site, "fr/bibliotheque/english-only/index.html")["en"] == "../../../library/english-only/"


def test_switcher_of_hand_written_pages_is_untouched(fixture_site):
    assert switcher(fixture_site, "about/index.html") == {"fr": "../fr/about/"}


def test_sitemap_alternates_match_the_switcher_and_head_has_none(fixture_site):
    # The counterparts are declared in sitemap.xml, with absolute addresses; the <head>
    # carries no hreflang link (Material's script would fetch a sitemap.xml next to each).
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    for path, url in (
        ("library/full-record/index.html", "library/full-record/"),
        ("fr/piliers/index.html", "fr/piliers/"),
    ):
        assert page(fixture_site, path).select('head link[rel="alternate"][hreflang]') == []
        entry = re.search(rf"<url>\s*<loc>http://127.0.0.1:8000/{re.escape(url)}</loc>.*?</url>", sitemap, re.S)
        assert entry is not None, url
        declared = dict(re.findall(r'hreflang="(\w+)" href="([^"]+)"', entry.group(0)))
        base = "http://127.0.0.1:8000/" + url
        resolved = {lang: urljoin(base, href) for lang, href in switcher(fixture_site, path).items()}
        own = "fr" if path.startswith("fr/") else "en"
        assert declared[own] == base  # the page itself, then its counterpart: the header's link
        assert {lang: href for lang, href in declared.items() if lang != own} == resolved


def test_sitemap_has_each_generated_page_once_with_both_alternates(fixture_site):
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    for url in ("library/", "fr/bibliotheque/", "pillars/implementation-support/", "fr/bibliotheque/full-record/"):
        entries = re.findall(rf"<url>\s*<loc>http://127.0.0.1:8000/{re.escape(url)}</loc>.*?</url>", sitemap, re.S)
        assert len(entries) == 1, url
        assert set(re.findall(r'hreflang="(\w+)"', entries[0])) == {"en", "fr"}


def test_each_language_has_its_404_page_whose_switcher_leads_home(fixture_site):
    assert switcher(fixture_site, "404.html") == {"fr": "/fr/"}
    assert switcher(fixture_site, "fr/404.html") == {"en": "/"}
    assert page(fixture_site, "404.html").h1.get_text() == "Page not found"
    assert page(fixture_site, "404.html").html["lang"] == "en"
    assert page(fixture_site, "fr/404.html").h1.get_text() == "Page introuvable"
    assert page(fixture_site, "fr/404.html").html["lang"] == "fr"

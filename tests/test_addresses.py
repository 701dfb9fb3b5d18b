"""French addresses: the table of French section names, records' and pages' slugs, former addresses.

- Unit: ``model/urls.py`` (what ``page_url`` applies), the pages left at former
  addresses (``render/redirects.py``), the slugs the catalogue collects.
- A real build of a small project with a record slug and a page slug: every French
  page at its French address, every former French address holding a page that
  sends readers on (and nothing else there), and the language switcher, hreflang,
  sitemap, Markdown links, open data, feed and JSON-LD following; this is also the
  regression test of what ``resource_library_mkdocs/i18n.py::apply_addresses``
  sets on mkdocs-static-i18n's files.

The messages for wrong slugs are in ``tests/fixtures/hostile/addresses.yml``; the
redirects in Chromium (query string and fragment) in ``tests/browser/test_former_addresses.py``.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import ROOT, build, fixture_records, html_pages, make_project

from resource_library.kept import KeptWork
from resource_library.load.catalogue import load_catalogue
from resource_library.load.interface import load_interface
from resource_library.model import urls
from resource_library.model.urls import former_url, localize, localized_url, moved
from resource_library.render import csp
from resource_library.render.redirects import former_copies, moved_page, moved_pages
from resource_library.views.site import page_url

SITE_URL = "http://127.0.0.1:8000/"


@pytest.fixture
def no_slugs():
    """The installed slugs are process-wide: leave them as they were."""
    before = urls.installed()
    urls.install({})
    yield
    urls.install(before)


# -- the table ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("neutral", "french"),
    [
        ("library/", "bibliotheque/"),
        ("library/some-record/", "bibliotheque/some-record/"),
        ("library/library.json", "bibliotheque/library.json"),
        ("library/?q=anxiete&tier=targeted#results", "bibliotheque/?q=anxiete&tier=targeted#results"),
        ("pillars/", "piliers/"),
        ("pillars/implementation-support/", "piliers/implementation-support/"),
        ("infographics/", "infographies/"),
        ("infographics/strategic-pillars.svg", "infographies/strategic-pillars.svg"),
        ("glossary/", "glossaire/"),
        ("glossary/#acqess", "glossaire/#acqess"),
        ("programs/ma-csmhs-coiin/", "programmes/ma-csmhs-coiin/"),
        ("search/", "recherche/"),
        # Not generated sections: as they are.
        ("", ""),
        ("about/", "about/"),
        ("feed.xml", "feed.xml"),
        ("data/", "data/"),
        ("files/library/guide.pdf", "files/library/guide.pdf"),
        ("libraryx/", "libraryx/"),
    ],
)
def test_french_section_names(no_slugs, neutral, french):
    assert localize("fr", neutral) == french
    assert localize("en", neutral) == neutral
    assert page_url("fr", neutral) == "fr/" + french
    assert page_url("en", neutral) == neutral


def test_slugs_name_the_last_part_of_a_page_address(no_slugs):
    table = {"fr": {"library/some-record": "une-fiche", "about": "a-propos", "guides/first": "premier"}}
    assert localize("fr", "library/some-record/", table) == "bibliotheque/une-fiche/"
    assert localize("fr", "library/some-record/#rl-details-title", table) == "bibliotheque/une-fiche/#rl-details-title"
    assert localize("fr", "library/other/", table) == "bibliotheque/other/"
    assert localize("fr", "about/", table) == "a-propos/"
    assert localize("fr", "guides/first/", table) == "guides/premier/"
    assert localize("fr", "guides/", table) == "guides/"
    assert localize("en", "about/", table) == "about/"
    # page_url reads the installed table.
    assert page_url("fr", "about/") == "fr/about/"
    urls.install(table)
    assert page_url("fr", "about/") == "fr/a-propos/"
    assert page_url("fr", "library/some-record/") == "fr/bibliotheque/une-fiche/"
    assert page_url("en", "library/some-record/") == "library/some-record/"


def test_moved_says_where_the_french_page_was(no_slugs):
    assert moved("fr", "library/") == ("fr/library/", "fr/bibliotheque/")
    assert moved("fr", "glossary/") == ("fr/glossary/", "fr/glossaire/")
    assert moved("fr", "about/") is None and moved("fr", "") is None
    assert moved("en", "library/") is None
    assert former_url("fr", "pillars/x/") == "fr/pillars/x/" and localized_url("fr", "pillars/x/") == "fr/piliers/x/"


def test_section_names_are_distinct_ids():
    from resource_library.model.ids import is_id

    for table in urls.SECTION_SLUGS.values():
        assert all(is_id(name) for name in table.values())
        assert len(set(table.values())) == len(table)
        assert not set(table.values()) & set(table), "a French name may not be another section's English name"


# -- pages left at former addresses ---------------------------------------------------------------
@pytest.fixture(scope="module")
def strings():
    table, problems = load_interface(ROOT / "data" / "interface.yml", "data/interface.yml")
    assert not [p for p in problems if p.is_error]
    return table


def test_moved_pages_kept_across_builds_are_the_pages_made_again(strings):
    """Under ``mkdocs serve`` the build keeps the moved pages: the same pages as made afresh,
    taken back while the words and the template are the same, made again when the words change."""
    templates = ROOT / "overrides" / "library"
    moves = [("fr/library/x/", "fr/bibliotheque/x/"), ("fr/library/y/", "fr/bibliotheque/z/")]
    kept = KeptWork()
    fresh = moved_pages(templates, strings, "fr", moves, SITE_URL)
    assert moved_pages(templates, strings, "fr", moves, SITE_URL, kept) == fresh
    slot = ("fr", "moved pages", SITE_URL)
    assert len(kept.made(slot)) == 2
    assert moved_pages(templates, strings, "fr", moves[:1], SITE_URL, kept) == fresh[:1] and not kept.made(slot)
    reworded = {**strings, "moved_title": {"en": "Moved", "fr": "Déplacée ailleurs"}}
    again = moved_pages(templates, reworded, "fr", moves, SITE_URL, kept)
    assert again == moved_pages(templates, reworded, "fr", moves, SITE_URL) != fresh
    assert "Déplacée ailleurs" in again[0].content and len(kept.made(slot)) == 2


def test_moved_page_sends_readers_on(strings):
    page = moved_page(ROOT / "overrides" / "library", strings, "fr", "fr/library/x/", "fr/bibliotheque/y/", SITE_URL)
    assert page.path == "fr/library/x/index.html"
    html = BeautifulSoup(page.content, "html.parser")
    assert html.html["lang"] == "fr" and html.html["data-rl-moved"] == "../../bibliotheque/y/"
    assert html.select_one('meta[name="robots"]')["content"] == "noindex"
    assert html.select_one('link[rel="canonical"]')["href"] == SITE_URL + "fr/bibliotheque/y/"
    assert [s["src"] for s in html.select("script")] == ["../../../assets/javascripts/moved.js"]
    assert (ROOT / "overrides" / "assets" / "javascripts" / "moved.js").is_file()
    refresh = html.select_one('noscript meta[http-equiv="refresh"]')
    assert refresh["content"] == "0; url=../../bibliotheque/y/"
    # A link for every reader, in both languages, the page's language first.
    blocks = html.select("main > div[lang]")
    assert [b["lang"] for b in blocks] == ["fr", "en"]
    assert blocks[0].h1.get_text() == "Cette page a déménagé" and blocks[1].h2.get_text() == "This page has moved"
    assert all(b.a["href"] == "../../bibliotheque/y/" for b in blocks)
    assert "lien\u00a0:" in blocks[0].get_text()  # French typography
    # Its own policy: one script file, no inline script (the refresh is ours, not an editor's).
    assert csp.intrusions(page.content, frozenset()) == ['a <meta http-equiv="refresh">']
    policy = html.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy


def test_moved_page_without_site_url_names_its_target_relatively(strings):
    page = moved_page(ROOT / "overrides" / "library", strings, "fr", "fr/library/", "fr/bibliotheque/")
    html = BeautifulSoup(page.content, "html.parser")
    assert html.select_one('link[rel="canonical"]')["href"] == "../bibliotheque/"
    with pytest.raises(ValueError):
        moved_page(ROOT / "overrides" / "library", strings, "fr", "fr/about/", "fr/about/")


def test_public_files_are_copied_to_their_former_address(no_slugs):
    paths = [
        "library/library.json",
        "library/library.csv",
        "library/search-index.json",
        "infographics/a.svg",
        "feed.xml",
    ]
    assert former_copies("fr", paths) == [
        ("fr/library/library.json", "fr/bibliotheque/library.json"),
        ("fr/library/library.csv", "fr/bibliotheque/library.csv"),
        ("fr/infographics/a.svg", "fr/infographies/a.svg"),
    ]
    assert former_copies("en", paths) == []


# -- a real build ---------------------------------------------------------------------------------
FRENCH_HOME = """---
title: Accueil
---
# Accueil

[Une fiche](library/full-record.md), [à propos](about.md) et [la bibliothèque](library/index.md).
"""
FRENCH_ABOUT = """---
slug: {fr: a-propos}
---
# À propos

Qui nous sommes.
"""


def _project(tmp_path: Path) -> Path:
    records = fixture_records("full-record", "english-only", "offered-in-french")
    records["full-record.yml"] = records["full-record.yml"].replace(
        "id: full-record\n", "id: full-record\nslug: {fr: fiche-complete}\n", 1
    )
    docs = {
        "index.md": "# Home\n\nWelcome.\n",
        "about.md": "# About\n\nWho we are.\n",
        "fr/index.md": FRENCH_HOME,
        "fr/about.md": FRENCH_ABOUT,
    }
    return make_project(tmp_path, records=records, docs=docs)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(_project(tmp_path_factory.mktemp("addresses")))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_the_catalogue_collects_record_and_page_slugs(tmp_path):
    catalogue = load_catalogue(_project(tmp_path))
    assert not catalogue.errors, catalogue.errors
    assert catalogue.slugs == {"fr": {"library/full-record": "fiche-complete", "about": "a-propos"}}


def _moved(site: Path) -> dict:
    """``{former page file: the address it sends readers to, site-relative}``."""
    out = {}
    for rel in html_pages(site):
        page = soup(site, rel)
        if page.html.get("data-rl-moved") is not None:
            base = rel.removesuffix("index.html")
            target = posixpath.normpath(base + page.html["data-rl-moved"]) + "/"
            out[rel] = target
    return out


def test_every_french_page_at_its_french_address(site):
    pages = html_pages(site)
    french = {p for p in pages if p.startswith("fr/")}
    moved_pages = _moved(site)
    content = french - set(moved_pages) - {"fr/404.html"}
    expected = {
        "fr/index.html",
        "fr/a-propos/index.html",
        "fr/bibliotheque/index.html",
        "fr/bibliotheque/fiche-complete/index.html",
        "fr/bibliotheque/english-only/index.html",
        "fr/bibliotheque/offered-in-french/index.html",
        "fr/piliers/index.html",
        "fr/infographies/index.html",
        "fr/glossaire/index.html",
        "fr/translation-status/index.html",
        "fr/data/index.html",
    }
    expected |= {"fr/piliers/" + p.removeprefix("pillars/") for p in pages if p.startswith("pillars/")}
    # The pages of vocabulary terms (library/<field>/<term>/) and the search page, when the site has them.
    expected |= {
        "fr/bibliotheque/" + p.removeprefix("library/") for p in pages if p.startswith("library/") and p.count("/") == 3
    }
    expected |= {"fr/recherche/index.html" for p in pages if p == "search/index.html"}
    assert len(expected) > 15
    assert content == expected
    # Nothing but pages that send readers on is left at a former address.
    for old in ("fr/library/", "fr/pillars/", "fr/infographics/", "fr/glossary/", "fr/about/"):
        assert not {p for p in content if p.startswith(old)}, old


def test_every_former_french_address_sends_readers_to_the_page(site):
    moved_pages = _moved(site)
    pages = html_pages(site)
    english = {p for p in pages if not p.startswith("fr/") and p != "404.html"}
    # Each English page whose French counterpart moved has a page at the former French address.
    expected = {}
    for page in english:
        path = page.removesuffix("index.html")
        if path.startswith(("library/", "pillars/", "infographics/", "glossary/", "search/")) or path == "about/":
            expected[f"fr/{page}"] = None
    assert set(moved_pages) == set(expected)
    assert moved_pages["fr/library/index.html"] == "fr/bibliotheque/"
    assert moved_pages["fr/library/full-record/index.html"] == "fr/bibliotheque/fiche-complete/"
    assert moved_pages["fr/about/index.html"] == "fr/a-propos/"
    assert moved_pages["fr/pillars/implementation-support/index.html"] == "fr/piliers/implementation-support/"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for old, target in moved_pages.items():
        assert (site / target / "index.html").is_file(), (old, target)
        assert target + "index.html" not in moved_pages
        page = soup(site, old)
        assert page.select_one('meta[name="robots"]')["content"] == "noindex"
        assert page.select_one('link[rel="canonical"]')["href"] == SITE_URL + target
        assert f"<loc>{SITE_URL}{old.removesuffix('index.html')}</loc>" not in sitemap
    # The public files are at both addresses; the library's own search data only at the new one.
    for name in ("library.json", "library.csv", "library.schema.json"):
        assert (site / "fr/library" / name).read_bytes() == (site / "fr/bibliotheque" / name).read_bytes()
    assert (site / "fr/bibliotheque/search-index.json").is_file()
    assert not (site / "fr/library/search-index.json").exists()


def _switcher(page: BeautifulSoup) -> dict:
    """The header's link to the other language (overrides/partials/header.html)."""
    return {a["hreflang"]: a["href"] for a in page.select(".md-header a.rl-lang-link[hreflang]")}


def _head_alternates(page: BeautifulSoup) -> dict:
    return {link["hreflang"]: link["href"] for link in page.head.select('link[rel="alternate"][hreflang]')}


def test_switcher_hreflang_and_sitemap_follow_the_slugs(site):
    english = soup(site, "library/full-record/index.html")
    french = soup(site, "fr/bibliotheque/fiche-complete/index.html")
    # No hreflang link in <head> (the sitemap declares the counterparts, below).
    assert _head_alternates(english) == {} and _head_alternates(french) == {}
    assert _switcher(english) == {"fr": "../../fr/bibliotheque/fiche-complete/"}
    assert _switcher(french) == {"en": "../../../library/full-record/"}
    assert _switcher(soup(site, "about/index.html"))["fr"] == "../fr/a-propos/"
    assert _switcher(soup(site, "fr/a-propos/index.html"))["en"] == "../../about/"
    assert _switcher(soup(site, "fr/glossaire/index.html"))["en"] == "../../glossary/"
    assert french.html["lang"] == "fr" and french.head.select_one('link[rel="canonical"]')["href"] == (
        SITE_URL + "fr/bibliotheque/fiche-complete/"
    )
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(rf"<url>\s*<loc>{SITE_URL}library/full-record/</loc>.*?</url>", sitemap, re.S)
    links = dict(re.findall(r'hreflang="(\w+)" href="([^"]+)"', entry.group(0)))
    assert links == {"en": SITE_URL + "library/full-record/", "fr": SITE_URL + "fr/bibliotheque/fiche-complete/"}
    assert f"<loc>{SITE_URL}fr/a-propos/</loc>" in sitemap and f"<loc>{SITE_URL}fr/about/</loc>" not in sitemap


def test_links_open_data_feed_and_structured_data_follow(site):
    home = soup(site, "fr/index.html")
    hrefs = [a["href"] for a in home.select("article p a")]
    # The page's Markdown links name source files (library/full-record.md): MkDocs writes their French addresses.
    assert hrefs[-3:] == ["bibliotheque/fiche-complete/", "a-propos/", "bibliotheque/"]
    library = soup(site, "fr/bibliotheque/index.html")
    card = library.select_one('.rl-cards > li[data-id="full-record"] a')
    assert card["href"] == "fiche-complete/"
    document = json.loads((site / "fr/bibliotheque/library.json").read_text(encoding="utf-8"))
    entry = next(e for e in document["resources"] if e["id"] == "full-record")
    assert entry["url"] == SITE_URL + "fr/bibliotheque/fiche-complete/"
    english = json.loads((site / "library/library.json").read_text(encoding="utf-8"))
    assert next(e for e in english["resources"] if e["id"] == "full-record")["counterpart"]["url"] == entry["url"]
    feed = (site / "fr/feed.xml").read_text(encoding="utf-8")
    assert f'href="{SITE_URL}fr/bibliotheque/fiche-complete/"' in feed and "fr/library/" not in feed
    page = soup(site, "fr/bibliotheque/fiche-complete/index.html")
    data = json.loads(page.head.select_one('script[type="application/ld+json"]').string)
    assert data["url"] == SITE_URL + "fr/bibliotheque/fiche-complete/"
    not_found = soup(site, "fr/404.html")
    assert "/fr/bibliotheque/" in [a["href"] for a in not_found.select("article a")]

"""A real build: what readers see of translations (notices, untranslated pages, switcher,
status and glossary pages, French typography).

This is also the regression test of the static-i18n internals that
``resource_library_mkdocs/i18n.py`` uses for fallback pages and the language switcher.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitebuild import build, fixture_records, make_project

from resource_library.translation.sync import sync

NAV = """nav:
  - Home: index.md
  - About: about.md
  - News: news.md
  - Library: library/index.md
"""
N, NN = "\u00a0", "\u202f"
ENGLISH_ABOUT = "# About us\n\nNote: we support school boards. Why? Because it works!\n\nSecond paragraph.\n"
FRENCH_ABOUT = (
    "# À propos\n\nNote : nous soutenons les conseils scolaires. Pourquoi? Parce que ça marche !\n\n"
    "Le «leader en santé mentale» et `a:b` : voir https://exemple.ca/a:b.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    docs = {
        "index.md": "# Home\n\nWelcome.\n",
        "about.md": ENGLISH_ABOUT,
        "news.md": "# News\n\nNothing yet: come back soon!\n",
        "fr/index.md": "# Accueil\n\nBienvenue.\n",
        "fr/about.md": FRENCH_ABOUT,
    }
    project = make_project(
        tmp_path_factory.mktemp("translation-site"),
        docs=docs,
        nav=NAV,
        records=fixture_records("full-record", "english-only"),
    )
    for path in ("docs/fr/index.md", "docs/fr/about.md", "data/resources/full-record.yml"):
        sync(project, Path(path), today="2026-11-01")
    english = project / "docs" / "about.md"
    english.write_text(ENGLISH_ABOUT.replace("Second paragraph.", "A changed second paragraph."), encoding="utf-8")
    record = project / "data" / "resources" / "full-record.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("A short routine that helps", "A two-minute routine that helps"),
        encoding="utf-8",
    )
    return build(project)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_outdated_french_page_shows_a_dated_notice_linking_to_the_english(site):
    page = soup(site, "fr/about/index.html")
    notice = page.select_one("article .rl-notice--outdated")
    assert notice is not None
    assert notice.find_previous_sibling("h1").get_text(strip=True).startswith("À propos")
    text = notice.get_text(" ", strip=True)
    assert "révisée le 1er novembre 2026" in text
    link = notice.a
    assert link["href"] == "../../about/" and link["hreflang"] == "en"
    assert (site / "about/index.html").is_file()
    # The synced page has none.
    assert soup(site, "fr/index.html").select(".rl-notice--outdated") == []


def test_outdated_record_page_shows_the_notice(site):
    page = soup(site, "fr/bibliotheque/full-record/index.html")
    notice = page.select_one(".rl-notice--outdated")
    assert notice is not None and notice.a["href"] == "../../../library/full-record/"
    assert soup(site, "library/full-record/index.html").select(".rl-notice--outdated") == []


def test_english_only_page_on_the_french_site_is_marked_english(site):
    page = soup(site, "fr/news/index.html")
    assert page.html["lang"] == "fr"
    notice = page.select_one(".rl-notice--untranslated")
    assert (
        notice.get_text(strip=True)
        == "Cette page n'est pas encore traduite en français. Son texte figure ci-dessous en anglais."
    )
    content = page.select_one("div.rl-untranslated")
    assert content["lang"] == "en"
    assert content.h1.get_text(strip=True).startswith("News")
    # English text keeps English punctuation on the French site.
    assert "Nothing yet: come back soon!" in content.get_text()


def test_switcher_says_french_is_not_available_on_an_english_only_page(site):
    page = soup(site, "news/index.html")
    assert page.select('header a.rl-lang-link[hreflang="fr"]') == []
    item = page.select_one("header .rl-header__language .rl-untranslated-language")
    assert item["lang"] == "fr"
    assert item.get_text(strip=True) == f"Français{N}: page pas encore traduite"
    # A translated page still links to its translation.
    about = soup(site, "about/index.html")
    assert about.select_one('header a.rl-lang-link[hreflang="fr"]')["href"] == "../fr/about/"
    assert about.select(".rl-untranslated-language") == []


def test_french_typography_on_french_output_only(site):
    french = (site / "fr/about/index.html").read_text(encoding="utf-8")
    assert f"Note{N}: nous soutenons" in french
    assert f"Pourquoi{NN}? Parce que ça marche{NN}!" in french
    assert f"«{N}leader en santé mentale{N}»" in french
    assert "<code>a:b</code>" in french and f"</code>{N}: voir https://exemple.ca/a:b." in french
    english = (site / "about/index.html").read_text(encoding="utf-8")
    assert "Note: we support school boards. Why? Because it works!" in english
    assert NN not in english


def test_translation_status_page_lists_outdated_and_missing_items(site):
    page = soup(site, "fr/translation-status/index.html")
    rows = {
        tr["data-section"]: [td.get_text(strip=True) for td in tr.select("td")]
        for tr in page.select("table.rl-status tbody tr")
    }
    assert rows["pages"][:3] == ["1", "1", "1"]  # index complete, about outdated, news missing
    assert rows["records"][:3] == ["0", "1", "1"]  # full-record outdated, english-only missing
    progress = page.select_one('tr[data-section="pages"] progress')
    assert (progress["max"], progress["value"]) == ("3", "1")
    pages = page.select_one('section[data-section="pages"]')
    outdated = pages.select_one(".rl-status-list--outdated li")
    assert outdated.a["href"] == "../about/" and outdated.code.get_text() == "docs/fr/about.md"
    assert "1er novembre 2026" in outdated.get_text()
    missing = pages.select_one(".rl-status-list--missing li")
    assert missing.a["href"] == "../../news/" and missing.code.get_text() == "docs/fr/news.md"
    records = page.select_one('section[data-section="records"]')
    assert [li.code.get_text() for li in records.select(".rl-status-list--missing li")] == [
        "data/resources/english-only.yml"
    ]
    # Not in the main navigation, linked from the footer.
    assert not any("translation-status" in a["href"] for a in page.select("nav.md-nav--primary a[href]"))
    footer = soup(site, "about/index.html").select_one(".rl-footer-links")
    assert [(a.get_text(), a["href"]) for a in footer.select("a")] == [
        ("Glossary", "../glossary/"),
        ("Translation status", "../translation-status/"),
    ]


def test_glossary_page_in_both_languages(site):
    french = soup(site, "fr/glossaire/index.html")
    term = french.select_one("dt#mental-health-leader")
    assert term.dfn.get_text() == "leader en santé mentale"
    assert term.select_one('span[lang="en"]').get_text() == "mental health leader"
    english = soup(site, "glossary/index.html")
    term = english.select_one("dt#tiered-intervention")
    assert term.dfn.get_text() == "tiered intervention"
    assert term.select_one('span[lang="fr"]').get_text() == "intervention par paliers"
    avoid = term.find_next_sibling("dd").select_one(".rl-glossary__avoid")
    assert f"«{N}intervention par niveaux{N}»" in avoid.get_text()


def test_translation_pages_are_kept_while_what_they_show_is_the_same(tmp_path):
    from resource_library.build import Build

    project = make_project(tmp_path, records=fixture_records("english-only", "offered-in-french"))
    build = Build(project)

    def pages(reuse: bool = True) -> list:
        build.begin_pass()
        build.get()
        build.translation_site()
        return build.translation_pages("fr", reuse=reuse)

    first = pages()
    again = pages()
    assert again[0] is first[0] and again[1] is first[1]

    # A record's translation state changes: the status page is made again, the glossary kept.
    record = project / "data" / "resources" / "english-only.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace(
            "  en: A guide written in English only\n", "  en: A guide written in English only\n  fr: Un guide\n"
        ),
        "utf-8",
    )
    changed = pages()
    assert changed[0] is not first[0] and changed[1] is first[1]
    assert (changed[0].content, changed[0].blocks) != (first[0].content, first[0].blocks)

    # The interface words every page shows: both are made again.
    interface = project / "data" / "interface.yml"
    interface.write_text(interface.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    worded = pages()
    assert worded[0] is not changed[0] and worded[1] is not changed[1]

    # A single build keeps nothing.
    assert pages(reuse=False)[0] is not pages(reuse=False)[0]

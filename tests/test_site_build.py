"""A real build of a small bilingual site: pages, languages, fallbacks, safety."""

from __future__ import annotations

import re

import yaml
from bs4 import BeautifulSoup
from sitebuild import ROOT, at, build, fixture_records, html_pages, make_project, mkdocs


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_exact_set_of_pages_in_both_languages(fixture_site):
    pillars = [
        "leadership-and-capacity",
        "evidence-based-programming",
        "implementation-support",
        "student-family-engagement",
        "equity-specific-populations",
        "systems-sustainability-scale-up",
    ]
    per_language = {
        "index.html",
        "about/index.html",
        "library/index.html",
        "pillars/index.html",
        "library/full-record/index.html",
        "library/english-only/index.html",
        "library/offered-in-french/index.html",
        "infographics/index.html",
    } | {f"pillars/{p}/index.html" for p in pillars}
    per_language |= {"glossary/index.html", "translation-status/index.html", "data/index.html", "search/index.html"}
    # One page per vocabulary term (pillars aside: they have theirs), used or not.
    vocabularies = yaml.safe_load((ROOT / "data" / "vocabularies.yml").read_text(encoding="utf-8"))
    folders = {
        "types": "types",
        "tiers": "tiers",
        "audiences": "audiences",
        "core_elements": "core-elements",
        "implementation_stages": "implementation-stages",
        "grade_bands": "grade-bands",
        "topics": "topics",
        "languages": "languages",
        "evidence_levels": "evidence-levels",
    }
    assert set(folders) == set(vocabularies)
    terms = {f"library/{folders[v]}/{t}/index.html" for v in vocabularies for t in vocabularies[v]["terms"]}
    assert "library/tiers/targeted/index.html" in terms
    per_language |= terms
    # French pages at French addresses (section names in French); at each former French address a
    # page that sends readers on.
    french = {at("fr/", p) for p in per_language}
    moved = {f"fr/{p}" for p in per_language if at("fr/", p) != f"fr/{p}"}
    assert "fr/bibliotheque/tiers/targeted/index.html" in french and "fr/library/tiers/targeted/index.html" in moved
    expected = per_language | french | moved | {"404.html", "fr/404.html"}
    assert html_pages(fixture_site) == expected
    for page in moved:
        assert 'name="robots" content="noindex"' in (fixture_site / page).read_text(encoding="utf-8"), page


def test_html_lang_matches_the_language(fixture_site):
    for page in html_pages(fixture_site):
        if page == "404.html":
            continue
        expected = "fr" if page.startswith("fr/") else "en"
        assert soup(fixture_site, page).html["lang"] == expected, page


def test_language_toggle_lands_on_the_counterpart(fixture_site):
    page = soup(fixture_site, "library/full-record/index.html")
    french = page.select_one('header a.rl-lang-link[hreflang="fr"]')
    assert french["href"] == "../../fr/bibliotheque/full-record/"
    page = soup(fixture_site, "fr/bibliotheque/full-record/index.html")
    english = page.select_one('header a.rl-lang-link[hreflang="en"]')
    assert english["href"] == "../../../library/full-record/"
    # The link resolves to a page that exists.
    assert (fixture_site / "library/full-record/index.html").is_file()


def test_resource_page_content_in_french(fixture_site):
    page = soup(fixture_site, "fr/bibliotheque/full-record/index.html")
    assert page.h1.get_text(strip=True) == "Bilans de bien-être en classe"
    assert page.h1.get("lang") is None
    details = {
        dt.get_text(strip=True): " ".join(dt.find_next_sibling("dd").get_text().split())
        for dt in page.select("dl.rl-meta dt")
    }
    # Vocabulary labels in French, not term ids.
    assert details["Type"] == "Pratique"
    assert details["Offerte en"] == "anglais, français"
    assert "universal" not in " ".join(details.values())
    assert "2024-09-01" in details["Ajoutée à la bibliothèque"]
    assert page.select_one(".rl-description ul li").get_text() == "Posez une question."
    link = page.select_one(".rl-links a")
    assert link["href"] == "https://example.org/check-ins" and link["hreflang"] == "en"
    # A primary button per copy: what it does, then format and language (no size for a web page).
    assert "md-button--primary" in link["class"]
    assert " ".join(link.get_text().split()) == "Consulter la page Web (anglais)"
    # Each term of the details links to the page of every resource with that term.
    tier = page.select_one('dl.rl-meta a[href="../tiers/universal/"]')
    assert tier is not None and tier.get_text() == "Universel (palier 1)"
    assert (fixture_site / "fr/bibliotheque/tiers/universal/index.html").is_file()


def test_french_page_of_english_only_record_marks_fallback(fixture_site):
    page = soup(fixture_site, "fr/bibliotheque/english-only/index.html")
    assert page.html["lang"] == "fr"
    assert page.h1["lang"] == "en"
    assert page.h1.get_text(strip=True) == "A guide written in English only"
    description = page.select_one("div.rl-description")
    assert description["lang"] == "en"
    assert description.strong.get_text() == "English"
    # One notice, at the top (the resource's language is in the details).
    notices = [n.get_text(strip=True) for n in page.select(".rl-notice")]
    assert notices == ["Ce texte n'est offert qu'en anglais."]
    assert page.select_one(".rl-notice").find_previous_sibling("h1") is not None
    english = soup(fixture_site, "library/english-only/index.html")
    assert english.select(".rl-notice--fallback") == []
    assert (
        english.select_one(".rl-notice--language").get_text(strip=True) == "This resource is offered in English only."
    )


def test_resource_pages_are_out_of_the_navigation(fixture_site):
    page = soup(fixture_site, "library/index.html")
    nav_links = {a["href"] for a in page.select("nav.md-nav--primary a[href]")}
    assert not any("full-record" in href for href in nav_links)
    assert any(href.rstrip("/").endswith("library") or href == "./" for href in nav_links)


def test_library_lists_every_resource_with_type_tiers_languages(fixture_site):
    page = soup(fixture_site, "fr/bibliotheque/index.html")
    cards = page.select(".rl-cards > li")
    # Alphabetical in French, accents ignored: "A guide…", "Bilans…", "Une fiche…".
    assert [c["data-id"] for c in cards] == ["english-only", "full-record", "offered-in-french"]
    full = cards[1]
    assert full.select_one("a")["href"] == "full-record/"
    # Lean markup (scripts/bench): title link, type · tiers · languages, then the summary.
    assert full.select_one("h2 a").get_text() == "Bilans de bien-être en classe"
    assert full.select("p")[0].get_text() == "Pratique · Universel (palier 1) · anglais, français"
    assert full.select_one("p:first-of-type > .rl-type").get_text() == "Pratique"
    # Nothing else on the card has a class or attribute: the library page repeats it 5,000 times.
    assert [(tag.name, sorted(tag.attrs)) for tag in full.find_all(True)] == [
        ("h2", []),
        ("a", ["href"]),
        ("p", []),
        ("span", ["class"]),
        ("p", []),
    ]
    assert full.attrs == {"data-id": "full-record"}
    assert (
        full.select("p")[-1].get_text()
        == "Une courte routine qui aide le personnel enseignant à remarquer comment vont les élèves."
    )
    assert page.select_one("#rl-count").get_text() == "3 ressources"
    # An English-only title is marked as English on the French page.
    assert cards[0].select_one("a")["lang"] == "en"
    assert full.select_one("a").get("lang") is None


def test_related_resources_share_pillars_or_core_elements(fixture_site):
    page = soup(fixture_site, "library/full-record/index.html")
    related = [a["href"] for a in page.select(".rl-related a")]
    assert sorted(related) == ["../english-only/", "../offered-in-french/"]


def test_sitemap_lists_both_languages_with_hreflang(fixture_site):
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(r"<url>\s*<loc>http://127.0.0.1:8000/fr/bibliotheque/english-only/</loc>.*?</url>", sitemap, re.S)
    assert entry, sitemap
    links = dict(re.findall(r'hreflang="(\w+)" href="([^"]+)"', entry.group(0)))
    assert links == {
        "en": "http://127.0.0.1:8000/library/english-only/",
        "fr": "http://127.0.0.1:8000/fr/bibliotheque/english-only/",
    }
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    # Every page but the two 404 pages and the pages left at former French addresses.
    moved = {p for p in html_pages(fixture_site) if "data-rl-moved=" in (fixture_site / p).read_text(encoding="utf-8")}
    assert len(moved) > 10 and not {f"http://127.0.0.1:8000/{p.removesuffix('index.html')}" for p in moved} & set(locs)
    assert len(locs) == len(set(locs)) == len(html_pages(fixture_site)) - 2 - len(moved)


def test_resource_page_shows_no_file_path_without_an_edit_link(fixture_site):
    # The record's YAML file is for editors: without a forge to edit it on
    # (extra.edit_url_base), the public page neither names it nor links to it.
    for path in ("library/english-only/index.html", "fr/bibliotheque/english-only/index.html"):
        page = soup(fixture_site, path)
        assert page.select_one(".rl-edit") is None
        assert "data/resources/" not in page.select_one("article").get_text()


def test_broken_record_stops_the_build_with_the_list_and_no_traceback(tmp_path):
    records = fixture_records("english-only")
    records.update(fixture_records("unknown-field", "hostile-title", kind="invalid"))
    project = make_project(tmp_path, records=records)
    result = mkdocs(project, "build", "--strict", "-d", str(project / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "data/resources/unknown-field.yml:8:1: sumary: unknown field 'sumary' (did you mean 'summary'?)" in output
    assert "data/resources/hostile-title.yml:5:7: title.en: raw HTML is not allowed" in output
    assert not (project / "site" / "library").exists()


def test_build_never_writes_editors_files(tmp_path):
    project = make_project(tmp_path, records=fixture_records("full-record", "english-only"))
    before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    docs_before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*"))
    build(project)
    after = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}
    assert before == after
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*")) == docs_before

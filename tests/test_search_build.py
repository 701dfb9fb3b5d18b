"""A real build publishes the library's search data, lunr.js and one site search index per language."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from sitebuild import ROOT, at, build, fixture_records, make_project

from resource_library.search.assets import LUNR_FILES, lunr_js_dir
from resource_library.search.wire import from_wire


def soup(site, path):
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def resolve(site, page_path, href):
    """The file of the site that a relative link on ``page_path`` points to."""
    url = urljoin("http://site/" + page_path, href)
    rel = url[len("http://site/") :]
    target = site / rel
    return target / "index.html" if rel.endswith("/") or target.is_dir() else target


def test_search_data_per_language(search_site):
    en = json.loads((search_site / "library/search-index.json").read_text(encoding="utf-8"))
    fr = json.loads((search_site / "fr/bibliotheque/search-index.json").read_text(encoding="utf-8"))
    assert (en["lang"], fr["lang"]) == ("en", "fr")
    assert set(en["records"]) == set(fr["records"])
    assert "family-worry-toolkit" in fr["records"]  # listed and filterable on the French page...
    assert "family-worry-toolkit" not in fr["index"]["refs"]  # ... but its English-only text is not indexed
    assert "family-worry-toolkit" in en["index"]["refs"]
    assert fr["index"]["pipeline"] == ["rl-fold", "stemmer-fr"]
    # Written in the wire form (resource_library/search/wire.py): terms front-coded, postings a bit string.
    assert isinstance(fr["index"]["terms"], str) and isinstance(fr["index"]["postings"], str)
    terms = from_wire(fr["index"])["terms"]
    assert "anxiet" in terms and "anxiété" not in terms
    assert not [t for t in terms if "'" in t or "\u2019" in t]


def test_lunr_js_is_copied_from_the_installed_mkdocs_package(search_site):
    source = lunr_js_dir()
    for name, rel in LUNR_FILES.items():
        assert filecmp.cmp(search_site / "assets/javascripts/library-lunr" / name, source / rel, shallow=False)
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert not [p for p in tracked if re.search(r"(^|/)lunr(\.[a-z]+)*\.js$", p)], "lunr.js must not be vendored"


def test_library_page_scripts_and_data_resolve(search_site):
    for lang, page_path in (("en", "library/index.html"), ("fr", "fr/bibliotheque/index.html")):
        page = soup(search_site, page_path)
        page_url = page_path[: -len("index.html")]
        srcs = [s["src"] for s in page.select(".md-content script[src], article script[src]")] or [
            s["src"] for s in page.find_all("script", src=True) if "library" in s["src"]
        ]
        ours = [s for s in srcs if "library" in s]
        assert ours, page_path
        for src in ours:
            assert not src.startswith(("http:", "https:", "//")), src
            assert resolve(search_site, page_url, src).is_file(), src
        if lang == "fr":
            assert any(s.endswith("library-lunr/lunr.fr.js") for s in ours)
        data = page.select_one("#rl-library")["data-index"]
        assert resolve(search_site, page_url, data) == search_site / page_url / "search-index.json"


def test_library_page_form_is_real_html_with_french_labels(search_site):
    page = soup(search_site, "fr/bibliotheque/index.html")
    form = page.select_one("form#rl-filters")
    assert form["method"] == "get"
    # The checkboxes show only with JavaScript (the page's first script sets the class
    # before the form is laid out); without it each option is a link to its term's page.
    assert "rl-js-only" in page.select_one("form#rl-search-form")["class"]
    label = page.select_one('label[for="rl-q"]')
    assert label.get_text(strip=True) == "Rechercher dans la bibliothèque"
    legends = [l.get_text(strip=True) for l in form.select("fieldset > legend")]
    assert "Type de ressource" in legends
    # Each facet is a disclosure the keyboard opens; the first three start open.
    summaries = form.select("details.rl-facet > summary")
    assert [s.get_text(strip=True) for s in summaries] == legends
    assert [d.has_attr("open") for d in form.select("details.rl-facet")][:4] == [True, True, True, False]
    universal = page.select_one('input[name="tier"][value="universal"]')
    assert "rl-js-only" in universal["class"]
    option = universal.find_parent(class_="rl-facet__option")
    assert option.label.get_text(" ", strip=True).endswith("(4)")
    link = option.select_one("a.rl-facet__link")
    assert link["href"] == "tiers/universal/" and link.get_text(" ", strip=True).endswith("(4)")
    assert (search_site / "fr/bibliotheque/tiers/universal/index.html").is_file()
    video = page.select_one('input[name="type"][value="video"]').find_parent(class_="rl-facet__option")
    assert "rl-facet__option--empty" in video["class"] and "(0)" in video.get_text()
    count = page.select_one("#rl-count")
    assert count["aria-live"] == "polite"
    assert count.get_text(strip=True) == "9 ressources"
    assert len(page.select("#rl-results > li[data-id]")) == 9


def site_data(site, prefix: str) -> dict:
    """A language's search data, its index decoded from the wire form."""
    data = json.loads((site / at(prefix, "library/search-index.json")).read_text(encoding="utf-8"))
    return {**data, "index": from_wire(data["index"])}


def test_site_search_index_per_language(search_site):
    en, fr = site_data(search_site, ""), site_data(search_site, "fr/")
    assert en["lang"] == "en" and fr["lang"] == "fr"
    # Pages of each language only, under that language's addresses.
    en_pages = {ref for ref in en["docs"] if ref.startswith("p:")}
    fr_pages = {ref for ref in fr["docs"] if ref.startswith("p:")}
    assert en_pages and fr_pages
    assert not [r for r in en_pages if r.startswith("p:fr/")]
    assert all(r.startswith("p:fr/") for r in fr_pages)
    en_titles = {d[1] for d in en["docs"].values()}
    fr_titles = {d[1] for d in fr["docs"].values()}
    assert "Calming anxiety in the classroom" in en_titles and "Calming anxiety in the classroom" not in fr_titles
    # A record with no French text is not in the French index (its page still exists).
    assert "family-worry-toolkit" in en["docs"] and "family-worry-toolkit" not in fr["docs"]
    assert (search_site / "fr/bibliotheque/family-worry-toolkit/index.html").is_file()
    assert "Apaiser l'anxiété en classe" in fr_titles and "Apaiser l'anxiété en classe" not in en_titles
    # Glossary terms, by their anchor on the glossary page of the language.
    assert any(ref.startswith("g:") and d[2].startswith("fr/glossaire/#") for ref, d in fr["docs"].items())
    # French folds and stems; English stems with lunr's own stemmer.
    assert fr["index"]["pipeline"] == ["rl-fold", "stemmer-fr"] and en["index"]["pipeline"] == ["rl-fold", "stemmer"]


def test_no_second_index_and_the_header_box_finds_its_language(search_site):
    """Material's search plugin is gone (no search/search_index.json); the header's box finds its language."""
    assert not (search_site / "search/search_index.json").exists()
    assert not (search_site / "fr/search/search_index.json").exists()
    for page_path, lang in (
        ("fr/bibliotheque/index.html", "fr"),
        ("fr/index.html", "fr"),
        ("library/calming-anxiety-classroom/index.html", "en"),
        ("index.html", "en"),
    ):
        page = BeautifulSoup((search_site / page_path).read_text(encoding="utf-8"), "html.parser")
        form = page.select_one("form#rl-header-search")
        assert form["data-lang"] == lang
        base = "http://site/" + page_path
        prefix = "fr/" if lang == "fr" else ""
        assert urljoin(base, form["action"]) == f"http://site/{at(prefix, 'search/')}"
        assert urljoin(base, form["data-index"]) == f"http://site/{at(prefix, 'library/search-index.json')}"
        assert urljoin(base, form["data-root"]) == "http://site/"
        combobox = form.select_one("input#rl-hs-q")
        assert combobox["role"] == "combobox" and combobox["aria-controls"] == "rl-hs-list"
        assert form.select_one("#rl-hs-list")["role"] == "listbox"
        # The index is not loaded with the page: no lunr.js before the box is used (the library page has its own).
        if not page_path.endswith(("library/index.html", "bibliotheque/index.html")):
            assert not [s for s in page.select("script[src]") if "lunr" in s["src"]]
        assert "search.highlight" not in (search_site.parent / "mkdocs.yml").read_text(encoding="utf-8")
    for prefix in ("", "fr/"):
        assert (search_site / at(prefix, "search/index.html")).is_file()


def test_site_search_skips_lists_of_other_pages(search_site):
    """Site search finds each resource by its record, not on every list that names it."""
    for prefix in ("", "fr/"):
        docs = site_data(search_site, prefix)["docs"]
        pages = {d[2].split("#")[0] for ref, d in docs.items() if ref.startswith("p:")}
        # The library page (it has its own search), resource pages and the translators' status list are left out.
        assert at(prefix, "library/") not in pages and f"{prefix}translation-status/" not in pages
        assert at(prefix, "library/full-record/") not in pages
        assert at(prefix, "pillars/leadership-and-capacity/") in pages
        assert "full-record" in docs
        title = "Classroom check-ins for well-being" if not prefix else "Bilans de bien-être en classe"
        assert docs["full-record"][1] == title
        pillar = " ".join(
            d[1] + " " + d[3]
            for ref, d in docs.items()
            if ref.startswith("p:" + at(prefix, "pillars/leadership-and-capacity/"))
        )
        assert title not in pillar  # the pillar's list of resources
        assert pillar.strip()  # but its own text is there


def test_a_library_without_french_text_builds_an_empty_french_index(tmp_path):
    site = build(make_project(tmp_path, records=fixture_records("english-only")))
    data = json.loads((site / "fr/bibliotheque/search-index.json").read_text(encoding="utf-8"))
    assert [ref for ref in data["index"]["refs"] if ":" not in ref] == []  # no resource in French
    assert list(data["records"]) == ["english-only"]  # the French page still filters it
    english = json.loads((site / "library/search-index.json").read_text(encoding="utf-8"))
    assert [ref for ref in english["index"]["refs"] if ":" not in ref] == ["english-only"]


def test_hand_written_pages_are_found_by_their_own_words_in_their_language(tmp_path):
    """A hand-written page's list of records is left out of site search (each record is a result of
    its own), and a page not yet translated is not found by its English words in French."""
    docs = {
        "index.md": "# Home\n\nWelcome.\n",
        "fr/index.md": "# Accueil\n\nBienvenue.\n",
        "about.md": "# About\n\nWho we are: quokkaword.\n\n<!-- resources type=guide -->\n",
    }
    records = fixture_records("english-only", "full-record", "offered-in-french")
    site = build(make_project(tmp_path, records=records, docs=docs))
    guide_title = "A guide written in English only"
    assert guide_title in (site / "about" / "index.html").read_text(encoding="utf-8")  # the list is on the page
    for prefix in ("", "fr/"):
        docs_of = site_data(site, prefix)["docs"]
        about = [d for ref, d in docs_of.items() if ref.startswith("p:") and d[2].startswith(f"{prefix}about/")]
        text = " ".join(d[1] + " " + d[3] for d in about)
        assert guide_title not in text
        if prefix:  # the French pass shows the English page, marked as English: not in the French index
            assert "quokkaword" not in text
        else:
            assert "quokkaword" in text

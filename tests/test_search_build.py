"""A real build publishes the library's search data, lunr.js and one site search index per language."""

from __future__ import annotations

import filecmp
import html
import json
import re
import subprocess
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from sitebuild import ROOT, build, fixture_records, make_project

from resource_library.search.assets import LUNR_FILES, lunr_js_dir


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
    assert "anxiet" in fr["index"]["terms"] and "anxiété" not in fr["index"]["terms"]
    assert not [t for t in fr["index"]["terms"] if "'" in t or "\u2019" in t]


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
    assert form["method"] == "get" and form.has_attr("hidden")  # shown by the script only
    label = page.select_one('label[for="rl-q"]')
    assert label.get_text(strip=True) == "Rechercher dans la bibliothèque"
    legends = [l.get_text(strip=True) for l in form.select("fieldset > legend")]
    assert "Type de ressource" in legends
    # Each facet is a disclosure the keyboard opens; the first three start open.
    summaries = form.select("details.rl-facet > summary")
    assert [s.get_text(strip=True) for s in summaries] == legends
    assert [d.has_attr("open") for d in form.select("details.rl-facet")][:4] == [True, True, True, False]
    universal = page.select_one('input[name="tier"][value="universal"]')
    option = universal.find_parent(class_="rl-facet__option")
    assert option.label.get_text(" ", strip=True).endswith("(4)")
    video = page.select_one('input[name="type"][value="video"]').find_parent(class_="rl-facet__option")
    assert "rl-facet__option--empty" in video["class"] and "(0)" in video.get_text()
    count = page.select_one("#rl-count")
    assert count["aria-live"] == "polite"
    assert count.get_text(strip=True) == "9 ressources"
    assert len(page.select("#rl-results > li[data-id]")) == 9


def test_site_search_index_per_language(search_site):
    en = json.loads((search_site / "search/search_index.json").read_text(encoding="utf-8"))
    fr = json.loads((search_site / "fr/search/search_index.json").read_text(encoding="utf-8"))
    assert en["config"]["lang"] == ["en"] and fr["config"]["lang"] == ["fr"]
    assert not [d for d in en["docs"] if d["location"].startswith("fr/")]
    assert not [d for d in fr["docs"] if d["location"].startswith("fr/")]
    en_titles = {html.unescape(d["title"]) for d in en["docs"]}
    fr_titles = {html.unescape(d["title"]) for d in fr["docs"]}
    assert "Calming anxiety in the classroom" in en_titles and "Calming anxiety in the classroom" not in fr_titles
    # A French page showing an English-only record's text is left out of French site search.
    assert "Anxiety toolkit for families" in en_titles and "Anxiety toolkit for families" not in fr_titles
    assert (search_site / "fr/bibliotheque/family-worry-toolkit/index.html").is_file()
    assert "Apaiser l'anxiété en classe" in fr_titles and "Apaiser l'anxiété en classe" not in en_titles
    # French splits words at apostrophes, typed straight or curly; English keeps its separator.
    separator = re.compile(fr["config"]["separator"])
    assert [w for w in separator.split("l'anxiété d’un élève") if w] == ["l", "anxiété", "d", "un", "élève"]
    assert fr["config"]["pipeline"] == ["trimmer", "stopWordFilter"]
    # Result addresses resolve under /fr/ against the French pages' base.
    assert {d["location"].split("#")[0] for d in fr["docs"]} >= {"bibliotheque/calming-anxiety-classroom/", ""}


def test_french_pages_point_material_search_at_the_french_index(search_site):
    for page_path, expected in (
        ("fr/bibliotheque/index.html", "fr/bibliotheque/"),
        ("fr/index.html", "fr/"),
        ("library/calming-anxiety-classroom/index.html", None),
    ):
        html = (search_site / page_path).read_text(encoding="utf-8")
        config = json.loads(
            re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1)
        )
        base = urljoin("http://site/" + page_path, config["base"])
        if expected is None:
            assert base == "http://site/"
        else:
            assert base == "http://site/fr/"
            assert (search_site / "fr" / "search/search_index.json").is_file()


def test_site_search_skips_lists_of_other_pages(search_site):
    """Site search finds each resource on its own page, not on every list that names it."""
    for prefix in ("", "fr/"):
        docs = json.loads((search_site / prefix / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
        pages = {d["location"].split("#")[0] for d in docs}
        # The library page (it has its own search) and the translators' status list are left out.
        # Locations are relative to the language's root: French sections have French names.
        library, pillars = ("library", "pillars") if not prefix else ("bibliotheque", "piliers")
        assert f"{library}/" not in pages and "translation-status/" not in pages
        assert f"{library}/full-record/" in pages and f"{pillars}/leadership-and-capacity/" in pages
        resource = " ".join(d["text"] for d in docs if d["location"].startswith(f"{library}/full-record/"))
        title = "Classroom check-ins for well-being" if not prefix else "Bilans de bien-être en classe"
        related_titles = [
            html.unescape(d["title"]) for d in docs if d["location"].startswith(f"{library}/full-record/#")
        ]
        # Its own words stay; the related resources' titles, the kicker and the record path do not.
        assert ("check-in takes two minutes" if not prefix else "bilan prend deux minutes") in resource
        assert "data/resources/full-record.yml" not in resource
        assert ("Related resources" if not prefix else "Ressources connexes") not in related_titles
        pillar = " ".join(d["text"] for d in docs if d["location"].startswith(f"{pillars}/leadership-and-capacity/"))
        assert title not in html.unescape(pillar)  # the pillar's list of resources
        assert pillar.strip()  # but its own text is there


def test_a_library_without_french_text_builds_an_empty_french_index(tmp_path):
    site = build(make_project(tmp_path, records=fixture_records("english-only")))
    data = json.loads((site / "fr/bibliotheque/search-index.json").read_text(encoding="utf-8"))
    assert data["index"]["refs"] == [] and data["index"]["terms"] == []
    assert list(data["records"]) == ["english-only"]  # the French page still filters it
    english = json.loads((site / "library/search-index.json").read_text(encoding="utf-8"))
    assert english["index"]["refs"] == ["english-only"]

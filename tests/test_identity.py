"""The site's identity on every page: crisis banner, skip link, footer, home page, 404, sitemap.

A small project (the three fixture records; a home, an about page and the accessibility
and privacy pages in both languages; one English-only page) is built once with
``--strict`` inside a git repository, so that hand-written pages have a last-changed date.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from sitebuild import ROOT, build, fixture_records, make_project

from resource_library.load.site import CrisisLine, load_site
from resource_library.views.identity import last_changed_dates, md_url

DOCS = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n\nWho we are.\n",
    "guide.md": "# Guide\n\nOnly in English.\n",
    "contact.md": "# Contact\n\nWrite to us.\n",
    "accessibility.md": "# Accessibility\n\nOur aim.\n",
    "privacy.md": "# Privacy\n\nNo cookies.\n",
    "fr/index.md": "# Accueil\n\nBienvenue.\n",
    "fr/about.md": "# À propos\n\nQui nous sommes.\n",
    "fr/contact.md": "# Nous joindre\n\nÉcrivez-nous.\n",
    "fr/accessibility.md": "# Accessibilité\n\nNotre but.\n",
    "fr/privacy.md": "# Confidentialité\n\nAucun témoin.\n",
}
NAV = """nav:
  - Home: index.md
  - About: about.md
  - Guide: guide.md
  - Contact: contact.md
  - Library: library/index.md
"""


def _git(project: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(project), *args],
        check=True,
        capture_output=True,
        timeout=60,
        env={
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(project),
            "PATH": "/usr/bin:/bin",
            "GIT_AUTHOR_DATE": "2026-03-04T12:00:00",
            "GIT_COMMITTER_DATE": "2026-03-04T12:00:00",
        },
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(
        tmp_path_factory.mktemp("identity"),
        records=fixture_records("full-record", "english-only", "offered-in-french"),
        docs=DOCS,
        nav=NAV,
    )
    _git(project, "init", "-q")
    _git(project, "add", "docs")
    _git(
        project,
        "-c",
        "user.name=Test",
        "-c",
        "user.email=test@example.org",
        "commit",
        "-q",
        "-m",
        "pages",
    )
    subprocess.run(
        ["git", "-C", str(project), "log", "-1"], check=True, capture_output=True, timeout=60
    )  # the repository is readable
    return build(project)


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


PAGES = [
    "index.html",
    "about/index.html",
    "guide/index.html",
    "library/index.html",
    "library/full-record/index.html",
    "pillars/index.html",
    "glossary/index.html",
    "accessibility/index.html",
    "404.html",
    "fr/index.html",
    "fr/about/index.html",
    "fr/guide/index.html",
    "fr/bibliotheque/index.html",
    "fr/bibliotheque/english-only/index.html",
    "fr/privacy/index.html",
    "fr/404.html",
]


@pytest.mark.parametrize("rel", PAGES)
def test_every_page_starts_with_a_skip_link_then_the_crisis_banner(site, rel):
    page = soup(site, rel)
    french = page.html["lang"] == "fr"
    focusable = [
        el
        for el in page.body.select("a[href], button, input:not([type=checkbox]), select, textarea")
        if not el.find_parent(attrs={"data-md-component": "skip"})  # the theme's, hidden by site.css
    ]
    skip = focusable[0]
    assert skip["href"] == "#rl-main" and "rl-skip" in skip["class"]
    assert skip.get_text(strip=True) == ("Passer au contenu principal" if french else "Skip to main content")
    assert page.select_one("#rl-main") is not None and page.select_one("#rl-main article") is not None
    banner = page.select_one(".md-banner .rl-crisis")
    assert banner.h2.get_text(strip=True) == ("Besoin d'aide maintenant\u202f?" if french else "Need help now?")
    links = [(a["href"], a.get_text(strip=True)) for a in banner.select("a")]
    if french:
        assert links == [
            ("tel:988", "Appelez le 9-8-8"),
            ("sms:988", "Textez le 9-8-8"),
            ("tel:18006686868", "Appelez le 1-800-668-6868"),
            ("sms:686868?body=PARLER", "Textez PARLER au 686868"),
            ("tel:911", "Appelez le 911"),
        ]
        assert "Jeunesse, J'écoute" in banner.get_text()
    else:
        assert links == [
            ("tel:988", "Call 9-8-8"),
            ("sms:988", "Text 9-8-8"),
            ("tel:18006686868", "Call 1-800-668-6868"),
            ("sms:686868?body=CONNECT", "Text CONNECT to 686868"),
            ("tel:911", "Call 911"),
        ]
        assert "Suicide Crisis Helpline" in banner.get_text()
    # The theme's own skip link (only on pages with sections) is hidden: not a second one.
    css = (ROOT / "overrides/assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert re.search(r'\[data-md-component="skip"\] \{\s*display: none;', css)


@pytest.mark.parametrize("rel", [p for p in PAGES if not p.endswith("404.html")])
def test_footer_links_readers_and_contributors_apart(site, rel):
    page = soup(site, rel)
    french = page.html["lang"] == "fr"
    footer = page.select_one("footer .rl-footer")
    org = footer.select_one(".rl-footer__org")
    assert org.select_one('a[href="mailto:info@smh-assist.ca"]') is not None
    assert org.select_one("img.rl-footer__logo")["alt"] == ""
    readers = [a.get_text(strip=True) for a in footer.select(".rl-footer__site a")]
    contributors = [a.get_text(strip=True) for a in footer.select(".rl-footer__contributors a")]
    if french:
        assert readers[:2] == ["Accessibilité", "Confidentialité"]
        assert contributors == ["Glossaire", "État des traductions"]
    else:
        assert readers[:2] == ["Accessibility", "Privacy"]
        assert contributors == ["Glossary", "Translation status"]
    base = site / rel
    for a in footer.select("a[href]"):
        href = a["href"]
        if href.startswith(("mailto:", "https:")):
            continue
        target = (base.parent / href).resolve()
        assert (target / "index.html").is_file() or target.is_file(), (rel, href)
    # No record file path in public view.
    assert "data/resources/" not in footer.get_text()


def test_date_last_changed(site):
    # A hand-written page: the date of the last commit that changed its file.
    assert soup(site, "about/index.html").select_one(".rl-footer__date time")["datetime"] == "2026-03-04"
    assert soup(site, "fr/about/index.html").select_one(".rl-footer__date time")["datetime"] == "2026-03-04"
    # A resource page: the record's `updated` date, else `published`.
    record = yaml.safe_load((ROOT / "tests/fixtures/records/valid/full-record.yml").read_text(encoding="utf-8"))
    expected = str(record.get("updated") or record["published"])
    date = soup(site, "library/full-record/index.html").select_one(".rl-footer__date time")
    assert date["datetime"] == expected
    assert (
        soup(site, "fr/bibliotheque/full-record/index.html")
        .select_one(".rl-footer__date")
        .get_text(strip=True)
        .startswith("Dernière modification de la page")
    )


def test_home_page_search_form_and_ways_in(site):
    for rel in ("index.html", "fr/index.html"):
        library = "bibliotheque/" if rel.startswith("fr/") else "library/"
        page = soup(site, rel)
        home = page.select_one("article .rl-home")
        assert home.find_previous_sibling("h1") is not None  # after the page's title
        form = home.select_one("form[role=search]")
        assert form["method"] == "get" and form.select_one("input[type=search]")["name"] == "q"
        label = form.select_one("label")
        assert label["for"] == form.select_one("input")["id"]
        target = ((site / rel).parent / form["action"]).resolve()
        assert target == (site / ("fr/recherche" if rel.startswith("fr/") else "search")).resolve()
        hrefs = [a["href"] for a in home.select(".rl-home__links a")]
        assert any(re.fullmatch(rf"{library}\?audience=[a-z-]+", h) for h in hrefs), hrefs
        assert any(re.fullmatch(rf"{library}\?tier=(universal|targeted|intensive)", h) for h in hrefs), hrefs
    assert soup(site, "about/index.html").select_one(".rl-home") is None


def test_not_found_pages_speak_both_languages_with_root_links(site):
    for rel, first in (("404.html", "en"), ("fr/404.html", "fr")):
        page = soup(site, rel)
        parts = page.select(".rl-not-found")
        assert [p["lang"] for p in parts] == [first, "fr" if first == "en" else "en"]
        assert page.h1.get_text(strip=True) == ("Page not found" if first == "en" else "Page introuvable")
        hrefs = sorted(a["href"] for a in page.select(".rl-not-found a"))
        assert hrefs == ["/", "/fr/", "/fr/bibliotheque/", "/library/"]
        footer_links = [a["href"] for a in page.select(".rl-footer__site a")]
        assert footer_links and all(h.startswith("/") for h in footer_links)


def test_head_declares_no_hreflang_and_the_sitemaps_only_real_counterparts(site):
    for rel in PAGES:
        head = soup(site, rel).head
        # Material fetches sitemap.xml next to every <link rel=alternate>: only the feed remains.
        alternates = head.select('link[rel="alternate"]')
        assert all(link.get("type") == "application/atom+xml" for link in alternates), rel
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = dict(re.findall(r"<loc>(.*?)</loc>(.*?)</url>", sitemap, re.S))
    base = "http://127.0.0.1:8000/"
    # An English-only hand-written page: no French counterpart, and its French fallback is not listed.
    assert base + "guide/" in entries and 'hreflang="fr"' not in entries[base + "guide/"]
    assert base + "fr/guide/" not in entries
    assert f'hreflang="fr" href="{base}fr/about/"' in entries[base + "about/"]
    # Every alternate is absolute.
    assert all(h.startswith(base) for h in re.findall(r'hreflang="\w+" href="([^"]+)"', sitemap))
    # The French sitemap, which Material's script fetches next to the French feed.
    french = (site / "fr/sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", french)
    assert locs and all(loc.startswith(base + "fr/") for loc in locs)
    assert set(locs) == {loc for loc in entries if loc.startswith(base + "fr/")}


def test_one_notice_at_the_top_of_a_french_page_of_an_english_only_record(site):
    page = soup(site, "fr/bibliotheque/english-only/index.html")
    notices = page.select("article .rl-notice")
    assert len(notices) == 1
    assert notices[0].find_previous_sibling("h1") is not None
    # An English-only hand-written page under fr/: one notice, before its title.
    guide = soup(site, "fr/guide/index.html")
    notices = guide.select("article .rl-notice")
    assert len(notices) == 1 and notices[0].find_next("h1").get_text(strip=True).startswith("Guide")


def test_logo_is_the_theme_logo(site):
    logo = soup(site, "index.html").select_one(".md-header .md-logo img")
    assert logo["src"] == "images/logo.svg" and (site / "images/logo.svg").is_file()


# -- data/site.yml, read ------------------------------------------------------------------------------
def test_shipped_site_file_has_the_canadian_crisis_lines():
    info, problems = load_site(ROOT / "data" / "site.yml", "data/site.yml")
    assert problems == []
    lines = {line.name["en"]: line for line in info.crisis.lines}
    assert lines["Suicide Crisis Helpline"].call == "9-8-8" and lines["Suicide Crisis Helpline"].text == "9-8-8"
    assert lines["Suicide Crisis Helpline"].name["fr"] == "Ligne d'aide en cas de crise de suicide"
    kids = lines["Kids Help Phone"]
    assert (kids.call, kids.text, kids.keyword, kids.name["fr"]) == (
        "1-800-668-6868",
        "686868",
        {"en": "CONNECT", "fr": "PARLER"},
        "Jeunesse, J'écoute",
    )
    assert lines["In an emergency"].call == "911"
    assert info.email == "info@smh-assist.ca" and info.logo == "images/logo.svg"


@pytest.mark.parametrize(
    "shown, dialled", [("9-8-8", "988"), ("1-800-668-6868", "18006686868"), ("+1 613 555 0100", "+16135550100")]
)
def test_links_dial_the_digits(shown, dialled):
    assert CrisisLine.dialled(shown) == dialled


def test_numbers_written_without_quotes_are_read(tmp_path):
    file = tmp_path / "data" / "site.yml"
    file.parent.mkdir()
    file.write_text(
        "publisher: {name: Team}\ncrisis:\n  title: {en: Help, fr: Aide}\n  lines:\n"
        "    - {name: Emergency, call: 911}\n",
        encoding="utf-8",
    )
    info, problems = load_site(file, "data/site.yml")
    assert [p for p in problems if p.is_error] == [] and info.crisis.lines[0].call == "911"


def test_md_url():
    assert md_url("index.md") == "" and md_url("about.md") == "about/" and md_url("a/index.md") == "a/"


def test_last_changed_dates_outside_a_repository_is_empty(tmp_path):
    assert last_changed_dates(tmp_path) == {}

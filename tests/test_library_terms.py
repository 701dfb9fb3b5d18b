"""Term pages, term links and the ways to get a resource (issue 15, items 1 and 2), without a browser."""

from __future__ import annotations

from urllib.parse import unquote

import yaml
from bs4 import BeautifulSoup
from sitebuild import ROOT, fixture_records, make_project

from resource_library import load_catalogue, render_language
from resource_library.load.pagepaths import TERM_PAGE_FOLDERS
from resource_library.views.site import mailto, page_url, term_page

STRINGS = yaml.safe_load((ROOT / "data" / "interface.yml").read_text(encoding="utf-8"))


def _pages(project, catalogue, lang):
    return {
        p.path: p for p in render_language(catalogue, STRINGS, lang, ROOT / "overrides" / "library", project / "docs")
    }


def test_term_page_urls_come_from_page_url():
    assert term_page("en", "tiers", "targeted") == "library/tiers/targeted/"
    assert term_page("fr", "tiers", "targeted") == page_url("fr", "library/tiers/targeted/")
    assert term_page("en", "pillars", "implementation-support") == "pillars/implementation-support/"
    assert term_page("en", "no-such-vocabulary", "x") is None


def test_every_term_has_a_page_in_both_languages_listing_its_resources(tmp_path):
    project = make_project(tmp_path, records=fixture_records("full-record", "english-only", "offered-in-french"))
    catalogue = load_catalogue(project)
    for lang in ("en", "fr"):
        pages = _pages(project, catalogue, lang)
        for vocab_id, folder in TERM_PAGE_FOLDERS.items():
            for term in catalogue.vocabularies[vocab_id].terms:
                assert f"library/{folder}/{term}.md" in pages, (lang, vocab_id, term)
        quality = BeautifulSoup(pages["library/core-elements/quality.md"].preview(), "html.parser")
        listed = sorted(li["data-id"] for li in quality.select(".rl-cards > li"))
        expected = sorted(r.id for r in catalogue.records.values() if "quality" in r.core_elements)
        assert listed == expected and "english-only" in listed
        # Each card links back to its resource page, from two folders down.
        assert {a["href"] for a in quality.select(".rl-cards > li > h2 a")} == {f"../../{rid}/" for rid in expected}


def test_resource_details_link_each_term_to_its_page(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    catalogue = load_catalogue(project)
    page = BeautifulSoup(_pages(project, catalogue, "fr")["library/english-only.md"].preview(), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select("dl.rl-meta a")}
    assert links["Guide"] == "../types/guide/"
    assert links["anglais"] == "../languages/en/"
    assert links["Qualité"] == "../core-elements/quality/"


def test_no_copy_online_offers_an_email_with_the_title_as_subject(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    catalogue = load_catalogue(project)
    catalogue.records["english-only"].title["en"] = "Plans & routines: 100% ready?"
    catalogue.site.publisher["email"] = "library@example.org"  # data/site.yml: publisher: email:
    for lang, subject in (
        ("en", "Request for a copy: Plans & routines: 100% ready?"),
        ("fr", "Demande d'exemplaire : Plans & routines: 100% ready?"),
    ):
        page = BeautifulSoup(_pages(project, catalogue, lang)["library/english-only.md"].preview(), "html.parser")
        link = page.select_one(".rl-access a.rl-get")
        href = link["href"]
        assert href.startswith("mailto:library@example.org?subject=")
        encoded = href.split("?subject=", 1)[1]
        # Every reserved character is encoded: the subject cannot end early or add a header.
        assert not set(encoded) & set(" &?#%:") - {"%"} and "+" not in encoded
        # (French typography may put a no-break space before the colon.)
        assert unquote(encoded).replace("\u00a0", " ") == subject.replace("\u00a0", " ")
        assert "library@example.org" in link.get_text()


def test_no_copy_online_and_no_address_offers_the_contact_page(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    (project / "docs" / "contact.md").write_text("# Contact\n", encoding="utf-8")
    site_file = project / "data" / "site.yml"  # an organisation that gives no email address
    site_file.write_text(
        "\n".join(
            line for line in site_file.read_text(encoding="utf-8").split("\n") if not line.strip().startswith("email:")
        ),
        encoding="utf-8",
    )
    catalogue = load_catalogue(project)
    page = BeautifulSoup(_pages(project, catalogue, "fr")["library/english-only.md"].preview(), "html.parser")
    link = page.select_one(".rl-access a.rl-get")
    assert link["href"] == "../../contact/"
    assert link.get_text() == "Nous demander un exemplaire"


def test_mailto_encodes_spaces_as_percent_20():
    assert mailto("a@b.org", "x y&z") == "mailto:a@b.org?subject=x%20y%26z"


def test_a_record_may_not_take_the_name_of_a_term_folder(tmp_path):
    record = (ROOT / "tests/fixtures/records/valid/english-only.yml").read_text(encoding="utf-8")
    project = make_project(tmp_path, records={"tiers.yml": record.replace("id: english-only", "id: tiers")})
    catalogue = load_catalogue(project)
    messages = [p.message for p in catalogue.problems if p.path.endswith("tiers.yml")]
    assert any("'tiers' is reserved" in m and "/library/tiers/" in m for m in messages), messages


def test_a_hand_written_page_may_not_sit_at_a_term_page(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    (project / "docs" / "fr" / "library" / "tiers").mkdir(parents=True)
    (project / "docs" / "fr" / "library" / "tiers" / "targeted.md").write_text("# x\n", encoding="utf-8")
    catalogue = load_catalogue(project)
    messages = [p.message for p in catalogue.problems if "targeted.md" in p.path]
    assert any("/fr/library/tiers/targeted/" in m and "'targeted'" in m for m in messages), messages


def test_a_term_page_title_starts_with_a_capital(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    catalogue = load_catalogue(project)
    page = BeautifulSoup(_pages(project, catalogue, "fr")["library/languages/en.md"].preview(), "html.parser")
    assert page.h1.get_text() == "Anglais"  # the vocabulary's label is "anglais"
    assert page.select_one(".rl-kicker span").get_text() == "Langue de la ressource"

"""Golden cases of the resources markers of hand-written pages (tests/fixtures/markers/cases.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitebuild import ROOT, fixture_records, make_project

from resource_library import ContentError, load_catalogue, load_interface
from resource_library.render import markers


def replace_markers(*args):
    """The markers of a page replaced with the project's own templates."""
    return markers.replace_markers(*args, templates_dir=ROOT / "overrides" / "library")


CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "markers" / "cases.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    project = make_project(
        tmp_path_factory.mktemp("markers"), records=fixture_records("full-record", "english-only", "offered-in-french")
    )
    catalogue = load_catalogue(project)
    assert not catalogue.errors
    strings, problems = load_interface(project / "data" / "interface.yml", "data/interface.yml")
    assert not problems
    return catalogue, strings


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_marker_case(content, case):
    catalogue, strings = content
    page = case["page"]
    shown = page if page.startswith("docs/") else f"docs/{page}"
    neutral = page.removeprefix("docs/").removeprefix("fr/")
    if "errors" in case:
        with pytest.raises(ContentError) as caught:
            replace_markers(case["markdown"], catalogue, strings, case["lang"], neutral, shown)
        messages = [str(p) for p in caught.value.problems]
        assert len(messages) == len(case["errors"]), messages
        for expected, message in zip(case["errors"], messages):
            assert message.startswith(expected), (expected, message)
    else:
        assert replace_markers(case["markdown"], catalogue, strings, case["lang"], neutral, shown) == case["expected"]


def test_a_new_record_appears_without_editing_the_page(tmp_path, content):
    catalogue, strings = content
    page = "<!-- resources tier=universal -->\n"
    before = replace_markers(page, catalogue, strings, "en", "tiers.md", "docs/tiers.md")
    project = make_project(
        tmp_path,
        records={
            **fixture_records("full-record", "english-only", "offered-in-french"),
            "new-tier-one.yml": "id: new-tier-one\ntype: guide\ntitle: {en: Zebra guide for every class}\n"
            "summary: {en: New.}\nlanguages: [en]\ntiers: [universal]\npublished: 2025-01-01\n",
        },
    )
    after = replace_markers(page, load_catalogue(project), strings, "en", "tiers.md", "docs/tiers.md")
    assert "new-tier-one" not in before
    assert '<li><a href="../library/new-tier-one/">Zebra guide for every class</a> (Guide)</li>' in after


def test_infographic_marker_inlines_the_drawing_in_the_page_language():
    from sitebuild import ROOT

    catalogue = load_catalogue(ROOT)
    strings, _ = load_interface(ROOT / "data" / "interface.yml", "data/interface.yml")
    out = replace_markers(
        "Intro.\n\n<!-- infographic core-elements -->\n",
        catalogue,
        strings,
        "fr",
        "core-elements.md",
        "docs/fr/core-elements.md",
    )
    assert out.startswith("Intro.\n\n\n<figure ")
    assert "\n\n" not in out.strip().split("\n\n", 1)[1]  # one HTML block: no blank line inside
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="rl-ig-core-elements"' in out
    assert 'lang="fr"' in out and "Les éléments clés de réussite du cadre ACQESS" in out
    assert 'href="../core-elements/#alignment"' in out
    for suffix, kind in (("png", "PNG"), ("pdf", "PDF"), ("svg", "SVG")):
        assert (
            f'<a class="md-button rl-download__file" href="../infographies/core-elements.{suffix}" hreflang="fr" '
            f'download><span class="rl-visually-hidden">Télécharger l&#39;infographie, </span>{kind} '
        ) in out
    assert '<a href="../bibliotheque/core-elements-infographic/">À propos de cette infographie</a>' in out
    # From a section's index page, links climb one level less.
    out = replace_markers(
        "<!-- infographic core-elements -->", catalogue, strings, "en", "guide/index.md", "docs/guide/index.md"
    )
    assert 'href="../core-elements/#alignment"' in out and 'href="../infographics/core-elements.svg"' in out


def test_unknown_infographic_is_reported_with_page_and_line():
    from sitebuild import ROOT

    catalogue = load_catalogue(ROOT)
    strings, _ = load_interface(ROOT / "data" / "interface.yml", "data/interface.yml")
    with pytest.raises(ContentError) as caught:
        replace_markers("# Page\n<!-- infographic core-element -->\n", catalogue, strings, "en", "x.md", "docs/x.md")
    assert str(caught.value.problems[0]).startswith(
        "docs/x.md:2:1: infographic marker: no infographic 'core-element' in data/infographics/ (did you mean 'core-elements'?)"
    )

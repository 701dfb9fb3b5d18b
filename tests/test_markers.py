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


def test_matching_records_equal_asking_each_record_and_follow_a_new_load(tmp_path):
    import itertools

    from resource_library.model.record import TERM_FIELDS
    from resource_library.render.markers import matching_records

    def asked(catalogue, criteria: dict) -> list:
        return [
            r
            for r in catalogue.records.values()
            if all(set(r.terms(field)) & terms for field, terms in criteria.items())
        ]

    catalogue = load_catalogue(ROOT)
    terms = {field: sorted({t for r in catalogue.records.values() for t in r.terms(field)}) for field in TERM_FIELDS}
    cases = [{}]
    for field, known in terms.items():
        cases += [{field: {t}} for t in known] + [{field: set(known[:2])}, {field: {"no-such-term"}}]
    for (a, known_a), (b, known_b) in itertools.combinations(terms.items(), 2):
        if known_a and known_b:
            cases.append({a: {known_a[0]}, b: set(known_b[-2:])})
    assert any(len(asked(catalogue, c)) > 1 for c in cases) and any(not asked(catalogue, c) for c in cases)
    for criteria in cases:
        assert matching_records(catalogue, criteria) == asked(catalogue, criteria), criteria

    # Another load (other records, here one retyped): the lists follow it.
    project = make_project(tmp_path, records=fixture_records("english-only", "full-record"))
    first = load_catalogue(project)
    assert [r.id for r in matching_records(first, {"type": {"guide"}})] == ["english-only"]
    record = project / "data" / "resources" / "english-only.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("type: guide", "type: toolkit"), "utf-8")
    again = load_catalogue(project)
    assert matching_records(again, {"type": {"guide"}}) == []
    toolkits = matching_records(again, {"type": {"toolkit"}})
    assert toolkits == asked(again, {"type": {"toolkit"}}) and "english-only" in [r.id for r in toolkits]

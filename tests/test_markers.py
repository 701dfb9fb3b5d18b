"""Golden cases of the resources markers of hand-written pages (tests/fixtures/markers/cases.yml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from resource_library import ContentError, load_catalogue, load_interface
from resource_library.markers import replace_markers
from sitebuild import fixture_records, make_project

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "markers" / "cases.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("markers"),
                           records=fixture_records("full-record", "english-only", "offered-in-french"))
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
    project = make_project(tmp_path, records={
        **fixture_records("full-record", "english-only", "offered-in-french"),
        "new-tier-one.yml": "id: new-tier-one\ntype: guide\ntitle: {en: Zebra guide for every class}\n"
                            "summary: {en: New.}\nlanguages: [en]\ntiers: [universal]\npublished: 2025-01-01\n"})
    after = replace_markers(page, load_catalogue(project), strings, "en", "tiers.md", "docs/tiers.md")
    assert "new-tier-one" not in before
    assert "- [Zebra guide for every class](library/new-tier-one.md) (Guide)" in after

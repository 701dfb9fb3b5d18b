"""Links and anchors as ``check`` sees them (resource_library.load.links, load.anchors), held to
what Python-Markdown and MkDocs make of the same text.  The whole promise ("check passing
implies the strict build passing") is tested in test_check_implies_build.py and by the cases
of tests/fixtures/hostile/property-found.yml."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import ROOT

from resource_library.load.anchors import anchors, slugify
from resource_library.load.links import markdown_links, nav_entries, not_in_nav

EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "toc"]


def markdown_ids(text: str) -> set:
    """Every id Python-Markdown gives the HTML of ``text``, with the site's extensions."""
    html = markdown.markdown(text, extensions=EXTENSIONS)
    # An HTML parser, as a browser reads the page: Python-Markdown's output is not always well-formed XML.
    return {element["id"] for element in BeautifulSoup(html, "html.parser").find_all(id=True)}


@pytest.mark.parametrize("page", sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")))
def test_the_anchors_of_each_shipped_page_are_the_ones_markdown_makes(page):
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    found = anchors(text)
    assert found and found <= markdown_ids(body)


def test_headings_give_their_written_anchor_or_one_made_of_their_words():
    text = (
        "# About us\n\n## Our mission\n\n## Our mission\n\n## *Our* mission\n\n### Exploration { #exploration }\n\n"
        "## Qu'est-ce que c'est ?\n\n## Élèves et écoles\n\nSee [us](about.md){ #see } and [them](x.md \"t\"){: .c #two }.\n\n"
        "```\n# not a heading\n```\n"
    )
    assert anchors(text) == {
        "about-us",
        "our-mission",
        "our-mission_1",
        "exploration",
        "quest-ce-que-cest",
        "eleves-et-ecoles",
        "see",
        "two",
    }
    assert anchors(text) <= markdown_ids(text)
    assert slugify("Full implementation") == "full-implementation"


WORDS = st.text(st.sampled_from("ab Zé-_*`[]()<>&#{}.:!?'\"1"), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 3), WORDS, st.sampled_from(["", " { #x }", " {: #y .c }", " { .c }"])),
        min_size=1,
        max_size=6,
    )
)
def test_every_anchor_found_is_one_markdown_makes(headings):
    text = "\n\n".join(f"{'#' * level} {words}{attributes}" for level, words, attributes in headings) + "\n"
    assert anchors(text) <= markdown_ids(text), text


def test_links_are_found_outside_code_with_their_kind():
    text = "See [a](a.md), ![b](img/b.png) and [c][ref].\n\n`[d](d.md)`\n\n```\n[e](e.md)\n```\n\n[ref]: c.md\n"
    assert [(target, image) for _, target, image in markdown_links(text)] == [
        ("a.md", False),
        ("img/b.png", True),
        ("c.md", False),
    ]


def test_the_menu_entries_of_mkdocs_yml():
    text = "site_name: x\nnav:\n  - Home: index.md\n  - Section:\n      - a.md\n      - 'B: c': \"b/c.md\"\n  - https://example.org/\ntheme: x\n"
    assert nav_entries(text) == [(3, 11, "index.md"), (5, 9, "a.md"), (6, 18, "b/c.md"), (7, 5, "https://example.org/")]


def test_pages_left_out_of_the_menu_on_purpose_are_not_reported():
    config = "nav:\n  - Home: index.md\nnot_in_nav: |\n  privacy.md\n  /legal/*.md\n\nextra: {}\n"
    spec = not_in_nav(config)
    assert spec.match_file("privacy.md") and spec.match_file("fr/privacy.md")
    assert spec.match_file("legal/terms.md") and not spec.match_file("fr/legal/terms.md")
    assert not spec.match_file("about.md") and not not_in_nav("nav:\n  - index.md\n").match_file("privacy.md")


def test_mkdocs_yml_sets_each_setting_once():
    """YAML keeps the last of two equal keys, and ``check`` reads the first ``not_in_nav:``:
    a setting written twice could make the two disagree."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    top = [line.split(":", 1)[0] for line in text.split("\n") if line[:1].isalpha() and ":" in line]
    assert sorted({key for key in top if top.count(key) > 1}) == []
    assert "not_in_nav" in top and "nav" in top

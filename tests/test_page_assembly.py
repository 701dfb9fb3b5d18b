"""Generated pages reach MkDocs as their Markdown texts only; the HTML around them is put back after.

See ``resource_library.render.blocks`` (placeholders), ``resource_library.render.pages`` (GeneratedPage) and ``resource_library_mkdocs/assembly.py``.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from sitebuild import DEFAULT_DOCS, build, fixture_records, make_project, mkdocs

from resource_library.render.blocks import Unindexed, anchor_ids, indexed_text, insert_blocks
from resource_library.render.pages import Renderer, split_page
from resource_library.search.site import page_sections


def test_split_page_gives_markdown_the_front_matter_and_texts_and_keeps_the_html():
    page = split_page(
        '---\ntitle: "T"\n---\n\n<h1>T</h1>\n<div><!-- rl-text 0 --></div>\n<p>x</p><!-- rl-text 1 -->\n',
        "library/t.md",
        "data/resources/t.yml",
        ["First **text**.\n", "\n## Second\n"],
    )
    assert page.content == (
        '---\ntitle: "T"\n---\n\n<!-- rl-block 0 -->\n\nFirst **text**.\n\n<!-- rl-block 1 -->\n\n'
        "## Second\n\n<!-- rl-block 2 -->\n"
    )
    assert page.blocks == ("<h1>T</h1>\n<div>", "</div>\n<p>x</p>", "\n")
    converted = (
        "<!-- rl-block 0 -->\n<p>First <strong>text</strong>.</p>\n<!-- rl-block 1 -->\n"
        '<h2 id="second">Second</h2>\n<!-- rl-block 2 -->'
    )
    assert insert_blocks(converted, page.blocks) == (
        '<h1>T</h1>\n<div>\n<p>First <strong>text</strong>.</p>\n</div>\n<p>x</p>\n<h2 id="second">Second</h2>\n\n'
    )
    assert page.preview() == "\n<h1>T</h1>\n<div>\n\nFirst **text**.\n\n</div>\n<p>x</p>\n\n## Second\n\n\n\n"
    with pytest.raises(ValueError, match="each Markdown text must have one place"):
        split_page('---\ntitle: "T"\n---\n<!-- rl-text 1 --><!-- rl-text 0 -->', "x.md", None, ["a", "b"])


def test_a_lost_placeholder_stops_and_ids_count_as_anchors():
    blocks = ('<p id="a">HTML</p>', '<h2 class="x" id="b">B</h2>')
    assert anchor_ids(blocks) == {"a", "b"}
    with pytest.raises(ValueError, match="1 of 2 pieces of HTML lost their place"):
        insert_blocks("<!-- rl-block 0 --><p>merged</p>", blocks)


def test_text_placeholders_come_only_from_templates(tmp_path):
    # Editor text is escaped in the HTML: a look-alike placeholder stays text.
    (tmp_path / "t.html").write_text(
        '{{ front_matter("T") }}\n<p>{{ text }}</p>\n{{ markdown(md) }}\n', encoding="utf-8"
    )
    page = Renderer(tmp_path).render_page(
        "t.html", "t.md", None, text="<!-- rl-text 0 --><!-- rl-block 0 -->", md="*md*"
    )
    assert page.blocks == ("<p>&lt;!-- rl-text 0 --&gt;&lt;!-- rl-block 0 --&gt;</p>\n", "\n")
    assert "*md*" in page.content


def test_built_pages_convert_the_markdown_check_anchors_and_list_headings_in_the_toc(tmp_path):
    record = fixture_records("full-record")["full-record.yml"].replace(
        "    - Listen to every answer.\n",
        "    - Listen to every answer.\n\n    ## Going further\n\n    Read [the guide](english-only.md).\n",
        1,
    )
    docs = {
        **DEFAULT_DOCS,
        "index.md": "# Home\n\nSee [the details](library/full-record.md#rl-details-title).\n",
        "fr/index.md": "# Accueil\n\nVoir [les détails](library/full-record.md#rl-details-title).\n",
    }
    project = make_project(tmp_path, records={"full-record.yml": record, **fixture_records("english-only")}, docs=docs)
    site = build(project)  # strict: an anchor of the generated HTML that MkDocs did not know would fail it
    page = BeautifulSoup((site / "library/full-record/index.html").read_text(encoding="utf-8"), "html.parser")
    description = page.select_one(".rl-description")
    assert [li.get_text() for li in description.select("ul li")] == ["Ask one question.", "Listen to every answer."]
    assert description.select_one("h2#going-further") is not None
    assert description.select_one('a[href="../english-only/"]').get_text() == "the guide"  # link rewritten by MkDocs
    assert page.select_one("#rl-details-title") is not None
    toc = [a.get_text(strip=True) for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc == ["Going further"]
    assert "rl-block" not in str(page) and "rl-text" not in str(page)
    assert len(page.select("article h1")) == 1  # the theme adds no second title

    # A link to an anchor no page has is still reported.
    (project / "docs" / "index.md").write_text(
        "# Home\n\n[x](library/full-record.md#no-such-anchor)\n", encoding="utf-8"
    )
    result = mkdocs(project, "build", "--strict", "-d", str(project / "site"))
    assert result.returncode != 0
    assert "no-such-anchor" in result.stdout + result.stderr


def test_markers_become_placeholders_and_their_html_is_kept_aside():
    from sitebuild import ROOT

    from resource_library import load_catalogue, load_interface
    from resource_library.render.markers import expand_markers

    catalogue = load_catalogue(ROOT)
    strings, _ = load_interface(ROOT / "data" / "interface.yml", "data/interface.yml")
    text, blocks = expand_markers(
        "# T\n\n<!-- resources tier=universal -->\n\nMiddle.\n<!-- infographic core-elements -->\n",
        catalogue,
        strings,
        "en",
        "guide.md",
        "docs/guide.md",
        templates_dir=ROOT / "overrides" / "library",
    )
    assert text == "# T\n\n\n<!-- rl-block 0 -->\n\n\nMiddle.\n\n<!-- rl-block 1 -->\n\n"
    assert blocks[0].startswith('<div class="rl-resources" data-search-exclude>') and blocks[1].startswith("<figure ")
    # The site's search reads the page without the list (each record is its own result), and finds
    # the same in it as in the whole page.
    assert isinstance(blocks[0], Unindexed) and not isinstance(blocks[1], Unindexed)
    html = '<h2 id="a">A</h2><p>Before.</p><!-- rl-block 0 --><h3 id="b">B</h3><!-- rl-block 1 --><p>After.</p>'
    whole = insert_blocks(html, blocks)
    indexed = indexed_text(whole, blocks)
    assert blocks[0] not in indexed and blocks[1] in indexed
    assert page_sections(indexed, "T", "en") == page_sections(whole, "T", "en")
    listed = [a.get_text() for a in BeautifulSoup(blocks[0], "html.parser").select("li a")]
    assert listed and not any(title in " ".join(s[2] for s in page_sections(whole, "T", "en")) for title in listed)
    assert insert_blocks("<p>a</p><!-- rl-block 1 --><!-- rl-block 0 -->", blocks).endswith(blocks[0])


def test_hand_written_pages_get_lists_and_drawings_with_checked_anchors(tmp_path):
    hostile = (
        "id: sharp-title\ntype: guide\ntitle: {en: 'Fish & chips, 1 < 2, [x](y) *not em*'}\n"
        "summary: {en: A title with characters that mean something in HTML and Markdown.}\n"
        "languages: [en]\ntiers: [universal]\npublished: 2025-01-01\n"
    )
    docs = {
        **DEFAULT_DOCS,
        "index.md": "# Home\n\n<!-- resources tier=universal -->\n\n<!-- infographic strategic-pillars -->\n\n"
        "[Drawing](#rl-figure-strategic-pillars)\n",
        "fr/index.md": "# Accueil\n\n<!-- resources tier=universal -->\n",
    }
    project = make_project(tmp_path, records={"sharp-title.yml": hostile, **fixture_records("full-record")}, docs=docs)
    import shutil

    from sitebuild import ROOT

    (project / "data" / "infographics").mkdir()
    shutil.copy(ROOT / "data" / "infographics" / "strategic-pillars.yml", project / "data" / "infographics")
    site = build(project)  # strict: the figure's id is a known anchor
    page = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in page.select(".rl-resources li a")}
    assert links == {
        "Classroom check-ins for well-being": "library/full-record/",
        "Fish & chips, 1 < 2, [x](y) *not em*": "library/sharp-title/",
    }
    assert page.select_one(".rl-resources em") is None
    assert page.select_one("figure#rl-figure-strategic-pillars svg") is not None
    assert "rl-block" not in str(page)
    french = BeautifulSoup((site / "fr/index.html").read_text(encoding="utf-8"), "html.parser")
    assert french.select_one('.rl-resources a[href="bibliotheque/sharp-title/"]')["lang"] == "en"


def test_resource_lists_are_kept_by_the_records_they_show(tmp_path, monkeypatch):
    """Under ``mkdocs serve`` a hand-written page's resource list is taken from the last build
    while its criteria and the files of its records are the same; a list showing an edited record
    is made again; without a digest every list is; the HTML is always what a fresh expansion gives."""
    from sitebuild import ROOT

    from resource_library import load_catalogue, load_interface
    from resource_library.kept import KeptWork, table
    from resource_library.render import markers

    project = make_project(tmp_path, records=fixture_records("english-only", "full-record", "offered-in-french"))
    strings, _ = load_interface(ROOT / "data" / "interface.yml", "data/interface.yml")
    page = (
        "# T\n\n<!-- resources type=guide -->\n\n<!-- resources type=tip-sheet -->\n\n<!-- resources type=guide -->\n"
    )
    made: list = []
    original = markers.resource_list

    def counted(renderer, site, records, page_path):
        made.append(tuple(r.id for r in records))
        return original(renderer, site, records, page_path)

    monkeypatch.setattr(markers, "resource_list", counted)
    kept = KeptWork()

    def expand(catalogue, key=b"other files", keep=True):
        made.clear()
        lists = table(kept, ("fr", "resource lists", "guide.md"), key) if keep else None
        return markers.expand_markers(
            page,
            catalogue,
            strings,
            "fr",
            "guide.md",
            "docs/fr/guide.md",
            templates_dir=ROOT / "overrides" / "library",
            lists=lists,
        )

    first = expand(load_catalogue(project))
    assert made == [("english-only",), ("offered-in-french",), ("english-only",)]
    assert expand(load_catalogue(project)) == first and made == []
    assert all(isinstance(block, Unindexed) for block in first[1])

    record = project / "data" / "resources" / "offered-in-french.yml"
    record.write_text(
        record.read_text(encoding="utf-8").replace("Une fiche-conseil offerte en français", "Une fiche renommée"),
        encoding="utf-8",
    )
    catalogue = load_catalogue(project)
    again = expand(catalogue)
    assert made == [("offered-in-french",)] and again != first
    assert again == expand(catalogue, keep=False) and "Une fiche renommée" in again[1][1]
    # What every list reads changed (the table's key): every list is made again.
    assert expand(catalogue, b"other files, one edited") == again and len(made) == 3
    # A record without a digest: nothing says when its lists change.
    catalogue.records["english-only"].digest = b""
    assert expand(catalogue, b"other files, one edited") == again and made == [("english-only",), ("english-only",)]

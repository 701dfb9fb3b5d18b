"""No traceback, messages that say what to change: the pieces the hostile corpus does not show.

``tests/fixtures/hostile/robustness.yml`` holds the cases an editor can write (each
with its message and place); this file checks what they cannot: the summary line
of ``check``, interface words escaped where the theme writes them unescaped, the
size limit of a page, the line MkDocs starts a page's Markdown at, and the YAML
messages for every way the ``new`` scaffold gets broken when it is filled in.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sitebuild import ROOT, fixture_records, make_project

from resource_library.load.files import check_files
from resource_library.load.frontmatter import front_matter_lines
from resource_library.load.markdownlimits import markdown_limits
from resource_library.load.pagefiles import MAX_PAGE_BYTES, scan_pages
from resource_library.load.yamlsource import load_text
from resource_library.translation.site import TranslationSite


def _check(project):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "resource_library.cli", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=project,
    )


def test_the_summary_counts_records_with_errors(tmp_path):
    records = fixture_records("full-record", "english-only", "offered-in-french")
    records["broken.yml"] = "id: broken\ntitle: [\n"
    result = _check(make_project(tmp_path, records=records))
    assert result.stderr.strip().startswith("4 records checked: 1 error"), result.stderr


def test_interface_words_are_escaped_where_the_theme_does_not_escape(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    interface = project / "data" / "interface.yml"
    text = interface.read_text(encoding="utf-8")
    text = text.replace(
        "footer_links: {en: For translators and contributors,",
        "footer_links: {en: 'For translators\" onmouseover=\"alert(1)',",
    )
    text = text.replace(
        'switcher_not_translated: {en: "{language}: not translated yet"',
        'switcher_not_translated: {en: "{language}: \\"not\\" & translated"',
    )
    interface.write_text(text, encoding="utf-8")
    site = TranslationSite(project)
    assert str(site.footer_links("en", "")["label"]) == "For translators&#34; onmouseover=&#34;alert(1)"
    assert str(site.switcher_note("en", "English")) == "English: &#34;not&#34; &amp; translated"


def test_a_page_too_large_is_refused(tmp_path):
    project = make_project(tmp_path)
    (project / "docs" / "about.md").write_text("# About\n\n" + "x" * MAX_PAGE_BYTES, encoding="utf-8")
    # The walk of docs/ refuses it (load/files.py), before anything reads it; the page reader skips it.
    readable, problems = scan_pages(project)
    assert problems == [] and "docs/about.md" not in [shown for _, shown, _ in readable]
    refused = [str(p) for p in check_files(project) if p.path == "docs/about.md"]
    assert len(refused) == 1 and refused[0].startswith("docs/about.md:1:1: -: ") and "split a long page" in refused[0]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("[](" * 30, "link addresses"),
        ("[" * 30, "brackets [ are never closed"),
        ("[" * 25 + "x" + "]" * 25, "nested"),
        ("- " * 20 + "x", "lists or quotes"),
        (" " * 90 + "- x", "indented"),
        ("\n".join(f"- item {i}" for i in range(250)), "block"),
    ],
)
def test_markdown_limits(text, kind):
    found = markdown_limits(text)
    assert len(found) == 1 and kind in found[0][1], found


@pytest.mark.parametrize(
    "text",
    [
        "See [the guide](https://example.org/a_(b)) and [this] (not a link).",
        "`[` in code, \\[ escaped, [nested [brackets]] closed",
        "- a\n  - b\n    - c\n",
    ],
)
def test_markdown_limits_leave_ordinary_texts_alone(text):
    assert markdown_limits(text) == []


def test_front_matter_lines_are_the_lines_mkdocs_removes():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from mkdocs.utils.meta import get_data

    pieces = [
        "---\n",
        "...\n",
        "\n",
        "a: b\n",
        "Title: x\n",
        "    more\n",
        "\tmore\n",
        "- x\n",
        "text\n",
        " \n",
        "x: [\n",
        "date: 2024-13-45\n",
        "--- \n",
        "k: &a 1\n",
        "j: *a\n",
        "a: b",
        "---",
    ]

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(pieces), max_size=10).map("".join))
    def lines_mkdocs_removes(source):
        markdown, _ = get_data(source)
        assert front_matter_lines(source) == source[: len(source) - len(markdown)].count("\n")

    lines_mkdocs_removes()
    assert hypothesis


# -- the scaffold of `scripts/library new`, filled in wrongly ------------------------------


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory) -> str:
    project = make_project(tmp_path_factory.mktemp("scaffold"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "resource_library.cli",
            "--root",
            str(project),
            "new",
            "--type",
            "guide",
            "--title",
            "A title",
            "--id",
            "x",
        ],
        check=True,
        capture_output=True,
        env=env,
        timeout=60,
    )
    return (project / "data" / "resources" / "x.yml").read_text(encoding="utf-8")


BROKEN = [
    # (what the editor did: old text → new text, the message's start: "line:column: field: ...")
    (
        '  # fr: "Titre en français"',
        '   fr: "Titre en français"',
        "title.fr: this line is indented by 3 spaces, which lines up with no field above it: indent it by 2 like `en`",
    ),
    ('  # fr: "Titre en français"', ' fr: "Titre en français"', "fr: this line is indented by 1 space"),
    ("# description:\n#   en: |", " description:\n   en: |", "description: this line is indented by 1 space"),
    (
        "# description:\n#   en: |\n#     The body of the page, in Markdown: paragraphs, lists, **bold**,\n"
        "#     [links](https://www.example.org/).",
        "description:\n  en: |\n  The body of the page.\n  More text.",
        "description.en: the text of `description.en` (a block after '|') must be indented more than `en:`",
    ),
    ('  en: "A title"', '  en: "A title', 'title.en: the text opened with " here is not closed on its line'),
    ('  en: "A title"', "  en: 'Teachers' guide'", "title.en: a quote ends the text too early"),
    ('  en: "A title"', '  en: "A title" for teachers', 'title.en: text follows the closing quote "'),
    ("type: guide", "type:guide", "type: a colon must be followed by a space: write `type: guide`"),
    ('  en: "A title"', '\ten: "A title"', "title: a tab character is used for indentation"),
    ('  en: "A title"', "  en: A guide: for teachers", "title.en: a colon followed by a space inside a value"),
    ('  en: "A title"', "  en: Week #3 activities", "title.en: the text stops before ' #'"),
    (
        '  en: "A title"\n',
        '  en: "A title"\n  - fr: "Titre"\n',
        "title.fr: a list item ('- ') where the fields of `title` go",
    ),
    ("languages: [en]", "languages:\n  - en\n - fr", "languages: this line is indented by 1 space"),
    ("languages: [en]", "languages: [en, fr", "languages: the list opened with [ here is not closed with ]"),
    ("languages: [en]", "languages: [- en]", "languages: a list in brackets holds its items separated by commas"),
    (
        '  en: "A title"',
        "  en: *important* guide",
        "title.en: a value that starts with '*' must be put in double quotes",
    ),
    (
        '  en: "A title"',
        "  en: !important guide",
        "title.en: a value that starts with '!' must be put in double quotes",
    ),
    ('  en: "A title"', "  en: | A title", "title.en: after '|' (a block of text) nothing may follow on its line"),
    ('  en: "A title"', '  en: "C:\\path"', "title.en: a backslash \\ inside double quotes starts an escape"),
    ("type: guide", "---\ntype: guide", "-: a line '---' starts a second document"),
]


@pytest.mark.parametrize("old, new, expected", BROKEN, ids=[b[2].split(":")[0] + ":" + b[1][:16] for b in BROKEN])
def test_a_broken_scaffold_gets_a_message_that_names_the_cause(scaffold, old, new, expected):
    assert old in scaffold
    problems = [p for p in load_text(scaffold.replace(old, new, 1), "x.yml").problems if p.is_error]
    assert len(problems) == 1, problems
    assert f"{problems[0].field}: {problems[0].message}".startswith(expected), str(problems[0])

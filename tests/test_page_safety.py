"""Hand-written pages: what is set aside as code, what is checked, and in linear time.

``resource_library.load.pages`` checks the Markdown of ``docs/**/*.md`` with the
text rules of records, outside what Markdown shows as text (fenced code, code
spans) and the page markers.  These tests pin down that boundary against
Python-Markdown itself (what it renders as live HTML must be checked), and feed
the new scans adversarial pages of 200 KB.
"""

from __future__ import annotations

import random
import re
import time

import markdown
import pytest

from resource_library.load.pages import check_page, prose_only
from resource_library.load.textsafety import SAFE_SCHEMES, _brace_groups, _inline_targets, link_scheme, remote_images
from resource_library.render.pagemeta import html_text, theme_meta


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=["fenced_code", "attr_list", "md_in_html", "admonition", "tables"])


def _errors(text: str) -> list:
    return [p for p in check_page(text, "docs/x.md") if p.is_error]


@pytest.mark.parametrize(
    "text",
    [
        "```\n<script>alert(1)</script>\n```\n",
        "~~~~ .html\n<b>x</b>\n~~~~\n",
        "Use `<br>` or ``a ` <i>`` in text.\n",
        "<!-- resources tier=universal -->\n",
        "  <!-- infographic core-elements -->\n",
    ],
)
def test_code_and_markers_are_set_aside(text):
    assert _errors(text) == []
    assert len(prose_only(text)) == len(text) and prose_only(text).count("\n") == text.count("\n")


@pytest.mark.parametrize(
    "text",
    [
        "    ```\n    <script>alert(1)</script>\n    ```\n",  # an indented fence is no fence for Python-Markdown
        "```\n<script>alert(1)</script>\n````\n",  # closed by another fence: never closed
        "a `b\nc` <b>x</b> `d`\n",  # the span pairs across the line break
        "``a ` <b>x</b> `\n",  # no closing run of two backticks
        "\\`<b>x</b>`\n",  # an escaped backtick opens nothing
        "<!-- resources tier=universal --><script>alert(1)</script>\n",
        "<!-- infographic x --> <img src=x onerror=alert(1)>\n",
        '!!! note "<img src=x onerror=alert(1)>"\n    Text.\n',
    ],
)
def test_what_markdown_renders_as_html_is_checked(text):
    assert _errors(text), text
    assert "<" in _render(text).replace("<p>", "").replace("</p>", "").replace("<code>", "").replace("</code>", "")


def test_positions_are_the_files():
    text = "---\ntitle: T\n---\n# T\n\nText `<b>` and <i>x</i>\n"
    (problem,) = _errors(text)
    assert (problem.line, problem.column, problem.field) == (6, 16, "text")


@pytest.mark.parametrize(
    "text, targets",
    [
        ("![a](https://x.org/a.png) ![b](b.png) [c](https://x.org/)", ["https://x.org/a.png"]),
        ("![a [nested] alt](//x.org/a.png)", ["//x.org/a.png"]),
        ("![a](/\\x.org/a.png)", ["/\\x.org/a.png"]),
        ("![a][r] ![r][] ![R]\n\n[r]: https://x.org/r.png", ["https://x.org/r.png"] * 3),
        ("![a](htt&#x70;s://x.org/a.png)", ["htt&#x70;s://x.org/a.png"]),
        ("\\![a](https://x.org/a.png) [![a](img/a.png)](https://x.org/)", []),
    ],
)
def test_remote_images(text, targets):
    assert [target for _, target in remote_images(text)] == targets


ADVERSARIAL = {
    "backticks": "`" * 3 + " `` " * 50_000,
    "fences": "```a\n" * 40_000,
    "fence-spaces": "```" + " " * 200_000 + "x\n",
    "marker-spaces": "<!-- resources" + " " * 200_000 + "--> x\n",
    "fence-lengths": "".join("`" * (3 + i % 50) + "\n" for i in range(20_000)),
    "image-openers": "![" * 100_000,
    "image-closers": "![a]" * 50_000,
    "nested-images": "![" * 70_000 + "]" * 70_000,
    "markers": "<!-- resources " * 14_000,
    "html": "<a" * 100_000,
    "front-matter": "---\n" + "a: [\n" * 30 + "b" * 200_000 + "\n---\n",
    # The scans of records' Markdown texts that pages share (they were quadratic).
    "link-punctuation": "](" * 100_000,
    "scheme-links": "](javascript:" * 16_000,
    "braces": "{" * 200_000,
    "braces-per-line": "{a\n" * 70_000,
}


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial_pages_are_checked_in_linear_time(name):
    text = ADVERSARIAL[name]
    assert len(text) >= 190_000
    start = time.perf_counter()
    check_page(text, "docs/x.md")
    assert time.perf_counter() - start < 1.0, name


def test_the_theme_gets_known_settings_as_html_text():
    meta = {
        "title": 'A "quoted" <b>title</b> & more &amp; less',
        "template": "redirect.html",
        "hide": ["toc"],
        "search": {"exclude": True},
    }
    assert theme_meta(meta) == {
        "title": "A &#34;quoted&#34; &lt;b&gt;title&lt;/b&gt; & more &amp;amp; less",
        "hide": ["toc"],
        "search": {"exclude": True},
    }
    assert html_text("L’école d'été") == "L’école d'été"  # apostrophes stay: the theme escapes some attributes itself


# The scans textsafety used before they were made linear: the reference for small texts.
_OLD_INLINE = re.compile(r"\](?=\(\s*<?([^)>]*))")
_OLD_ATTR_LIST = re.compile(r"\{([^}\n]*)\}")
FRAGMENTS = [
    "text ",
    "[x](",
    "](",
    ")",
    "<",
    ">",
    "javascript",
    "java",
    "script",
    ":",
    "&#106;",
    "&#x09;",
    "&colon;",
    "alert(1)",
    "{",
    "}",
    "{:",
    "onclick=",
    "\n",
    "\t",
    "    ",
    "[r]: ",
    "![a](",
    "https://example.org",
    "http://e.org",
    "data",
    "&",
    ";",
    "#",
    ".c",
    "(",
    " ",
    "'",
    '"',
    "&lt",
    "\u00a0",
    "\x01",
]


def _old_links(text: str) -> list:
    found = []
    for match in _OLD_INLINE.finditer(text):
        scheme = link_scheme(match.group(1))
        if scheme is not None and scheme not in SAFE_SCHEMES:
            target = re.sub(r"\s+[\"'(].*$", "", match.group(1).strip(), flags=re.S)
            found.append((match.start(), scheme, target[:40]))
    return found


def test_linear_scans_find_what_the_regular_expressions_they_replace_found():
    rng = random.Random(20261123)
    for _ in range(20_000):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 16)))
        new = [
            (offset, link_scheme(decisive), re.sub(r"\s+[\"'(].*$", "", shown.strip(), flags=re.S)[:40])
            for offset, shown, decisive in _inline_targets(text)
        ]
        new = [entry for entry in new if entry[1] is not None and entry[1] not in SAFE_SCHEMES]
        assert new == _old_links(text), text
        assert list(_brace_groups(text)) == [(m.start(), m.group(1)) for m in _OLD_ATTR_LIST.finditer(text)], text

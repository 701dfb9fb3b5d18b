"""Nothing an editor writes can put script into the site.

Texts are checked by :mod:`resource_library.load.textsafety`; descriptions are then
rendered by the same Markdown extensions as the site (``mkdocs.yml``).  These
tests render every text the checker accepts and inspect the HTML produced: no
script element, no event attribute, no link or image with an unsafe scheme.
"""

from __future__ import annotations

import os
import random
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from sitebuild import ROOT

from resource_library.load.textsafety import unsafe_spans

SAFE_SCHEMES = {None, "http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset"}
BANNED_TAGS = {"script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta", "link", "frame"}


def _site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions (and settings) the site uses."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        settings[name] = options or {}
    return markdown.Markdown(extensions=names, extension_configs=settings)


class _IgnoreTags(yaml.SafeLoader):
    pass


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


_MARKDOWN = []


def render_description(text: str) -> str:
    """The HTML a description becomes inside the resource page's ``markdown="1"`` block."""
    if not _MARKDOWN:
        _MARKDOWN.append(_site_markdown())
    md = _MARKDOWN[0]
    md.reset()
    return md.convert(f'<div class="rl-description" markdown="1">\n\n{text}\n\n</div>')


def browser_scheme(url: str):
    """The scheme a browser reads in an attribute value (already decoded): leading and
    trailing spaces and controls stripped, tabs and line breaks removed."""
    url = re.sub(
        r"[\t\n\r]",
        "",
        url.strip(
            "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
            "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \t\n\r"
        ),
    )
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return match.group(1).lower() if match else None


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.dangers = []

    def handle_starttag(self, tag, attrs):
        if tag in BANNED_TAGS:
            self.dangers.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc"):
                self.dangers.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and value is not None and browser_scheme(value) not in SAFE_SCHEMES:
                self.dangers.append(f"{tag}[{name}={value!r}]")

    def handle_comment(self, data):
        self.dangers.append("<!-- -->")


def dangers(rendered: str) -> list:
    inspector = _Inspector()
    inspector.feed(rendered)
    inspector.close()
    return inspector.dangers


def accepted(text: str, markdown_text: bool = True) -> bool:
    return not any(severity == "error" for _, severity, _ in unsafe_spans(text, markdown_text))


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnError=alert(1)>",
    '<a href="https://example.org/">guide</a>',
    "<!-- hidden -->",
    "<?php echo 1; ?>",
    "<svg/onload=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](<javascript:alert(1)>)",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](java&#x09;script:alert(1))",
    "[x](java&NewLine;script:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "[x][r]\n\n[r]: javascript:alert(1)",
    "[x][r]\n\n   [r]: &#106;avascript:alert(1)",
    "- item [x][r]\n\n        [r]: javascript:alert(1)",
    "> [x][r]\n>\n> [r]: javascript:alert(1)",
    "[x][r]\n\n[r]:\n  javascript:alert(1)",
    "<javascript:alert(1)>",
    "<data:text/html,hi>",
    '[x](https://example.org){onclick="alert(1)"}',
    "[x](https://example.org){: href=javascript:alert(1) }",
    "![a](p.png){onerror=alert(1)}",
    "Paragraph\n{: onmouseover=alert(1) }",
    "# Heading {#h onfocus=alert(1) tabindex=1}",
    '!!! note "<img src=x onerror=alert(1)>"\n    Text.',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_markdown_is_rejected(text):
    assert not accepted(text), f"accepted: {text!r}"


SAFE = [
    "Plain text with a < b and c > d.",
    "A [guide](https://example.org/guide) and [a page](../about.md).",
    "Write to [us](mailto:team@example.org) or call [us](tel:+15555550100).",
    "An autolink <https://example.org/> and <mailto:team@example.org>.",
    "A heading {#anchor .wide}",
    "**Bold**, *italic*, `code`, and a list:\n\n- one\n- two",
    "Data: 2019 survey; note: see below.",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    '!!! note "Remember"\n    Breathe.',
    "Entities &amp; symbols &lt;script&gt; stay text.",
]


@pytest.mark.parametrize("text", SAFE)
def test_ordinary_markdown_is_accepted_and_renders_safely(text):
    assert accepted(text), list(unsafe_spans(text, True))
    assert dangers(render_description(text)) == []


def test_the_hostile_texts_would_be_dangerous_if_accepted():
    """The checker is not rejecting harmless things: most hostile texts really inject."""
    harmful = [text for text in HOSTILE if dangers(render_description(text))]
    assert len(harmful) >= len(HOSTILE) * 2 // 3, [t for t in HOSTILE if t not in harmful]


ITERATIONS = int(os.environ.get("SAFETY_FUZZ_ITERATIONS", "6000"))
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
    "onclick=",
    "onerror=",
    "=",
    '"',
    "'",
    "\n",
    "\n\n",
    "    ",
    "[r]: ",
    "[r]",
    "![a](",
    "img ",
    "a href",
    "https://example.org",
    "data",
    "vbscript",
    "#",
    ".c",
    "!",
    "?",
    "/",
    "-",
    "mailto:",
    "> ",
    "&",
    ";",
    "&lt;",
    "\t",
    "{:",
    "src=",
    "x.png",
    "`",
    "(",
    "*",
    "!!! note ",
    "&#58;",
    " title=",
]


def test_random_texts_the_checker_accepts_render_without_script():
    rng = random.Random(20261122)
    accepted_count = 0
    for _ in range(ITERATIONS):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(2, 14)))
        if not accepted(text):
            continue
        accepted_count += 1
        found = dangers(render_description(text))
        assert found == [], f"{text!r} passed the checker but renders {found}"
    assert accepted_count > 300  # the generator explores accepted texts, not only rejected ones


def test_plain_text_fields_refuse_html_but_allow_comparisons():
    assert not accepted("<b>Bold</b> title", markdown_text=False)
    assert not accepted("Title <!-- note -->", markdown_text=False)
    assert accepted("Ages 5 < 10 and 12 > 8", markdown_text=False)
    assert accepted("See <https://example.org/>", markdown_text=False)


def test_http_link_in_a_description_is_a_warning():
    found = list(unsafe_spans("See [the site](http://example.org/).", True))
    assert [(severity, re.sub(r"'.*'", "'…'", message)) for _, severity, message in found] == [
        ("warning", "the link '…' is not encrypted; use https:// if the site offers it")
    ]

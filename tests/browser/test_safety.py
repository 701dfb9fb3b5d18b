"""Editors' text cannot inject script: hostile records are refused, hostile-looking text is shown as text.

Three fixture projects (``tests/sitebuild.py``), built with the real ``mkdocs``:
markup in every text field is refused; a ``javascript:`` link, plain or disguised,
is refused; text that only looks hostile (entities, ``<3``, quotes, code samples)
builds, and Chromium shows it as text: no dialog, no script, no ``javascript:`` link.
"""

from __future__ import annotations

import pytest
from conftest import CHROMIUM_ARGS, serve  # noqa: F401 (CHROMIUM_ARGS documents the launch)
from sitebuild import DEFAULT_DOCS, build, make_project, mkdocs

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'

HOSTILE_EVERYWHERE = """\
id: hostile
type: practice
title:
  en: <script>window.__pwned=1</script>Title
  fr: <img src=x onerror="window.__pwned=1">Titre
summary:
  en: <img src=x onerror=alert(1)>
  fr: <script>alert(1)</script>
description:
  en: <script>alert(1)</script>
  fr: <img src=x onerror=alert(1)>
image: {en: pic.svg}
alt:
  en: <script>alert(1)</script>
  fr: <img src=x onerror=alert(1)>
keywords:
  en: ["<script>alert(1)</script>"]
  fr: ["<img src=x onerror=alert(1)>"]
evidence:
  level: promising
  note:
    en: <script>alert(1)</script>
    fr: <img src=x onerror=alert(1)>
publisher:
  en: <script>alert(1)</script>
  fr: <img src=x onerror=alert(1)>
languages: [en]
published: 2024-01-01
"""

HOSTILE_EVERYWHERE_ERRORS = [
    "data/resources/hostile.yml:4:7: title.en: raw HTML is not allowed ('<script>'); write plain text",
    "data/resources/hostile.yml:5:7: title.fr: raw HTML is not allowed ('<img>'); write plain text",
    "data/resources/hostile.yml:7:7: summary.en: raw HTML is not allowed ('<img>'); write plain text",
    "data/resources/hostile.yml:8:7: summary.fr: raw HTML is not allowed ('<script>'); write plain text",
    "data/resources/hostile.yml:10:7: description.en: raw HTML is not allowed ('<script>'); use Markdown instead (see CONTRIBUTING.md)",
    "data/resources/hostile.yml:11:7: description.fr: raw HTML is not allowed ('<img>'); use Markdown instead (see CONTRIBUTING.md)",
    "data/resources/hostile.yml:14:7: alt.en: raw HTML is not allowed ('<script>'); write plain text",
    "data/resources/hostile.yml:15:7: alt.fr: raw HTML is not allowed ('<img>'); write plain text",
    "data/resources/hostile.yml:17:8: keywords.en[0]: raw HTML is not allowed ('<script>'); write plain text",
    "data/resources/hostile.yml:18:8: keywords.fr[0]: raw HTML is not allowed ('<img>'); write plain text",
    "data/resources/hostile.yml:22:9: evidence.note.en: raw HTML is not allowed ('<script>'); write plain text",
    "data/resources/hostile.yml:23:9: evidence.note.fr: raw HTML is not allowed ('<img>'); write plain text",
    "data/resources/hostile.yml:25:7: publisher.en: raw HTML is not allowed ('<script>'); write plain text",
    "data/resources/hostile.yml:26:7: publisher.fr: raw HTML is not allowed ('<img>'); write plain text",
]

JAVASCRIPT_LINKS = """\
id: script-links
type: guide
title: {en: Links}
summary: {en: Links that would run script.}
links:
  en: "javascript:alert(1)"
description:
  en: |
    A [plain](javascript:alert(1)) link, an [encoded](java&#x73;cript:alert(1)) one,
    a [split](java
    script:alert(1)) one and an [attribute list](https://example.org/){: href="javascript:alert(1)" }.
languages: [en]
published: 2024-01-01
"""

JAVASCRIPT_LINKS_ERRORS = [
    "data/resources/script-links.yml:6:7: links.en: the link 'javascript:alert(1)' is not allowed: use an https:// address or a file under docs/",
    "data/resources/script-links.yml:9:1: description.en: the link target 'javascript:alert(1' is not allowed (javascript: links can run code or hide content); use https://, mailto: or a page of the site",
    "data/resources/script-links.yml:9:1: description.en: the link target 'java&#x73;cript:alert(1' is not allowed (javascript: links can run code or hide content); use https://, mailto: or a page of the site",
    "data/resources/script-links.yml:10:1: description.en: the link target 'java\nscript:alert(1' is not allowed (javascript: links can run code or hide content); use https://, mailto: or a page of the site",
    "data/resources/script-links.yml:11:1: description.en: '{: href=\"javascript:alert(1)\" }' is an attribute list, which could add HTML attributes; remove the braces (only {.class} and {#id} are allowed)",
]

# Allowed: no markup (not even in code: the validator refuses any tag), no script
# link; only text that looks like markup or tries to leave an attribute. Every piece
# must reach the reader as the same text (French with its typography: no-break spaces
# inside « » and a narrow one before the semicolon the visible "&gt;" ends with).
LOOKS_HOSTILE = """\
id: looks-hostile
type: guide
title:
  en: "AT&T <3 \\"quoted\\" 'single' &lt;script&gt;window.__pwned=1&lt;/script&gt;"
  fr: "Titre « entre guillemets » & <3 &lt;img src=x onerror=window.__pwned=1&gt;"
summary:
  en: "x\\" onmouseover=\\"window.__pwned=1\\" data-x=\\" still the summary"
  fr: "x' onfocus='window.__pwned=1' autofocus x=' toujours le résumé"
description:
  en: |
    Code may compare: `if (a < b && b > c) return "x\" onclick=\"window.__pwned=1";`.

    ```
    a < b && b > c; x" onerror="window.__pwned=1
    ```

    Entities stay text: &lt;script&gt;window.__pwned=1&lt;/script&gt;, AT&T <3, and a [safe link](https://example.org/).
keywords:
  en: ["&lt;b&gt;", "x\\" onclick=\\"window.__pwned=1"]
evidence:
  level: promising
  note: {en: "5 > 3 & 2 < 4"}
publisher: "O'Brien & \\"Sons\\" <3"
languages: [en]
published: 2024-01-01
"""


def _refused(tmp_path, records: dict, expected: list):
    project = make_project(tmp_path, records=records, docs=dict(DEFAULT_DOCS, **{"pic.svg": SVG}))
    result = mkdocs(project, "build", "--strict", "-d", str(project / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    missing = [line for line in expected if line not in output]
    assert not missing, "missing error lines:\n" + "\n".join(missing) + "\n--- output:\n" + output
    assert not (project / "site" / "library").exists(), "a refused build published library pages"
    print(f"refused with {len(expected)} error lines, as expected")


def test_markup_in_every_text_field_is_refused(tmp_path):
    _refused(tmp_path, {"hostile.yml": HOSTILE_EVERYWHERE}, HOSTILE_EVERYWHERE_ERRORS)


def test_javascript_links_are_refused_even_disguised(tmp_path):
    _refused(tmp_path, {"script-links.yml": JAVASCRIPT_LINKS}, JAVASCRIPT_LINKS_ERRORS)


@pytest.fixture(scope="module")
def looks_hostile_site(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("looks-hostile"), records={"looks-hostile.yml": LOOKS_HOSTILE})
    with serve(build(project)) as url:
        yield url


SAFETY_PROBE = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  scriptLinks: [...document.querySelectorAll('a[href], area[href]')].map(a => a.protocol)
      .filter(p => !['http:', 'https:', 'mailto:', 'tel:', 'sms:'].includes(p)),
  handlers: [...document.querySelectorAll('*')].flatMap(el => [...el.attributes]
      .filter(a => a.name.startsWith('on')).map(a => el.tagName + '[' + a.name + ']')),
  // Inside what editors' text becomes (cards, resource pages, descriptions); the
  // library page's own scripts (search, filters) sit outside these.
  contentScripts: document.querySelectorAll(['.rl-cards > li', '.rl-resource', '.rl-description', '.rl-summary',
      '.rl-details', '.rl-access', '.rl-related', '.md-content h1'].map(c => c + ' :is(script, iframe, object)').join(', ')).length,
  text: document.querySelector('.md-content').innerText,
  title: document.title,
  description: (document.querySelector('meta[name=description]') || {}).content,
})"""

EXPECTED_TEXT = {
    "library/looks-hostile/": [
        "AT&T <3 \"quoted\" 'single' &lt;script&gt;window.__pwned=1&lt;/script&gt;",
        'x" onmouseover="window.__pwned=1" data-x=" still the summary',
        'if (a < b && b > c) return "x" onclick="window.__pwned=1";',
        'a < b && b > c; x" onerror="window.__pwned=1',
        "Entities stay text: <script>window.__pwned=1</script>, AT&T <3",
        "5 > 3 & 2 < 4",
        'O\'Brien & "Sons" <3',
    ],
    "fr/bibliotheque/looks-hostile/": [
        "Titre «\u00a0entre guillemets\u00a0» & <3 &lt;img src=x onerror=window.__pwned=1&gt\u202f;",
        "x' onfocus='window.__pwned=1' autofocus x=' toujours le résumé",
    ],
    "library/": ["AT&T <3 \"quoted\" 'single' &lt;script&gt;window.__pwned=1&lt;/script&gt;"],
    "fr/bibliotheque/": ["Titre «\u00a0entre guillemets\u00a0» & <3 &lt;img src=x onerror=window.__pwned=1&gt\u202f;"],
}


@pytest.mark.parametrize("path", list(EXPECTED_TEXT), ids=lambda p: f"looks-hostile:{p}")
def test_hostile_looking_text_stays_text(browser, looks_hostile_site, path):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    dialogs, errors = [], []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(looks_hostile_site + path, wait_until="networkidle")
        # Hover and focus everything a handler could hang on, then read the page.
        page.hover(".md-content")
        for _ in range(15):
            page.keyboard.press("Tab")
        probe = page.evaluate(SAFETY_PROBE)
    finally:
        context.close()
    assert not dialogs, dialogs
    assert probe["pwned"] is None, f"script ran: window.__pwned = {probe['pwned']}"
    assert probe["scriptLinks"] == [], probe["scriptLinks"]
    assert probe["handlers"] == [], probe["handlers"]
    assert probe["contentScripts"] == 0
    assert not errors, errors
    missing = [t for t in EXPECTED_TEXT[path] if t not in probe["text"]]
    assert not missing, f"not shown as text: {missing}\n--- page text:\n{probe['text']}"
    if path.endswith("looks-hostile/"):
        assert EXPECTED_TEXT[path][0] in probe["title"], probe["title"]
        assert probe["description"] == EXPECTED_TEXT[path][1], probe["description"]

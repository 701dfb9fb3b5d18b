"""The Content-Security-Policy: exactly the inline scripts the templates write, never the page's own.

Unit tests of ``resource_library.render.csp`` (reading templates, rendering the known
scripts, writing the policy, finding what no template writes), then builds: the
policy of every built page, a page carrying an injected script stopping the build,
and front matter values escaped by the theme even when they reach it unchecked.
"""

from __future__ import annotations

import base64
import hashlib
import re

import jinja2
import pytest
from sitebuild import DEFAULT_DOCS, FIXTURE_NAV, build, fixture_records, html_pages, make_project, mkdocs

from resource_library.render import csp

META = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; object-src 'none'\">"
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def _templates(tmp_path, files: dict):
    for name, text in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return tmp_path


def test_executable_inline_scripts_of_the_templates_are_known(tmp_path):
    theme = _templates(
        tmp_path / "theme",
        {
            "base.html": (
                "{# <script>not a script: a comment</script> #}<script>var a = 1;</script>"
                '<script id="__config" type="application/json">{"x": 1}</script>'
                '<script src="bundle.js"></script>'
            ),
            "partials/tabs.html": "<script type=\"module\">import('./x.js')</script><script>var a = 1;</script>",
            "partials/hidden.html": "<script>theme version</script>",
        },
    )
    overrides = _templates(tmp_path / "overrides", {"partials/hidden.html": "<script>override</script>"})
    sources = csp.template_scripts([overrides, theme])
    assert sources == [
        ("partials/hidden.html", "override"),
        ("base.html", "var a = 1;"),
        ("partials/tabs.html", "import('./x.js')"),
        ("partials/tabs.html", "var a = 1;"),
    ]
    known = csp.KnownScripts(sources, jinja2.Environment(), config={})
    # The JSON data script and the external one are not inline code; the repeated script is listed once.
    assert known.hashes(".") == sorted([_hash("override"), _hash("var a = 1;"), _hash("import('./x.js')")])


def test_known_scripts_depend_only_on_the_configuration_and_the_page_depth():
    sources = [
        ("base.html", 'scope=new URL("{{ config.extra.scope | d(base_url) }}")'),
        ("redirect.html", 'location.replace("{{ page.meta.location }}")'),
        ("analytics.html", 'gtag("{{ property }}")'),
    ]
    known = csp.KnownScripts(sources, jinja2.Environment(), config={"extra": {}})
    assert known.texts("../..") == {'scope=new URL("../..")'}
    assert known.hashes(".") == [_hash('scope=new URL(".")')]
    # A script whose text could carry a page's content is never allowed.
    assert known.skipped == [("redirect.html", ["page"]), ("analytics.html", ["property"])]


def test_the_known_hashes_are_added_to_script_src_and_the_page_is_not_read():
    page = (
        f"<html><head>{META}<script>var a = 1;</script></head><body><script>window.injected = 1</script></body></html>"
    )
    out = csp.apply(page, [_hash("var a = 1;"), _hash("var b = 2;")])
    assert f"script-src 'self' {_hash('var a = 1;')} {_hash('var b = 2;')};" in out
    assert _hash("window.injected = 1") not in out  # the page's own scripts never add to the policy
    assert out.count("sha256-") == 2
    assert "default-src 'self'" in out and "object-src 'none'" in out


def test_a_page_without_the_policy_or_known_scripts_is_unchanged():
    no_policy = "<html><head><script>var a = 1;</script></head></html>"
    assert csp.apply(no_policy, [_hash("var a = 1;")]) == no_policy
    no_inline = f"<html><head>{META}<script src='x.js'></script></head></html>"
    assert csp.apply(no_inline, []) == no_inline


def test_hashes_the_exact_text_including_non_ascii(tmp_path):
    body = "\n  document.title = 'Bibliothèque';\n"
    assert csp.script_hash(body) == _hash(body)
    sources = csp.template_scripts([_templates(tmp_path, {"main.html": f"<p>x</p>\n<script>{body}</script>\n"})])
    # The script's last line break is part of its text, even rendered on its own.
    assert csp.KnownScripts(sources, jinja2.Environment(), {}).hashes("..") == [_hash(body)]


KNOWN = frozenset({"var a = 1;"})


@pytest.mark.parametrize(
    "html, found",
    [
        ("<script>var a = 1;</script><script type='application/json'>{}</script><script src=x.js></script>", []),
        ('<!-- <img src=x onerror=alert(1)> --><p title="on=1 a > onclick=b">x</p>', []),
        ("<script>alert(1)</script>", [f"an inline script no template writes ({_hash('alert(1)')}: alert(1))"]),
        (
            "<script data-type='text/plain'>var a = 2;</script>",
            [f"an inline script no template writes ({_hash('var a = 2;')}: var a = 2;)"],
        ),
        ('<img src="x" OnError="alert(1)">', ["an event handler attribute <img onerror=...>"]),
        ("<svg/onload=alert(1)>", ["an event handler attribute <svg onload=...>"]),
        ("<script src=a.js onload=alert(1)></script>", ["an event handler attribute <script onload=...>"]),
        ('<meta http-equiv="refresh" content="0;url=https://example.org/">', ['a <meta http-equiv="refresh">']),
        ("<base href='https://example.org/'>", ["a <base> element"]),
        ("<iframe srcdoc='x'></iframe><object data=x></object>", ["a <iframe> element", "a <object> element"]),
        ("<p>x</p><script>var a = 1;", ["a <script> that is never closed"]),
    ],
)
def test_what_no_template_writes_is_found(html, found):
    page = f"<html><head>{META}</head><body>{html}</body></html>"
    assert csp.intrusions(page, KNOWN) == found


def test_charset_must_come_within_the_first_1024_bytes():
    assert csp.charset_in_time(f'<head>{META}<meta charset="utf-8">')
    assert not csp.charset_in_time(f'<head>{META}{" " * 1024}<meta charset="utf-8">')
    assert not csp.charset_in_time("<head><title>no charset</title>")


# --- Built sites ------------------------------------------------------------------------------


def _policy(html: str) -> dict:
    content = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html).group(1)
    return {d.split()[0]: d.split()[1:] for d in content.split(";") if d.strip()}


def _inline_scripts(html: str) -> set:
    return {m.group(1) for m in re.finditer(r"<script>(.*?)</script>", html, re.S)}


def test_every_built_page_allows_exactly_the_known_scripts(fixture_site):
    pages = sorted(html_pages(fixture_site))
    assert "404.html" in pages and "library/index.html" in pages and "fr/about/index.html" in pages
    for name in pages:
        html = (fixture_site / name).read_text(encoding="utf-8")
        head = html.split("<head>", 1)[1].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy"'), f"{name}: the policy is not first"
        assert csp.charset_in_time(html), name
        policy = _policy(html)
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"], name
        if "data-rl-moved=" in html:
            # A page left at a former French address (render/redirects.py): one script file, nothing else.
            assert policy == {
                "default-src": ["'none'"],
                "script-src": ["'self'"],
                "object-src": ["'none'"],
                "base-uri": ["'none'"],
                "form-action": ["'none'"],
            }, name
            assert not _inline_scripts(html) and html.count("<script") == 1, name
            continue
        assert policy["form-action"] == ["'self'"] and policy["default-src"] == ["'self'"], name
        allowed = set(policy["script-src"][1:])
        assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in allowed
        # Every inline script the page runs is allowed, and all pages of one depth share one policy.
        assert {csp.script_hash(s) for s in _inline_scripts(html)} <= allowed, name
        assert len(allowed) >= 5, name  # the theme's scripts, whether or not this page carries each


def _project_with_hook(tmp_path, hook: str, docs=None):
    project = make_project(tmp_path, records=fixture_records("full-record"), docs=docs)
    (project / "hooks" / "tamper.py").write_text(hook, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - hooks/csp.py\n", "  - hooks/tamper.py\n  - hooks/csp.py\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


INJECT = """
from mkdocs.plugins import event_priority

@event_priority(-500)
def on_page_content(html, page, config, files):
    if page.file.src_uri == "about.md":
        return html + '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
    return html
"""


def test_a_page_carrying_a_script_no_template_writes_stops_the_build(tmp_path):
    """What escaping failing somewhere would look like: the build names the page and stops."""
    project = _project_with_hook(tmp_path, INJECT)
    result = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert "docs/about.md: the built page carries what no template writes" in output, output
    assert f"an inline script no template writes ({_hash('window.__pwned = 1')}" in output, output
    assert "an event handler attribute <img onerror=...>" in output, output


UNCHECKED_META = """
from mkdocs.plugins import event_priority

HOSTILE = '"><script>window.__pwned = 1</script></title><img src=x onerror=alert(1)>'

@event_priority(100)  # before the site's hooks: they must make it safe
def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "about.md":
        page.meta.update(title=HOSTILE, description=HOSTILE, author=HOSTILE, template="redirect.html",
                         location="https://example.org/")
    return markdown

@event_priority(-100)  # after them: the head's blocks (overrides/main.html) must escape what they write
def on_page_context(context, page, config, nav):
    if page.file.src_uri == "index.md":  # (the title is written by many partials: the site's hook escapes it)
        page.meta.update(description=HOSTILE, author=HOSTILE)
    return context
"""


def test_front_matter_values_are_escaped_wherever_the_theme_writes_them(tmp_path):
    """Front matter that escaped `check` (here set by a hook) runs nothing and cannot move the policy."""
    project = _project_with_hook(tmp_path, UNCHECKED_META)
    site = build(project)  # no intrusion found: nothing was written unescaped
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    for html in (about, home):
        assert "<script>window.__pwned" not in html and "<img src=x" not in html
        head = html.split("<head>", 1)[1].lstrip()
        assert head.startswith('<meta http-equiv="Content-Security-Policy"')
    # The unknown settings never reach the theme: no redirect page, no author.
    assert 'http-equiv="refresh"' not in about and "example.org" not in about
    assert '<meta name="description" content="&#34;&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;' in about
    assert "<title>&#34;&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;/title&gt;&lt;img" in about
    # Values that reach the head's blocks raw are read as HTML: their tags are dropped, the rest escaped.
    assert '<meta name="description" content="&#34;&gt;window.__pwned = 1">' in home
    assert '<meta name="author" content="&#34;&gt;window.__pwned = 1">' in home


def test_a_heading_written_with_entities_stays_text_in_the_title(tmp_path):
    """Material decodes the page title into <title>; the site's block escapes it again."""
    heading = "# A &lt;/title&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt; heading\n\nText.\n"
    nav = FIXTURE_NAV + "  - heading.md\n"  # no title in the nav: the page's heading is its title
    project = make_project(tmp_path, docs=dict(DEFAULT_DOCS, **{"heading.md": heading}), nav=nav)
    html = (build(project) / "heading" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert (
        title
        == "A &lt;/title&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt; heading - School Mental Health Resource Library"
    )

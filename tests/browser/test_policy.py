"""The policy protects even if escaping fails: a script that reaches a page does not run.

Two small projects carry an inline script and an inline event handler in pages, as
a failure of escaping anywhere would leave them:

- ``written-after``: written into the built HTML after the build (at the top of
  ``<head>``, just after the policy, and at the end of ``<body>``);
- ``injected-during``: added to every page's content during the build by a hook
  that also switches off the build's own scan of the pages (``csp.intrusions``),
  as if the markup had slipped past every check; a policy computed from the page
  (as it once was) would have allowed it.

Chromium loads the pages: the theme's own inline scripts run, the injected ones do
not, no dialog opens, nothing the injected code would log appears, and the browser
reports each refusal as a policy violation.
"""

from __future__ import annotations

import pytest
from conftest import serve
from sitebuild import build, fixture_records, make_project

INJECTED = (
    '<script>console.log("injected script ran"); window.__injected = "script"; alert("script")</script>'
    '<img src="data:," alt="" onerror="console.log(\'injected handler ran\'); '
    "window.__injected = 'handler'; alert('handler')\">"
)

#: Injected into the page's body, and just after the policy at the top of <head>.
PAGES = ["about/index.html", "fr/index.html", "library/index.html", "library/full-record/index.html", "404.html"]

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample}));
"""


BYPASS_HOOK = f"""
from mkdocs.plugins import event_priority

from resource_library.render import csp

csp.intrusions = lambda html, known: []  # the build's own scan of the pages, switched off


@event_priority(-500)  # after Markdown and the site's hooks, before the policy is written
def on_page_content(html, page, config, files):
    return {INJECTED!r} + html + {INJECTED!r}
"""


def _project(tmp_path_factory, name):
    return make_project(
        tmp_path_factory.mktemp(name), records=fixture_records("full-record", "english-only", "offered-in-french")
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    after = build(_project(tmp_path_factory, "written-after"))
    for name in PAGES:
        page = after / name
        html = page.read_text(encoding="utf-8")
        policy_end = html.index(">", html.index('<meta http-equiv="Content-Security-Policy"')) + 1
        html = html[:policy_end] + INJECTED + html[policy_end:]
        html = html.replace("</body>", INJECTED + "</body>", 1)
        page.write_text(html, encoding="utf-8")
    project = _project(tmp_path_factory, "injected-during")
    (project / "hooks" / "bypass.py").write_text(BYPASS_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("  - hooks/csp.py\n", "  - hooks/bypass.py\n  - hooks/csp.py\n"), encoding="utf-8"
    )
    during = build(project)
    assert "injected script ran" in (during / "about" / "index.html").read_text(encoding="utf-8")
    with serve(after) as after_url, serve(during) as during_url:
        yield {"written-after": after_url, "injected-during": during_url}


# The 404 page is a theme template, with no page content to inject into during the build.
CASES = [
    (how, name)
    for how in ("written-after", "injected-during")
    for name in PAGES
    if not (how == "injected-during" and name == "404.html")
]


@pytest.mark.parametrize("how, name", CASES, ids=[f"{how}:{name}" for how, name in CASES])
def test_an_injected_script_is_refused_by_the_browser(browser, sites, how, name):
    tampered_site = sites[how]
    context = browser.new_context()
    dialogs, logs = [], []
    try:
        context.add_init_script(script=WATCH)
        tab = context.new_page()
        tab.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
        tab.on("console", lambda m: logs.append((m.type, m.text)))
        path = name.removesuffix("index.html") if name != "404.html" else "no-such-page/"
        tab.goto(tampered_site + path, wait_until="networkidle")
        tab.wait_for_timeout(200)
        outcome = tab.evaluate("""() => ({
            injected: window.__injected === undefined ? null : window.__injected,
            themeRan: typeof window.__md_get === 'function',
            violations: window.__violations,
        })""")
    finally:
        context.close()
    assert not dialogs, dialogs
    assert outcome["injected"] is None, f"an injected script ran on {name}"
    assert not [text for _, text in logs if "injected" in text and "ran" in text], logs
    assert outcome["themeRan"], f"the theme's own inline script did not run on {name}"
    directives = {v["directive"] for v in outcome["violations"]}
    # Two scripts and two handlers refused, each reported (inline code is blocked, not a URL).
    assert {"script-src-elem", "script-src-attr"} <= directives, outcome["violations"]
    assert all(v["blocked"] == "inline" for v in outcome["violations"]), outcome["violations"]
    assert len(outcome["violations"]) >= 4, outcome["violations"]
    refused = [text for kind, text in logs if kind == "error" and "Content Security Policy" in text]
    assert refused, logs

"""Every kind of page, in both languages, checked in Chromium.

Each page is visited once (see ``visit.py``); each check is its own test, named
``<check>[<lang>:<kind>]``, so the output lists every page and what was checked on it.
"""

from __future__ import annotations

import re

import pytest
from pages import PAGES
from visit import AXE, REFLOW, visit

IDS = [p.id for p in PAGES]
#: What the policy must say, whatever hashes are added to script-src.
CSP_REQUIRED = {
    "default-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "style-src": "'self'",
}


@pytest.fixture(scope="session")
def visits(browser, server, artifacts):
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (make setup-browser)"
    folder = artifacts / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    cache = {}

    def get(page):
        if page.id not in cache:
            cache[page.id] = visit(browser, server, page, folder)
        return cache[page.id]

    get.origin = server.rstrip("/")
    return get


def _fmt(items) -> str:
    return "\n".join(f"  {item}" for item in items)


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_loads(visits, page):
    v = visits(page)
    expected = 404 if page.kind == "404" else 200
    assert v.status == expected, f"{v.url} answered {v.status}"
    assert not v.page_errors, f"script errors on {v.url}:\n{_fmt(v.page_errors)}"
    assert not v.dialogs, f"dialogs opened on {v.url}:\n{_fmt(v.dialogs)}"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_html_lang(visits, page):
    v = visits(page)
    assert v.html_lang == page.lang, f"{v.url}: <html lang={v.html_lang!r}>, expected {page.lang!r}"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_axe(visits, page):
    v = visits(page)
    assert not v.axe_violations, f"axe-core (WCAG 2.0/2.1 A and AA) on {v.url}:\n" + _fmt(
        f"{x['id']} ({x['impact']}): {x['help']} at {x['nodes']}" for x in v.axe_violations
    )


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_keyboard(visits, page):
    v = visits(page)
    roles = {t["role"] for t in v.keyboard}
    assert {"language switcher", "search"} <= roles, f"{v.url}: no language switcher or search found: {v.keyboard}"
    unreached = [f"{t['role']}: {t['what']}" for t in v.keyboard if not t["reached"]]
    assert not unreached, f"{v.url}: Tab ({v.tabs_pressed} presses) never reached:\n{_fmt(unreached)}"
    invisible = [
        f"{t['what']}\n    focused:   {t['focused']}\n    unfocused: {t['unfocused']}"
        for t in v.focus_stops
        if t["focused"] == t["unfocused"]
    ]
    assert not invisible, f"{v.url}: focus is not visible on:\n{_fmt(invisible)}"
    print(
        f"{page.id}: {len(v.focus_stops)} focus stops in {v.tabs_pressed} Tab presses, each with a visible focus; "
        f"reached {', '.join(sorted(roles))}"
    )


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_reflow_at_400_percent(visits, page):
    v = visits(page)
    assert v.reflow_width <= REFLOW["width"] + 1, (
        f"{v.url} scrolls sideways at {REFLOW['width']} CSS px: {v.reflow_width} px wide; "
        f"overflowing: {v.reflow_overflowing}"
    )


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_no_third_party_request(visits, page):
    v = visits(page)
    assert v.requests, f"no request recorded for {v.url}"
    foreign = v.foreign_requests(visits.origin)
    assert not foreign, f"{v.url} requested other hosts:\n{_fmt(foreign)}"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_content_security_policy(visits, page):
    v = visits(page)
    assert v.csp_meta, f"{v.url} has no Content-Security-Policy <meta>"
    policy = {d.split()[0]: d.split()[1:] for d in v.csp_meta.split(";") if d.strip()}
    for directive, value in CSP_REQUIRED.items():
        assert policy.get(directive) == [value], f"{v.url}: {directive} is {policy.get(directive)}"
    script = policy.get("script-src", [])
    assert script[0] == "'self'" and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+={0,2}'", s) for s in script[1:]), script
    assert not v.csp_violations, f"{v.url} violated its policy:\n{_fmt(v.csp_violations)}"
    refused = [m for m in v.console_errors if "Content Security Policy" in m]
    assert not refused, f"{v.url}:\n{_fmt(refused)}"


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_screenshots(visits, page):
    v = visits(page)
    for shot in v.screenshots:
        assert shot.is_file() and shot.stat().st_size > 1000, shot
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot


@pytest.mark.parametrize("page", [p for p in PAGES if p.kind in ("home", "library")], ids=lambda p: p.id)
def test_policy_blocks_injected_inline_script(browser, server, page):
    """What the policy is for: a script written into the page at run time does not run."""
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.goto(server + page.path, wait_until="load")
        outcome = tab.evaluate("""async () => {
            const seen = [];
            document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
            const script = document.createElement('script');
            script.textContent = 'window.__injected = 1';
            document.body.appendChild(script);
            const div = document.createElement('div');
            div.innerHTML = '<img src="data:," onerror="window.__injected = 2">';
            document.body.appendChild(div);
            await new Promise(r => setTimeout(r, 200));
            return {injected: window.__injected === undefined ? null : window.__injected, seen};
        }""")
    finally:
        context.close()
    assert outcome["injected"] is None, f"an injected script ran on {page.id}"
    assert outcome["seen"] and all(d.startswith("script-src") for d in outcome["seen"]), outcome["seen"]

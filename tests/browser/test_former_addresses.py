"""Former French addresses in Chromium: a link shared before still opens the same view.

The French site's pages moved to French addresses (``/fr/library/`` → ``/fr/bibliotheque/``,
records' and pages' slugs: ``resource_library/model/urls.py``).  Each former address
holds a page (``render/redirects.py``) whose script carries the query string and the
fragment along; without JavaScript a refresh, and a link, lead to the page.  On the
shipped site, served on 127.0.0.1.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

#: (former address with query and fragment, where it must land). Shipped slugs:
#: data/resources/tiered-intervention-framework.yml and docs/fr/about.md.
CASES = [
    ("fr/library/?q=anxiete&tier=targeted#results", "fr/bibliotheque/?q=anxiete&tier=targeted#results"),
    (
        "fr/library/tiered-intervention-framework/?from=newsletter#rl-details-title",
        "fr/bibliotheque/cadre-intervention-par-paliers/?from=newsletter#rl-details-title",
    ),
    ("fr/library/acqess-framework/", "fr/bibliotheque/acqess-framework/"),
    ("fr/pillars/implementation-support/#aims", "fr/piliers/implementation-support/#aims"),
    ("fr/glossary/?lang=fr#acqess", "fr/glossaire/?lang=fr#acqess"),
    ("fr/infographics/", "fr/infographies/"),
    ("fr/programs/ma-csmhs-coiin/", "fr/programmes/ma-csmhs-coiin/"),
    ("fr/about/?a=1&b=%C3%A9#equipe", "fr/a-propos/?a=1&b=%C3%A9#equipe"),
]


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    # Refusals by the pages' security policy, script errors, missing files. (Not Material's request for
    # sitemap.xml beside each hreflang alternate, which it makes on every page of the site.)
    page.on("console", lambda m: page.errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on(
        "response",
        lambda r: (
            page.errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/sitemap.xml")
            else None
        ),
    )
    yield page
    context.close()


@pytest.mark.parametrize(("old", "new"), CASES)
def test_former_address_opens_the_page_with_its_query_and_fragment(page, server, old, new):
    page.goto(server + old)
    page.wait_for_url(server + new, timeout=10_000)
    assert page.url == server + new
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.evaluate("document.documentElement.dataset.rlMoved") is None  # the page itself, not the redirect
    assert page.errors == [], page.errors  # no policy violation, no script error, no missing file


def test_filtered_library_view_survives_the_move(page, server):
    page.goto(server + "fr/library/?q=anxiete&tier=targeted#results")
    page.wait_for_url("**/fr/bibliotheque/**", timeout=10_000)
    expect(page.locator("#rl-filters")).to_be_visible()
    expect(page.locator("#rl-q")).to_have_value("anxiete")
    expect(page.locator("#rl-tier-targeted")).to_be_checked()
    assert urlsplit(page.url).fragment == "results"


def test_without_javascript_the_refresh_leads_to_the_page(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + "fr/library/acqess-framework/")
        page.wait_for_url(server + "fr/bibliotheque/acqess-framework/", timeout=10_000)
        assert page.locator("html").get_attribute("data-rl-moved") is None
    finally:
        context.close()


def test_when_the_script_cannot_run_the_page_shows_a_link_in_both_languages(browser, server):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("**/moved.js", lambda route: route.abort())  # blocked, or failed to load
        page.goto(server + "fr/library/")
        assert page.url == server + "fr/library/"
        expect(page.locator("h1")).to_have_text("Cette page a déménagé")
        for lang in ("fr", "en"):
            link = page.locator(f"main > div[lang={lang}] a")
            expect(link).to_have_count(1)
            expect(link).to_have_attribute("href", "../bibliotheque/")
        page.locator("main > div[lang=en] a").click()
        page.wait_for_url(server + "fr/bibliotheque/", timeout=10_000)
    finally:
        context.close()


def test_moved_page_is_accessible_and_valid_html(browser, server, shipped_site):
    """The page readers see when the script cannot run: axe-core (WCAG 2.1 AA) and the Nu Html Checker."""
    from visit import AXE, AXE_TAGS

    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (make setup-browser)"
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        page.route("**/moved.js", lambda route: route.abort())
        page.goto(server + "fr/library/tiered-intervention-framework/")
        result = page.evaluate(
            """async (tags) => await axe.run(document,
            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
            AXE_TAGS,
        )
        assert result["violations"] == [], [v["id"] for v in result["violations"]]
        # Readable at 390 px: no horizontal scrolling.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        context.close()
    from test_html_validity import VNU

    java = shutil.which("java")
    assert java and VNU.is_file(), "the Nu Html Checker needs Java and node_modules/vnu-jar (make setup-browser)"
    file = shipped_site.path / "fr/library/tiered-intervention-framework/index.html"
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", str(file)], capture_output=True, text=True, timeout=120
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    assert [m for m in messages if m["type"] == "error"] == [], messages

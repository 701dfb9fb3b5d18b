"""The library page and site search in a real browser (Chromium through Playwright).

The built fixture site is served on 127.0.0.1 by a thread of this process.  Run
these alone with ``.venv/bin/python -m pytest tests/test_search_browser.py``.
Chromium comes from Debian (``apt-get install -y chromium``); without it these
tests are skipped on a laptop and fail in CI (``CI`` set).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from sitebuild import serve


@pytest.fixture(scope="module")
def server(search_site):
    with serve(search_site) as url:
        yield url


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    outside = []
    errors = []
    pg.on("request", lambda r: None if r.url.startswith((server, "data:")) else outside.append(r.url))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert outside == [], f"requests left the site: {outside}"
    assert errors == [], f"script errors: {errors}"


def open_library(page, url):
    page.goto(url)
    expect(page.locator("#rl-filters")).to_be_visible()


def visible_ids(page) -> list:
    return page.eval_on_selector_all("#rl-results > li[data-id]:not([hidden])", "els => els.map(e => e.dataset.id)")


def option_count(page, param, value) -> str:
    return page.locator(f"#rl-{param}-{value} + label .rl-facet__count").inner_text()


def query_of(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def test_search_facets_counts_url_reload_and_history(page, server):
    open_library(page, server + "library/")
    count = page.locator("#rl-count")
    expect(count).to_have_text("9 resources")
    assert option_count(page, "tier", "universal") == "(4)"
    expect(page.locator("#rl-reset")).to_be_hidden()  # nothing to clear yet
    expect(page.locator("#rl-more")).to_be_hidden()

    page.locator("#rl-q").fill("anxiety")
    expect(count).to_have_text("3 resources")
    assert set(visible_ids(page)) == {"calming-anxiety-classroom", "anxiety-screening-guide", "family-worry-toolkit"}
    assert query_of(page) == {"q": ["anxiety"]}
    # Counts follow the query: only the three anxiety records are counted.
    assert option_count(page, "tier", "universal") == "(2)"
    assert option_count(page, "tier", "intensive") == "(0)"
    assert "rl-facet__option--empty" in page.locator("#rl-tier-intensive").locator("xpath=..").get_attribute("class")

    page.locator("#rl-tier-universal").check()
    expect(count).to_have_text("2 resources")
    assert set(visible_ids(page)) == {"calming-anxiety-classroom", "family-worry-toolkit"}
    assert query_of(page) == {"q": ["anxiety"], "tier": ["universal"]}
    # OR within a facet, AND across facets; counts of a facet ignore its own selection.
    assert option_count(page, "tier", "targeted") == "(1)"
    page.locator("#rl-tier-targeted").check()
    expect(count).to_have_text("3 resources")
    page.locator("#rl-audience-families").check()
    expect(count).to_have_text("1 resource")
    assert visible_ids(page) == ["family-worry-toolkit"]
    url = page.url
    assert query_of(page) == {"q": ["anxiety"], "tier": ["universal", "targeted"], "audience": ["families"]}

    # A copied address opens the same view.
    page.goto(url)
    expect(count).to_have_text("1 resource")
    assert visible_ids(page) == ["family-worry-toolkit"]
    assert page.locator("#rl-q").input_value() == "anxiety"
    assert page.locator("#rl-tier-universal").is_checked() and page.locator("#rl-audience-families").is_checked()

    # Back and Forward walk through the views (reloading the same address added no entry).
    page.go_back()
    expect(count).to_have_text("3 resources")
    assert not page.locator("#rl-audience-families").is_checked()
    assert query_of(page) == {"q": ["anxiety"], "tier": ["universal", "targeted"]}
    page.go_back()
    expect(count).to_have_text("2 resources")
    assert not page.locator("#rl-tier-targeted").is_checked()
    page.go_forward()
    page.go_forward()
    expect(count).to_have_text("1 resource")
    assert page.locator("#rl-audience-families").is_checked()

    page.locator("#rl-reset").click()
    expect(count).to_have_text("9 resources")
    assert urlsplit(page.url).query == ""
    assert page.locator("#rl-q").input_value() == ""


def test_query_orders_by_relevance_and_no_query_by_title(page, server):
    open_library(page, server + "library/")
    titles = page.eval_on_selector_all("#rl-results > li:not([hidden]) h2", "els => els.map(e => e.textContent.trim())")
    assert titles == sorted(titles, key=str.casefold)
    # Typed key by key: Material's keyboard shortcuts ("s", "f", "/") must not steal the keys.
    page.locator("#rl-q").press_sequentially("stress anxiety classroom")
    expect(page.locator("#rl-q")).to_have_value("stress anxiety classroom")
    expect(page.locator("#rl-count")).not_to_have_text("9 resources")
    assert page.evaluate("document.getElementById('__search').checked") is False
    assert visible_ids(page)[0] == "calming-anxiety-classroom"
    page.locator("#rl-q").fill("")
    expect(page.locator("#rl-count")).to_have_text("9 resources")
    assert (
        page.eval_on_selector_all("#rl-results > li:not([hidden]) h2", "els => els.map(e => e.textContent.trim())")
        == titles
    )


@pytest.mark.parametrize("query", ["anxiete", "ANXIÉTÉ", "l'anxiété"])
def test_french_page_finds_anxiete_and_no_english_only_text(page, server, query):
    open_library(page, server + "fr/bibliotheque/")
    count = page.locator("#rl-count")
    expect(count).to_have_text("9 ressources")
    page.locator("#rl-q").fill(query)
    expect(count).to_have_text("2 ressources")
    assert set(visible_ids(page)) == {"calming-anxiety-classroom", "anxiety-screening-guide"}
    page.locator("#rl-q").fill("anxiety")
    expect(count).to_have_text(re.compile("^Aucune ressource ne correspond"))
    assert visible_ids(page) == []
    page.locator("#rl-q").fill("élèves")
    expect(count).not_to_have_text(re.compile("^Aucune"))
    assert {"one-student-support-plan", "student-voice-circles"} <= set(visible_ids(page))


def test_keyboard_only(page, server):
    open_library(page, server + "fr/bibliotheque/?q=eleve")
    expect(page.locator("#rl-q")).to_have_value("eleve")
    count_text = page.locator("#rl-count").inner_text()
    page.locator("#rl-q").focus()
    # Between the box and "Clear all" (#rl-reset): the filter the query names ("eleve": the
    # audience "Élèves", offered by site-search.js) and the chip of the search words.
    expect(page.locator("#rl-library-offer button").first).to_be_visible()
    passed = []
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "rl-reset":
            break
        passed.append(page.evaluate("document.activeElement.className"))
    assert any("rl-library-offer__filter" in c for c in passed), passed
    assert any("rl-chip" in c for c in passed), passed
    assert page.evaluate("document.activeElement.id") == "rl-reset"
    page.keyboard.press("Tab")  # the "Resource type" disclosure
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "rl-type-infographic"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "rl-type-practice"
    page.keyboard.press("Space")
    expect(page.locator("#rl-count")).not_to_have_text(count_text)
    assert set(visible_ids(page)) == {"student-voice-circles", "full-record"}  # the French practices with "élèves"
    assert query_of(page) == {"q": ["eleve"], "type": ["practice"]}
    # The focused control is visibly outlined.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    # A closed facet opens from the keyboard, and a facet in the address opens by itself.
    topic = page.locator("details.rl-facet", has=page.locator("#rl-topic-anxiety"))
    assert topic.get_attribute("open") is None
    topic.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#rl-topic-anxiety")).to_be_visible()
    page.goto(server + "fr/bibliotheque/?grade=senior")
    expect(page.locator("#rl-grade-senior")).to_be_checked()
    expect(page.locator("#rl-grade-senior")).to_be_visible()
    expect(page.locator("#rl-count")).to_have_text("1 ressource")


def test_without_javascript_every_resource_is_listed(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(server + "fr/bibliotheque/?q=anxiete&tier=intensive")
        assert pg.locator("#rl-results > li[data-id]:not([hidden])").count() == 9
        # No search box or checkbox that could not work: links to each term's page instead.
        assert not pg.locator("#rl-q").is_visible()
        assert not pg.locator("#rl-tier-intensive").is_visible()
        link = pg.locator("#rl-panel a.rl-facet__link[href='tiers/intensive/']")
        expect(link).to_be_visible()
        link.click()
        expect(pg).to_have_url(server + "fr/bibliotheque/tiers/intensive/")
        assert pg.locator("h1").inner_text() == "Intensif (palier 3)"
    finally:
        context.close()


def test_long_results_show_a_page_then_all_on_request(page, server):
    # The shipped page shows 50 cards at a time; make it 3 to see the button with 9 records.
    def smaller_pages(route):
        response = route.fetch()
        body = response.text().replace('data-page-size="50"', 'data-page-size="3"')
        route.fulfill(response=response, body=body)

    page.route("**/library/?*", smaller_pages)
    open_library(page, server + "library/?tier=universal")
    expect(page.locator("#rl-count")).to_have_text("4 resources")
    assert len(visible_ids(page)) == 3
    more = page.locator("#rl-more")
    expect(more).to_have_text("Show all 4 results")
    more.focus()
    page.keyboard.press("Enter")
    expect(more).to_be_hidden()
    assert len(visible_ids(page)) == 4
    # Focus moves to the first card that was added.
    assert page.evaluate("document.activeElement.closest('li').dataset.id") == visible_ids(page)[3]
    # Clearing the filters brings back the whole list, in title order.
    page.locator("#rl-reset").click()
    expect(page.locator("#rl-count")).to_have_text("9 resources")
    assert len(visible_ids(page)) == 9

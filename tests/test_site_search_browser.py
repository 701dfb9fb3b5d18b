"""Site search in Chromium: the header's combobox by keyboard only, the search page's address,
French queries (accents, elisions, a term label, an avoided glossary form), the library page's
filter offer, the page without JavaScript, the language link and the menu button.

The built fixture site (tests/conftest.py: search_site) is served on 127.0.0.1 by a thread.
Chromium comes from Debian (``apt-get install -y chromium``): see tests/chromium.py.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import expect
from sitebuild import ROOT, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def server(search_site):
    with serve(search_site) as url:
        yield url


def new_page(browser, server, width=1280, **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    pg.rl_outside = []
    pg.rl_errors = []
    pg.on("request", lambda r: None if r.url.startswith((server, "data:")) else pg.rl_outside.append(r.url))
    pg.on("pageerror", lambda e: pg.rl_errors.append(str(e)))
    return context, pg


@pytest.fixture
def page(browser, server):
    context, pg = new_page(browser, server)
    yield pg
    context.close()
    assert pg.rl_outside == [], f"requests left the site: {pg.rl_outside}"
    assert pg.rl_errors == [], f"script errors: {pg.rl_errors}"


def tab_to(page, element_id: str, limit: int = 40) -> None:
    """Press Tab until the element has focus (at most ``limit`` times)."""
    for _ in range(limit):
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def result_hrefs(page) -> list:
    return page.eval_on_selector_all("#rl-sp-results .rl-result__title a", "els => els.map(e => e.href)")


def query_of(page) -> dict:
    return parse_qs(urlsplit(page.url).query)


def test_header_box_by_keyboard_only(page, server):
    page.goto(server + "fr/a-propos/")
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    box = page.locator("#rl-hs-q")
    assert not [u for u in requested if "search-index.json" in u or "lunr" in u]  # nothing before focus
    tab_to(page, "rl-hs-q")
    page.keyboard.type("anxiete")
    listbox = page.locator("#rl-hs-list")
    popup = page.locator("#rl-hs-popup")
    expect(listbox).to_be_visible()
    assert [u for u in requested if u.endswith("fr/bibliotheque/search-index.json")]  # loaded on focus
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#rl-hs-status")).to_have_text(re.compile(r"^\d+ résultats?"))
    options = listbox.locator("[role=option]")
    first = options.first
    # Kind, title and snippet with the matched words marked, in French.
    expect(first.locator(".rl-result__kind")).not_to_be_empty()
    assert listbox.locator("mark").count() >= 1
    marks = listbox.locator("mark").all_inner_texts()
    assert all(re.sub(r"\W", "", m).lower().startswith("anxi") for m in marks), marks
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "rl-hs-option-0")
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowUp")  # back over the top: the last option, "see all results"
    expect(box).to_have_attribute("aria-activedescendant", "rl-hs-option-all")
    expect(page.locator("#rl-hs-option-all")).to_have_text(re.compile(r"^Voir les \d+ résultats$"))
    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("anxiete")
    page.keyboard.press("ArrowDown")  # opens again on the first option
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-activedescendant", "rl-hs-option-0")
    target = urljoin(page.url, first.get_attribute("data-href"))
    assert target.startswith(server + "fr/") and target != page.url
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    # Enter without choosing an option opens the search page with the query.
    page.goto(server + "fr/a-propos/")
    tab_to(page, "rl-hs-q")
    page.keyboard.type("eleves")
    expect(page.locator("#rl-hs-list")).to_be_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(server + "fr/recherche/?q=eleves")
    expect(page.locator("#rl-sp-results li").first).to_be_visible()
    expect(page.locator("#rl-sp-q")).to_have_value("eleves")
    # A second Escape clears the box.
    tab_to(page, "rl-hs-q")
    page.keyboard.type("anx")
    expect(page.locator("#rl-hs-list")).to_be_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    expect(page.locator("#rl-hs-q")).to_have_value("")


def test_results_arriving_after_escape_stay_closed(page, server):
    """A keystroke's search still running when the reader presses Escape does not open the
    results again once it ends; a second Escape then clears the box, and typing shows them."""
    page.goto(server + "fr/a-propos/")
    tab_to(page, "rl-hs-q")
    page.keyboard.type("anx")
    expect(page.locator("#rl-hs-list")).to_be_visible()
    # One more letter and Escape in the same moment: the letter's search is scheduled, not run.
    page.evaluate(
        """() => {
            const box = document.getElementById("rl-hs-q");
            box.value += "i";
            box.dispatchEvent(new Event("input", { bubbles: true }));
            box.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
        }"""
    )
    # Let the scheduled search run and end (two frames, then its answer).
    page.evaluate(
        "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))))"
    )
    expect(page.locator("#rl-hs-popup")).to_be_hidden()
    expect(page.locator("#rl-hs-q")).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#rl-hs-q")).to_have_value("anxi")
    page.keyboard.press("Escape")
    expect(page.locator("#rl-hs-q")).to_have_value("")
    page.keyboard.type("anxi")
    expect(page.locator("#rl-hs-list")).to_be_visible()
    expect(page.locator("#rl-hs-q")).to_have_attribute("aria-expanded", "true")


def test_search_page_keeps_its_state_in_the_address(page, server):
    page.goto(server + "search/?q=anxiety")
    status = page.locator("#rl-sp-status")
    expect(status).to_have_text(re.compile(r"^\d+ results?$"))
    expect(page.locator("#rl-sp-nojs")).to_be_hidden()
    all_count = len(result_hrefs(page))
    assert all_count >= 3
    page.locator("#rl-sp-kind-resource").check()
    expect(page).to_have_url(re.compile(r"kind=resource"))
    assert query_of(page) == {"q": ["anxiety"], "kind": ["resource"]}
    hrefs = result_hrefs(page)
    assert hrefs and all("/library/" in h for h in hrefs)
    assert len(hrefs) <= all_count
    page.locator("#rl-sp-q").fill("students")
    expect(page).to_have_url(re.compile(r"q=students"))
    assert query_of(page) == {"q": ["students"], "kind": ["resource"]}
    page.go_back()
    expect(page.locator("#rl-sp-q")).to_have_value("anxiety")
    expect(page.locator("#rl-sp-kind-resource")).to_be_checked()
    page.go_back()
    expect(page.locator("#rl-sp-kind-all")).to_be_checked()
    assert query_of(page) == {"q": ["anxiety"]}
    assert len(result_hrefs(page)) == all_count
    page.go_forward()
    expect(page.locator("#rl-sp-kind-resource")).to_be_checked()
    page.reload()
    expect(page.locator("#rl-sp-kind-resource")).to_be_checked()
    expect(page.locator("#rl-sp-q")).to_have_value("anxiety")
    # The counts per kind add up to the whole.
    counts = page.eval_on_selector_all(
        ".rl-search-page__n", "els => els.map(e => [e.dataset.kind, parseInt(e.textContent.slice(1), 10) || 0])"
    )
    total = dict(counts)
    assert total[""] == sum(n for kind, n in counts if kind)


@pytest.mark.parametrize("query", ["anxiete", "l'anxiété", "L’ANXIÉTÉ"])
def test_french_accents_and_elisions(page, server, query):
    page.goto(server + "fr/recherche/?q=" + query)
    expect(page.locator("#rl-sp-results li").first).to_be_visible()
    hrefs = result_hrefs(page)
    assert server + "fr/bibliotheque/calming-anxiety-classroom/" in hrefs
    assert all(h.startswith(server + "fr/") for h in hrefs), hrefs


def test_french_eleves_finds_pages_about_students(page, server):
    page.goto(server + "fr/recherche/?q=eleves")
    expect(page.locator("#rl-sp-results li").first).to_be_visible()
    hrefs = result_hrefs(page)
    assert server + "fr/bibliotheque/student-voice-circles/" in hrefs
    assert server + "fr/glossaire/#student" in hrefs


def test_a_label_query_finds_tagged_resources_and_offers_the_filter(page, server):
    page.goto(server + "fr/recherche/?q=enseignant")
    offer = page.locator(".rl-search-page__offer a")
    expect(offer.first).to_have_text("Public cible\u00a0: Personnel enseignant")
    assert offer.first.get_attribute("href").endswith("bibliotheque/?audience=educators")
    hrefs = result_hrefs(page)
    assert server + "fr/bibliotheque/calming-anxiety-classroom/" in hrefs  # tagged educators, the word not in its text
    offer.first.click()
    page.wait_for_url(re.compile(r"fr/bibliotheque/\?audience=educators"))
    expect(page.locator("#rl-audience-educators")).to_be_checked()


def test_an_avoided_glossary_form_on_french_pages(page, server):
    page.goto(server + "fr/recherche/?q=intervention par niveaux")
    expect(page.locator("#rl-sp-notes")).to_contain_text("Terme à privilégier\u00a0: intervention par paliers")
    assert server + "fr/glossaire/#tiered-intervention" in result_hrefs(page)
    # The box says it too.
    page.locator("#rl-hs-q").fill("intervention par niveaux")
    expect(page.locator("#rl-hs-note")).to_have_text("Terme à privilégier\u00a0: intervention par paliers")
    # The note is outside the listbox: only options in it.
    assert page.locator("#rl-hs-list > :not([role=option])").count() == 0


def test_the_open_box_passes_axe(browser, server):
    """axe-core (WCAG 2.0/2.1 A and AA) on a page with the box open, a result chosen and a note shown."""
    context, pg = new_page(browser, server, width=390)
    try:
        context.add_init_script(path=str(AXE))
        pg.goto(server + "fr/a-propos/")
        pg.locator("#rl-hs-q").focus()
        pg.keyboard.type("intervention par niveaux")
        expect(pg.locator("#rl-hs-note")).to_be_visible()
        pg.keyboard.press("ArrowDown")
        expect(pg.locator("#rl-hs-q")).to_have_attribute("aria-activedescendant", "rl-hs-option-0")
        violations = pg.evaluate(
            """async () => (await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})).violations
            .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"""
        )
        assert violations == []
        assert pg.rl_errors == []
    finally:
        context.close()


def test_a_typing_mistake_is_retried(page, server):
    page.goto(server + "search/?q=anxeity")
    expect(page.locator("#rl-sp-notes")).to_contain_text("Showing results for “anxiety”")
    assert server + "library/calming-anxiety-classroom/" in result_hrefs(page)


def test_the_library_page_offers_the_filter_a_query_names(page, server):
    page.goto(server + "fr/bibliotheque/")
    expect(page.locator("#rl-filters")).to_be_visible()
    page.locator("#rl-q").fill("enseignant")
    offer = page.locator("#rl-library-offer button")
    expect(offer.first).to_have_text("Public cible\u00a0: Personnel enseignant")
    offer.first.click()
    expect(page.locator("#rl-audience-educators")).to_be_checked()
    expect(page).to_have_url(re.compile(r"audience=educators"))


def test_without_javascript_the_search_page_points_to_the_library(browser, server):
    context, pg = new_page(browser, server, java_script_enabled=False)
    try:
        pg.goto(server + "fr/recherche/?q=anxiete")
        message = pg.locator("#rl-sp-nojs")
        expect(message).to_be_visible()
        expect(message).to_contain_text("JavaScript")
        assert message.locator("a").get_attribute("href") == "../bibliotheque/"
    finally:
        context.close()


def test_the_language_link_keeps_the_search(page, server):
    page.goto(server + "fr/recherche/?q=eleves&kind=glossary")
    expect(page.locator("#rl-sp-results li").first).to_be_visible()
    link = page.locator("header a.rl-lang-link")
    expect(link).to_have_text("English")
    assert link.get_attribute("lang") == "en" and link.get_attribute("hreflang") == "en"
    link.focus()
    assert link.get_attribute("href").endswith("search/?q=eleves&kind=glossary")
    page.keyboard.press("Enter")
    page.wait_for_url(server + "search/?q=eleves&kind=glossary")
    expect(page.locator("#rl-sp-kind-glossary")).to_be_checked()


def test_the_menu_button_works_by_keyboard_on_a_phone(browser, server):
    context, pg = new_page(browser, server, width=390)
    try:
        pg.goto(server + "about/")
        tab_to(pg, "rl-menu-button")
        button = pg.locator("#rl-menu-button")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(pg.locator(".rl-header__menu-label")).to_be_hidden()  # the theme's label, for pages without JavaScript
        pg.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        assert pg.evaluate("document.getElementById('__drawer').checked")
        button.focus()
        pg.keyboard.press("Space")  # Space toggles it too
        expect(button).to_have_attribute("aria-expanded", "false")
        assert not pg.evaluate("document.getElementById('__drawer').checked")
        assert pg.rl_errors == []
    finally:
        context.close()

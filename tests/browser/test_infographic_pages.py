"""The infographics as readers see them, in Chromium at 390 and 1280 px, in both languages (issue 15, item 7).

- Every drawing shown in a page sets its smallest text at 12 CSS px or more, on a
  laptop and on a phone (where the drawing scrolls sideways in its own box, after its
  text version, and the page itself does not).
- Each drawing offers its PNG, PDF and SVG files, which the server has.
- The gallery's thumbnails are links to the infographics' pages.

Screenshots: ``test-artifacts/infographics-pages/<lang>-<width>-<page>.png``.
"""

from __future__ import annotations

import pytest
from pages import ROOT

from resource_library.views.site import page_url

SHOTS = ROOT / "test-artifacts" / "infographics-pages"
WIDTHS = {"390": {"width": 390, "height": 844}, "1280": {"width": 1280, "height": 800}}
# Every kind of page that shows a drawing: resource pages, the pillars page, a hand-written page (marker).
DRAWING_PAGES = [
    "library/tiered-continuum-infographic/",
    "library/core-elements-infographic/",
    "library/implementation-stages-infographic/",
    "library/smh-assist-infographic/",
    "library/strategic-pillars-infographic/",
    "pillars/",
    "core-elements/",
]

SMALLEST_TEXT = """() => [...document.querySelectorAll("figure svg[role=img]")].map(svg => {
  const scale = svg.getScreenCTM().a;
  return Math.min(...[...svg.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size")) * scale));
})"""


@pytest.fixture
def context(browser):
    made = []

    def make(width: str):
        ctx = browser.new_context(viewport=WIDTHS[width])
        made.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(10_000)
        errors: list = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.errors = errors
        return page

    yield make
    for ctx in made:
        ctx.close()


@pytest.mark.parametrize("width", ["390", "1280"])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("path", DRAWING_PAGES)
def test_drawing_text_is_at_least_12_css_px(context, server, path, lang, width):
    page = context(width)
    page.goto(server + page_url(lang, path))
    smallest = page.evaluate(SMALLEST_TEXT)
    assert smallest, f"no drawing on {path}"
    # The drawing's size is rounded up to whole pixels: its smallest text is never under 12 px.
    assert min(smallest) >= 12 - 1e-6, (path, lang, width, smallest)
    # The page itself never scrolls sideways; the drawing's own box may.
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width]["width"]
    if path.startswith("library/"):
        text = page.locator(".rl-text-version").bounding_box()
        figure = page.locator("figure.rl-figure").bounding_box()
        assert text and figure
        if width == "390":  # on a phone, the text version comes first
            assert text["y"] < figure["y"]
        else:
            assert figure["y"] < text["y"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "_")
    page.locator("figure.rl-figure").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"{lang}-{width}-{name}.png"))
    assert page.errors == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_each_drawing_offers_png_pdf_and_svg(context, server, lang):
    page = context("390")
    page.goto(server + page_url(lang, "library/tiered-continuum-infographic/"))
    links = page.locator("figure .rl-download a[download]")
    assert links.count() == 3
    expected = {"PNG": "image/png", "PDF": "application/pdf", "SVG": "image/svg+xml"}
    for i in range(3):
        link = links.nth(i)
        kind = next(k for k in expected if k in link.inner_text())
        assert link.get_attribute("hreflang") == lang
        href = page.evaluate("a => a.href", link.element_handle())
        response = page.request.get(href)
        assert response.status == 200, href
        assert response.headers["content-type"].startswith(expected[kind]), (href, response.headers)
        assert len(response.body()) > 1000


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_gallery_thumbnails_are_links(context, server, lang):
    page = context("1280")
    page.goto(server + page_url(lang, "infographics/"))
    items = page.locator("li.rl-gallery__item")
    assert items.count() >= 5
    for i in range(items.count()):
        item = items.nth(i)
        thumb = item.locator("a.rl-gallery__thumb-link")
        assert thumb.get_attribute("href") == item.locator("h2 a").get_attribute("href")
    first = items.first
    title = first.locator("h2 a").inner_text()
    href = page.evaluate("a => a.href", first.locator("a.rl-gallery__thumb-link").element_handle())
    first.locator("a.rl-gallery__thumb-link").click()
    page.wait_for_url(href)
    assert page.locator("h1").inner_text() == title
    assert page.errors == []

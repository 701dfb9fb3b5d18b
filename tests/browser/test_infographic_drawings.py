"""Each infographic in both languages, rendered by Chromium: screenshots and measured text.

Screenshots go to ``test-artifacts/infographics/<id>.<lang>.png`` for people to
look at.  The test also measures every line with the browser's own font metrics
(``getComputedTextLength``) against the box it must fit in, and checks that no
text reaches outside the drawing.

Uses the browser suite's Chromium (``tests/browser/conftest.py``).
"""

from __future__ import annotations

from pathlib import Path

from resource_library import load_catalogue
from resource_library.drawing.svg import draw

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "infographics"


MEASURE = """
svg => {
  const box = svg.viewBox.baseVal;
  const out = [];
  for (const text of svg.querySelectorAll('text')) {
    const limit = parseFloat(text.getAttribute('data-max-width') || 'NaN');
    for (const span of text.querySelectorAll('tspan')) {
      const b = span.getBBox();
      out.push({text: span.textContent, width: span.getComputedTextLength(), limit,
                left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height,
                W: box.width, H: box.height});
    }
  }
  return out;
}
"""


def test_screenshots_and_measured_text_of_every_infographic(browser):
    catalogue = load_catalogue(ROOT)
    assert catalogue.infographics
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1120, "height": 900})
    saved = []
    for drawing, info in catalogue.infographics.items():
        for lang in ("en", "fr"):
            svg = draw(info, lang)
            page.set_content(f'<!doctype html><html lang="{lang}"><body style="margin:0">{svg}</body></html>')
            element = page.locator("svg")
            shot = ARTIFACTS / f"{drawing}.{lang}.png"
            element.screenshot(path=str(shot))
            assert shot.stat().st_size > 5000
            saved.append(shot)
            lines = element.evaluate(MEASURE)
            assert lines
            for line in lines:
                where = f"{line['text']!r} in {drawing}.{lang}"
                if line["limit"] == line["limit"]:  # not NaN
                    assert line["width"] <= line["limit"] + 0.5, f"{where}: {line['width']:.1f} > {line['limit']:.1f}"
                assert line["left"] >= 0 and line["right"] <= line["W"], f"{where} is cut off at the sides"
                assert line["top"] >= 0 and line["bottom"] <= line["H"], f"{where} is cut off at the top or bottom"
    page.close()
    assert len(saved) == 2 * len(catalogue.infographics)

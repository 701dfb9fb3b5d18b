"""Visit one page in Chromium and record everything the checks look at.

One visit per page and language (cached for the session): requests, console,
dialogs, CSP violations, ``<html lang>``, axe-core's findings, a keyboard walk,
the width of the page at 320 CSS px, and screenshots at phone and desktop sizes.
The tests then assert on the record, each under its own id (``axe[en:library]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pages import ROOT, Page

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
#: 1280 CSS px at 400% zoom: WCAG 2.1 success criterion 1.4.10 (reflow).
REFLOW = {"width": 320, "height": 256}
MAX_TABS = 400

# Runs before the page's own scripts (injected through the DevTools protocol, so the
# page's Content-Security-Policy does not apply to it).
WATCH_JS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber}));
window.__kb = {count: 0, order: [], styles: {}};
const kbStyle = el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.outlineColor,
  s.outlineOffset, s.boxShadow, s.backgroundColor, s.color, s.textDecorationLine, s.textDecorationThickness,
  s.borderTopColor, s.borderBottomColor, s.borderBottomWidth].join(' | '); };
window.__kbStyle = kbStyle;
document.addEventListener('focusin', e => {
  const el = e.target;
  if (!el.dataset) return;
  if (!el.dataset.kbId) el.dataset.kbId = String(++window.__kb.count);
  window.__kb.order.push(el.dataset.kbId);
  window.__kb.styles[el.dataset.kbId] = kbStyle(el);
}, true);
"""

# Focus styles are compared with transitions off, so no snapshot is taken half-way.
NO_TRANSITIONS_JS = """() => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('*, *::before, *::after { transition: none !important; animation: none !important; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  return getComputedStyle(document.querySelector('.md-tabs__link, a[href]') || document.body).transitionDuration;
}"""

MARK_TARGETS_JS = """(lang) => {
  const visible = el => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const describe = el => (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('aria-label') ? '[aria-label="' + el.getAttribute('aria-label') + '"]' : '') +
    (el.getAttribute('hreflang') ? '[hreflang=' + el.getAttribute('hreflang') + ']' : '') +
    (el.name ? '[name=' + el.name + ']' : '') + ' ' + (el.textContent || el.value || '').trim().slice(0, 40)).trim();
  const targets = [];
  let n = 0;
  const mark = (el, role) => { el.dataset.kbTarget = String(++n); targets.push({target: String(n), role, what: describe(el)}); };
  document.querySelectorAll('.md-header a[hreflang]').forEach(a => { if (a.getAttribute('hreflang') !== lang) mark(a, 'language switcher'); });
  document.querySelectorAll('input#rl-hs-q').forEach(el => mark(el, 'search'));
  document.querySelectorAll('#rl-menu-button').forEach(el => { if (visible(el)) mark(el, 'menu'); });
  // A control inside a closed <details> is reached by its <summary> (Enter opens it).
  const summaries = new Set();
  document.querySelectorAll('.md-content input, .md-content select, .md-content textarea, .md-content button')
    .forEach(el => {
      const closed = el.closest('details:not([open])');
      if (closed) {
        const summary = closed.querySelector(':scope > summary');
        if (summary && !summaries.has(summary)) { summaries.add(summary); mark(summary, 'control'); }
      } else if (el.type === 'radio' && !el.checked) {
        // A group of radio buttons is one Tab stop (its checked button); arrow keys move within it.
      } else if (visible(el) && !el.disabled) mark(el, 'control');
    });
  return targets;
}"""

KEYBOARD_RESULT_JS = """async () => {
  if (document.activeElement) document.activeElement.blur();
  await new Promise(r => setTimeout(r, 50));
  const describe = el => (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('href') ? '[href="' + el.getAttribute('href') + '"]' : '') + ' ' +
    (el.textContent || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40)).trim();
  const reached = [...document.querySelectorAll('[data-kb-id]')].map(el => ({
    what: describe(el), focused: window.__kb.styles[el.dataset.kbId], unfocused: window.__kbStyle(el)}));
  const targets = [...document.querySelectorAll('[data-kb-target]')].map(el => {
    const id = el.dataset.kbId;
    return {target: el.dataset.kbTarget, reached: !!id,
            focused: id ? window.__kb.styles[id] : null, unfocused: window.__kbStyle(el)};
  });
  return {targets, reached};
}"""


@dataclass
class Visit:
    page: Page
    url: str
    status: int = 0
    requests: list = field(default_factory=list)
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)
    csp_violations: list = field(default_factory=list)
    csp_meta: str | None = None
    html_lang: str = ""
    axe_violations: list = field(default_factory=list)
    keyboard: list = field(default_factory=list)  # the required targets
    focus_stops: list = field(default_factory=list)  # every element Tab reached
    tabs_pressed: int = 0
    reflow_width: int = 0
    reflow_overflowing: list = field(default_factory=list)
    screenshots: list = field(default_factory=list)

    def foreign_requests(self, origin: str) -> list:
        """Requests to anything but ``origin`` (``scheme://host:port``); data: and blob: stay in the page."""
        out = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if f"{parts.scheme}://{parts.netloc}" != origin:
                out.append(url)
        return out


def visit(browser, base_url: str, page: Page, screenshots_dir: Path) -> Visit:
    record = Visit(page, base_url + page.path)
    context = browser.new_context(viewport=DESKTOP, service_workers="block")
    try:
        context.add_init_script(script=WATCH_JS)
        context.add_init_script(path=str(AXE))
        tab = context.new_page()
        tab.on("request", lambda r: record.requests.append(r.url))
        tab.on("console", lambda m: record.console_errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: record.page_errors.append(str(e)))

        def on_dialog(dialog):
            record.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        tab.on("dialog", on_dialog)

        response = tab.goto(record.url, wait_until="networkidle")
        record.status = response.status if response else 0
        record.html_lang = tab.evaluate("document.documentElement.lang")
        meta = tab.query_selector('meta[http-equiv="Content-Security-Policy"]')
        record.csp_meta = meta.get_attribute("content") if meta else None

        result = tab.evaluate(
            """async (tags) => await axe.run(document,
            {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
            AXE_TAGS,
        )
        record.axe_violations = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [
                    " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in v["nodes"]
                ][:5],
            }
            for v in result["violations"]
        ]

        shot = screenshots_dir / f"{page.lang}-{page.kind}-desktop.png"
        tab.screenshot(path=str(shot), full_page=True)
        record.screenshots.append(shot)

        tab.set_viewport_size(REFLOW)
        tab.wait_for_timeout(100)
        record.reflow_width = tab.evaluate("document.documentElement.scrollWidth")
        record.reflow_overflowing = tab.evaluate(
            """(w) => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > w + 1 && getComputedStyle(el).visibility !== 'hidden')
            .slice(0, 8).map(el => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).split(' ').join('.') : ''))""",
            REFLOW["width"],
        )

        tab.set_viewport_size(PHONE)
        tab.wait_for_timeout(100)
        shot = screenshots_dir / f"{page.lang}-{page.kind}-phone.png"
        tab.screenshot(path=str(shot), full_page=True)
        record.screenshots.append(shot)

        # Last, as it leaves focus and toggles (search, menus) in their final state.
        tab.set_viewport_size(DESKTOP)
        _keyboard_walk(tab, record)

        record.csp_violations = tab.evaluate("window.__cspViolations")
    finally:
        context.close()
    return record


def _keyboard_walk(tab, record: Visit) -> None:
    """Press Tab through the page (bounded) and record which targets got a visible focus."""
    durations = tab.evaluate(NO_TRANSITIONS_JS)
    assert set(durations.split(", ")) == {"0s"}, (
        f"transitions still on ({durations}): focus styles would be read half-way"
    )
    targets = {t["target"]: t for t in tab.evaluate(MARK_TARGETS_JS, record.page.lang)}
    tab.evaluate("document.activeElement && document.activeElement.blur()")
    seen = 0
    for presses in range(1, MAX_TABS + 1):
        tab.keyboard.press("Tab")
        if presses % 25 == 0:
            order = tab.evaluate("window.__kb.order")
            # The walk has come round to the first element again: every element was reached.
            if len(order) > 1 and order[0] in order[1:]:
                break
            if len(order) == seen:  # focus left the page and does not come back
                break
            seen = len(order)
    record.tabs_pressed = presses
    result = tab.evaluate(KEYBOARD_RESULT_JS)
    for found in result["targets"]:
        record.keyboard.append({**targets[found["target"]], **found})
    record.focus_stops = result["reached"]

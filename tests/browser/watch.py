"""The watch of ``test_hostile_valid.py``: what Chromium runs, opens and requests on a page or a file.

:func:`visit_site` loads pages in one tab of a context that records everything a
page or a file could do to its reader, and opens the files they link to on their
own; :func:`failures` lists what must not happen:

- an init script (:data:`WATCH`) runs in every document before its own scripts:
  sentinels (``window.__pwned`` and the others of :data:`SENTINELS`, which the
  fixture's texts would set if they ran) record every write, and ``alert``,
  ``confirm``, ``prompt``, ``print``, ``open``, ``eval``, ``Function``,
  ``document.write`` and string timers are wrapped to record every call; policy
  violations are recorded;
- every dialog is recorded (and dismissed), every request to a host other than
  127.0.0.1 recorded and aborted, every pop-up, web socket, page error, console
  error and failed load recorded;
- the DevTools protocol lists every script a document parsed: each must be a file
  of the theme under ``assets/``, or an inline script whose hash the page's policy
  lists (its text read from the served page at the place the protocol gives);
- :data:`EXERCISE` fires every event handler attribute, then hovers, focuses and
  clicks every link and button that stays on the page (at most :data:`MAX_ACTIONS`;
  a click that would leave is cancelled), and lists what no page should hold.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError

#: Links and buttons hovered, focused and (when they stay on the page) clicked, per page.
MAX_ACTIONS = 150
#: Files opened on their own, at most.
MAX_FILES = 40
#: Event handler attributes the theme writes: ``(tag, attribute)``.  None today.
THEME_HANDLERS: frozenset = frozenset()
LOCAL_HOSTS = ("127.0.0.1", "localhost")
NETWORK_SCHEMES = ("http", "https", "ws", "wss", "ftp")
BROWSER_SCHEMES = ("chrome:", "chrome-extension:", "chrome-error:")
SENTINELS = ("__pwned", "__injected", "__xss")
_OFF_SITE = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost)(?::\d+)?/)[a-z][a-z0-9+.-]*://")

# Runs in every document before its own scripts (through the DevTools protocol, so no
# policy applies to it): HTML pages, and SVG, text or JSON files opened on their own.
WATCH = """(() => {
  if (window.__hv) return;
  const hv = {calls: [], writes: [], violations: []};
  Object.defineProperty(window, '__hv', {value: hv});
  const note = (list, what, args) => list.push(
    {what, args: Array.from(args || [], a => String(a).slice(0, 120))});
  for (const name of __SENTINELS__) {
    Object.defineProperty(window, name, {configurable: false,
      get() { return undefined; }, set(value) { note(hv.writes, name, [value]); }});
  }
  const wrap = (owner, name, when, call = true) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    Object.defineProperty(owner, name, {configurable: true, writable: true, value: function (...args) {
      if (!when || when(args)) note(hv.calls, name, args);
      return call ? original.apply(this, args) : null;
    }});
  };
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'eval']) wrap(window, name);
  wrap(window, 'open', null, false);
  wrap(Document.prototype, 'write');
  wrap(Document.prototype, 'writeln');
  wrap(window, 'setTimeout', args => typeof args[0] === 'string');
  wrap(window, 'setInterval', args => typeof args[0] === 'string');
  window.Function = new Proxy(window.Function, {
    apply(target, self, args) { note(hv.calls, 'Function', args); return Reflect.apply(target, self, args); },
    construct(target, args) { note(hv.calls, 'Function', args); return Reflect.construct(target, args); }});
  document.addEventListener('securitypolicyviolation', e => hv.violations.push({
    directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile}), true);
})();""".replace("__SENTINELS__", json.dumps(SENTINELS))

# Every event handler attribute, fired; then links and buttons: hovered, focused and,
# when they stay on the page, clicked (a click that would leave is cancelled, to be sure).
EXERCISE = """async (max) => {
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const handlers = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of Array.from(el.attributes)) {
      if (!attr.name.toLowerCase().startsWith('on')) continue;
      handlers.push({tag: el.tagName.toLowerCase(), attribute: attr.name, where: describe(el)});
      const type = attr.name.slice(2).toLowerCase();
      try { el.dispatchEvent(new Event(type, {bubbles: true, cancelable: true})); } catch (e) {}
      if (typeof el[attr.name.toLowerCase()] === 'function') {
        try { el[attr.name.toLowerCase()].call(el, new Event(type)); } catch (e) {}
      }
    }
  }
  const here = location.href.split('#')[0];
  // A link stays on the page when it has no address, or leads to a place in this very page
  // (the same address without "#..." would load the page again).
  const staysHere = a => {
    const href = a.getAttribute('href') || a.getAttribute('xlink:href');
    if (href === null) return true;
    try { const url = new URL(href, location.href); return url.hash !== '' && url.href.split('#')[0] === here; }
    catch (e) { return false; }
  };
  const cancelLeaving = e => {
    const a = e.target.closest && e.target.closest('a');
    if (a && !staysHere(a)) e.preventDefault();
  };
  window.addEventListener('click', cancelLeaving, true);
  const targets = Array.from(document.querySelectorAll(
    'a, button, summary, label, [role=button], [tabindex], input[type=checkbox], input[type=radio]')).slice(0, max);
  let clicked = 0;
  for (const el of targets) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup'])
      el.dispatchEvent(new MouseEvent(type, {bubbles: type !== 'mouseenter', cancelable: true}));
    if (typeof el.focus === 'function') el.focus();
    el.dispatchEvent(new FocusEvent('focusin', {bubbles: true}));
    const link = el.closest('a');
    const submits = el.matches('button:not([type=button]), input[type=submit]') && el.form;
    if ((!link || staysHere(link)) && !submits) { el.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true})); clicked++; }
    el.dispatchEvent(new MouseEvent('mouseout', {bubbles: true}));
    if (typeof el.blur === 'function') el.blur();
  }
  await new Promise(r => setTimeout(r, 50));
  window.removeEventListener('click', cancelLeaving, true);
  const foreignAttrs = [];
  for (const el of document.querySelectorAll('[href], [src], [action], [formaction], [data], [srcset], [poster]')) {
    for (const name of ['href', 'src', 'action', 'formaction', 'data', 'poster', 'xlink:href']) {
      const value = el.getAttribute(name);
      if (value && /^\\s*(javascript|vbscript|data\\s*:\\s*text\\/html)/i.test(value)) foreignAttrs.push(describe(el) + ' ' + name + '=' + value.slice(0, 60));
    }
  }
  return {
    handlers, actions: targets.length, clicked, foreignAttrs,
    elements: Array.from(document.querySelectorAll(
      'iframe, frame, object, embed, base, form[action^="http"], meta[http-equiv]:not([http-equiv="Content-Security-Policy"]), ' +
      'link[rel~=preconnect], link[rel~=dns-prefetch], link[rel~=prefetch], link[rel~=prerender], script[type=speculationrules]'))
      .map(describe),
  };
}"""

RESULT = """() => ({
  hv: window.__hv || null,
  themeRan: typeof window.__md_get === 'function' && typeof window.document$ === 'object',
  policy: (document.querySelector('meta[http-equiv="Content-Security-Policy"]') || {}).content || null,
  links: Array.from(document.querySelectorAll('a[href], img[src], link[href]')).map(
    el => el.href || el.src || ''),
  url: location.href,
})"""

# A file opened on its own: its own links are hovered, focused and clicked (a click that
# would leave is cancelled), and what it carries is counted.
FILE_PROBE = """async () => {
  const found = {scripts: document.getElementsByTagName('script').length,
                 foreign: document.getElementsByTagNameNS('*', 'foreignObject').length, handlers: []};
  for (const el of document.querySelectorAll('*'))
    for (const attr of Array.from(el.attributes))
      if (attr.name.toLowerCase().startsWith('on')) found.handlers.push(el.tagName + '[' + attr.name + ']');
  const cancel = e => e.preventDefault();
  window.addEventListener('click', cancel, true);
  for (const a of Array.from(document.querySelectorAll('a')).slice(0, 50)) {
    for (const type of ['mouseover', 'mousemove', 'mousedown', 'mouseup', 'click'])
      a.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
    if (typeof a.focus === 'function') a.focus();
  }
  await new Promise(r => setTimeout(r, 50));
  window.removeEventListener('click', cancel, true);
  return found;
}"""


HV = "window.__hv || null"
OWN_SCRIPTS = (EXERCISE, RESULT, FILE_PROBE, HV)


def _served(site, address: str) -> str:
    """The HTML the server answers ``address`` with."""
    if address.endswith("no-such-page/"):
        return (site / address.removesuffix("no-such-page/") / "404.html").read_text(encoding="utf-8")
    return (site / address / "index.html").read_text(encoding="utf-8")


def _expected_miss(url: str, page_url: str) -> bool:
    """A missing address the site expects: the 404 page's own, and the sitemap of a language folder,
    which Material's language switcher asks for (the site has one sitemap, at its root)."""
    return (url == page_url and url.endswith("/no-such-page/")) or url.endswith("/sitemap.xml")


class Watch:
    """What one browser context saw: requests that left, dialogs, pop-ups, scripts parsed."""

    def __init__(self, browser, origin: str):
        self.origin = origin
        self.context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
        self.context.add_init_script(script=WATCH)
        self.left, self.dialogs, self.websockets = [], [], []
        self.pages, self.opened = [], []  # every page of the context; those the test opened
        # Only addresses off 127.0.0.1 are routed (the pattern is matched by the browser's driver,
        # so the site's own requests do not wait for this process).
        self.context.route(_OFF_SITE, self._route)
        self.context.on("request", self._request)
        self.context.on("page", self._page)

    def _route(self, route):
        parts = urlsplit(route.request.url)
        # The browser's own viewers (the PDF viewer) load from chrome: and chrome-extension: addresses.
        if parts.scheme in NETWORK_SCHEMES and parts.hostname not in LOCAL_HOSTS:
            self.left.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in NETWORK_SCHEMES and parts.hostname not in LOCAL_HOSTS and request.url not in self.left:
            self.left.append(request.url)

    def _page(self, page):
        self.pages.append(page)
        page.on("dialog", lambda d: (self.dialogs.append(f"{page.url}: {d.type}: {d.message}"), d.dismiss()))
        page.on("websocket", lambda ws: self.websockets.append(ws.url))

    def new_tab(self):
        tab = self.context.new_page()
        self.opened.append(tab)
        return tab

    @property
    def popups(self) -> list:
        """Pages no test opened: what a script or a link opened in a new window."""
        return [page.url for page in self.pages if page not in self.opened]

    def close(self):
        self.context.close()


class Scripts:
    """Every script a tab's main frame parses, through the DevTools protocol."""

    def __init__(self, watch: Watch, tab):
        self.session = watch.context.new_cdp_session(tab)
        self.parsed: list = []
        self.session.on("Debugger.scriptParsed", lambda event: self.parsed.append(event))
        self.session.send("Debugger.enable")

    def unexpected(self, document_url: str, origin: str, html: str | None, allowed_hashes: set) -> list:
        """Scripts that are neither a theme file nor an inline script the policy allows.

        Scripts without an address are the test's own (the init script, evaluations) and
        the browser's isolated worlds; an inline script or an event handler has the
        document's address and its place in it, where its text is read (``html``, the
        document as served; ``None`` for a file that is not a page: no script may run there).
        """
        found = []
        lines = html.split("\n") if html is not None else []
        for event in self.parsed:
            url = event.get("url") or ""
            aux = event.get("executionContextAuxData") or {}
            if not url or not aux.get("isDefault", True) or url.startswith(BROWSER_SCHEMES):
                continue  # the test's own scripts; the browser's own (the PDF viewer, its error pages)
            if url.split("#")[0] == document_url.split("#")[0]:
                text = _span(lines, event["startLine"], event["startColumn"], event["endLine"], event["endColumn"])
                digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
                if html is None or f"'sha256-{digest}'" not in allowed_hashes:
                    found.append(f"a script ran at line {event['startLine'] + 1}: {' '.join(text.split())[:80]!r}")
            elif not url.startswith((origin + "/assets/", origin + "/fr/assets/")):
                found.append(f"a script ran from {url}")
        self.parsed.clear()
        return found


def _span(lines: list, start_line: int, start_column: int, end_line: int, end_column: int) -> str:
    """The text between two positions of a document (0-based lines and columns)."""
    if not lines or start_line >= len(lines):
        return ""
    if start_line == end_line:
        return lines[start_line][start_column:end_column]
    middle = lines[start_line + 1 : end_line]
    return "\n".join([lines[start_line][start_column:], *middle, lines[end_line][:end_column]])


def visit_site(browser, site, server: str, addresses: list) -> dict:
    """Each page of ``addresses`` visited, exercised and read in one tab; then every file of the
    site they link to (not a page, not the theme's), opened on its own in a tab of its own."""
    origin = server.rstrip("/")
    watch = Watch(browser, origin)
    results, linked = {}, {}
    try:
        tab = watch.new_tab()
        scripts = Scripts(watch, tab)
        errors: list = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        # A failed load is reported with its address by the response; the console's line has none.
        tab.on(
            "console",
            lambda m: (
                errors.append(f"console: {m.text}")
                if m.type == "error" and not m.text.startswith("Failed to load resource")
                else None
            ),
        )
        current = [""]  # the address being visited (the tab's own may still be the previous one)
        tab.on(
            "response",
            lambda r: (
                errors.append(f"{r.status} for {r.url}")
                if r.status >= 400 and not _expected_miss(r.url, current[0])
                else None
            ),
        )
        for address in addresses:
            errors.clear()
            current[0] = server + address
            result = _visit_page(tab, server + address)
            hashes = {token for token in (result.get("policy") or "").split() if token.startswith("'sha256-")}
            result["scripts"] = scripts.unexpected(server + address, origin, _served(site, address), hashes)
            result["errors"] = list(errors)
            results[address] = result
            for link in result.get("links", []):  # files of the site, not pages and not the theme's
                parts = urlsplit(link)
                path = parts.path.lstrip("/")
                if (
                    f"{parts.scheme}://{parts.netloc}" == origin
                    and PurePosixPath(path).suffix.lower() not in ("", ".html")
                    and not path.startswith(("assets/", "fr/assets/"))
                ):
                    linked.setdefault(path, address)
        files = _open_files(watch, server, origin, sorted(linked)[:MAX_FILES])
    finally:
        watch.close()
    return {"pages": results, "files": files, "linked": linked, "watch": watch}


def _visit_page(tab, url: str) -> dict:
    try:
        response = tab.goto(url, wait_until="load")
        tab.wait_for_timeout(30)
        exercised = tab.evaluate(EXERCISE, MAX_ACTIONS)
        tab.keyboard.press("Escape")
        for _ in range(6):
            tab.keyboard.press("Tab")
        tab.wait_for_timeout(50)
        return {"status": response.status if response else 0, "exercised": exercised, **tab.evaluate(RESULT)}
    except PlaywrightError as exc:  # the page went elsewhere while it was read
        return {"status": 0, "url": tab.url, "broken": str(exc).splitlines()[0]}


def _open_files(watch: Watch, server: str, origin: str, paths: list) -> dict:
    opened = {}
    for path in paths:
        tab = watch.new_tab()
        scripts = Scripts(watch, tab)
        errors: list = []
        tab.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
        outcome = {"shown": False, "probe": None}
        try:
            response = tab.goto(server + path, wait_until="load")
            outcome["status"] = response.status if response else 0
            outcome["type"] = response.headers.get("content-type", "") if response else ""
            outcome["shown"] = True
        except Exception as exc:
            outcome["error"] = str(exc).splitlines()[0]
        # The PDF viewer loads in a frame of its own, and runs a PDF's scripts once it has.
        tab.wait_for_timeout(1500 if path.endswith(".pdf") else 50)
        if outcome["shown"]:
            try:
                outcome["probe"] = tab.evaluate(FILE_PROBE)
                outcome["hv"] = tab.evaluate(HV)
            except Exception as exc:
                outcome["probe_error"] = str(exc).splitlines()[0]
        outcome["scripts"] = scripts.unexpected(server + path, origin, None, set())
        outcome["errors"] = errors
        opened[path] = outcome
        tab.close()
    return opened


def _ours(call: dict) -> bool:
    """Whether a recorded call is Playwright evaluating one of this test's scripts (it uses ``eval``)."""
    return call["what"] == "eval" and any(script.startswith(call["args"][0]) for script in OWN_SCRIPTS if call["args"])


def _recorded(where: str, hv: dict) -> list:
    """What the watch recorded in one document: sentinel writes, calls, policy violations."""
    return [
        f"{where}: {what[:-1]}: {item}"
        for what in ("writes", "calls", "violations")
        for item in hv.get(what, [])
        if not (what == "calls" and _ours(item))
    ]


def failures(visits: dict) -> list:
    """Everything the watch saw that must not happen, one line each (``visits``: :func:`visit_site`'s)."""
    found = []
    for address, r in visits["pages"].items():
        where = address or "(home)"
        if "broken" in r:
            found.append(f"{where}: the page went elsewhere while it was read ({r['broken']}); now at {r['url']}")
            continue
        if r["hv"] is None:
            found.append(f"{where}: the watch did not run")
        found += _recorded(where, r["hv"] or {})
        handlers = [h for h in r["exercised"]["handlers"] if (h["tag"], h["attribute"]) not in THEME_HANDLERS]
        found += [f"{where}: event handler attribute {h['where']}[{h['attribute']}]" for h in handlers]
        found += [f"{where}: {a}" for a in r["exercised"]["foreignAttrs"]]
        found += [f"{where}: element {e}" for e in r["exercised"]["elements"]]
        found += [f"{where}: {s}" for s in r["scripts"]]
        found += [f"{where}: {e}" for e in r["errors"]]
        if not r["themeRan"]:
            found.append(f"{where}: the theme's own scripts did not run")
        if urlsplit(r["url"]).path.lstrip("/") != address:
            found.append(f"{where}: the page moved to {r['url']}")
        if r["status"] != (404 if address.endswith("no-such-page/") else 200):
            found.append(f"{where}: status {r['status']}")
    for path, f in visits["files"].items():
        found += _recorded(path, f.get("hv") or {})
        probe = f.get("probe") or {}
        if probe.get("scripts") or probe.get("foreign") or probe.get("handlers"):
            found.append(f"{path}: carries script ({probe})")
        found += [f"{path}: {s}" for s in f["scripts"]]
        found += [f"{path}: {e}" for e in f["errors"]]
    watch = visits["watch"]
    found += [f"request left 127.0.0.1: {u}" for u in watch.left]
    found += [f"dialog: {d}" for d in watch.dialogs]
    found += [f"pop-up: {u}" for u in watch.popups]
    found += [f"websocket: {u}" for u in watch.websockets]
    return found

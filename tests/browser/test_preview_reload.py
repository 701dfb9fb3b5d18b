"""The local preview (`mkdocs serve`) reloads the page after an edit, under the site's policy.

The preview server adds an inline script to every page it sends (its text holds the
request's time, so no hash can allow it in advance); the pages' policy lets it run in
the preview only (``resource_library.render.csp.PREVIEW_SOURCES``), and a real build
keeps the hashes.  Chromium opens a record's page in the preview, the record is edited,
and the page reloads by itself with the new title, with no policy violation reported.
"""

from __future__ import annotations

import re

from sitebuild import build, fixture_records, make_project, preview

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI}));
"""


def _policy(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert found, html[:400]
    return found.group(1)


def test_the_preview_reloads_after_an_edit_and_a_build_keeps_the_hashes(tmp_path, browser):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    built = build(project)
    policy = _policy((built / "library" / "english-only" / "index.html").read_text(encoding="utf-8"))
    assert "'sha256-" in policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]

    context = browser.new_context()
    with preview(project) as server:
        try:
            assert server.wait_for("Serving on", 120), "".join(server.log)
            page = context.new_page()
            page.add_init_script(WATCH)
            page.goto(server.url + "library/english-only/")
            assert page.locator("h1").first.inner_text().startswith("A guide written in English only")
            page.wait_for_timeout(1500)  # the reload script has started polling the server
            assert page.evaluate("window.__violations") == []
            record = project / "data" / "resources" / "english-only.yml"
            record.write_text(
                record.read_text(encoding="utf-8").replace("A guide written in English only", "A renamed guide"),
                encoding="utf-8",
            )
            # The page reloads itself (nothing here navigates): the new title appears.
            page.wait_for_function(
                "() => (document.querySelector('h1') || {}).textContent?.startsWith('A renamed guide')",
                timeout=90_000,
            )
            assert page.evaluate("window.__violations") == []
        finally:
            context.close()

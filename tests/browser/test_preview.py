"""The local preview (`mkdocs serve`) reloads the page after an edit, under the site's policy.

The preview server adds an inline script to every page it sends (its text holds the
request's time, so no hash can allow it in advance); the pages' policy lets it run in
the preview only (``resource_library.render.csp.PREVIEW_SOURCES``), and a real build
keeps the hashes.  Chromium opens a record's page in the preview, the record is edited,
and the page reloads by itself with the new title, with no policy violation reported.
"""

from __future__ import annotations

import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time

from sitebuild import ROOT, build, fixture_records, make_project

WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI}));
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(lines: queue.Queue, text: str, timeout: float, log: list) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        log.append(line)
        if text in line:
            return True
    return False


def _policy(html: str) -> str:
    found = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert found, html[:400]
    return found.group(1)


def test_the_preview_reloads_after_an_edit_and_a_build_keeps_the_hashes(tmp_path, browser):
    project = make_project(tmp_path, records=fixture_records("english-only"))
    built = build(project)
    policy = _policy((built / "library" / "english-only" / "index.html").read_text(encoding="utf-8"))
    assert "'sha256-" in policy and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]

    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue = queue.Queue()
    assert server.stdout is not None
    stdout = server.stdout
    reader = threading.Thread(target=lambda: [lines.put(line) for line in stdout], daemon=True)
    reader.start()
    log: list = []
    context = browser.new_context()
    try:
        assert _wait_for(lines, "Serving on", 120, log), "".join(log)
        page = context.new_page()
        page.add_init_script(WATCH)
        page.goto(f"http://127.0.0.1:{port}/library/english-only/")
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
            "() => (document.querySelector('h1') || {}).textContent?.startsWith('A renamed guide')", timeout=90_000
        )
        assert page.evaluate("window.__violations") == []
    finally:
        context.close()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        reader.join(timeout=10)
        stdout.close()

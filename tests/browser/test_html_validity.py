"""Valid HTML: the Nu Html Checker (npm ``vnu-jar``, on the installed Java) on one page of each kind.

Errors from the theme's own markup are listed, each with its reason, in
``vnu-allowlist.yml``; any other error fails, and so does an allowlist entry that
no longer matches anything.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml
from pages import PAGES, ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWLIST = yaml.safe_load((ROOT / "tests" / "browser" / "vnu-allowlist.yml").read_text(encoding="utf-8"))


def page_file(site, page):
    if page.kind == "404":
        return site / ("fr/404.html" if page.lang == "fr" else "404.html")
    return site / page.path.split("?")[0] / "index.html"  # (the search page is visited with a query)


def _allowed(message) -> dict | None:
    for entry in ALLOWLIST:
        if message["message"].startswith(entry["message"]) and entry["extract"] in message.get("extract", ""):
            return entry
    return None


@pytest.fixture(scope="module")
def vnu_report(shipped_site):
    java = shutil.which("java")
    if java is None and not VNU.is_file():
        pytest.fail("the Nu Html Checker needs Java and node_modules/vnu-jar (make setup-browser)")
    assert java, "java is not installed"
    assert VNU.is_file(), f"{VNU} is missing: run `npm ci` (make setup-browser)"
    files = {page.id: page_file(shipped_site.path, page) for page in PAGES}
    missing = [str(f) for f in files.values() if not f.is_file()]
    assert not missing, missing
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--skip-non-html", *sorted({str(f) for f in files.values()})],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    # vnu names each file it read in its messages (every page carries at least the
    # theme's warnings): a file it did not report on was not checked.
    reported = {m.get("url", "").removeprefix("file:") for m in messages}
    unchecked = sorted({str(f) for f in files.values()} - reported)
    assert not unchecked, f"vnu did not report on {unchecked}"
    by_file = {}
    for message in messages:
        if message["type"] == "error" or message.get("subType") == "fatal":
            by_file.setdefault(message["url"].removeprefix("file:"), []).append(message)
    return files, by_file


@pytest.mark.parametrize("page", PAGES, ids=[p.id for p in PAGES])
def test_nu_html_checker(vnu_report, page):
    files, by_file = vnu_report
    errors = by_file.get(str(files[page.id]), [])
    ours = [
        f"line {m.get('lastLine')}: {m['message']}\n    {m.get('extract', '').strip()}"
        for m in errors
        if _allowed(m) is None
    ]
    assert not ours, f"{files[page.id]}:\n" + "\n".join(ours)


def test_every_allowlist_entry_is_still_needed(vnu_report):
    _, by_file = vnu_report
    used = {id(_allowed(m)) for errors in by_file.values() for m in errors}
    stale = [entry["message"] for entry in ALLOWLIST if id(entry) not in used]
    assert not stale, f"no page produces these allowlisted errors any more; remove them: {stale}"

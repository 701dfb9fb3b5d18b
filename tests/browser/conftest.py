"""The browser suite's fixtures: the shipped site built once, a local server, Chromium.

Every test in this folder is marked ``browser`` (``make test-browser`` runs them
alone; ``make test`` runs them with the rest).  Chromium is Debian's package,
driven by Playwright; without it the suite fails in CI (``CI`` set) and is
skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pages import ROOT

ARTIFACTS = ROOT / "test-artifacts"
from chromium import CHROMIUM_ARGS, chromium_path  # noqa: F401 (re-exported for the suite's modules)
from sitebuild import serve


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class ShippedSite:
    """The project's own site, built from this checkout with ``--strict``.

    Attributes:
        path: The built site.
    """

    path: Path


def _mkdocs_build(site: Path, strict: bool) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        DISABLE_MKDOCS_2_WARNING="true",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    args = [sys.executable, "-m", "mkdocs", "build", "-d", str(site)] + (["--strict"] if strict else [])
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> ShippedSite:
    site = tmp_path_factory.mktemp("shipped") / "site"
    result = _mkdocs_build(site, strict=True)
    if result.returncode == 0:
        return ShippedSite(site)
    pytest.fail(f"the shipped site does not build with --strict:\n{result.stdout}{result.stderr}")


@pytest.fixture(scope="session")
def server(shipped_site):
    """The shipped site, served on 127.0.0.1."""
    with serve(shipped_site.path) as url:
        yield url


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# A closing table: every page checked and the outcome of each check on it.
_outcomes: dict = {}
_notes: list = []


def pytest_runtest_logreport(report):
    if "tests/browser/" not in report.nodeid.replace("\\", "/"):
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        name, _, param = report.nodeid.rpartition("::")[2].partition("[")
        check = name.removeprefix("test_")
        param = param or "(whole site, fixtures)"
        mark = "ok" if report.passed else ("skipped" if report.skipped else "FAILED")
        _outcomes.setdefault(param.rstrip("]"), {})[check] = mark


def pytest_terminal_summary(terminalreporter):
    if not _outcomes:
        return
    terminalreporter.section("browser suite: pages and checks")
    for page, checks in sorted(_outcomes.items()):
        line = ", ".join(f"{check} {mark}" for check, mark in checks.items())
        terminalreporter.write_line(f"{page:32} {line}")
    for note in _notes:
        terminalreporter.write_line(f"note: {note}")

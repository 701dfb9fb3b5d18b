"""Shared fixtures: one small bilingual site, built once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# This checkout's package and hooks first, whatever is installed in the environment.
sys.path.insert(0, str(TESTS.parent / "hooks"))
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(TESTS.parent))

from sitebuild import build, fixture_records, make_project


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The three valid fixture records and two pages per language, built with --strict."""
    project = make_project(
        tmp_path_factory.mktemp("fixture-site"),
        records=fixture_records("full-record", "english-only", "offered-in-french"),
    )
    return build(project)


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> Path:
    """The valid fixture records plus the bilingual search records, built with --strict."""
    records = fixture_records("full-record", "english-only", "offered-in-french")
    records.update(
        fixture_records(
            *sorted(p.stem for p in (TESTS / "fixtures" / "records" / "search").glob("*.yml")), kind="search"
        )
    )
    project = make_project(tmp_path_factory.mktemp("search-site"), records=records)
    return build(project)


@pytest.fixture(scope="session")
def browser():
    """Chromium, driven by Playwright; one for the whole session (Playwright's sync API
    cannot run two at once)."""
    from chromium import CHROMIUM_ARGS, chromium_path

    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()

"""Debian's Chromium for the tests that need a browser (one per test session).

Playwright drives the ``chromium`` command (``apt-get install -y chromium``); it
downloads no browser.  Without Chromium a browser test fails in CI (``CI`` set)
and is skipped, with the reason, elsewhere.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    found = shutil.which("chromium")
    if found:
        return found
    message = "Debian's chromium is not installed (apt-get install -y chromium); the browser tests need it"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)

"""The shipped site builds the same with ProperDocs as with MkDocs (README, "Platform").

Runs ``scripts/compare-builds`` (``make properdocs-compare``): both builds ``--strict``,
into temporary folders, the same files byte for byte but for the generator tag.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_properdocs_builds_the_same_site_as_mkdocs():
    assert importlib.util.find_spec("properdocs") is not None, "ProperDocs is not installed: run `make setup`"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "compare-builds")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, f"scripts/compare-builds exited {result.returncode}:\n{result.stdout}{result.stderr}"

"""The hostile-but-valid project: ``tests/fixtures/hostile-valid/project.yml`` made into a project.

The fixture is an overlay on the starting project of the hostile corpus
(``tests/test_hostile.py``): three valid records, two pages per language, the
shipped vocabularies, pillars, interface words, glossary and site file.  Its
format is described at the top of the fixture; :func:`make` applies it.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import yaml
from sitebuild import FIXTURES, ROOT, fixture_records, make_project

OVERLAY = FIXTURES / "hostile-valid" / "project.yml"


def overlay() -> dict:
    return yaml.safe_load(OVERLAY.read_text(encoding="utf-8"))


def make(tmp_path: Path, spec: dict | None = None) -> Path:
    """The project in ``tmp_path/project``, built from the overlay ``spec`` (the fixture by default)."""
    spec = overlay() if spec is None else spec
    project = make_project(
        tmp_path, records=fixture_records("full-record", "english-only", "offered-in-french"), nav=spec["nav"]
    )
    for rel, text in (spec.get("files") or {}).items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel, data in (spec.get("binary") or {}).items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))
    for rel, text in (spec.get("append") or {}).items():
        with open(project / rel, "a", encoding="utf-8") as out:
            out.write(text)
    for rel, edits in (spec.get("edit") or {}).items():
        target = project / rel
        text = target.read_text(encoding="utf-8")
        for edit in edits:
            count = text.count(edit["old"])
            if count != 1:
                raise AssertionError(f"{OVERLAY.name}: edit of {rel}: {edit['old']!r} occurs {count} times, not once")
            text = text.replace(edit["old"], edit["new"])
        target.write_text(text, encoding="utf-8")
    for rel, markers in (spec.get("repeat") or {}).items():
        target = project / rel
        text = target.read_text(encoding="utf-8")
        for marker, (piece, times) in markers.items():
            if marker not in text:
                raise AssertionError(f"{OVERLAY.name}: repeat in {rel}: no {marker!r}")
            text = text.replace(marker, piece * times)
        target.write_text(text, encoding="utf-8")
    return project


def check(project: Path) -> subprocess.CompletedProcess:
    """``scripts/library check`` on ``project`` (as ``tests/test_hostile.py`` runs it)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "resource_library.cli", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=project,
    )

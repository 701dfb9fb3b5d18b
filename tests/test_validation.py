"""Golden tests of the validator: each invalid fixture states the error it must produce."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sitebuild import FIXTURES, ROOT, SHARED_DATA

from resource_library import load_catalogue

INVALID = sorted((FIXTURES / "records" / "invalid").glob("*.yml"))
VALID = sorted((FIXTURES / "records" / "valid").glob("*.yml"))


def project_with(tmp_path: Path, *files: Path, names: dict | None = None) -> Path:
    """A project holding only the shipped vocabularies and ``files`` as records."""
    (tmp_path / "data" / "resources").mkdir(parents=True)
    (tmp_path / "docs").mkdir()
    for name in SHARED_DATA:
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    for file in files:
        target = (names or {}).get(file.name, file.name)
        shutil.copy(file, tmp_path / "data" / "resources" / target)
    return tmp_path


def expectations(file: Path) -> list:
    return re.findall(r"^# expect: (.+)$", file.read_text(encoding="utf-8", errors="replace"), re.M)


@pytest.mark.parametrize("file", INVALID, ids=lambda f: f.stem)
def test_invalid_record_reports_exact_error(tmp_path, file):
    expected = expectations(file)
    assert expected, f"{file.name} must state its expected error in a '# expect:' line"
    catalogue = load_catalogue(project_with(tmp_path, file))
    shown = [str(p) for p in catalogue.errors]
    for expect in expected:
        prefix = f"data/resources/{file.name}:"
        assert any(
            s.startswith(prefix + expect) or (s.startswith(prefix) and expect in s and _same_place(s, prefix, expect))
            for s in shown
        ), f"expected {prefix}{expect}\ngot:\n" + "\n".join(shown)
    assert file.stem not in catalogue.records


def _same_place(shown: str, prefix: str, expect: str) -> bool:
    """The line, column and field match; the message contains the expected text."""
    place = expect.split(": ", 2)
    if len(place) < 3:
        return False
    line_col, field, message = place
    return shown.startswith(f"{prefix}{line_col}: {field}: ") and message in shown


@pytest.mark.parametrize("file", VALID, ids=lambda f: f.stem)
def test_valid_record_loads(tmp_path, file):
    catalogue = load_catalogue(project_with(tmp_path, file))
    assert catalogue.errors == []
    assert file.stem in catalogue.records


def test_every_error_of_every_file_in_one_pass(tmp_path):
    catalogue = load_catalogue(project_with(tmp_path, *INVALID))
    files_with_errors = {p.path for p in catalogue.errors}
    assert files_with_errors == {f"data/resources/{f.name}" for f in INVALID}


def test_two_records_with_one_id(tmp_path):
    source = FIXTURES / "records" / "valid" / "english-only.yml"
    project = project_with(tmp_path, source)
    copy = project / "data" / "resources" / "english-only-copy.yml"
    copy.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    shown = [str(p) for p in load_catalogue(project).errors]
    # Files are read in name order: the second file with the id is the one reported.
    assert (
        "data/resources/english-only.yml:1:5: id: the id 'english-only' is already used by data/resources/english-only-copy.yml"
        in shown
    )
    assert any(
        s.startswith("data/resources/english-only-copy.yml:1:5: id: the id 'english-only' differs from the file name")
        for s in shown
    )


def test_errors_are_sorted_and_formatted(tmp_path):
    catalogue = load_catalogue(project_with(tmp_path, *INVALID))
    for problem in catalogue.errors:
        assert re.match(r"^data/resources/[a-z-]+\.yml:\d+:\d+: [\w.\[\]-]+: .+", str(problem)), str(problem)
    keys = [p.sort_key() for p in catalogue.problems]
    assert keys == sorted(keys)


def test_the_shipped_content_is_valid():
    catalogue = load_catalogue(ROOT)
    assert [str(p) for p in catalogue.errors] == []
    assert len(catalogue.records) >= 20

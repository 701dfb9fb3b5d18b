"""The hostile corpus: what a hurried or hostile editor may write, and what they must be told.

Each file ``tests/fixtures/hostile/<area>.yml`` is a list of cases.  A case starts
from a small valid project (three records, two pages per language, the shipped
vocabularies, pillars, interface words and glossary) and changes it::

    - name: nul-in-title                     # unique across the corpus
      why: control characters crash YAML readers downstream
      files:                                 # path → text written as UTF-8 (replaces the file)
        data/resources/full-record.yml: |
          ...
      binary:                                # path → bytes, in base64 (not UTF-8, NUL...)
        docs/about.md: //5BAGIA
      symlinks:                              # path → target (relative to the project root)
        docs/secret.md: /etc/passwd
      remove: [docs/fr/about.md]             # paths deleted
      append:                                # path → text added at the end of the file
        data/interface.yml: "..."
      replace:                               # path → [[old, new], ...]: each old text, which must be
        data/interface.yml:                  # in the file, replaced once (the rest of the file stays
          - ["library_title:", "library_titel:"]  # as shipped, so a new entry does not break the case)
      expect:                                # every line `check` prints (errors and warnings), in order;
        - "data/resources/full-record.yml:3:10: title.en: ..."   # each is a prefix of the printed line
        - "mkdocs.yml:{line of - About: about.md}:12: nav: ..."   # {line of TEXT}: the line of the
                                             # project's mkdocs.yml holding TEXT (it moves as settings do)
      build: fails                           # optional: `mkdocs build --strict` must fail (with the first
                                             # expected error in its output, or one of the expected
                                             # warnings when there is no error) or `passes`

Whatever the case, ``check`` and the build never print a traceback and never hang
(each command is bounded), and ``check`` exits 1 exactly when an expected line is
an error.  Cases with ``build`` also hold the promise that ``check`` passing means
the build passes, and that both name the same problem at the same place.
"""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from sitebuild import FIXTURES, ROOT, fixture_records, make_project, mkdocs

HOSTILE = FIXTURES / "hostile"
CASES = []
for _file in sorted(HOSTILE.glob("*.yml")):
    for _case in yaml.safe_load(_file.read_text(encoding="utf-8")) or []:
        CASES.append(pytest.param(_case, id=f"{_file.stem}:{_case['name']}"))


def test_case_names_are_unique():
    names = [case.values[0]["name"] for case in CASES]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def hostile_project(tmp_path: Path, case: dict) -> Path:
    project = make_project(tmp_path, records=fixture_records("full-record", "english-only", "offered-in-french"))
    for rel in case.get("remove", []):
        target = project / rel
        if target.is_dir():
            import shutil

            shutil.rmtree(target)
        else:
            target.unlink()
    for rel, text in (case.get("files") or {}).items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for rel, text in (case.get("append") or {}).items():
        with open(project / rel, "a", encoding="utf-8") as out:
            out.write(text)
    for rel, pairs in (case.get("replace") or {}).items():
        text = (project / rel).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"{case['name']}: {rel} has no {old!r} to replace"
            text = text.replace(old, new, 1)
        (project / rel).write_text(text, encoding="utf-8")
    for rel, data in (case.get("binary") or {}).items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))
    for rel, link in (case.get("symlinks") or {}).items():
        target = project / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(link)
    return project


def run_check(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "resource_library.cli", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=project,
    )


def _lines_filled_in(project: Path, expected: str) -> str:
    """``expected`` with each ``{line of TEXT}`` replaced by the number of the first line of the
    project's ``mkdocs.yml`` that holds TEXT."""

    def number(match) -> str:
        lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
        found = [n for n, line in enumerate(lines, start=1) if match.group(1) in line]
        assert found, f"no line of mkdocs.yml holds {match.group(1)!r}"
        return str(found[0])

    return re.sub(r"\{line of ([^}]+)\}", number, expected)


@pytest.mark.parametrize("case", CASES)
def test_hostile_case(tmp_path, case):
    project = hostile_project(tmp_path, case)
    result = run_check(project)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    printed = [line for line in result.stdout.splitlines() if line.strip()]
    expected = [_lines_filled_in(project, line) for line in case.get("expect") or []]
    assert len(printed) == len(expected), "\n".join(["printed:", *printed, "expected:", *expected])
    for want, got in zip(expected, printed):
        assert got.startswith(want), (want, got)
    has_error = any(": warning: " not in line for line in expected)
    assert result.returncode == (1 if has_error else 0), output
    if "build" in case:
        built = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))
        log = built.stdout + built.stderr
        assert "Traceback" not in log, log
        if case["build"] == "fails":
            assert built.returncode != 0, log
            errors = [line for line in expected if ": warning: " not in line]
            if errors:
                assert errors[0] in log, (errors[0], log)
            else:  # a warning that stops a strict build (text still holding the scaffold's TODO)
                assert any(line in log for line in expected), (expected, log)
        else:
            assert built.returncode == 0, log

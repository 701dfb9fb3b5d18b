"""Property: `check` passing implies `mkdocs build --strict` passing, and the build
never stops on anything `check` did not report first, at the same place.

On a copy of the shipped content (every vocabulary, pillar, interface string,
glossary term, drawing, program and page, and ten records covering every record
type, closed under the links between them), Hypothesis applies one to three
mistakes an editor could make (``tests/mutations.py``: lines deleted, duplicated,
swapped or re-indented, stray characters, near-miss terms, impossible dates, bad
ids, unknown fields, emptied values, lists for texts, raw HTML, wrong markers,
broken front matter, renamed files, French removed, links to missing pages), then
runs ``check`` and the strict build:

- neither prints a Python traceback, and neither hangs (each is bounded);
- ``check`` exits 1 exactly when it printed an error;
- no error from ``check``: the build succeeds;
- errors from ``check``: the build fails, and its output holds the first error
  line ``check`` printed (same ``file:line:column``, same words).

Profiles (environment variable ``PROPERTY_PROFILE``): ``ci`` (the default, run by
``make test``: 50 examples, about a minute on two cores) and ``deep`` (300 examples,
``scripts/property-check``); ``PROPERTY_EXAMPLES`` overrides the number of examples, and
``PROPERTY_RANDOM=1`` draws new examples at each run instead of the same ones.
A failing example prints the mutations made and both outputs.  Minimal
reproductions of what this test found are cases of the hostile corpus
(``tests/fixtures/hostile/property-found.yml``).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st
from mutations import KINDS, Mutation, apply, targets
from sitebuild import ROOT

#: Ten records: every record type (an infographic among them), and the records the
#: kept drawings and records link to, so the unchanged copy checks and builds clean.
RECORDS = (
    "acqess-framework",
    "community-mental-health-linkages",
    "core-elements-infographic",
    "csmhs-definition",
    "formal-needs-assessment-training",
    "intentional-explicit-systematic-article",
    "ma-csmhs-coiin-2021-2022",
    "mental-health-leadership-team",
    "smh-assist-community-of-practice",
    "taking-flight-strategic-directions",
)
CHECK_TIMEOUT = 60
BUILD_TIMEOUT = 120
ENV = dict(
    os.environ,
    NO_MKDOCS_2_WARNING="1",
    DISABLE_MKDOCS_2_WARNING="true",
    PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
)

# Hypothesis' profiles are global: these names are this module's.
# No "explain" phase: it runs the failing example hundreds of times more (a build each).
_COMMON = dict(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    phases=(Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("check-implies-build-ci", max_examples=50, **_COMMON)
settings.register_profile("check-implies-build-deep", max_examples=300, **_COMMON)
PROFILE = settings.get_profile(f"check-implies-build-{os.environ.get('PROPERTY_PROFILE', 'ci')}")
if os.environ.get("PROPERTY_EXAMPLES"):
    PROFILE = settings(PROFILE, max_examples=int(os.environ["PROPERTY_EXAMPLES"]))
if os.environ.get("PROPERTY_RANDOM"):  # new examples at each run (a failure prints its seed)
    PROFILE = settings(PROFILE, derandomize=False, print_blob=True)


def copy_shipped(project: Path) -> Path:
    """The shipped content, with :data:`RECORDS` only, in ``project`` (created)."""
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs", "schema"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    data = project / "data"
    data.mkdir()
    for path in (ROOT / "data").iterdir():
        if path.is_file():
            shutil.copy(path, data / path.name)
    for folder in ("infographics", "programs", "translations/pages"):
        shutil.copytree(ROOT / "data" / folder, data / folder)
    (data / "resources").mkdir()
    (data / "translations" / "records").mkdir()
    for record in RECORDS:
        shutil.copy(ROOT / "data" / "resources" / f"{record}.yml", data / "resources")
        snapshot = ROOT / "data" / "translations" / "records" / f"{record}.yml"
        if snapshot.is_file():
            shutil.copy(snapshot, data / "translations" / "records")
    return project


_BASE = Path(tempfile.mkdtemp(prefix="property-base-"))
BASE = copy_shipped(_BASE / "project")
TARGETS = targets(BASE)
TERMS = {
    term
    for vocabulary in yaml.safe_load((BASE / "data" / "vocabularies.yml").read_text(encoding="utf-8")).values()
    for term in vocabulary.get("terms", {})
}
TERMS |= {
    pillar["id"] for pillar in yaml.safe_load((BASE / "data" / "pillars.yml").read_text(encoding="utf-8"))["pillars"]
}


atexit.register(shutil.rmtree, _BASE, True)


def mutations():
    return st.sampled_from(KINDS).flatmap(
        lambda kind: st.builds(
            Mutation,
            st.just(kind),
            st.sampled_from(TARGETS[kind]),
            st.integers(0, 1 << 16),
            st.integers(0, 1 << 16),
            st.integers(0, 63),
        )
    )


def run(args: list, cwd: Path, timeout: int) -> tuple[int, str]:
    """Exit status and output (standard output, then standard error) of ``args``."""
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        return -1, f"did not finish within {timeout} s (a hang?)\n{exc.stdout or ''}{exc.stderr or ''}"
    return done.returncode, done.stdout + ("\n--- stderr ---\n" + done.stderr if done.stderr else "")


def error_lines(check_output: str) -> list:
    """The error lines ``check`` printed (``path:line:column: field: message``, not warnings)."""
    stdout = check_output.split("\n--- stderr ---\n")[0]
    return [
        line for line in stdout.splitlines() if re.match(r"[^:\s][^:]*:\d+:\d+: ", line) and ": warning: " not in line
    ]


@settings(PROFILE)
@given(steps=st.lists(mutations(), min_size=1, max_size=3))
def test_check_passing_implies_the_strict_build_passing(steps):
    with tempfile.TemporaryDirectory(prefix="property-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(BASE, project, symlinks=True)
        made = [apply(project, step, TERMS) for step in steps]
        for line in made:
            note(line)
        check_status, check_output = run(
            [sys.executable, "-m", "resource_library.cli", "--root", str(project), "check"], project, CHECK_TIMEOUT
        )
        build_status, build_output = run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "-f",
                str(project / "mkdocs.yml"),
                "-d",
                str(Path(tmp) / "site"),
            ],
            project,
            BUILD_TIMEOUT,
        )
        errors = error_lines(check_output)
        event("check found errors" if errors else "check found no error")
        report = "\n".join(
            [
                "mutations:",
                *made,
                f"--- check (exit {check_status}) ---",
                check_output,
                f"--- mkdocs build --strict (exit {build_status}) ---",
                build_output,
            ]
        )
        assert "Traceback" not in check_output, report
        assert "Traceback" not in build_output, report
        assert check_status == (1 if errors else 0), report
        if errors:
            assert build_status not in (0, -1), "check found errors, the build passed:\n" + report
            assert errors[0] in build_output, f"the build did not report check's first error:\n{report}"
        else:
            assert build_status == 0, "check passed, the strict build failed:\n" + report


def test_the_unchanged_copy_checks_and_builds(tmp_path):
    """The copy itself is sound: no error from ``check``, and a strict build."""
    status, output = run(
        [sys.executable, "-m", "resource_library.cli", "--root", str(BASE), "check"], BASE, CHECK_TIMEOUT
    )
    assert status == 0 and not error_lines(output), output
    status, output = run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(BASE / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        BASE,
        BUILD_TIMEOUT,
    )
    assert status == 0, output


def test_every_kind_of_mutation_changes_the_files_it_targets(tmp_path):
    """Each kind finds something to change in each file it targets (the property is not vacuous)."""
    for kind in KINDS:
        for number, path in enumerate(TARGETS[kind]):
            changed = []
            for where in range(3):
                project = tmp_path / f"{kind}-{number}-{where}"
                (project / path).parent.mkdir(parents=True)
                shutil.copy(BASE / path, project / path)
                made = apply(project, Mutation(kind, path, where, where + 1, where), TERMS)
                files = [p for p in project.rglob("*") if p.is_file()]
                changed.append(files != [project / path] or files[0].read_bytes() != (BASE / path).read_bytes())
            assert any(changed), made

"""``mkdocs build`` with the languages built in parallel gives the site a sequential build gives.

``resource_library_mkdocs/parallel.py`` runs each other language's pass in a forked
process (on two cores or more); ``LIBRARY_SEQUENTIAL_BUILD=1`` builds one language
after the other, as mkdocs-static-i18n does by itself.  Both builds of the same
project are compared byte for byte.  This is also the regression test of what that
module knows of mkdocs-static-i18n 1.3.1 (how it runs the other passes, gathers
search entries and writes the sitemap): if an upgrade changes any of it, the trees
differ or the parallel build fails.
"""

from __future__ import annotations

import os
import shutil

import pytest
from sitebuild import ROOT, mkdocs
from test_preview import tree_differences

from resource_library import cores

PARALLEL_LINE = "Building 'fr' in parallel"


def _shipped_project(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for folder in ("hooks", "overrides", "docs", "data"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return project


def _build(project, site, monkeypatch, sequential: bool):
    if sequential:
        monkeypatch.setenv(cores.SEQUENTIAL_VARIABLE, "1")
    else:
        monkeypatch.delenv(cores.SEQUENTIAL_VARIABLE, raising=False)
    result = mkdocs(project, "build", "--strict", "-d", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def test_parallel_build_equals_the_sequential_build(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764806400")
    project = _shipped_project(tmp_path)
    sequential_log = _build(project, tmp_path / "sequential", monkeypatch, sequential=True)
    parallel_log = _build(project, tmp_path / "parallel", monkeypatch, sequential=False)
    assert PARALLEL_LINE not in sequential_log
    if cores.cores() >= 2 and hasattr(os, "fork"):
        assert PARALLEL_LINE in parallel_log, parallel_log
    else:
        assert PARALLEL_LINE not in parallel_log, parallel_log
    differences = tree_differences(tmp_path / "sequential", tmp_path / "parallel")
    assert not differences, differences[:20]
    assert (tmp_path / "parallel" / "fr" / "404.html").is_file()
    # No temporary folder of a parallel pass is left beside the site.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["parallel", "project", "sequential"]


#: A hook of the test project that warns on French pages only: a warning `check` cannot foresee
#: (anything it can foresee stops the build before the passes start), given in the French pass.
FRENCH_WARNING_HOOK = """import logging

log = logging.getLogger("mkdocs.hooks.french_warning")


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri == "fr/about.md":  # the French about page (published at its French address)
        log.warning("page-absente.md: a warning given in the French pass only")
    return markdown
"""


def test_a_warning_in_the_parallel_pass_stops_a_strict_build(tmp_path, monkeypatch):
    project = _shipped_project(tmp_path)
    (project / "hooks" / "french_warning.py").write_text(FRENCH_WARNING_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config.replace("hooks:\n", "hooks:\n  - hooks/french_warning.py\n", 1), encoding="utf-8"
    )
    monkeypatch.delenv(cores.SEQUENTIAL_VARIABLE, raising=False)
    result = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "page-absente.md" in output
    if cores.cores() >= 2 and hasattr(os, "fork"):
        assert "the 'fr' pass, built in parallel, failed" in output, output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork on this system: passes are never forked")
def test_a_pass_that_does_not_finish_in_time_is_stopped():
    """A forked pass that hangs (a lock held by a server thread at the fork) is stopped after
    the bound, so the parent can build the pass itself; one that ends is waited for."""
    import time

    pid = os.fork()
    if pid == 0:
        time.sleep(60)
        os._exit(0)
    started = time.monotonic()
    assert cores.wait(pid, 0.3) is None
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped
    pid = os.fork()
    if pid == 0:
        os._exit(3)
    status = cores.wait(pid, 30)
    assert status is not None and os.waitstatus_to_exitcode(status) == 3

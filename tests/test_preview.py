"""Previews during ``mkdocs serve --dirty`` rebuild only what changed, and give the site a full build gives.

``tests/preview_driver.py`` runs the builds the way MkDocs' serve command does (a
new configuration for each rebuild, ``dirty=True``, the same site folder); after
each change the test builds the same project from scratch with ``mkdocs build
--strict`` and compares the two trees byte for byte.  It is also the regression
test of what ``resource_library_mkdocs/preview.py`` knows of MkDocs 1.6,
mkdocs-static-i18n 1.3.1: if an upgrade changes what a dirty build skips, the
trees differ.  It runs twice: with the French pass of each preview in a forked
process (``parallel.py``, on two cores or more) and with one pass after the other.
"""

from __future__ import annotations

import filecmp
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sitebuild import FIXTURE_NAV, ROOT, build, fixture_records, make_project

from resource_library import cores
from resource_library_mkdocs import preview

DRIVER = Path(__file__).resolve().parent / "preview_driver.py"
NAV = FIXTURE_NAV + "  - Lists: lists.md\n"
DOCS = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n\nWho we are.\n",
    "lists.md": "# Lists\n\n<!-- resources pillar=leadership-and-capacity -->\n",
    "fr/index.md": "# Accueil\n\nBienvenue.\n",
    "fr/about.md": "# À propos\n\nQui nous sommes.\n",
    "fr/lists.md": "# Listes\n\n<!-- resources pillar=leadership-and-capacity -->\n",
}
PARALLEL_LINE = "in parallel (process"
KEPT_SITEMAPS = re.compile(r"; sitemap kept \(([^)]*)\)")
RENDERED = re.compile(r"Preview: rendered en (\d+)/(\d+), fr (\d+)/(\d+) pages \(([^)]*)\)")


#: The policy's script sources: under ``mkdocs serve`` they allow the preview server's
#: reload script (``resource_library.render.csp.PREVIEW_SOURCES``), the one intended difference.
SCRIPT_SOURCES = re.compile(rb"script-src [^;\"]*")


def _same(a: Path, b: Path, policy_aside: bool) -> bool:
    if not policy_aside or a.suffix != ".html":
        return filecmp.cmp(a, b, shallow=False)
    return SCRIPT_SOURCES.sub(b"script-src", a.read_bytes()) == SCRIPT_SOURCES.sub(b"script-src", b.read_bytes())


def tree_differences(a: Path, b: Path, policy_aside: bool = False) -> list:
    """Relative paths present in only one tree or different in content (with ``policy_aside``,
    apart from the policy's script sources)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = sorted(f"only in {a.name}: {p}" for p in files_a - files_b)
    out += sorted(f"only in {b.name}: {p}" for p in files_b - files_a)
    out += sorted(f"differs: {p}" for p in files_a & files_b if not _same(a / p, b / p, policy_aside))
    return out


class Driver:
    def __init__(self, project: Path, site: Path):
        env = dict(
            os.environ,
            NO_MKDOCS_2_WARNING="1",
            DISABLE_MKDOCS_2_WARNING="true",
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        )
        self.proc = subprocess.Popen(
            [sys.executable, str(DRIVER), "--dirty", str(project), str(site)],
            cwd=project,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue = queue.Queue()
        self.reader = threading.Thread(target=lambda: [self.lines.put(l) for l in self.proc.stdout], daemon=True)
        self.reader.start()
        #: Passes built in another process, per rebuild.
        self.parallel_passes: list = []

    def wait(self, timeout: float = 180) -> list:
        """Lines up to the end of the current build; fails on a failed build."""
        seen = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            seen.append(line)
            if line.startswith("BUILT"):
                return seen
            if line.startswith("FAILED"):
                raise AssertionError("preview build failed:\n" + "".join(seen))
        raise AssertionError("no end of build:\n" + "".join(seen))

    def rebuild(self) -> tuple:
        """Rebuild; return (rendered en, total en, rendered fr, total fr, reason)."""
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        seen = self.wait()
        self.parallel_passes.append(sum(PARALLEL_LINE in line for line in seen))
        # What a parallel pass kept out of the garbage collector is given back once the pass is in.
        assert seen[-1].strip() == "BUILT frozen=0", seen[-1]
        found = [RENDERED.search(line) for line in seen]
        found = [m for m in found if m]
        assert len(found) == 1, "".join(seen)
        m = found[0]
        #: The languages whose sitemap was taken from the last build (preview.py, ``_KeptSitemap``).
        self.sitemaps_kept = KEPT_SITEMAPS.search(m.string)[1] if KEPT_SITEMAPS.search(m.string) else ""
        return int(m[1]), int(m[2]), int(m[3]), int(m[4]), m[5]

    def idle(self) -> int:
        """Wait as the server does between saves; the number of objects then frozen."""
        self.proc.stdin.write("idle\n")
        self.proc.stdin.flush()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                continue
            if line.startswith("IDLE frozen="):
                return int(line.split("=", 1)[1])
        raise AssertionError("no IDLE line")

    def close(self):
        try:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait(timeout=30)
        self.reader.join(timeout=10)
        self.proc.stdout.close()


def assert_same_as_full_build(project: Path, preview_site: Path):
    full = build(project)  # project/site, from scratch, --strict
    differences = tree_differences(preview_site, full, policy_aside=True)
    assert not differences, differences[:20]
    shutil.rmtree(full)


@pytest.mark.parametrize("sequential", [False, True], ids=["parallel", "sequential"])
def test_preview_rebuilds_only_changed_pages_and_equals_a_full_build(tmp_path, monkeypatch, sequential):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764806400")  # the sitemap's dates, on both sides
    # On two cores or more the French pass of each preview runs in a forked process (parallel.py),
    # and hands back what the next preview needs; LIBRARY_SEQUENTIAL_BUILD=1 builds it in the server's.
    if sequential:
        monkeypatch.setenv(cores.SEQUENTIAL_VARIABLE, "1")
    else:
        monkeypatch.delenv(cores.SEQUENTIAL_VARIABLE, raising=False)
    project = make_project(
        tmp_path,
        records=fixture_records("english-only", "full-record", "offered-in-french"),
        docs=DOCS,
        nav=NAV,
    )
    site = tmp_path / "preview"
    driver = Driver(project, site)
    try:
        driver.wait()
        assert_same_as_full_build(project, site)

        # A record's title: its pages, the lists that show it (library, pillar, hand-written), nothing else.
        # Generated files whose bytes are the same are not written again (a page at a former address).
        moved = site / "fr" / "library" / "full-record" / "index.html"
        assert "bibliotheque/full-record/" in moved.read_text("utf-8")
        os.utime(moved, ns=(1_000_000_000, 1_000_000_000))
        record = project / "data" / "resources" / "offered-in-french.yml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("A tip sheet offered in French", "A renamed tip sheet"),
            encoding="utf-8",
        )
        en, en_total, fr, fr_total, reason = driver.rebuild()
        assert reason == "only records changed"
        assert 0 < en < en_total and 0 < fr < fr_total, (en, en_total, fr, fr_total)
        assert "A renamed tip sheet" in (site / "library" / "offered-in-french" / "index.html").read_text("utf-8")
        assert "A renamed tip sheet" in (site / "lists" / "index.html").read_text("utf-8")
        assert moved.stat().st_mtime_ns == 1_000_000_000
        # The sitemap lists the same pages at the same addresses: each pass keeps its last one.
        assert driver.sitemaps_kept == "en, fr"
        assert_same_as_full_build(project, site)
        # Between saves the server collects its garbage and freezes what is left (collector.py):
        # the next build's collections leave it aside, and its end gives it back (frozen=0).
        assert driver.idle() > 10_000

        # A new record and a deleted one: the deleted record's pages leave the site.
        (project / "data" / "resources" / "english-only.yml").unlink()
        new = fixture_records("english-only")["english-only.yml"].replace("english-only", "second-guide")
        (project / "data" / "resources" / "second-guide.yml").write_text(new, encoding="utf-8")
        en, en_total, fr, fr_total, reason = driver.rebuild()
        assert reason == "only records changed"
        assert not (site / "library" / "english-only").exists()
        assert (site / "fr" / "library" / "second-guide" / "index.html").is_file()
        assert driver.sitemaps_kept == ""  # other pages: the sitemap is rendered again
        assert_same_as_full_build(project, site)

        # Interface words change every page's chrome: everything is rendered again.
        interface = project / "data" / "interface.yml"
        interface.write_text(interface.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        en, en_total, fr, fr_total, reason = driver.rebuild()
        assert reason == "everything changed" and (en, fr) == (en_total, fr_total)
        assert_same_as_full_build(project, site)

        # A template of the generated pages: every resource page changes (none kept from the last render).
        template = project / "overrides" / "library" / "resource.html"
        template.write_text(template.read_text(encoding="utf-8") + "<p>Edited template.</p>\n", encoding="utf-8")
        en, en_total, fr, fr_total, reason = driver.rebuild()
        assert reason == "everything changed" and (en, fr) == (en_total, fr_total)
        assert "Edited template." in (site / "library" / "full-record" / "index.html").read_text("utf-8")
        assert_same_as_full_build(project, site)

        # A hand-written page's body, its title kept: the hand-written pages (both languages) and
        # the generated pages computed from them (translation status) are rendered again, not every page.
        about = project / "docs" / "about.md"
        about.write_text("# About\n\nWho we are, and what we do.\n", encoding="utf-8")
        en, en_total, fr, fr_total, reason = driver.rebuild()
        assert reason == "page texts changed, not the navigation"
        assert 0 < en < en_total and 0 < fr < fr_total, (en, en_total, fr, fr_total)
        assert "what we do" in (site / "about" / "index.html").read_text("utf-8")
        assert_same_as_full_build(project, site)

        # A hand-written page's title is in the navigation of every page.
        about.write_text("# About us\n\nWho we are, and what we do.\n", encoding="utf-8")
        en, en_total, fr, fr_total, reason = driver.rebuild()
        assert reason == "everything changed" and (en, fr) == (en_total, fr_total)
        assert_same_as_full_build(project, site)
        forked = not sequential and cores.wanted()
        assert driver.parallel_passes == [1 if forked else 0] * 6, driver.parallel_passes
    finally:
        driver.close()


def test_a_pages_outline_is_what_other_pages_show_of_it(tmp_path):
    """Front matter and headings change every page (navigation, addresses); the body does not."""
    page = tmp_path / "page.md"

    def outline(text: str) -> tuple:
        page.write_text(text, encoding="utf-8")
        return preview._outline((str(page), len(text), 0))

    base = outline("---\ntitle: Our approach\n---\n\n# Approach\n\nA paragraph.\n\n## Tiers\n\nMore.\n")
    assert outline("---\ntitle: Our approach\n---\n\n# Approach\n\nAnother paragraph.\n\n## Tiers\n\nLess.\n") == base
    assert outline("---\ntitle: Our way\n---\n\n# Approach\n\nA paragraph.\n\n## Tiers\n\nMore.\n") != base
    assert outline("---\ntitle: Our approach\n---\n\n# Approaches\n\nA paragraph.\n\n## Tiers\n\nMore.\n") != base
    underlined = outline("Approach\n========\n\nA paragraph.\n")
    assert outline("Approach\n========\n\nOther words.\n") == underlined
    assert outline("Our approach\n========\n\nA paragraph.\n") != underlined
    # A page that cannot be read stands for itself by its size and time.
    page.write_bytes(b"# \xff\n")
    assert preview._outline((str(page), 4, 7)) == (str(page), 4, 7)

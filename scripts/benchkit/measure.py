"""Measures of the build benchmark: builds in child processes (wall, CPU, peak
memory via ``os.wait4``), figures of the built site, and the warm rebuild during
``mkdocs serve``.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from benchkit.common import child_env, free_port, gzip_size

BUILD_TIMEOUT = 900  # seconds for one build
SERVE_START_TIMEOUT = 180  # seconds, plus SERVE_SECONDS_PER_RECORD for each record
SERVE_REBUILD_TIMEOUT = 60  # the same
#: A shared machine can be many times slower than an idle one: the first build of 5,000
#: records took over 3 minutes with a load average of 12 on 2 cores.
SERVE_SECONDS_PER_RECORD = 0.12
#: Seconds to let the server's watcher read the watched files before the first save.
WATCH_SECONDS_PER_FILE = 0.001
#: Seconds MkDocs' watcher (it polls every 0.5 s) may take to report a save, plus
#: WATCH_SECONDS_PER_FILE per watched file; and how many times a save is made before giving up.
DETECT_TIMEOUT = 5.0
SAVE_ATTEMPTS = 3
#: Before each save the server must have printed nothing for this long: a save can start a
#: second build (seen at 1,000 records, where a second build's lines were taken for the next
#: save's and timed it at -0.03 s), and none of its lines may be taken for the next save's.
QUIET_SECONDS = 1.5


def _tree(pid: int) -> list:
    """``pid`` and its descendants (Linux ``/proc``; ``[pid]`` elsewhere)."""
    found, pending = [], [pid]
    while pending and len(found) < 64:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split() if int(c) not in found]
        except (OSError, ValueError):
            continue
    return sorted(found)


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree_pss_kb(pid: int) -> int | None:
    """Proportional set size (kB) of ``pid`` and its descendants: their memory together,
    shared pages counted once (Linux ``/proc``; 0 elsewhere).  None when a process started
    or ended while they were read: a fork between the parent's reading and its child's
    would count the pages they share one and a half times."""
    before = _tree(pid)
    total = sum(_pss_kb(p) for p in before)
    return total if _tree(pid) == before else None


def run_build(
    project: Path, log: Path, extra: tuple = (), timeout: float = BUILD_TIMEOUT, env: dict | None = None
) -> dict:
    """One ``mkdocs build`` of ``project`` in a child process: wall, CPU (the build's
    processes together), peak RSS of its largest process and peak memory of all of them
    together (PSS, sampled every 0.2 s)."""
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    cmd = [sys.executable, *extra, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=project, stdout=out, stderr=subprocess.STDOUT, env=dict(child_env(), **(env or {}))
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        peak = [0]
        stop = threading.Event()

        def sample():
            while not stop.wait(0.2):
                peak[0] = max(peak[0], _tree_pss_kb(proc.pid) or 0)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
            stop.set()
            sampler.join(timeout=5)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise SystemExit(f"bench: mkdocs build of {project} failed ({proc.returncode}):\n{tail}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "user_s": usage.ru_utime,
        "sys_s": usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss * 1024 / 1e6,  # ru_maxrss is in KiB on Linux
        "peak_pss_mb": peak[0] * 1024 / 1e6,
    }


def site_figures(site: Path) -> dict:
    """Pages, total size, largest HTML page, largest resource page, library page."""
    pages, total = 0, 0
    largest = (0, "")
    largest_resource = (0, "")
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            rel = path.relative_to(site).as_posix()
            if rel in ("404.html",):
                continue
            pages += 1
            largest = max(largest, (size, rel))
            if re.fullmatch(r"(fr/)?library/[^/]+/index\.html", rel):
                largest_resource = max(largest_resource, (size, rel))
    library = []
    for rel in ("library/index.html", "fr/library/index.html"):
        path = site / rel
        if path.is_file():
            raw = path.read_bytes()
            library.append((len(raw), gzip_size(raw), rel))
    lib = max(library) if library else (0, 0, "")
    return {
        "pages": pages,
        "site_bytes": total,
        "largest_html_bytes": largest[0],
        "largest_html_path": largest[1],
        "largest_resource_bytes": largest_resource[0],
        "largest_resource_path": largest_resource[1],
        "library_html_bytes": lib[0],
        "library_gzip_bytes": lib[1],
        "library_path": lib[2],
    }


TIMED = ("wall_s", "cpu_s", "user_s", "sys_s", "peak_rss_mb", "peak_pss_mb")


def measure(projects: dict, runs: int, logs: Path, n: int) -> dict:
    """``{label: figures}``: builds of each project, taken in turn (generator, bare,
    generator, ...) so a change in the machine's load affects all alike.

    ``projects``: ``{label: path}`` or ``{label: (path, environment variables)}``.
    """
    projects = {label: value if isinstance(value, tuple) else (value, {}) for label, value in projects.items()}
    samples: dict = {label: [] for label in projects}
    for k in range(runs):
        for label, (project, env) in projects.items():
            print(f"bench: {n:,} records: build {k + 1}/{runs} of the {label} ...", file=sys.stderr, flush=True)
            samples[label].append(run_build(project, logs / f"{label}-{n}-{k}.log", env=env))
    out = {}
    for label, (project, _env) in projects.items():
        figures = {key: statistics.median(s[key] for s in samples[label]) for key in TIMED}
        figures["samples"] = samples[label]
        figures.update(site_figures(project / "site"))
        figures["pages_per_s"] = figures["pages"] / figures["wall_s"] if figures["wall_s"] else 0.0
        out[label] = figures
    return out


def markdown_bytes_per_resource(project: Path) -> float:
    """Mean size of a resource page's Markdown, for the bare pages' comparison."""
    from resource_library.load.catalogue import load_catalogue
    from resource_library.load.interface import load_interface
    from resource_library.render.pages import render_language

    catalogue = load_catalogue(project)
    strings, _ = load_interface(project / "data" / "interface.yml", "data/interface.yml")
    pages = render_language(catalogue, strings, "en", project / "overrides" / "library", project / "docs")
    sizes = [len(p.content.encode()) for p in pages if re.fullmatch(r"library/(?!index)[^/]+\.md", p.path)]
    return statistics.mean(sizes) if sizes else 0.0


# Warm rebuild during mkdocs serve: the server is a child process too, timed from its log.


def _cpu_seconds(pid: int):
    """User + system CPU seconds of a running process (Linux /proc), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def edit_title(text: str, k: int) -> str:
    """A record's text with its English title changed (the lists that show it change too)."""
    edited, count = re.subn(r"(?m)^(title:\n  en: )(.*)$", lambda m: f"{m[1]}{m[2]} (edit {k})", text, count=1)
    if not count:
        raise SystemExit("bench: the record to edit has no English title on its own line")
    return edited


def edit_heading(text: str, k: int) -> str:
    """A Markdown page's text with its first heading changed (the minimal stack's edit)."""
    edited, count = re.subn(r"(?m)^(# )(.*)$", lambda m: f"{m[1]}{m[2]} (edit {k})", text, count=1)
    if not count:
        raise SystemExit("bench: the page to edit has no heading")
    return edited


def measure_serve(project: Path, edits: int = 3, dirty: bool = True, record: Path | None = None) -> dict:
    """Serve ``project`` (``mkdocs serve``, with ``--dirty`` when ``dirty``); change one
    record's English title ``edits`` times, timing each save up to the reload line.

    The record is changed back at the end.  ``record``: the file to edit (default: the
    last one of ``data/resources/`` by name, a synthetic record in the benchmark's corpora;
    a project without records, a bare stack: the last English resource page, its heading).
    """
    records = sorted((project / "data" / "resources").glob("*.yml"))
    pages = sorted((project / "docs" / "library").glob("*.md"))
    if record is None:
        record = records[-1] if records else [p for p in pages if p.name != "index.md"][-1]
    edit = edit_heading if record.suffix == ".md" else edit_title
    extra = SERVE_SECONDS_PER_RECORD * max(len(records), len(pages))
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--livereload",
        *(["--dirty"] if dirty else []),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(project / "mkdocs.yml"),
    ]
    proc = subprocess.Popen(
        cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=child_env(), bufsize=1
    )
    lines: queue.Queue = queue.Queue()
    transcript = []

    def reader():
        for line in proc.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))
        lines.put((time.perf_counter(), None))

    threading.Thread(target=reader, daemon=True).start()

    def settle(timeout: float) -> list:
        """The lines printed until the server is quiet for QUIET_SECONDS (at most ``timeout`` s)."""
        deadline = time.perf_counter() + timeout
        printed = []
        while time.perf_counter() < deadline:
            try:
                _when, line = lines.get(timeout=min(QUIET_SECONDS, max(deadline - time.perf_counter(), 0.01)))
            except queue.Empty:
                break
            if line is None:
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(transcript[-30:]))
            transcript.append(line)
            printed.append(line)
        return printed

    def wait_for(pattern: str, timeout: float):
        deadline = time.perf_counter() + timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{pattern} (last lines: {' | '.join(transcript[-12:])})")
            try:
                when, line = lines.get(timeout=remaining)
            except queue.Empty:
                raise TimeoutError(f"{pattern} (last lines: {' | '.join(transcript[-12:])})") from None
            if line is None:
                raise RuntimeError("mkdocs serve stopped:\n" + "\n".join(transcript[-30:]))
            transcript.append(line)
            if re.search(pattern, line):
                return when, line

    results = []
    original = record.read_text(encoding="utf-8")
    try:
        started = time.perf_counter()
        wait_for(r"Serving on", SERVE_START_TIMEOUT + extra)
        first_build = time.perf_counter() - started
        # MkDocs' watcher polls: it reads the state of every watched file once started, after
        # "Serving on"; a save before that reading is never seen (thousands of files: seconds).
        watched = sum(1 for folder in ("docs", "data") for _ in (project / folder).rglob("*"))
        time.sleep(1.0 + WATCH_SECONDS_PER_FILE * watched)
        settle(SERVE_REBUILD_TIMEOUT + extra)  # whatever the first build printed late
        for k in range(edits):
            text = edit(original, k + 1)
            seen = len(transcript)
            cpu_before = _cpu_seconds(proc.pid)
            edited_at = time.perf_counter()
            record.write_text(text, encoding="utf-8")
            for attempt in range(1, SAVE_ATTEMPTS + 1):
                # A save made before the watcher's first reading of the folders is never seen (the
                # wait above is a guess): saved again, the same edit under another title, and timed
                # from that save.
                try:
                    wait_for(r"Detected file changes", DETECT_TIMEOUT + WATCH_SECONDS_PER_FILE * watched)
                    break
                except TimeoutError:
                    if attempt == SAVE_ATTEMPTS:
                        raise
                    text = edit(original, k + 1 + 1000 * attempt)
                    edited_at = time.perf_counter()
                    record.write_text(text, encoding="utf-8")
            reloaded_at, _ = wait_for(r"Reloading browsers", SERVE_REBUILD_TIMEOUT + extra)
            cpu_after = _cpu_seconds(proc.pid)
            # MkDocs prints a build's time only when no earlier build printed the same words
            # (its DuplicateFilter on the build log): "built in 0.52 seconds" twice is printed once.
            built = [line for line in transcript[seen:] if "Documentation built in" in line]
            reported = re.search(r"built in ([0-9.]+) seconds", built[-1]) if built else None
            rendered = [line for line in transcript[seen:] if "Preview: rendered" in line]
            results.append(
                {
                    "rendered": rendered[-1].split("Preview: ", 1)[1] if rendered else None,
                    "edit_to_reload_s": reloaded_at - edited_at,
                    "reported_build_s": float(reported.group(1)) if reported else None,
                    "cpu_s": (cpu_after - cpu_before) if cpu_before is not None and cpu_after is not None else None,
                }
            )
            # Another build the same save started, if any: waited for, and counted.
            later = settle(SERVE_REBUILD_TIMEOUT + extra)
            results[-1]["extra_builds"] = sum(1 for line in later if "Detected file changes" in line)
    finally:
        record.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
    return {
        "dirty": dirty,
        "record": record.relative_to(project).as_posix(),
        "startup_s": first_build,
        "edits": results,
        "warm_rebuild_s": statistics.median(r["edit_to_reload_s"] for r in results),
        "reported_build_s": statistics.median(times)
        if (times := [r["reported_build_s"] for r in results if r["reported_build_s"]])
        else None,
        "cpu_s": statistics.median(r["cpu_s"] for r in results)
        if all(r["cpu_s"] is not None for r in results)
        else None,
    }

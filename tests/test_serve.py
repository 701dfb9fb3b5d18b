"""`mkdocs serve` rebuilds once when a record changes, and does not loop."""

from __future__ import annotations

import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request

from sitebuild import ROOT, fixture_records, make_project

BUILT = "Documentation built in"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(lines: queue.Queue, text: str, timeout: float, log: list) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.2)
        except queue.Empty:
            continue
        log.append(line)
        if text in line:
            return True
    return False


def test_serve_rebuilds_on_record_change_without_looping(tmp_path):
    project = make_project(tmp_path, records=fixture_records("english-only", "full-record"))
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(project / "mkdocs.yml"),
        ],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(l) for l in server.stdout], daemon=True)
    reader.start()
    log: list = []
    try:
        assert wait_for(lines, "Serving on", 90, log), "".join(log)
        record = project / "data" / "resources" / "english-only.yml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("A guide written in English only", "A renamed guide"),
            encoding="utf-8",
        )
        assert wait_for(lines, BUILT, 60, log), "no rebuild after editing a record:\n" + "".join(log)
        html = (
            urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/bibliotheque/english-only/", timeout=10).read().decode()
        )
        assert "A renamed guide" in html
        # No rebuild loop: nothing else changes, so no further build starts.
        time.sleep(4)
        extra = []
        while not lines.empty():
            extra.append(lines.get())
        assert not any(BUILT in l or "Building documentation" in l for l in extra), "".join(extra)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
        reader.join(timeout=10)
        server.stdout.close()

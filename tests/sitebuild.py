"""Make small throwaway projects from the real hooks, templates and vocabularies.

Tests copy the project's machinery (mkdocs.yml, hooks/, overrides/, the
vocabularies) into ``tmp_path``, add the records and pages they need, and build
with the real ``mkdocs`` command, so what they check is what editors get.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ("vocabularies.yml", "pillars.yml", "interface.yml", "glossary.yml", "site.yml")

FIXTURE_NAV = """nav:
  - Home: index.md
  - About: about.md
  - Strategic pillars: pillars/index.md
  - Library: library/index.md
"""

DEFAULT_DOCS = {
    "index.md": "# Home\n\nWelcome.\n",
    "about.md": "# About\n\nWho we are.\n",
    "fr/index.md": "# Accueil\n\nBienvenue.\n",
    "fr/about.md": "# À propos\n\nQui nous sommes.\n",
}


def make_project(
    tmp_path: Path,
    records: dict | None = None,
    docs: dict | None = None,
    programs: bool = False,
    nav: str = FIXTURE_NAV,
) -> Path:
    """A project in ``tmp_path/project`` with the given records and pages.

    Args:
        records: ``{file name: YAML text}`` for ``data/resources/``.
        docs: ``{path under docs/: text}``; defaults to a home and an about page in
            both languages.
        programs: copy the shipped ``data/programs/`` too.
        nav: the ``nav:`` block replacing the shipped one.
    """
    project = tmp_path / "project"
    project.mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?ms)^nav:\n.*?(?=^\S)", nav, config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("hooks", "overrides"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))
    data = project / "data"
    (data / "resources").mkdir(parents=True)
    for name in SHARED_DATA:
        shutil.copy(ROOT / "data" / name, data / name)
    if programs:
        shutil.copytree(ROOT / "data" / "programs", data / "programs")
    for name, text in (records or {}).items():
        (data / "resources" / name).write_text(text, encoding="utf-8")
    # The logo data/site.yml names (without it, `check` warns that no logo is shown).
    (project / "docs" / "images").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "docs" / "images" / "logo.svg", project / "docs" / "images" / "logo.svg")
    for path, text in (DEFAULT_DOCS if docs is None else docs).items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return project


def fixture_records(*names: str, kind: str = "valid") -> dict:
    """``{file name: text}`` of fixture records under ``tests/fixtures/records/<kind>/``."""
    folder = FIXTURES / "records" / kind
    return {f"{n}.yml": (folder / f"{n}.yml").read_text(encoding="utf-8") for n in names}


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``mkdocs`` on ``project`` with the interpreter running the tests."""
    # The hooks import this checkout's resource_library, not an installed copy.
    env = dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        DISABLE_MKDOCS_2_WARNING="true",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args, "-f", str(project / "mkdocs.yml")],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def build(project: Path, strict: bool = True) -> Path:
    """Build ``project`` into ``project/site``; fail the test with mkdocs' output on error."""
    args = ["build", "-d", str(project / "site")]
    if strict:
        args.append("--strict")
    result = mkdocs(project, *args)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return project / "site"


def html_pages(site: Path) -> set:
    """Every HTML page of a built site, as paths relative to it."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; an unknown address gets the 404 page of its language, as hosts do."""

    def log_message(self, format, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        root = Path(self.directory)
        lang_page = root / self.path.lstrip("/").split("/", 1)[0] / "404.html"
        page = lang_page if lang_page.is_file() else root / "404.html"
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _CompressingHandler(_SiteHandler):
    """As :class:`_SiteHandler`, with text files gzipped for clients that accept it, as
    static hosts (GitHub Pages, Netlify, nginx's gzip module) send them."""

    TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".csv", ".txt", ".webmanifest")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.TEXT_SUFFIXES and path.is_file()):
            return super().do_GET()  # other files, folders without their slash, unknown addresses
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(directory: Path, compress: bool = False):
    """``http://127.0.0.1:<free port>/`` serving ``directory`` from a thread of this process.

    ``compress``: text files gzipped for clients that accept it (what hosts do; the
    performance audits use it, so that they measure what readers get).
    """
    handler = functools.partial(_CompressingHandler if compress else _SiteHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        host, port = httpd.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


class Preview:
    """``mkdocs serve --livereload`` of a project on a free port of 127.0.0.1, its output read line by line.

    Attributes:
        url: The preview's address (``http://127.0.0.1:<port>/``).
        log: Every line read so far (for assertion messages).
    """

    def __init__(self, project: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.log: list = []
        self._lines: queue.Queue = queue.Queue()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", PYTHONPATH=str(ROOT))
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"]
        self._server = subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        assert self._server.stdout is not None
        stdout = self._server.stdout
        self._reader = threading.Thread(target=lambda: [self._lines.put(line) for line in stdout], daemon=True)
        self._reader.start()

    def wait_for(self, text: str, timeout: float) -> bool:
        """Read lines until one holds ``text`` (True) or ``timeout`` seconds pass (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.log.append(line)
            if text in line:
                return True
        return False

    def pending(self) -> list:
        """The lines printed since the last read."""
        lines = []
        while not self._lines.empty():
            lines.append(self._lines.get())
        self.log += lines
        return lines

    def stop(self) -> None:
        self._server.terminate()
        try:
            self._server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait(timeout=10)
        self._reader.join(timeout=10)
        assert self._server.stdout is not None
        self._server.stdout.close()


@contextlib.contextmanager
def preview(project: Path):
    """A :class:`Preview` of ``project``, stopped on leaving."""
    server = Preview(project)
    try:
        yield server
    finally:
        server.stop()


#: The French site's section names (written out here, not read from the code under test).
FRENCH_SECTIONS = {
    "library": "bibliotheque",
    "pillars": "piliers",
    "infographics": "infographies",
    "glossary": "glossaire",
    "programs": "programmes",
    "search": "recherche",
}


def at(prefix: str, path: str) -> str:
    """``path`` (``library/x``) on the site of ``prefix`` (``""`` or ``"fr/"``): ``fr/bibliotheque/x``."""
    if not prefix:
        return path
    head, sep, rest = path.partition("/")
    return prefix + FRENCH_SECTIONS.get(head, head) + sep + rest


def node_or_skip(test: str) -> str:
    """The ``node`` executable for ``test`` (what it checks, for the message): a failure in CI
    when it is missing (Node is part of the CI machine), a skip on a laptop without it."""
    import pytest

    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail(f"node is required in CI for {test}")
        pytest.skip(f"node is not installed: {test} needs it")
    return node


def wait_until(condition, seconds: float = 10.0) -> bool:
    """Whether ``condition()`` becomes true within ``seconds`` (asked every 10 ms)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return condition()

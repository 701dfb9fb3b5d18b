"""Hostile-but-valid input runs no script, opens no dialog and contacts no other host, on any page.

``tests/fixtures/hostile-valid/project.yml`` puts text that looks like markup, tries to
leave an attribute or names a script into every kind of file an editor touches
(records, vocabularies, pillars, a program, the glossary, interface words, the site
file, a drawing, hand-written pages in both languages, and an SVG, a PDF, a CSV and a
text file under ``docs/``).  ``scripts/library check`` accepts all of it (warnings at
most) and ``mkdocs build --strict`` passes.  Then Chromium, under the watch of
``watch.py``, loads every HTML page the build produces in both languages, fires every
event handler attribute (there must be none: the theme writes none), hovers, focuses
and clicks every link and button that stays on the page, presses Tab through it, and
opens on its own every file of the site the pages link to that is not a page (the
files copied from ``docs/``, the drawings' SVG files, the feeds and the open data).
Nothing may run, open a dialog or leave 127.0.0.1, no policy may be violated, and the
theme's own scripts must run.  A copy of the site tampered with past every check
shows that the watch sees each of those.

The build, the serving and the visits take well under 90 s on two cores (the browser
suite's summary prints the times); past :data:`MAX_PAGES` pages, resource pages are
sampled, while every kind of page and every page of a hostile-valid input is visited.
"""

from __future__ import annotations

import shutil
import time

import hostilevalid
import pytest
from conftest import _notes, serve
from sitebuild import FRENCH_SECTIONS, build, html_pages
from watch import failures, visit_site

#: More pages than this and resource pages are sampled (deterministically).
MAX_PAGES = 120
#: Kinds of page, from their address (the first match wins).
KINDS = [
    ("404", lambda p: p.endswith("no-such-page/")),
    ("resource", lambda p: p.startswith("library/") and p != "library/"),
    ("library", lambda p: p == "library/"),
    ("pillar", lambda p: p.startswith("pillars/") and p != "pillars/"),
    ("pillars", lambda p: p == "pillars/"),
    ("program", lambda p: p.startswith("programs/")),
    ("home", lambda p: p == ""),
    ("generated", lambda p: p in ("glossary/", "infographics/", "data/", "translation-status/")),
    ("hand-written", lambda p: True),
]


def _address(rel: str) -> str:
    """The address a built HTML file is served at (its 404 page: any unknown address)."""
    if rel.endswith("404.html"):
        return rel[: -len("404.html")] + "no-such-page/"
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def _kind(address: str) -> str:
    path = address.removeprefix("fr/")
    if path != address:  # the French site names its sections in French
        head, sep, rest = path.partition("/")
        path = {french: english for english, french in FRENCH_SECTIONS.items()}.get(head, head) + sep + rest
    return next(kind for kind, test in KINDS if test(path))


def _moved(site, rel: str) -> bool:
    """A page left at a former French address: it sends readers on by design (tests/browser/test_former_addresses.py)."""
    return 'data-rl-moved="' in (site / rel).read_text(encoding="utf-8")


def _lang(address: str) -> str:
    return "fr" if address.startswith("fr/") else "en"


def choose_pages(addresses: list, required: set, limit: int = MAX_PAGES) -> list:
    """Every address when there are at most ``limit``; else every page that is not a resource page,
    every ``required`` one, and resource pages in sorted order up to ``limit``."""
    addresses = sorted(addresses)
    if len(addresses) <= limit:
        return addresses
    chosen = [a for a in addresses if _kind(a) != "resource" or a in required]
    room = max(0, limit - len(chosen))
    chosen += [a for a in addresses if a not in chosen][:room]
    return sorted(chosen)


# --- The project, its check, its build -------------------------------------------------------


@pytest.fixture(scope="module")
def spec():
    return hostilevalid.overlay()


@pytest.fixture(scope="module")
def project(tmp_path_factory, spec):
    return hostilevalid.make(tmp_path_factory.mktemp("hostile-valid"), spec)


@pytest.fixture(scope="module")
def site(project):
    started = time.monotonic()
    path = build(project)  # --strict; the test fails with MkDocs' output otherwise
    _notes.append(f"hostile-valid: strict build in {time.monotonic() - started:.1f} s")
    return path


@pytest.fixture(scope="module")
def server(site):
    with serve(site) as url:
        yield url


def test_the_fixture_covers_every_file_kind(spec):
    inputs = spec["inputs"]
    assert len(inputs) >= 30, f"only {len(inputs)} hostile-valid inputs"
    names = [i["name"] for i in inputs]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    files = {i["file"] for i in inputs}
    kinds = {
        "records": any(f.startswith("data/resources/") for f in files),
        "vocabularies": "data/vocabularies.yml" in files,
        "pillars": "data/pillars.yml" in files,
        "program": any(f.startswith("data/programs/") for f in files),
        "glossary": "data/glossary.yml" in files,
        "interface": "data/interface.yml" in files,
        "site": "data/site.yml" in files,
        "drawing": any(f.startswith("data/infographics/") for f in files),
        "English page": any(
            f.startswith("docs/") and f.endswith(".md") and not f.startswith("docs/fr/") for f in files
        ),
        "French page": any(f.startswith("docs/fr/") and f.endswith(".md") for f in files),
        "SVG": any(f.endswith(".svg") for f in files),
        "PDF": any(f.endswith(".pdf") for f in files),
        "CSV": any(f.endswith(".csv") for f in files),
    }
    assert all(kinds.values()), [k for k, v in kinds.items() if not v]
    written = (
        set(spec.get("files") or {})
        | set(spec.get("binary") or {})
        | set(spec.get("edit") or {})
        | set(spec.get("append") or {})
    )
    assert files <= written, f"inputs in files the overlay does not write: {sorted(files - written)}"


def test_check_reports_no_error(project):
    result = hostilevalid.check(project)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    lines = [line for line in result.stdout.splitlines() if line.strip() and not line.startswith(" ")]
    errors = [line for line in lines if ": warning: " not in line]
    assert result.returncode == 0 and not errors, output
    print(f"check: 0 errors, {len(lines)} warning(s)", *lines, sep="\n  ")


def test_the_strict_build_passes(site, spec):
    pages = {_address(rel) for rel in html_pages(site)}
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    wanted = {page for i in spec["inputs"] for page in i["pages"]}
    missing = sorted(p for p in wanted if p not in pages and p not in files)
    assert not missing, f"pages named by the fixture's inputs that the build did not produce: {missing}"


# --- In Chromium ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def visits(browser, site, server, spec):
    """Every page of the hostile-valid site, and every file they link to."""
    addresses = [_address(rel) for rel in html_pages(site) if not _moved(site, rel)]
    required = {p for i in spec["inputs"] for p in i["pages"] if p.endswith("/") or p == ""}
    chosen = choose_pages(addresses, required)
    assert len(chosen) <= max(MAX_PAGES, len(required) + len(KINDS) * 2), len(chosen)
    started = time.monotonic()
    seen = visit_site(browser, site, server, chosen)
    pages = seen["pages"].values()
    _notes.append(
        f"hostile-valid: {len(pages)} pages of {len(addresses)}, "
        f"{sum(r.get('exercised', {}).get('actions', 0) for r in pages)} links and buttons exercised, "
        f"{len(seen['files'])} files opened: {time.monotonic() - started:.1f} s in Chromium"
    )
    return {**seen, "chosen": chosen, "all": addresses}


def test_nothing_runs_opens_or_leaves(visits):
    found = failures(visits)
    assert not found, f"{len(found)} problem(s):\n" + "\n".join(found[:80])
    pages = visits["pages"]
    print(
        f"{len(pages)} pages: 0 dialogs, 0 sentinel writes, 0 requests leaving 127.0.0.1, 0 policy violations; "
        f"{sum(len(r['exercised']['handlers']) for r in pages.values())} event handler attributes; "
        f"{sum(r['exercised']['clicked'] for r in pages.values())} clicks"
    )


def test_every_page_kind_and_every_input_page_was_visited(visits, spec):
    chosen = set(visits["chosen"])
    kinds = {(_kind(a), _lang(a)) for a in visits["all"]}
    seen = {(_kind(a), _lang(a)) for a in chosen}
    assert kinds <= seen, sorted(kinds - seen)
    wanted = {p for i in spec["inputs"] for p in i["pages"]}
    pages = {p for p in wanted if p.endswith("/") or p == ""}
    assert pages <= set(visits["pages"]), sorted(pages - set(visits["pages"]))
    files = wanted - pages
    assert files <= set(visits["files"]), (
        f"files of the inputs no page links to: {sorted(files - set(visits['files']))}"
    )


def test_every_file_copied_from_docs_is_linked_and_opened(visits, project):
    docs = project / "docs"
    copied = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"}
    opened = set(visits["files"])
    assert copied <= opened, f"files under docs/ not linked from any page, or not opened: {sorted(copied - opened)}"
    print(
        "opened on their own:",
        *(
            f"{p} ({'shown' if f['shown'] else f.get('error', '')}, linked from {visits['linked'][p] or '(home)'})"
            for p, f in visits["files"].items()
        ),
        sep="\n  ",
    )


def test_choose_pages_samples_resource_pages_only():
    addresses = [f"library/r{i:03d}/" for i in range(200)] + ["", "library/", "fr/bibliotheque/r000/", "about/"]
    chosen = choose_pages(addresses, {"library/r150/"}, limit=20)
    assert len(chosen) == 20
    assert {"", "library/", "about/", "library/r150/"} <= set(chosen)
    assert chosen == choose_pages(list(reversed(addresses)), {"library/r150/"}, limit=20)


# --- The watch itself -------------------------------------------------------------------------

# What escaping or a check would have to miss for a page or a file to do harm, written into a
# copy of the built site: each must be seen.
TAMPERED = (
    '<img src="data:," alt="" onerror="window.__pwned = \'handler\'">'
    '<script>window.__pwned = "script"</script>'
    '<img src="https://leak.example/pixel.png" alt=""><iframe src="https://leak.example/frame"></iframe>'
    '<a href="../images/tampered.svg">SVG</a> <a href="../files/tampered.pdf">PDF</a>'
)
TAMPERED_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg"><script>window.__pwned = "svg"; alert("svg ran")</script></svg>\n'
)


def _pdf(*objects: bytes) -> bytes:
    """A PDF of ``objects`` (numbered from 1, the first the catalog) with its cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return out + b"xref\n0 %d\n0000000000 65535 f \n%strailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
        len(objects) + 1,
        len(out),
    )


# A PDF whose script runs as soon as it opens.
TAMPERED_PDF = _pdf(
    b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\('pdf ran'\\)) >> >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
)
REFRESH = '<!doctype html><meta http-equiv="refresh" content="0; url=https://leak.example/refresh"><title>x</title>\n'


def test_the_watch_sees_what_it_must(browser, site, tmp_path):
    """The watch is not blind: a copy of the site tampered with past every check fails it on every count."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = copy / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", "</h1>" + TAMPERED, 1), encoding="utf-8")
    (copy / "images" / "tampered.svg").write_text(TAMPERED_SVG, encoding="utf-8")
    (copy / "files" / "tampered.pdf").write_bytes(TAMPERED_PDF)
    (copy / "refresh").mkdir()
    (copy / "refresh" / "index.html").write_text(REFRESH, encoding="utf-8")
    with serve(copy) as url:
        seen = visit_site(browser, copy, url, ["about/", "refresh/"])
    found = "\n".join(failures(seen))
    expected = [
        "about/: event handler attribute img[onerror]",
        "about/: violation: {'directive': 'script-src-attr'",
        "about/: violation: {'directive': 'script-src-elem'",
        "about/: violation: {'directive': 'img-src', 'blocked': 'https://leak.example/pixel.png'",
        "about/: element iframe",
        "images/tampered.svg: write: {'what': '__pwned', 'args': ['svg']}",
        "images/tampered.svg: call: {'what': 'alert', 'args': ['svg ran']}",
        "images/tampered.svg: a script ran at line 1",
        ": alert: svg ran",
        ": alert: pdf ran",
        ("refresh/: the page moved to", "refresh/: the page went elsewhere"),  # as fast as the refresh is
        "request left 127.0.0.1: https://leak.example/refresh",
    ]
    missing = [
        line for line in expected if not any(one in found for one in ([line] if isinstance(line, str) else line))
    ]
    assert not missing, "the watch missed:\n" + "\n".join(map(str, missing)) + "\n--- it saw:\n" + found

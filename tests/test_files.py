"""Files of data/ and docs/ (resource_library.load.files, load.svgsafety): what the hostile
corpus (tests/fixtures/hostile/files.yml) cannot express: pipes, huge files, timing, any bytes."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitebuild import fixture_records, make_project, mkdocs

from resource_library.cli.validate import collect
from resource_library.load.files import IMAGE_SUFFIXES, LIMITS, MB, check_files, link_refusal, read_limited
from resource_library.load.problems import Problem
from resource_library.load.svgsafety import svg_problems

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">{}</svg>'


def lines(problems) -> list:
    return [str(p) for p in problems]


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path, records=fixture_records("full-record", "english-only"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_on_it(project, tmp_path):
    os.mkfifo(project / "data" / "resources" / "pipe.yml")
    os.mkfifo(project / "docs" / "guide.pdf")
    started = time.monotonic()
    problems, _ = collect(project)
    assert time.monotonic() - started < 10
    message = "-: this is not a regular file (a named pipe, a device or a socket); remove it"
    assert [str(p) for p in problems if p.is_error] == [
        f"data/resources/pipe.yml:1:1: {message}",
        f"docs/guide.pdf:1:1: {message}",
    ]
    built = mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))  # bounded by its timeout
    assert built.returncode != 0 and f"docs/guide.pdf:1:1: {message}" in built.stdout + built.stderr


@pytest.mark.parametrize(
    "path, size, message",
    [
        (
            "data/resources/big.yml",
            300 * 1024,
            "the file is 0.3 MB; a YAML file here must be under 256 KB (was something pasted into it by mistake?)",
        ),
        (
            "data/translations/pages/about.md",
            3 * MB,
            "the file is 3.0 MB; a page must be under 100 KB (was something pasted into it by mistake? split a long page in several)",
        ),
        (
            "docs/long.md",
            3 * MB,
            "the file is 3.0 MB; a page must be under 100 KB (was something pasted into it by mistake? split a long page in several)",
        ),
        (
            "docs/images/map.svg",
            3 * MB,
            "the file is 3.0 MB; an SVG image must be under 2 MB (simplify it, or export it as PNG)",
        ),
        (
            "docs/files/film.mp4",
            30 * MB,
            "the file is 30.0 MB; a file published from docs/ must be under 20 MB "
            "(compress it, or put it on another site and link to it)",
        ),
    ],
)
def test_size_caps_are_checked_before_reading(project, path, size, message):
    target = project / path
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as out:  # sparse: the size is there, the bytes are never read
        out.truncate(size)
    assert lines(check_files(project)) == [f"{path}:1:1: -: {message}"]


def test_read_limited_never_follows_a_link_and_stops_at_the_cap(tmp_path):
    real = tmp_path / "real.yml"
    real.write_bytes(b"id: x\n")
    (tmp_path / "link.yml").symlink_to(real)
    refused = read_limited(tmp_path / "link.yml", "link.yml", "yaml")
    assert isinstance(refused, Problem) and refused.message.startswith("this is a symbolic link (to ")
    assert read_limited(real, "real.yml", "yaml") == b"id: x\n"
    assert read_limited(tmp_path, "folder", "yaml").message.startswith("this is a folder, not a file")
    assert (
        read_limited(tmp_path / "none.yml", "none.yml", "yaml").message
        == "cannot read the file: No such file or directory"
    )
    if os.path.exists("/dev/zero"):
        assert read_limited("/dev/zero", "zero", "page").message.startswith("this is not a regular file")


def test_a_link_loop_and_a_link_to_the_root_end_at_once(project):
    (project / "docs" / "loop").symlink_to(".")
    (project / "data" / "root").symlink_to("/")
    started = time.monotonic()
    found = lines(check_files(project))
    assert time.monotonic() - started < 5
    assert [line.split(" (to ")[0] for line in found] == [
        "data/root:1:1: -: this is a symbolic link",
        "docs/loop:1:1: -: this is a symbolic link",
    ]


def test_data_and_docs_themselves_may_not_be_links(tmp_path):
    root = tmp_path / "project"
    (tmp_path / "elsewhere").mkdir()
    root.mkdir()
    (root / "docs").symlink_to(tmp_path / "elsewhere")
    assert [p.path for p in check_files(root)] == ["docs"]


@pytest.mark.parametrize(
    "target, images, refused",
    [
        ("files/guide.pdf", (), False),
        ("../about/", (), False),
        ("other-record.md", (), False),
        ("files/Report.DOCX", (), False),
        ("files/clip.webm", (), False),
        ("files/data.csv", (), False),
        ("files/page.html", (), True),
        ("files/page.HTM", (), True),
        ("feed.xml", (), True),
        ("x.js", (), True),
        ("x.svgz", (), True),
        ("tool.exe", (), True),
        ("notes.markdown", (), True),
        ("images/a.png", IMAGE_SUFFIXES, False),
        ("images/a.SVG", IMAGE_SUFFIXES, False),
        ("files/a.pdf", IMAGE_SUFFIXES, True),
        ("images/a", IMAGE_SUFFIXES, True),
    ],
)
def test_one_allow_list_for_links(target, images, refused):
    assert (link_refusal(target, images) is not None) == refused


@pytest.mark.parametrize(
    "body",
    [
        '<rect fill="url(#g)" style="stroke:#000; font-family: \'A: B\'"/>',
        '<a href="../about/"><text>x</text></a><use xlink:href="#a"/>',
        "<style>/* see https://example.org */ .a { fill: red }</style>",
        "<text>javascript: is only text here</text>",
        '<image href="photo.png"/>',
    ],
)
def test_pictures_pass(body):
    assert svg_problems(SVG.format(body).encode(), "x.svg") == []


@pytest.mark.parametrize(
    "body, reason",
    [
        ("<SCRIPT/>", "<SCRIPT> element"),
        ('<svg:script xmlns:svg="http://www.w3.org/2000/svg"/>', "<script> element"),
        ('<rect ONCLICK="x"/>', "event attribute 'ONCLICK'"),
        ('<a href="&#106;avascript:x()"/>', "javascript: address"),
        ('<a href="vbscript:x"/>', "vbscript: address"),
        ('<a href="\\\\evil.example/x"/>', "reference outside the site"),
        ('<a href="mailto:a@b.c"/>', "reference outside the site"),
        ('<rect style="fill:u\\72l(https://e.example/p)"/>', "reference outside the site"),
        ("<style>a{b:url(/**/https://e.example/x)}</style>", "reference outside the site"),
        ('<style>@\\69mport "x.css";</style>', "@import"),
        ('<style><![CDATA[ r { fill: url("data:image/svg+xml,<svg/>") } ]]></style>', "data: address"),
        ('<animate attributeName="xlink:href" values="#a; https://e.example/"/>', "reference outside the site"),
        ('<set attributeName="onmouseover" to="x"/>', "animates the event attribute"),
        ('<g xml:base="https://e.example/"/>', "xml:base"),
        ('<h:p xmlns:h="http://www.w3.org/1999/xhtml"/>', "HTML element <p>"),
    ],
)
def test_more_than_a_picture_is_refused(body, reason):
    found = svg_problems(SVG.format(body).encode(), "x.svg")
    assert any(reason in p.message for p in found), lines(found)


def test_many_problems_are_summed_up():
    found = svg_problems(SVG.format('<g onclick="x"/>' * 25).encode(), "x.svg")
    assert len(found) == 11 and found[-1].message == "... and 15 more problems in this SVG image"


@pytest.mark.parametrize("piece", ["url(", "\\", "/*", "'", '"', "@import", "&#x61;", "<g>", "javascript:"])
def test_adversarial_svg_is_checked_in_linear_time(piece):
    filler = piece.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    style = piece.replace("&", "&amp;").replace("<", "&lt;")
    raw = (
        f'<svg xmlns="http://www.w3.org/2000/svg"><style>{style * (LIMITS["svg"][0] // 3 // len(piece))}</style>'
        f'<rect style="{filler * (LIMITS["svg"][0] // 3 // len(filler))}"/></svg>'
    ).encode()
    started = time.monotonic()
    svg_problems(raw, "x.svg")
    assert time.monotonic() - started < 1.5


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(
            st.sampled_from(
                [
                    '<svg xmlns="http://www.w3.org/2000/svg">',
                    "</svg>",
                    "<g>",
                    "</g>",
                    "<style>",
                    "</style>",
                    '<a href="',
                    "javascript:",
                    "url(",
                    "//h/",
                    '">',
                    "<!DOCTYPE svg [",
                    "]>",
                    "<!ENTITY a 'b'>",
                    "&a;",
                    "<?x y?>",
                    "<![CDATA[",
                    "]]>",
                    "\\",
                    "\x00",
                    "é",
                ]
            ),
            max_size=25,
        ).map(lambda parts: "".join(parts).encode("utf-8")),
    )
)
def test_any_bytes_give_problems_never_an_exception(raw):
    for problem in svg_problems(raw, "x.svg"):
        assert problem.path == "x.svg" and problem.line >= 1 and problem.column >= 1 and problem.field == "-"


def test_a_file_that_grows_while_it_is_read_is_read_up_to_the_cap_only(tmp_path):
    """``read_limited`` asks for the size ``fstat`` gave (and a byte more); a file that grew since
    is read on, never past the cap, and is then refused as too large."""
    from resource_library.load.files import LIMITS, _read_up_to

    grown = tmp_path / "grown.yml"
    grown.write_bytes(b"x" * 200_000)
    handle = os.open(grown, os.O_RDONLY)
    try:  # as if fstat had seen 10 bytes: the rest is read too, up to `most`
        assert len(_read_up_to(handle, 10, 150_001)) == 150_001
    finally:
        os.close(handle)
    handle = os.open(grown, os.O_RDONLY)
    try:
        assert _read_up_to(handle, 200_000, 10**6) == b"x" * 200_000
    finally:
        os.close(handle)
    cap = LIMITS["yaml"][0]
    grown.write_bytes(b"a: 1\n" + b"#" * cap)
    assert read_limited(grown, "grown.yml", "yaml").message.startswith("the file is 0.3 MB")
    grown.write_bytes(b"a: 1\n")
    assert read_limited(grown, "grown.yml", "yaml") == b"a: 1\n"
    (tmp_path / "empty.yml").write_bytes(b"")
    assert read_limited(tmp_path / "empty.yml", "empty.yml", "yaml") == b""

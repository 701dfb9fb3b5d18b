"""PDF files under docs/ (resource_library.load.pdfsafety): scripts found however they are written.

Chromium's PDF viewer runs a PDF's JavaScript when the file opens (the hostile corpus,
``tests/fixtures/hostile/browser-found.yml``, has the cases it ran).  Here: every way
of writing the names (escaped, in compressed object streams behind each filter and
predictor, behind a false ``endstream`` or an ``obj`` inside a string), what is not
refused (links, images, fonts), and bounded work on hostile files.
"""

from __future__ import annotations

import base64
import struct
import time
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resource_library.load.pdfsafety import pdf_problems

PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"
SCRIPT = b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"


def pdf(*objects: bytes, version: bytes = b"1.4") -> bytes:
    """A PDF of ``objects`` (numbered from 1) with its cross-reference table."""
    out, offsets = b"%PDF-" + version + b"\n", []
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


def catalog(extra: bytes = b"") -> bytes:
    return b"<< /Type /Catalog /Pages 2 0 R " + extra + b" >>"


def object_stream(body: bytes, filters: bytes = b"/FlateDecode", encode=zlib.compress, extra: bytes = b"") -> bytes:
    """An object stream holding ``body`` as object 9."""
    data = encode(b"9 0 " + body)
    return (
        b"<< /Type /ObjStm /N 1 /First 4 /Filter %s %s /Length %d >>\nstream\n" % (filters, extra, len(data))
        + data
        + b"\nendstream"
    )


def lzw(data: bytes) -> bytes:
    """LZW as PDF writes it (EarlyChange 1): a clear code, codes of 9 to 12 bits, end of data."""
    table = {bytes([i]): i for i in range(256)}
    codes, word = [256], b""
    for byte in data:
        longer = word + bytes([byte])
        if longer in table:
            word = longer
        else:
            codes.append(table[word])
            table[longer] = len(table) + 2
            word = bytes([byte])
    codes += [table[word], 257]
    out, bits, value, width, size = bytearray(), 0, 0, 9, 258
    for index, code in enumerate(codes):
        value, bits = (value << width) | code, bits + width
        while bits >= 8:
            bits -= 8
            out.append((value >> bits) & 0xFF)
            value &= (1 << bits) - 1
        size += index > 1
        if size + 1 >= 1 << width and width < 12:
            width += 1
    return bytes(out + (bytes([(value << (8 - bits)) & 0xFF]) if bits else b""))


def png_up(data: bytes, columns: int = 5) -> bytes:
    rows = [data[i : i + columns].ljust(columns, b"\0") for i in range(0, len(data), columns)]
    previous, out = bytes(columns), b""
    for row in rows:
        out += b"\x02" + bytes((a - b) & 0xFF for a, b in zip(row, previous))
        previous = row
    return out


def messages(raw: bytes) -> list:
    return [p.message for p in pdf_problems(raw, "docs/x.pdf")]


JS_PLAIN = "the PDF holds JavaScript (/JavaScript): browsers' PDF viewers run it as soon as the file is opened"
JS_PACKED = "the PDF holds JavaScript (/JavaScript) in its compressed objects"

REFUSED = {
    "open-action": (pdf(catalog(b"/OpenAction 4 0 R"), PAGES, PAGE, SCRIPT), JS_PLAIN),
    "escaped-name": (pdf(catalog(b"/OpenAction << /S /J#61va#53cript /JS (x) >>"), PAGES, PAGE), JS_PLAIN),
    "document-scripts": (
        pdf(catalog(b"/Names << /JavaScript 4 0 R >>"), PAGES, PAGE, b"<< /Names [(a) 5 0 R] >>"),
        JS_PLAIN,
    ),
    "flate": (pdf(catalog(), PAGES, PAGE, object_stream(SCRIPT)), JS_PACKED),
    "short-filter-names": (pdf(catalog(), PAGES, PAGE, object_stream(SCRIPT, b"/Fl")), JS_PACKED),
    "escaped-name-inside": (pdf(catalog(), PAGES, PAGE, object_stream(b"<< /S /Java#53cript >>")), JS_PACKED),
    "ascii85-then-flate": (
        pdf(
            catalog(),
            PAGES,
            PAGE,
            object_stream(
                SCRIPT, b"[/ASCII85Decode /FlateDecode]", lambda d: base64.a85encode(zlib.compress(d)) + b"~>"
            ),
        ),
        JS_PACKED,
    ),
    "ascii-hex": (
        pdf(catalog(), PAGES, PAGE, object_stream(SCRIPT, b"/AHx", lambda d: d.hex().encode() + b">")),
        JS_PACKED,
    ),
    "lzw": (pdf(catalog(), PAGES, PAGE, object_stream(SCRIPT * 20, b"/LZWDecode", lzw)), JS_PACKED),
    "png-predictor": (
        pdf(
            catalog(),
            PAGES,
            PAGE,
            object_stream(
                SCRIPT, encode=lambda d: zlib.compress(png_up(d)), extra=b"/DecodeParms << /Predictor 12 /Columns 5 >>"
            ),
        ),
        JS_PACKED,
    ),
    "false-end-in-a-string": (
        pdf(catalog(), PAGES, PAGE, object_stream(SCRIPT, extra=b"/Note (endstream endobj 7 0 obj)")),
        JS_PACKED,
    ),
    "false-length": (pdf(catalog(), PAGES, PAGE, object_stream(SCRIPT, extra=b"/Length 3")), JS_PACKED),
    "launch": (
        pdf(catalog(b"/OpenAction << /S /Launch /F (setup.exe) >>"), PAGES, PAGE),
        "the PDF holds an action that launches a program or opens another file (/Launch)",
    ),
    "submit-form": (
        pdf(catalog(b"/AcroForm << /Fields [] >>"), PAGES, PAGE, b"<< /S /SubmitForm /F (https://x.example/) >>"),
        "the PDF holds a form that sends what is typed in it to an address (/SubmitForm)",
    ),
    "xfa": (pdf(catalog(b"/AcroForm << /XFA 4 0 R >>"), PAGES, PAGE, b"<< >>"), "the PDF holds an XFA form (/XFA)"),
    "encrypted": (
        pdf(catalog(), PAGES, PAGE).replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /V 1 >>"),
        "the PDF holds encryption (/Encrypt)",
    ),
    "filter-by-reference": (
        pdf(catalog(), PAGES, PAGE, object_stream(SCRIPT, b"5 0 R")),
        "the PDF keeps objects in a compressed stream that cannot be read to check it (its filter is given by reference)",
    ),
    "image-filter-on-objects": (
        pdf(catalog(), PAGES, PAGE, object_stream(SCRIPT, b"/DCTDecode")),
        "the PDF keeps objects in a compressed stream that cannot be read to check it (its filter /DCTDecode "
        "is not one this check reads)",
    ),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused(name):
    raw, expected = REFUSED[name]
    found = messages(raw)
    assert len(found) == 1 and found[0].startswith(expected), found


def test_the_position_is_the_name_or_the_stream_that_holds_it():
    raw = pdf(catalog(b"/OpenAction 4 0 R"), PAGES, PAGE, SCRIPT)
    (problem,) = pdf_problems(raw, "docs/x.pdf")
    line = raw[: raw.index(b"/JavaScript")].count(b"\n") + 1
    assert (problem.path, problem.line, problem.field) == ("docs/x.pdf", line, "-")
    assert problem.column == raw.index(b"/JavaScript") - raw.rfind(b"\n", 0, raw.index(b"/JavaScript"))


def test_an_xref_stream_and_compressed_objects_without_script_pass():
    inner = b"5 0 << /S /URI /URI (https://example.org/) >>"
    data = zlib.compress(inner)
    objects = [
        catalog(),
        PAGES,
        PAGE,
        b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(data)
        + data
        + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.5\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    rows = b"\x00\x00\x00\xff" + b"".join(b"\x01" + struct.pack(">H", o) + b"\x00" for o in offsets)
    rows += b"\x02\x00\x04\x00" + b"\x01" + struct.pack(">H", len(out)) + b"\x00"
    xref = zlib.compress(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(xref)
        + xref
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[-1]
    )
    assert messages(out) == []


def test_pictures_and_fonts_are_not_unpacked():
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 300 /Height 300 /ColorSpace /DeviceRGB /BitsPerComponent 8 "
        b"/Filter /FlateDecode >>\nstream\n" + zlib.compress(bytes(270000)) + b"\nendstream"
    )
    assert messages(pdf(catalog(), PAGES, PAGE, image)) == []


def test_a_decompression_bomb_is_refused_quickly():
    bomb = (
        b"<< /Type /ObjStm /N 1 /First 0 /Filter /FlateDecode >>\nstream\n"
        + zlib.compress(bytes(128 * 1024 * 1024), 9)
        + b"\nendstream"
    )
    started = time.monotonic()
    found = messages(pdf(catalog(), PAGES, PAGE, bomb))
    assert time.monotonic() - started < 5
    assert found and "reading it would take more work than a document needs" in found[0], found


@pytest.mark.parametrize(
    "raw",
    [
        b"%PDF-1.4\n" + b"<< /N 1 /Filter /AHx >>stream\n" * 40000,
        b"%PDF-1.4\n" + b"1 0 obj << /N 1 /First 2 /Filter /FlateDecode >>stream\n" * 30000,
        b"%PDF-1.4\n" + b"/J#61/N/Filter/A85 " * 100000,
        b"%PDF-1.4\n" + b"(obj " * 200000 + b"stream\n",
    ],
    ids=["stream-keywords", "object-headers", "names", "unclosed-strings"],
)
def test_hostile_files_take_bounded_time(raw):
    started = time.monotonic()
    pdf_problems(raw, "docs/x.pdf")
    assert time.monotonic() - started < 5


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=2048),
    st.sampled_from([b"", b"stream\n", b"obj << /N 1 /Filter [/AHx /Fl /LZW /RL /A85] >>stream\n"]),
)
def test_any_bytes_are_read_without_error(data, prefix):
    assert isinstance(pdf_problems(b"%PDF-1.7\n" + prefix + data, "docs/x.pdf"), list)

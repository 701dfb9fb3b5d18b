"""The infographics' PNG and PDF files: made from the drawing, offline, the same at every build."""

from __future__ import annotations

import re
import struct
from pathlib import Path

from resource_library import load_catalogue
from resource_library.drawing import export
from resource_library.drawing.svg import draw
from resource_library.views.infographics import drawing_files

ROOT = Path(__file__).resolve().parents[1]


def _png_size(data: bytes) -> tuple:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_and_pdf_of_every_shipped_drawing_in_both_languages():
    catalogue = load_catalogue(ROOT)
    assert catalogue.infographics
    for info in catalogue.infographics.values():
        for lang in ("en", "fr"):
            files = drawing_files(catalogue, info, lang)
            svg = files["svg"].decode("utf-8")
            width, height = (float(v) for v in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
            # Twice the drawing's size, for sharp printing and high-density screens.
            assert _png_size(files["png"]) == (round(width * export.PNG_SCALE), round(height * export.PNG_SCALE))
            pdf = files["pdf"]
            assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
            # One page of the drawing's size in points (96 CSS pixels an inch, 72 points).
            box = re.search(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", pdf)
            assert box and abs(float(box.group(1)) - width * 0.75) < 1 and abs(float(box.group(2)) - height * 0.75) < 1
            assert b"/Title" in pdf


def test_the_files_do_not_depend_on_when_they_are_made():
    catalogue = load_catalogue(ROOT)
    info = next(iter(catalogue.infographics.values()))
    picture = draw(info, "fr", inline=True)
    first = export.pdf(picture, "Titre", "2024-09-01")
    export._CACHE.clear()
    assert export.pdf(picture, "Titre", "2024-09-01") == first
    assert b"20240901" in first
    png = export.png(picture)
    export._CACHE.clear()
    assert export.png(picture) == png


def test_the_text_is_drawn_not_left_blank():
    # A drawing with its text turned white would still be a valid PNG: compare with one without text.
    catalogue = load_catalogue(ROOT)
    info = catalogue.infographics["tiered-continuum"]
    picture = draw(info, "en", inline=True)
    without_text = re.sub(r"<text\b.*?</text>", "", picture, flags=re.S)
    assert export.png(picture) != export.png(without_text)
    assert len(export.png(picture)) > len(export.png(without_text)) * 1.5

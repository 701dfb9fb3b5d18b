"""A drawing as PNG and PDF files, made at build time from the same SVG the pages show.

CairoSVG (PyPI ``cairosvg``, on the Cairo graphics library: Debian's ``libcairo2``)
renders the SVG; the text is set in the first font of
:data:`~resource_library.drawing.measure.FONT_FAMILY` that fontconfig finds on the
machine (DejaVu Sans, Debian's ``fonts-dejavu-core``), so nothing is fetched.  The
drawing handed in is the one inlined in pages (:func:`~resource_library.drawing.svg.draw`
with ``inline=True``): no links, and no ``<style>`` (whose focus rules CairoSVG
would apply to every shape).  The same SVG gives the same bytes: the PDF's creation
date is the one given (the resource's date), not the time of the build, so two
builds of the same content publish identical files.

CairoSVG is imported only when a file is made: ``scripts/library check`` never loads it.
"""

from __future__ import annotations

import io

#: The PNG is drawn at twice the drawing's size, sharp on high-density screens and in print.
PNG_SCALE = 2
#: The pixel density the SVG's sizes are read at (CSS pixels): 96 per inch.
DPI = 96

#: Files already made, by what they are made from (``mkdocs serve`` rebuilds make them once).
_CACHE: dict = {}
_CACHE_SIZE = 200


def _remember(key: tuple, data: bytes) -> bytes:
    if len(_CACHE) >= _CACHE_SIZE:  # bounded: drawings edited during a long serve
        _CACHE.clear()
    _CACHE[key] = data
    return data


def made_since(known: frozenset) -> dict:
    """The files made since :func:`known_files` returned ``known`` (handed by a forked process
    to the one it was forked from: see :func:`keep`)."""
    return {key: data for key, data in _CACHE.items() if key not in known}


def known_files() -> frozenset:
    return frozenset(_CACHE)


def keep(made: dict) -> None:
    """Remember files made by another process (:func:`made_since`)."""
    for key, data in made.items():
        _remember(key, data)


class ExportError(RuntimeError):
    """CairoSVG or the Cairo library is missing: the build cannot make the PNG and PDF files."""


def _cairosvg():
    try:
        import cairocffi
        from cairosvg.parser import Tree
        from cairosvg.surface import PDFSurface, PNGSurface
    except (ImportError, OSError) as exc:  # OSError: the Cairo library itself is missing
        raise ExportError(
            "the infographics' PNG and PDF files need CairoSVG (pip: cairosvg) and the Cairo library "
            f"(Debian: apt-get install libcairo2 fonts-dejavu-core): {exc}"
        ) from exc
    return cairocffi, Tree, PDFSurface, PNGSurface


def png(svg: str) -> bytes:
    """The drawing as a PNG image, at :data:`PNG_SCALE` times its size."""
    key = ("png", svg)
    if key not in _CACHE:
        _cairo, tree, _pdf, surface = _cairosvg()
        out = io.BytesIO()
        made = surface(tree(bytestring=svg.encode("utf-8")), out, DPI, scale=PNG_SCALE)
        made.finish()
        return _remember(key, out.getvalue())
    return _CACHE[key]


def pdf(svg: str, title: str, date: str) -> bytes:
    """The drawing as a one-page PDF whose metadata give its ``title`` and ``date`` (``YYYY-MM-DD``)."""
    key = ("pdf", svg, title, date)
    if key not in _CACHE:
        cairo, tree, surface, _png = _cairosvg()
        out = io.BytesIO()
        made = surface(tree(bytestring=svg.encode("utf-8")), out, DPI)
        made.cairo.set_metadata(cairo.PDF_METADATA_TITLE, title)
        made.cairo.set_metadata(cairo.PDF_METADATA_CREATE_DATE, f"{date}T00:00:00Z")
        made.finish()
        return _remember(key, out.getvalue())
    return _CACHE[key]


__all__ = ["DPI", "PNG_SCALE", "ExportError", "pdf", "png"]

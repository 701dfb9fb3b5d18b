"""A drawing as an accessible SVG document, in one language.

:func:`draw` wraps the layout (:func:`resource_library.drawing.layouts.lay_out`)
in an ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (:func:`description`)
in the drawing's language.  Its text is real ``<text>``; each part is a link
(``<a href>``) to the page about it, unless the drawing is inlined in a page that
lists those links beside it; a white background and light fills with dark text
make it print cleanly.
"""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape

from resource_library.drawing.colours import BACKGROUND
from resource_library.drawing.content import text_in
from resource_library.drawing.layouts import lay_out
from resource_library.drawing.measure import FONT_FAMILY
from resource_library.model.drawing import Infographic
from resource_library.model.record import LANGUAGES

_FONT_SIZE = re.compile(r'font-size="([0-9.]+)"')


def description(info: Infographic, lang: str) -> str:
    """The ``<desc>``: the summary, then every part in reading order, in ``lang``."""
    sentences = [text_in(info.summary, lang)]
    for part in info.all_parts():
        head = ", ".join(t for t in (text_in(part.kicker, lang), text_in(part.label, lang)) if t)
        if part.letter and info.layout == "tiles":
            head = f"{part.letter}, {head}"
        body = text_in(part.text, lang)
        sep = "\u00a0: " if lang == "fr" else ": "
        sentence = f"{head}{sep}{body}" if body else head
        sentences.append(sentence if sentence.endswith((".", "!", "?")) else sentence + ".")
    if info.note:
        sentences.append(text_in(info.note, lang))
    return " ".join(s for s in sentences if s)


def svg_id(info: Infographic) -> str:
    """The ``id`` of the drawing's ``<svg>`` element (its styles and ARIA references use it)."""
    return f"rl-ig-{info.id}"


def readable_width(width: float, items: list, smallest: float) -> float:
    """The narrowest width at which the drawing's smallest text measures ``smallest`` pixels."""
    sizes = [float(size) for item in items for size in _FONT_SIZE.findall(item)]
    least = min(sizes, default=smallest)
    return width * min(1.0, smallest / least)


def draw(
    info: Infographic,
    lang: str,
    base: str = "../",
    focusable: bool = True,
    inline: bool = False,
    fit_text: float | None = None,
) -> str:
    """The infographic in ``lang`` as a standalone SVG document, or for a page.

    Args:
        base: Relative path from where the SVG is shown to the root of ``lang``'s
            site (``../`` for ``/infographics/x.svg``; ``../../`` when inlined on
            ``/library/x/``), prefixed to the parts' links.
        focusable: False when the page repeats the part links as text next to the
            drawing: the links stay clickable but leave the keyboard order, since
            ``role="img"`` hides them from screen readers anyway.
        inline: The drawing goes inside an HTML page of ``lang``, which lists the
            parts' links as text beside it.  Then the parts are not links (an image
            must not hold interactive controls), the page gives the language, and
            styles come from the site's stylesheet (``infographics.css``): the
            pages' Content-Security-Policy allows no inline style.
        fit_text: The size, in CSS pixels, of the smallest text at the drawing's
            displayed size (its ``width`` and ``height``; the ``viewBox`` stays):
            a page never shows it smaller (``infographics.css``).  None: the
            drawing's own size.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    canvas, height = lay_out(info, lang, base, focusable, links=not inline)
    width = canvas.width
    size = f'width="{width}" height="{height:.0f}"'
    if fit_text is not None:
        # Rounded up: the smallest text is never under fit_text pixels.
        shown = math.ceil(readable_width(width, canvas.items, fit_text))
        size = f'width="{shown}" height="{math.ceil(height * shown / width)}"'

    sid = svg_id(info)
    style = (
        f"#{sid} a:focus{{outline:none}}"
        f"#{sid} a:focus>rect,#{sid} a:focus>polygon{{stroke:#000000;stroke-width:4px}}"
        f"#{sid} a:hover .rl-ig-label{{text-decoration:underline}}"
        f"@media print{{#{sid}{{-webkit-print-color-adjust:exact;print-color-adjust:exact}}#{sid} .rl-ig-bg{{fill:#ffffff}}}}"
    )
    language = "" if inline else f'lang="{lang}" xml:lang="{lang}" '
    sizing = "" if inline else 'style="max-width:100%;height:auto" '
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{sid}" class="rl-infographic" role="img" '
        f'aria-labelledby="{sid}-title {sid}-desc" {language}'
        f'viewBox="0 0 {width} {height:.0f}" {size} '
        f'{sizing}font-family="{FONT_FAMILY}" data-layout="{info.layout}">'
    )
    parts = [
        head,
        f'<title id="{sid}-title">{escape(text_in(info.title, lang))}</title>',
        f'<desc id="{sid}-desc">{escape(description(info, lang))}</desc>',
        *([] if inline else [f"<style>{style}</style>"]),
        f'<rect class="rl-ig-bg" x="0" y="0" width="{width}" height="{height:.0f}" fill="{BACKGROUND}"/>',
        *canvas.items,
        "</svg>",
    ]
    # One element a line, and no blank line: Markdown keeps the whole SVG as one HTML block.
    return "\n".join(parts) + "\n"

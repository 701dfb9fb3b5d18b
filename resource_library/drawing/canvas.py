"""The surface the layouts draw on: blocks of wrapped text and the SVG shapes around them.

A :class:`Block` is one text wrapped to a width (:func:`block` shrinks it when a
word is too long); :func:`stack` gives the height of blocks set one under
another.  A :class:`Canvas` collects the SVG elements of one drawing, every
coordinate rounded to one decimal, so the output is stable from build to build.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from resource_library.drawing.colours import ACCENT, INK, STROKE
from resource_library.drawing.content import link_url, text_in
from resource_library.drawing.measure import ASCENT, DESCENT, LINE_HEIGHT, TooLong, wrap_text
from resource_library.model.drawing import Part

#: Space between the blocks of one part.
GAP = 8


class DrawingError(ValueError):
    """A text cannot be laid out in its box; ``path`` is the field at fault."""

    def __init__(self, message: str, path: tuple = ()):
        super().__init__(message)
        self.path = path


@dataclass
class Block:
    """Lines of text set in one size and weight."""

    lines: list
    size: float
    bold: bool = False
    colour: str = INK
    role: str = "text"

    @property
    def height(self) -> float:
        return self.size * (ASCENT + DESCENT) + (len(self.lines) - 1) * self.size * LINE_HEIGHT


def block(
    text: str,
    width: float,
    size: float,
    bold: bool = False,
    colour: str = INK,
    path: tuple = (),
    role: str = "text",
    min_size: float = 12,
) -> Block:
    """Wrap ``text`` in ``width``, shrinking the size down to ``min_size`` if a word is too long."""
    current = size
    while True:
        try:
            return Block(wrap_text(text, width, current, bold), current, bold, colour, role)
        except TooLong as exc:
            if current - 1 < min_size:
                raise DrawingError(f"{exc}, even at {min_size:g} pixels; shorten it", path) from None
            current -= 1


def stack(blocks: list) -> float:
    """Height of ``blocks`` set one under another."""
    return sum(b.height for b in blocks) + GAP * max(0, len(blocks) - 1)


class Canvas:
    """Collects the SVG elements of one drawing; every coordinate is rounded to one decimal.

    Args:
        focusable: False to take the parts' links out of the keyboard order.
        links: False to draw the parts as groups, not links.
    """

    def __init__(self, width: float, focusable: bool = True, links: bool = True):
        self.width = width
        self.focusable = focusable
        self.links = links
        self.items: list = []

    def add(self, markup: str) -> None:
        self.items.append(markup)

    def text(self, block: Block, x: float, top: float, anchor: str = "middle", width: float | None = None) -> float:
        """Draw ``block`` with its first line's top at ``top``; returns the bottom."""
        weight = ' font-weight="bold"' if block.bold else ""
        limit = f' data-max-width="{width:.1f}"' if width else ""
        spans = []
        for i, line in enumerate(block.lines):
            y = top + block.size * ASCENT + i * block.size * LINE_HEIGHT
            spans.append(f'<tspan x="{x:.1f}" y="{y:.1f}">{escape(line)}</tspan>')
        self.add(
            f'<text class="rl-ig-{block.role}" text-anchor="{anchor}" font-size="{block.size:g}"{weight} '
            f'fill="{block.colour}"{limit}>{"".join(spans)}</text>'
        )
        return top + block.height

    def texts(self, blocks: list, x: float, top: float, width: float, anchor: str = "middle") -> float:
        y = top
        for i, item in enumerate(blocks):
            y = self.text(item, x, y, anchor, width) + (GAP if i < len(blocks) - 1 else 0)
        return y

    def rect(self, x, y, w, h, fill, stroke=STROKE, radius=6) -> None:
        self.add(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>'
        )

    def polygon(self, points, fill, stroke=STROKE, cls="") -> None:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        klass = f' class="{cls}"' if cls else ""
        self.add(f'<polygon{klass} points="{pts}" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>')

    def arrow(self, x1, y1, x2, y2, head=10) -> None:
        """A line from (x1, y1) with an arrowhead at (x2, y2) (horizontal or vertical)."""
        if x1 == x2:
            sign = 1 if y2 > y1 else -1
            self.add(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2 - sign * head:.1f}" stroke="{ACCENT}" stroke-width="3"/>'
            )
            self.polygon(
                [(x2 - head * 0.8, y2 - sign * head), (x2 + head * 0.8, y2 - sign * head), (x2, y2)],
                ACCENT,
                ACCENT,
                "rl-ig-arrow",
            )
        else:
            sign = 1 if x2 > x1 else -1
            self.add(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2 - sign * head:.1f}" y2="{y2:.1f}" stroke="{ACCENT}" stroke-width="3"/>'
            )
            self.polygon(
                [(x2 - sign * head, y2 - head * 0.8), (x2 - sign * head, y2 + head * 0.8), (x2, y2)],
                ACCENT,
                ACCENT,
                "rl-ig-arrow",
            )

    def open_part(self, part: Part, base: str, lang: str) -> None:
        """Start a part: a link to its page (``base`` + its URL) when it has one and links are drawn."""
        if part.link and self.links:
            label = text_in(part.label, lang)
            tabindex = "" if self.focusable else ' tabindex="-1"'
            self.add(
                f'<a href={quoteattr(base + link_url(part.link, lang))} class="rl-ig-part" data-part={quoteattr(part.id)} '
                f"aria-label={quoteattr(label)}{tabindex}>"
            )
        else:
            self.add(f'<g class="rl-ig-part" data-part={quoteattr(part.id)}>')

    def close_part(self, part: Part) -> None:
        self.add("</a>" if part.link and self.links else "</g>")

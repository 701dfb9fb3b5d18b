"""The drawing definition: what ``data/infographics/<id>.yml`` holds, as plain data.

The loader (:mod:`resource_library.load.drawings`) builds these objects from the
files and checks them; the drawing code (:mod:`resource_library.drawing`) lays
them out.  Texts are ``{en, fr}`` dictionaries, as written in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

#: The layouts a definition may ask for, and the fields each allows beside
#: ``layout``, ``title``, ``summary`` and ``parts``:
#: ``columns`` (pillars under a roof), ``tiles`` (a grid of lettered tiles),
#: ``pyramid`` (bands from a wide base to a narrow top), ``steps`` (stages joined by
#: arrows, with supports beneath) and ``hub`` (a team at the centre, what it
#: provides around it, and whom it serves below).
LAYOUT_FIELDS = {
    "columns": frozenset({"roof", "note"}),
    "tiles": frozenset(),
    "pyramid": frozenset({"note"}),
    "steps": frozenset({"footer"}),
    "hub": frozenset({"partner", "centre", "chain"}),
}
LAYOUTS = tuple(LAYOUT_FIELDS)
#: The fields of one part.
PART_FIELDS = frozenset({"id", "label", "text", "kicker", "letter", "link", "fill"})
#: A part's fill when the file gives none.
DEFAULT_FILL = "#eeeeee"


@dataclass
class Part:
    """One part of an infographic: a pillar, an element, a tier, a stage..."""

    id: str
    label: dict
    text: dict = field(default_factory=dict)
    kicker: dict = field(default_factory=dict)
    letter: Optional[str] = None
    link: Optional[str] = None  # a page's source under docs/, e.g. ``pillars/x.md#anchor``
    fill: str = DEFAULT_FILL
    path: tuple = ()  # where it is in its file, for error messages


@dataclass
class Infographic:
    """A validated infographic definition (both languages)."""

    id: str
    layout: str
    title: dict
    summary: dict
    source: str
    parts: list
    roof: Optional[Part] = None
    note: dict = field(default_factory=dict)
    partner: Optional[Part] = None
    centre: Optional[Part] = None
    chain: list = field(default_factory=list)
    footer_label: dict = field(default_factory=dict)
    footer: list = field(default_factory=list)

    def all_parts(self) -> list:
        """Every part in reading order (the order of the description)."""
        out = []
        if self.roof:
            out.append(self.roof)
        if self.partner:
            out.append(self.partner)
        if self.centre:
            out.append(self.centre)
        out += self.parts + self.chain + self.footer
        return out

"""The drawing definition: what ``data/infographics/<id>.yml`` holds, as plain data.

The loader (:mod:`resource_library.load.drawings`) builds these objects from the
files and checks them; the drawing code (:mod:`resource_library.drawing`) lays
them out.  Texts are ``{en, fr}`` dictionaries, as written in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from resource_library.model.fields import Field, names

#: A part's link: a page's file under docs/, with an optional anchor.
PAGE_LINK_PATTERN = r"^[a-z0-9][a-z0-9/_-]*\.md(?:#[a-z0-9][a-z0-9-]*)?$"
#: A colour: ``#rrggbb``.
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"

#: The layouts a definition may ask for, what each draws, and the fields each allows
#: beside ``layout``, ``title``, ``summary`` and ``parts``.
LAYOUT_HELP = {
    "columns": "Pillars under a roof: the parts are the columns, `roof` the roof over them.",
    "tiles": "A grid of lettered tiles: every part has a `letter`.",
    "pyramid": "Bands from a wide base (the first part) to a narrow top.",
    "steps": "Stages joined by arrows, with supports beneath (`footer`).",
    "hub": "A team at the centre (`centre`), what it provides around it (`parts`), and whom it serves below (`chain`).",
}
LAYOUT_FIELDS = {
    "columns": frozenset({"roof", "note"}),
    "tiles": frozenset(),
    "pyramid": frozenset({"note"}),
    "steps": frozenset({"footer"}),
    "hub": frozenset({"partner", "centre", "chain"}),
}
LAYOUTS = tuple(LAYOUT_FIELDS)

#: The fields of one part.
PART = (
    Field(
        "id",
        "id",
        "Identifier of the part, unique in the drawing (lowercase letters, digits and hyphens).",
        required=True,
    ),
    Field("label", "text", "The part's name, in English and French: the biggest text of its box.", required=True),
    Field("text", "text", "A sentence or two under the label, in English and French."),
    Field("kicker", "text", "A short line above the label (a number, a tier), in English and French."),
    Field(
        "letter",
        "plain",
        "One or two characters drawn large on a tile (the `tiles` layout needs one per part).",
        max_length=2,
    ),
    Field(
        "link",
        "plain",
        "The page the part links to: its file under docs/, with an optional anchor "
        "(core-elements.md#alignment, pillars/<id>.md).",
        pattern=PAGE_LINK_PATTERN,
    ),
    Field(
        "fill",
        "plain",
        "The box's colour, #rrggbb (light enough for dark text; the default is a light grey).",
        pattern=COLOUR_PATTERN,
    ),
)
PART_FIELDS = frozenset(names(PART))
#: The roof of the ``columns`` layout: a part whose id may be left out (it is then ``roof``).
ROOF = tuple(replace(spec, required=False) if spec.name == "id" else spec for spec in PART)

#: The fields of a drawing file; which layouts allow the optional ones is in :data:`LAYOUT_FIELDS`.
DRAWING = (
    Field("layout", "choice", "How the drawing is laid out.", required=True, choices=tuple(LAYOUT_HELP.items())),
    Field("title", "text", "Title of the drawing, in English and French.", required=True),
    Field(
        "summary", "text", "One or two sentences saying what the drawing shows, in English and French.", required=True
    ),
    Field(
        "parts",
        "list",
        "The parts of the drawing, in reading order (two at least).",
        required=True,
        fields=PART,
        min_items=2,
    ),
    Field("note", "text", "A note printed under the drawing (`columns` and `pyramid` layouts)."),
    Field("roof", "mapping", "The roof over the columns (`columns` layout); its id may be left out.", fields=ROOF),
    Field(
        "footer",
        "mapping",
        "The supports beneath the steps (`steps` layout): a `label` and their `parts`.",
        fields=(
            Field("label", "text", "The heading of the supports, in English and French."),
            Field("parts", "list", "The supports, in reading order.", required=True, fields=PART, min_items=1),
        ),
    ),
    Field("partner", "mapping", "The partner beside the team (`hub` layout).", fields=PART),
    Field("centre", "mapping", "The team at the centre (`hub` layout: required).", fields=PART),
    Field("chain", "list", "Whom the team serves, in order below it (`hub` layout).", fields=PART, min_items=1),
)

#: A part's fill when the file gives none.
DEFAULT_FILL = "#eeeeee"


@dataclass
class Part:
    """One part of an infographic: a pillar, an element, a tier, a stage..."""

    id: str
    label: dict
    text: dict = field(default_factory=dict)
    kicker: dict = field(default_factory=dict)
    letter: str | None = None
    link: str | None = None  # a page's source under docs/, e.g. ``pillars/x.md#anchor``
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
    roof: Part | None = None
    note: dict = field(default_factory=dict)
    partner: Part | None = None
    centre: Part | None = None
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

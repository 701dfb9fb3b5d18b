"""The resource record: every field an editor may write, typed and documented.

This table is the single description of the record format.  The JSON Schema
given to editors' tools (:mod:`resource_library.load.schema`), the validator and the
``new`` scaffold all read it, so a field documented here is a field the build
understands, and nothing else is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from resource_library.model.ids import ID_PATTERN  # noqa: F401  (the id rule lives in model/ids.py)

LANGUAGES = ("en", "fr")
#: English is the reference language: every record and page exists in English.
DEFAULT_LANGUAGE = "en"

DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"


@dataclass(frozen=True)
class FieldSpec:
    """One field of the record format.

    Attributes:
        name: The YAML key.
        kind: How the value is written: ``id``, ``term`` (one vocabulary term),
            ``terms`` (a list of terms), ``text`` (``{en, fr}`` plain text),
            ``markdown`` (``{en, fr}`` Markdown), ``words`` (``{en: [..], fr: [..]}``),
            ``location`` (``{en, fr}`` URL or file under ``docs/``), ``file``
            (``{en, fr}`` file under ``docs/``), ``date`` (ISO date), ``year``,
            ``publisher`` (text or ``{en, fr}``), ``evidence``, ``drawing``, ``slug``
            (``{fr: id}``, the French page's own address, see ``model/urls.py``) or
            ``translation`` (the sync marker: ``{fr: {synced: date, <field>: hash}}``,
            written by ``scripts/library sync``, see :mod:`resource_library.translation.sync`).
        required: Whether every record must have it (``type_required`` lists the
            types for which it is required).
        description: What the field means, for editors (shown by their editor).
        vocabulary: For ``term``/``terms``, the vocabulary that lists the terms.
    """

    name: str
    kind: str
    description: str
    required: bool = False
    vocabulary: str | None = None
    type_required: tuple = ()


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        "id",
        "Identifier of the record: the file name without `.yml` (lowercase letters, digits and hyphens). It becomes the page address /library/<id>/.",
        required=True,
    ),
    FieldSpec(
        "slug",
        "slug",
        "Optional: the last part of the French page's address, under `fr:` (lowercase letters, digits and hyphens), "
        "e.g. `fr: strategies-anxiete` publishes /fr/bibliotheque/strategies-anxiete/. Without it the French page "
        "uses the id. Each French address belongs to one record.",
    ),
    FieldSpec("type", "term", "What kind of resource this is.", required=True, vocabulary="types"),
    FieldSpec(
        "title", "text", "Title of the resource. English is required; give the French title under `fr`.", required=True
    ),
    FieldSpec("summary", "text", "One or two plain sentences shown on cards and in search results.", required=True),
    FieldSpec("description", "markdown", "The body of the resource page, in Markdown (no raw HTML)."),
    FieldSpec(
        "languages", "terms", "The languages the resource itself is offered in.", required=True, vocabulary="languages"
    ),
    FieldSpec(
        "links",
        "location",
        "Where to get the resource, per language: an https:// address, or a file under docs/ (e.g. files/guide.pdf).",
    ),
    FieldSpec("image", "file", "Image of the resource per language: a PNG, JPEG, SVG or PDF file under docs/."),
    FieldSpec(
        "alt",
        "text",
        "Full text alternative of the image or drawing: everything the picture says, in words.",
        type_required=(),
    ),
    FieldSpec(
        "drawing", "drawing", "For infographics drawn by the build from data: the id of a file in data/infographics/."
    ),
    FieldSpec("tiers", "terms", "Tiers of intervention the resource serves.", vocabulary="tiers"),
    FieldSpec("audiences", "terms", "Who the resource is for.", vocabulary="audiences"),
    FieldSpec(
        "pillars", "terms", "Strategic pillars (ids from data/pillars.yml) the resource supports.", vocabulary="pillars"
    ),
    FieldSpec(
        "core_elements", "terms", "ACQESS core elements of success the resource supports.", vocabulary="core_elements"
    ),
    FieldSpec(
        "implementation_stages",
        "terms",
        "Implementation stages at which the resource helps.",
        vocabulary="implementation_stages",
    ),
    FieldSpec("grade_bands", "terms", "Grades the resource suits.", vocabulary="grade_bands"),
    FieldSpec("topics", "terms", "Topics the resource covers.", vocabulary="topics"),
    FieldSpec("keywords", "words", "Extra search words per language (synonyms, acronyms)."),
    FieldSpec(
        "evidence",
        "evidence",
        "Strength of the evidence behind a practice: `level` (a term of the evidence levels) and an optional `note` in both languages.",
        type_required=("practice",),
    ),
    FieldSpec("published", "date", "Date the record was published in this library (YYYY-MM-DD).", required=True),
    FieldSpec("updated", "date", "Date of the last significant change to the record (YYYY-MM-DD)."),
    FieldSpec("year", "year", "Year the resource itself appeared, when known."),
    FieldSpec(
        "publisher", "publisher", "Who publishes the resource: plain text, or {en, fr} when the name is translated."
    ),
    FieldSpec(
        "translation",
        "translation",
        "Written by `scripts/library sync`, not by hand: the date the French was reviewed and, per field, a hash of the English text it translates. The translation status report uses it to find outdated French.",
    ),
)

FIELDS_BY_NAME = {spec.name: spec for spec in FIELDS}

#: Record fields whose value is one term or a list of terms, and their vocabulary.
TERM_FIELDS = {spec.name: spec.vocabulary for spec in FIELDS if spec.kind in ("term", "terms")}
#: Fields with English and French variants that readers see as text.
TEXT_FIELDS = tuple(spec.name for spec in FIELDS if spec.kind in ("text", "markdown"))
#: Tags that make two records related.
RELATING_FIELDS = ("pillars", "core_elements")


@dataclass
class Record:
    """A validated resource record (plain data, both languages)."""

    id: str
    type: str
    title: dict
    summary: dict
    languages: list
    published: str
    source: str  # path of the YAML file, relative to the project root
    description: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    image: dict = field(default_factory=dict)
    alt: dict = field(default_factory=dict)
    drawing: str | None = None
    slug: dict = field(default_factory=dict)
    tiers: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    pillars: list = field(default_factory=list)
    core_elements: list = field(default_factory=list)
    implementation_stages: list = field(default_factory=list)
    grade_bands: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    keywords: dict = field(default_factory=dict)
    evidence: dict | None = None
    updated: str | None = None
    year: int | None = None
    publisher: Any = None
    translation: dict = field(default_factory=dict)
    related: list = field(default_factory=list)  # ids, filled by the catalogue
    #: A digest of the file's bytes (``b""``: not known), which the record's fields are made from:
    #: what is worked out from a record alone is kept while it is the same (render/opendata.py).
    digest: bytes = field(default=b"", compare=False, repr=False)

    @classmethod
    def from_data(cls, data: dict, source: str, digest: bytes = b"") -> Record:
        known = {k: v for k, v in data.items() if k in FIELDS_BY_NAME}
        return cls(source=source, digest=digest, **known)

    def terms(self, field_name: str) -> list:
        """The terms of a term field, always as a list."""
        value = getattr(self, field_name)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)

    @property
    def last_changed(self) -> str:
        return self.updated or self.published

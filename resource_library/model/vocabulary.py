"""The controlled vocabularies (``data/vocabularies.yml``) and the strategic pillars (``data/pillars.yml``).

``data/vocabularies.yml`` maps each vocabulary id (``types``, ``tiers``...) to its
label, description and terms; records may use only these terms.  ``data/pillars.yml``
lists the strategic pillars, which records tag like a vocabulary and which each get
a page.  The loader (:mod:`resource_library.load.vocabularies`) checks the files
against these tables, and the JSON Schemas of both files are generated from them.
"""

from __future__ import annotations

from resource_library.model.fields import Field

#: One term of a vocabulary (under ``terms:``, keyed by its id).
TERM = (
    Field("label", "text", "What readers see for the term, in English and French.", required=True),
    Field("definition", "text", "One sentence that defines the term, in English and French; shown as help beside it."),
    Field(
        "rank",
        "integer",
        "Display order in an ordered vocabulary (tiers, stages, grade bands, evidence levels): 1 comes first.",
    ),
)

#: One vocabulary (a top-level key of ``data/vocabularies.yml``).
VOCABULARY = (
    Field(
        "label",
        "text",
        "Name of the vocabulary, shown beside its terms on resource pages and as the title of its filter.",
        required=True,
    ),
    Field("description", "text", "One sentence saying what the vocabulary sorts resources by."),
    Field(
        "terms",
        "entries",
        "The terms records may use. Each key is a term id (lowercase letters, digits and hyphens): "
        "renaming it breaks every record that uses it.",
        required=True,
        fields=TERM,
    ),
)

#: Vocabularies the record format uses, and the record field each serves (``evidence_levels``: ``evidence.level``).
#: ``pillars`` is not here: the pillars have their own file.
USED_BY = {
    "types": "type",
    "languages": "languages",
    "tiers": "tiers",
    "audiences": "audiences",
    "core_elements": "core_elements",
    "implementation_stages": "implementation_stages",
    "grade_bands": "grade_bands",
    "topics": "topics",
    "evidence_levels": "evidence.level",
}

#: One strategic pillar (an item of ``pillars:``).
PILLAR = (
    Field(
        "id",
        "id",
        "Identifier of the pillar: the term records use in `pillars:`, and the page address /pillars/<id>/.",
        required=True,
    ),
    Field("rank", "integer", "Display order of the pillar: 1 comes first."),
    Field("title", "text", "Title of the pillar, in English and French.", required=True),
    Field("summary", "text", "One sentence that sums the pillar up, shown on the pillars page.", required=True),
    Field("description", "markdown", "The body of the pillar's page, in Markdown (no raw HTML)."),
    Field("aims", "texts", "What the pillar aims at: short items, listed on its page."),
)

#: The top level of ``data/pillars.yml``.
PILLARS_FILE = (
    Field("label", "text", "What a pillar is called on the site (by default: Strategic pillar / Pilier stratégique)."),
    Field(
        "illustrative", "boolean", "true while the pillars are the editors' own wording rather than the organisation's."
    ),
    Field(
        "note",
        "text",
        "A notice shown above the pillars, in English and French (for example, that they are illustrative).",
    ),
    Field("pillars", "list", "The strategic pillars, in order.", required=True, fields=PILLAR),
)

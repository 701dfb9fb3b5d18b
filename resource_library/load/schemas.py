"""JSON Schemas of the editors' files other than records, generated from their models.

One function per kind of file (:data:`BUILDERS`, keyed by the kind's name in
:mod:`resource_library.model.kinds`) turns the model's tables of
:class:`~resource_library.model.fields.Field` into a JSON Schema (draft 7, like
the record schema of :mod:`resource_library.load.schema`: the newest draft VS
Code's YAML extension fully supports).  Every field's description is the model's,
so editors see the same help on hover that the model documents; the names
allowed are the model's, which the loaders read too.
"""

from __future__ import annotations

from resource_library.model.drawing import DRAWING, LAYOUT_FIELDS, LAYOUTS, PART
from resource_library.model.fields import Field, names
from resource_library.model.glossary import GLOSSARY_FILE
from resource_library.model.ids import ID_PATTERN
from resource_library.model.interface import ENTRY, GROUP
from resource_library.model.kinds import KINDS_BY_NAME
from resource_library.model.pages import FRONT_MATTER
from resource_library.model.program import PROGRAM
from resource_library.model.record import DATE_PATTERN
from resource_library.model.site import SITE
from resource_library.model.translation import SNAPSHOT
from resource_library.model.vocabulary import PILLARS_FILE, USED_BY, VOCABULARY
from resource_library.translation.hashing import HASH_PATTERN

DRAFT = "http://json-schema.org/draft-07/schema#"
_TEXT = {"type": "string", "minLength": 1}
_LANGUAGE = {"en": "English", "fr": "French"}


def _localized(item: dict, description: str, french_required: bool) -> dict:
    """``{en, fr}``: English required; French required, or left empty until it is written (a warning)."""
    french = (
        dict(item)
        if french_required
        else {"type": [item["type"], "null"], **{k: v for k, v in item.items() if k != "type"}}
    )
    if not french_required:
        french.pop("minLength", None)
    return {
        "type": "object",
        "description": description,
        "properties": {
            "en": dict(item, description=f"{description} (English)"),
            "fr": dict(french, description=f"{description} (French)"),
        },
        "required": ["en", "fr"] if french_required else ["en"],
        "additionalProperties": False,
    }


def _choices(spec: Field) -> dict:
    return {
        "enum": [value for value, _ in spec.choices],
        "markdownEnumDescriptions": [f"**{value}**: {meaning}" for value, meaning in spec.choices],
    }


def field_schema(spec: Field) -> dict:
    """The JSON Schema of one field's value."""
    d, kind = spec.description, spec.kind
    if kind in ("text", "markdown", "text-both"):
        return _localized(_TEXT, d, french_required=kind == "text-both")
    if kind == "texts":
        return _localized({"type": "array", "items": _TEXT}, d, french_required=False)
    if kind == "name":
        return {"description": d, "anyOf": [_TEXT, _localized(_TEXT, d, french_required=False)]}
    if kind == "plain":
        schema = dict(_TEXT, description=d)
        if spec.pattern:
            schema["pattern"] = spec.pattern
        if spec.max_length:
            schema["maxLength"] = spec.max_length
        return schema
    patterns = {"id": ID_PATTERN, "date": DATE_PATTERN, "hash": HASH_PATTERN, "https": r"^https://[^/\s]"}
    if kind in patterns:
        schema = {"type": "string", "pattern": patterns[kind], "description": d}
        if kind == "date":
            schema["format"] = "date"
        return schema
    if kind in ("integer", "number", "boolean"):
        return {"type": kind, "description": d}
    if kind == "words":
        return {"type": "array", "items": _TEXT, "description": d}
    if kind == "choice":
        return {"type": "string", "description": d, **_choices(spec)}
    if kind == "choices":
        return {"type": "array", "description": d, "uniqueItems": True, "items": {"type": "string", **_choices(spec)}}
    if kind == "mapping":
        return mapping_schema(spec.fields, d)
    if kind == "list":
        schema = {"type": "array", "description": d, "items": mapping_schema(spec.fields)}
        if spec.min_items:
            schema["minItems"] = spec.min_items
        return schema
    if kind == "entries":
        return {
            "type": "object",
            "description": d,
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": mapping_schema(spec.fields),
        }
    raise ValueError(f"no schema for the kind {kind!r}")  # pragma: no cover - model/fields.py lists the kinds


def mapping_schema(fields, description: str = "") -> dict:
    """A mapping with ``fields`` and no other key."""
    schema: dict = {"type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = {spec.name: field_schema(spec) for spec in fields}
    if any(spec.required for spec in fields):
        schema["required"] = [spec.name for spec in fields if spec.required]
    schema["additionalProperties"] = False
    return schema


def _document(name: str, description: str, body: dict) -> dict:
    return {
        "$schema": DRAFT,
        "$id": f"{name}.schema.json",
        "title": KINDS_BY_NAME[name].title,
        "description": description,
        **body,
    }


def vocabularies_schema() -> dict:
    vocabulary = {"$ref": "#/definitions/vocabulary"}
    known = {
        vid: {"description": f"The terms of the record field `{field}`.", "allOf": [vocabulary]}
        for vid, field in USED_BY.items()
    }
    return _document(
        "vocabularies",
        (
            "The controlled vocabularies (data/vocabularies.yml): each top-level key is a vocabulary id; records "
            "may use only the terms listed here. Do not rename a vocabulary."
        ),
        {
            "type": "object",
            "properties": known,
            "additionalProperties": vocabulary,
            "definitions": {"vocabulary": mapping_schema(VOCABULARY, "A vocabulary: its label and its terms.")},
        },
    )


def pillars_schema() -> dict:
    return _document(
        "pillars",
        "The strategic pillars (data/pillars.yml): records tag them in `pillars:`, and each has a page.",
        mapping_schema(PILLARS_FILE),
    )


def program_schema() -> dict:
    return _document(
        "program", "A partner program (data/programs/<id>.yml), published at /programs/<id>/.", mapping_schema(PROGRAM)
    )


def _shared(schema, definition: dict, ref: str):
    """``schema`` with every copy of ``definition`` replaced by a reference to it (a description stays beside it)."""
    if isinstance(schema, list):
        return [_shared(item, definition, ref) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if schema == definition:
        return {"$ref": ref}
    if "description" in schema and {k: v for k, v in schema.items() if k != "description"} == definition:
        return {"description": schema["description"], "allOf": [{"$ref": ref}]}
    return {key: _shared(value, definition, ref) for key, value in schema.items()}


def infographic_schema() -> dict:
    # A part is described once, and referred to wherever one is written.
    body = _shared(mapping_schema(DRAWING), mapping_schema(PART), "#/definitions/part")
    body["definitions"] = {
        "part": mapping_schema(PART, "One part of the drawing: a pillar, a tile, a tier, a stage...")
    }
    common = {"layout", "title", "summary", "parts"}
    conditions = []
    for layout in LAYOUTS:
        allowed = [name for name in names(DRAWING) if name in common | LAYOUT_FIELDS[layout]]
        conditions.append(
            {
                "if": {"properties": {"layout": {"const": layout}}, "required": ["layout"]},
                "then": {"propertyNames": {"enum": allowed}},
            }
        )
    conditions.append(
        {
            "if": {"properties": {"layout": {"const": "tiles"}}, "required": ["layout"]},
            "then": {"properties": {"parts": {"items": {"required": ["letter"]}}}},
        }
    )
    conditions.append(
        {"if": {"properties": {"layout": {"const": "hub"}}, "required": ["layout"]}, "then": {"required": ["centre"]}}
    )
    body["allOf"] = conditions
    return _document(
        "infographic",
        (
            "An infographic the build draws as SVG in English and French (data/infographics/<id>.yml): its layout, "
            "title and parts. Records show it with `drawing: <id>`."
        ),
        body,
    )


def glossary_schema() -> dict:
    return _document(
        "glossary",
        "The bilingual glossary (data/glossary.yml): key terms and the French to use for "
        "them, published at /glossary/.",
        mapping_schema(GLOSSARY_FILE),
    )


def interface_schema() -> dict:
    entry = {"$ref": "#/definitions/entry"}
    text = {
        "type": "object",
        "description": ENTRY,
        "properties": {lang: dict(_TEXT, description=f"{ENTRY} ({name})") for lang, name in _LANGUAGE.items()},
        "required": list(_LANGUAGE),
        "additionalProperties": False,
    }
    group = {"type": "object", "description": GROUP, "minProperties": 1, "additionalProperties": entry}
    return _document(
        "interface",
        ("The words generated pages show around the records (data/interface.yml): each entry in English and French."),
        {
            "type": "object",
            "additionalProperties": entry,
            "definitions": {"entry": {"anyOf": [text, group]}},
        },
    )


def site_schema() -> dict:
    return _document(
        "site",
        "The site's own data (data/site.yml): who publishes it, and the licence of its data.",
        mapping_schema(SITE),
    )


def snapshot_schema() -> dict:
    return _document(
        "translation-snapshot",
        (
            "The English of a record's fields when its French was last reviewed (data/translations/records/<id>.yml). "
            "Written by `scripts/library sync`: do not edit."
        ),
        mapping_schema(SNAPSHOT),
    )


def front_matter_schema() -> dict:
    return _document(
        "page-front-matter",
        ("The settings between the two lines of --- at the top of a hand-written page (docs/**/*.md)."),
        mapping_schema(FRONT_MATTER),
    )


#: The schema of each kind of file but records (whose schema depends on the vocabularies).
BUILDERS = {
    "vocabularies": vocabularies_schema,
    "pillars": pillars_schema,
    "program": program_schema,
    "infographic": infographic_schema,
    "glossary": glossary_schema,
    "interface": interface_schema,
    "site": site_schema,
    "translation-snapshot": snapshot_schema,
    "page-front-matter": front_matter_schema,
}

"""The JSON Schema of ``library.json``, generated from the record model and the vocabularies.

Published beside the file (``library/library.schema.json``, ``fr/bibliotheque/...``)
so that reusers can check what they download.  Like the editors' schema
(:mod:`resource_library.load.schema`), nothing here is written by hand: each
field of :data:`~resource_library.model.record.FIELDS` is described by the
shape its kind takes once published (:mod:`resource_library.views.opendata`),
the allowed term ids come from the vocabularies, and every description is the
one the Data page shows, in the file's language.  A new kind of field without a
shape here stops the build (and the tests) rather than publish an unchecked
field.
"""

from __future__ import annotations

from resource_library.model.record import DATE_PATTERN, ID_PATTERN, LANGUAGES, TERM_FIELDS
from resource_library.views.opendata import PUBLISHED_FIELDS, SCHEMA_PATH, Addresses, field_text
from resource_library.views.site import SiteView, page_url

DRAFT = "http://json-schema.org/draft-07/schema#"
_TEXT = {"type": "string", "minLength": 1}


def _localized(value: dict, english_required: bool = True) -> dict:
    schema = {
        "type": "object",
        "properties": {lang: value for lang in LANGUAGES},
        "additionalProperties": False,
        "minProperties": 1,
    }
    if english_required:
        schema["required"] = ["en"]
    return schema


def _term(vocabulary) -> dict:
    ident = (
        {"type": "string", "enum": list(vocabulary.terms)}
        if vocabulary and vocabulary.terms
        else {"type": "string", "pattern": ID_PATTERN}
    )
    return {
        "type": "object",
        "required": ["id", "label"],
        "additionalProperties": False,
        "properties": {"id": ident, "label": _TEXT},
    }


def _address(addresses: Addresses) -> dict:
    return {"type": "string", "minLength": 1, "format": "uri" if addresses.absolute else "uri-reference"}


def _shape(spec, vocabularies: dict, address: dict) -> dict:
    """The published shape of a field of kind ``spec.kind`` (see ``views/opendata.py``)."""
    kind = spec.kind
    if kind == "id":
        return {"type": "string", "pattern": ID_PATTERN}
    if kind == "term":
        return _term(vocabularies.get(TERM_FIELDS[spec.name]))
    if kind == "terms":
        return {"type": "array", "minItems": 1, "items": _term(vocabularies.get(TERM_FIELDS[spec.name]))}
    if kind in ("text", "markdown"):
        return _localized(_TEXT)
    if kind == "words":
        return _localized({"type": "array", "items": _TEXT}, english_required=False)
    if kind == "location":
        link = {
            "type": "object",
            "required": ["url", "format"],
            "additionalProperties": False,
            "properties": {"url": address, "format": _TEXT},
        }
        return _localized(link, english_required=False)
    if kind == "file":
        return _localized(address, english_required=False)
    if kind == "drawing":
        return {
            "type": "object",
            "required": ["id", "url"],
            "additionalProperties": False,
            "properties": {"id": {"type": "string", "pattern": ID_PATTERN}, "url": address},
        }
    if kind == "evidence":
        return {
            "type": "object",
            "required": ["level"],
            "additionalProperties": False,
            "properties": {"level": _term(vocabularies.get("evidence_levels")), "note": _localized(_TEXT)},
        }
    if kind == "date":
        return {"type": "string", "pattern": DATE_PATTERN}
    if kind == "year":
        return {"type": "integer"}
    if kind == "publisher":
        return {"anyOf": [_TEXT, _localized(_TEXT)]}
    raise ValueError(f"no published shape for field kind {kind!r}; add one to render/dataschema.py")


def library_schema(site: SiteView, addresses: Addresses) -> dict:
    """The JSON Schema (draft 7) of ``site.lang``'s ``library.json``."""
    lang = site.lang
    address = _address(addresses)

    def described(schema: dict, key: str) -> dict:
        return dict(schema, description=field_text(site, key, "meaning"))

    properties = {
        "id": described(_shape(PUBLISHED_FIELDS[0], {}, address), "id"),
        "url": described(address, "url"),
        "counterpart": described(
            {
                "type": "object",
                "required": ["lang", "url"],
                "additionalProperties": False,
                "properties": {
                    "lang": {"type": "string", "enum": [code for code in LANGUAGES if code != lang]},
                    "url": address,
                },
            },
            "counterpart",
        ),
    }
    for spec in PUBLISHED_FIELDS[1:]:
        properties[spec.name] = described(_shape(spec, site.catalogue.vocabularies, address), spec.name)
    properties["related"] = described({"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}}, "related")
    resource = {
        "type": "object",
        "required": ["id", "url", "counterpart"] + [spec.name for spec in PUBLISHED_FIELDS[1:] if spec.required],
        "properties": properties,
        "additionalProperties": False,
    }
    name = {
        "type": "object",
        "required": ["name"],
        "additionalProperties": False,
        "properties": {"name": _TEXT, "url": address},
    }
    return {
        "$schema": DRAFT,
        "$id": addresses.of(page_url(lang, SCHEMA_PATH)) if addresses.absolute else "library.schema.json",
        "title": site.t("data_schema_title"),
        "description": site.t("data_schema_text"),
        "type": "object",
        "required": ["language", "title", "url", "about", "schema", "licence", "updated", "count", "resources"],
        "additionalProperties": False,
        "properties": {
            "language": {"type": "string", "enum": [lang]},
            "title": _TEXT,
            "url": address,
            "about": address,
            "schema": address,
            "publisher": name,
            "licence": {"anyOf": [{"type": "null"}, dict(name, required=["name", "url"])]},
            "updated": {"type": "string", "pattern": f"{DATE_PATTERN}|^$"},
            "count": {"type": "integer", "minimum": 0},
            "resources": {"type": "array", "items": {"$ref": "#/definitions/resource"}},
        },
        "definitions": {"resource": resource},
    }

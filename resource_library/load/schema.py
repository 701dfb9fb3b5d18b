"""The JSON Schema of a resource record, generated from :data:`model.FIELDS`.

Editors' tools (VS Code's YAML extension) read the committed copy in
``schema/resource.schema.json`` to autocomplete and check records as they type;
the validator uses the same schema, so the two can never disagree.  Allowed
terms come from the vocabularies, with their English labels as descriptions.
"""

from __future__ import annotations

import json
from typing import Any

from resource_library.model.ids import ID_PATTERN
from resource_library.model.record import DATE_PATTERN, FIELDS, LANGUAGES
from resource_library.translation.hashing import HASH_PATTERN, RECORD_FIELDS

SCHEMA_ID = "resource.schema.json"


def _localized(value_schema: dict, description: str, english_required: bool = True) -> dict:
    schema = {
        "type": "object",
        "description": description,
        "properties": {
            lang: dict(value_schema, description=f"{description} ({'English' if lang == 'en' else 'French'})")
            for lang in LANGUAGES
        },
        "additionalProperties": False,
    }
    if english_required:
        schema["required"] = ["en"]
    return schema


def _enum(vocabulary, description: str) -> dict:
    if vocabulary is None or not vocabulary.terms:
        return {"type": "string", "pattern": ID_PATTERN, "description": description}
    terms = list(vocabulary.terms.values())
    return {
        "type": "string",
        "description": description,
        "enum": [t.id for t in terms],
        # VS Code shows these beside each suggestion.
        "markdownEnumDescriptions": [
            f"**{t.label.get('en')}** / {t.label.get('fr', '')}"
            + (f" — {t.definition.get('en')}" if t.definition.get("en") else "")
            for t in terms
        ],
    }


def record_schema(vocabularies: dict, drawings=()) -> dict:
    """JSON Schema (draft 7) of a record, given the loaded vocabularies.

    Args:
        vocabularies: ``{vocabulary id: Vocabulary}``, including ``pillars``.
        drawings: ids of the build-drawn infographics (``data/infographics``).
    """
    text = {"type": "string", "minLength": 1}
    properties: dict = {}
    for spec in FIELDS:
        d = spec.description
        schema: dict[str, Any]
        if spec.kind == "id":
            schema = {"type": "string", "pattern": ID_PATTERN, "description": d}
        elif spec.kind == "term":
            schema = _enum(vocabularies.get(spec.vocabulary), d)
        elif spec.kind == "terms":
            schema = {
                "type": "array",
                "description": d,
                "uniqueItems": True,
                "items": _enum(vocabularies.get(spec.vocabulary), d),
            }
            if spec.required:
                schema["minItems"] = 1
        elif spec.kind in ("text", "markdown"):
            schema = _localized(text, d, english_required=True)
        elif spec.kind == "words":
            schema = _localized({"type": "array", "items": text}, d, english_required=False)
        elif spec.kind in ("location", "file"):
            schema = _localized(text, d, english_required=False)
            schema["minProperties"] = 1
        elif spec.kind == "date":
            schema = {"type": "string", "pattern": DATE_PATTERN, "format": "date", "description": d}
        elif spec.kind == "year":
            schema = {"type": "integer", "minimum": 1900, "maximum": 2100, "description": d}
        elif spec.kind == "publisher":
            schema = {"description": d, "anyOf": [text, _localized(text, d)]}
        elif spec.kind == "evidence":
            schema = {
                "type": "object",
                "description": d,
                "additionalProperties": False,
                "required": ["level"],
                "properties": {
                    "level": _enum(vocabularies.get("evidence_levels"), "How strong the evidence is."),
                    "note": _localized(text, "What the evidence is, in a sentence.", english_required=True),
                },
            }
        elif spec.kind == "slug":
            schema = {
                "type": "object",
                "description": d,
                "additionalProperties": False,
                "minProperties": 1,
                "properties": {
                    "fr": {
                        "type": "string",
                        "pattern": ID_PATTERN,
                        "description": "The French page's last address part: /fr/bibliotheque/<slug>/.",
                    }
                },
            }
        elif spec.kind == "drawing":
            schema = {"type": "string", "description": d}
            if drawings:
                schema["enum"] = sorted(drawings)
            else:
                schema["pattern"] = ID_PATTERN
        elif spec.kind == "translation":
            hashed = {
                "type": "string",
                "pattern": HASH_PATTERN,
                "description": "Hash of the English text the French was reviewed against.",
            }
            schema = {
                "type": "object",
                "description": d,
                "additionalProperties": False,
                "properties": {
                    "fr": {
                        "type": "object",
                        "description": "The marker of the French translation.",
                        "additionalProperties": False,
                        "required": ["synced"],
                        "properties": {
                            "synced": {
                                "type": "string",
                                "pattern": DATE_PATTERN,
                                "format": "date",
                                "description": "Date of the last review (YYYY-MM-DD).",
                            },
                            **{name: hashed for name in RECORD_FIELDS},
                        },
                    }
                },
            }
        else:  # pragma: no cover - a new kind must be added above
            raise ValueError(f"no schema for field kind {spec.kind!r}")
        properties[spec.name] = schema
    conditionals: list[dict[str, Any]] = [
        {"if": {"required": ["image"]}, "then": {"required": ["alt"]}},
        {"if": {"required": ["drawing"]}, "then": {"required": ["alt"]}},
    ]
    conditionals.append(
        {
            "if": {"properties": {"type": {"const": "infographic"}}, "required": ["type"]},
            "then": {"anyOf": [{"required": ["image"]}, {"required": ["drawing"]}]},
        }
    )
    for spec in FIELDS:
        for type_ in spec.type_required:
            conditionals.append(
                {
                    "if": {"properties": {"type": {"const": type_}}, "required": ["type"]},
                    "then": {"required": [spec.name]},
                }
            )
    return {
        # Draft 7: the newest draft VS Code's YAML extension fully supports.
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "Resource record",
        "description": "One resource of the library, in English and French (data/resources/<id>.yml).",
        "type": "object",
        "required": [spec.name for spec in FIELDS if spec.required],
        "properties": properties,
        "additionalProperties": False,
        "allOf": conditionals,
    }


def dumps(schema: dict) -> str:
    """The committed form of the schema: stable key order, two-space indent."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"

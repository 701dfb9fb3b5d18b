"""The English texts a translation marker is about, and their hash.

A sync records, per French page or record field, the hash of the English text
it was reviewed against: the first 12 hexadecimal digits of the SHA-256 of the
text, normalised (line endings, trailing spaces), so that the marker changes only
when the words do.  This module is the one definition of those texts (a page's
characters, a record's translatable fields) and of the hash.

It imports only the standard library: the record schema
(:mod:`resource_library.load.schema`) reads :data:`HASH_PATTERN` and
:data:`RECORD_FIELDS` from here and must stay light.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

#: The language translated into, and the reference language it is reviewed against.
TARGET = "fr"
SOURCE = "en"
HASH_PATTERN = r"^[0-9a-f]{12}$"

#: Translatable fields of a record, in the order reports list them.
RECORD_FIELDS = ("title", "summary", "description", "alt", "evidence.note", "publisher", "keywords")


def normalise(text: str) -> str:
    """Text as hashed and stored: ``\\n`` line endings, no trailing spaces or blank edges."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def text_hash(text: str) -> str:
    """First 12 hexadecimal digits of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12]


def read_text(path: Path) -> str:
    """A page's text; bytes that are not UTF-8 never stop a report (``check`` names them).

    Read with the bounds of every editor's file (``load.files.read_limited``): a
    link, a device or an oversized file reads as empty here, and ``check`` and the
    build refuse it with its reason.
    """
    from resource_library.load.files import read_limited  # only when a page is read: keeps this module light

    raw = read_limited(path, str(path), "page")
    return raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else ""


def field_text(data: dict, name: str, lang: str) -> str | None:
    """The ``lang`` text of a record's field ``name`` (dotted: ``evidence.note``), or None when blank.

    A list (``keywords``) reads as one text, a line per item.
    """
    value: Any = data
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if not isinstance(value, dict):
        return None
    text = value.get(lang)
    if isinstance(text, list):
        text = "\n".join(str(t) for t in text) if text else None
    return text if isinstance(text, str) and text.strip() else None


def record_texts(data: dict, lang: str) -> dict:
    """``{field: text}`` of a record's translatable fields in ``lang``."""
    out = {}
    for name in RECORD_FIELDS:
        text = field_text(data, name, lang)
        if text is not None:
            out[name] = text
    return out


__all__ = [
    "HASH_PATTERN",
    "RECORD_FIELDS",
    "SOURCE",
    "TARGET",
    "field_text",
    "normalise",
    "read_text",
    "record_texts",
    "text_hash",
]

"""The open data files of one language, written: ``library.json``, its schema, ``library.csv``, the feed.

:func:`publish` makes them once per language and content (``Build.files`` adds
them to the site the way it adds the standalone infographics); the library page
and the Data page link to them with their format and size (:func:`downloads`).

``library.csv`` is written with :mod:`csv` (which quotes separators, quotes and
line breaks), in UTF-8 with a byte order mark so that Excel opens it with its
accents intact, lines ending in CR LF (RFC 4180).  Several values in one cell
are joined with :data:`~resource_library.views.opendata.LIST_SEPARATOR`.  A
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading apostrophe, so a spreadsheet shows it as text instead of running
it as a formula (CSV injection).

Every file is bytes, written as they are on every system.

Under ``mkdocs serve`` the build keeps each record's JSON entry and CSV line
(:class:`~resource_library.kept.KeptWork`): an edit writes again the lines of the
records it changed, and the files are joined from the lines kept for the others.
A record's lines come from its file (:attr:`Record.digest`), its related resources,
and what every line reads: the language, the site's address, the vocabularies, the
interface words and the French addresses (the table's key).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from resource_library.kept import KeptWork, key_of, table
from resource_library.render.dataschema import library_schema
from resource_library.render.feed import atom_feed
from resource_library.views.infographics import GeneratedFile
from resource_library.views.opendata import (
    CSV_PATH,
    FEED_PATH,
    JSON_PATH,
    LIST_SEPARATOR,
    SCHEMA_PATH,
    Addresses,
    columns,
    library_document,
    other_language,
    resource_entry,
)
from resource_library.views.site import SiteView, human_size, page_url, relative

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """One cell's text: lists joined, formulas defused, nothing for None."""
    if value is None:
        return ""
    text = LIST_SEPARATOR.join(str(v) for v in value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class CsvLines:
    """Lines of ``library.csv``, one at a time, as text: :func:`csv_cell` of each value, quoted
    where needed, ending in CR LF."""

    def __init__(self) -> None:
        self._buffer = io.StringIO(newline="")
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")

    def __call__(self, values: list) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow([csv_cell(v) for v in values])
        return self._buffer.getvalue()


def library_csv(header: str, lines: list) -> bytes:
    """``library.csv``: the header line, then one line per resource (UTF-8 bytes)."""
    return b"".join([("\ufeff" + header).encode("utf-8"), *lines])


def json_bytes(document: dict, indent: int | None = None) -> bytes:
    separators = (",", ": ") if indent else (",", ":")
    return (json.dumps(document, ensure_ascii=False, indent=indent, separators=separators) + "\n").encode("utf-8")


def library_json(site: SiteView, entries: list, addresses: Addresses) -> bytes:
    """``library.json`` from its entries as JSON (UTF-8 bytes): ``json_bytes(library_document(...))``
    of the same entries, without writing the kept ones again."""
    document = library_document(site, [], addresses)
    document["count"] = len(entries)
    del document["resources"]  # the last key: written from the entries' own text
    head = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    parts = [(head[:-1] + ',"resources":[').encode("utf-8")]
    for n, entry in enumerate(entries):
        if n:
            parts.append(b",")
        parts.append(entry)
    parts.append(b"]}\n")
    return b"".join(parts)


def _lines(site: SiteView, addresses: Addresses, cols: list, kept: KeptWork | None) -> tuple:
    """``(JSON entries, CSV lines)`` of every record, as UTF-8, in the catalogue's order."""
    catalogue = site.catalogue
    key = key_of(addresses.base, catalogue.vocabularies, site.t.table, catalogue.slugs) if kept is not None else b""
    lines = table(kept, (site.lang, "open data", addresses.base), key)
    csv_line = CsvLines()

    def made(record) -> tuple:
        entry = resource_entry(site, record, addresses)
        text = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return text, csv_line([c.cell(entry) for c in cols]).encode("utf-8")

    entries, rows = [], []
    for record in catalogue.records.values():
        record_key = (record.digest, tuple(record.related)) if record.digest else None
        text, row = lines.use(record.id, record_key, made, record)
        entries.append(text)
        rows.append(row)
    return entries, rows


@dataclass
class Publication:
    """One language's open data files, and the addresses they were written with."""

    lang: str
    addresses: Addresses
    files: list = field(default_factory=list)  # [GeneratedFile], content as bytes

    def size(self, path: str) -> int:
        """Bytes of the file at the language-neutral ``path`` (``library/library.csv``)."""
        return next(len(f.content) for f in self.files if f.path == path)


def publish(
    catalogue, strings: dict, lang: str, docs_dir: Path | None, site_url: str = "", kept: KeptWork | None = None
) -> Publication:
    """Every open data file of ``lang`` (``kept``: the build's, to reuse the records' lines of the
    last publication where they are the same)."""
    site = SiteView(catalogue, strings, lang, docs_dir)
    addresses = Addresses(site_url)
    cols = columns(site)
    entries, rows = _lines(site, addresses, cols, kept)
    return Publication(
        lang,
        addresses,
        [
            GeneratedFile(JSON_PATH, library_json(site, entries, addresses)),
            GeneratedFile(SCHEMA_PATH, json_bytes(library_schema(site, addresses), indent=2)),
            GeneratedFile(CSV_PATH, library_csv(CsvLines()([c.header for c in cols]), rows)),
            GeneratedFile(FEED_PATH, atom_feed(site, addresses)),
        ],
    )


#: The files a reader may download, with their format: (key, path, format name, media type).
DOWNLOADS = (
    ("csv", CSV_PATH, "CSV", "text/csv"),
    ("json", JSON_PATH, "JSON", "application/json"),
    ("schema", SCHEMA_PATH, "JSON Schema", "application/schema+json"),
    ("feed", FEED_PATH, "Atom", "application/atom+xml"),
)


def downloads(publication: Publication, from_url: str) -> dict:
    """``{key: {href, name, format, type, bytes, size}}``: the files, linked from the page at ``from_url``."""
    lang = publication.lang
    out = {}
    for key, path, fmt, media in DOWNLOADS:
        size = publication.size(path)
        out[key] = {
            "href": relative(from_url, page_url(lang, path)),
            "name": path.rsplit("/", 1)[-1],
            "format": fmt,
            "type": media,
            "bytes": size,
            "size": human_size(size, lang),
        }
    return out


def counterpart_links(publication: Publication, from_url: str) -> list:
    """The same files in the other language: ``[{href, name, type}]``."""
    other = other_language(publication.lang)
    return [
        {"href": relative(from_url, page_url(other, path)), "name": path.rsplit("/", 1)[-1], "type": media}
        for _, path, _, media in DOWNLOADS
    ]

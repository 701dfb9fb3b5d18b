"""Load and validate the whole library: records, vocabularies, pillars, programs, the site's data.

:func:`load_catalogue` is the one entry point the build hooks, the ``library``
command and the tests share.  It reads every file, collects every problem in one
pass (file, line, column, field, message), and returns a :class:`Catalogue` of
validated records with their related resources worked out.  It never raises for
bad content; callers decide whether errors stop them (:meth:`Catalogue.raise_for_errors`).
"""

from __future__ import annotations

import heapq
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jsonschema import Draft7Validator

from resource_library import cores
from resource_library.load.drawings import load_infographics
from resource_library.load.editorial import record_warnings
from resource_library.load.files import IMAGE_FIELD_SUFFIXES, link_refusal, record_files
from resource_library.load.pagepaths import TERM_PAGE_FOLDERS, conflicts, generated_pages
from resource_library.load.pageslugs import page_slugs
from resource_library.load.problems import WARNING, ContentError, Problem, sorted_problems
from resource_library.load.schema import record_schema
from resource_library.load.site import SiteInfo, load_site
from resource_library.load.suggest import did_you_mean, misread, quoted
from resource_library.load.textsafety import link_scheme, scan_document
from resource_library.load.vocabularies import load_pillars, load_program, load_vocabularies
from resource_library.load.yamlsource import Document, field_name, keep_parsed, load_file, parsed, parsed_entry
from resource_library.model.ids import RESERVED, id_problem, is_id
from resource_library.model.record import FIELDS_BY_NAME, LANGUAGES, RELATING_FIELDS, TEXT_FIELDS, Record
from resource_library.model.urls import localized_url, section_names
from resource_library.translation.snapshots import snapshot_problems

#: How many related resources a resource page lists.
RELATED_COUNT = 5
#: Candidates examined per shared tag when looking for related resources; keeps the
#: computation linear in the number of records (the newest candidates win ties).
RELATED_POOL = 60

#: Record fields written in Markdown (the others are plain text).
MARKDOWN_FIELDS = frozenset(spec.name for spec in FIELDS_BY_NAME.values() if spec.kind == "markdown")


@dataclass
class Catalogue:
    """Everything the site is made from, validated.

    Attributes:
        root: The project root (paths in problems are relative to it).
        records: ``{id: Record}`` in id order.
        vocabularies: ``{vocabulary id: Vocabulary}``, including ``pillars``.
        pillars_note: ``{en, fr}`` notice shown with the pillars (e.g. "illustrative").
        programs: ``{id: Program}``.
        site: The publisher and the licence of the data (``data/site.yml``).
        problems: Every problem found, errors and warnings, sorted.
    """

    root: Path
    records: dict = field(default_factory=dict)
    vocabularies: dict = field(default_factory=dict)
    pillars_note: dict = field(default_factory=dict)
    programs: dict = field(default_factory=dict)
    drawings: tuple = ()
    infographics: dict = field(default_factory=dict)  # {id: Infographic}, see load/drawings.py
    site: SiteInfo = field(default_factory=SiteInfo)
    problems: list = field(default_factory=list)
    #: Record files read, those with errors included (what `check` counts).
    record_files: int = 0
    #: Records' and pages' own addresses per language, ``{lang: {neutral path: slug}}`` (``model/urls.py``).
    slugs: dict = field(default_factory=dict)

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list:
        return [p for p in self.problems if not p.is_error]

    def raise_for_errors(self) -> None:
        """Raise :class:`ContentError` listing every error, if there is any."""
        if self.errors:
            raise ContentError(self.problems)

    def label(self, vocabulary: str, term: str, lang: str) -> str:
        vocab = self.vocabularies.get(vocabulary)
        return vocab.label_of(term, lang) if vocab else term


@dataclass(frozen=True)
class Layout:
    """Where the content lives, relative to the project root."""

    data_dir: str = "data"
    docs_dir: str = "docs"

    def resources(self, root: Path) -> Path:
        return root / self.data_dir / "resources"


def load_catalogue(root: Path | str, layout: Layout = Layout()) -> Catalogue:
    """Read and validate every content file under ``root``."""
    root = Path(root).resolve()
    data = root / layout.data_dir
    docs = root / layout.docs_dir
    catalogue = Catalogue(root=root)
    problems: list = []

    vocabularies, found = load_vocabularies(data / "vocabularies.yml", _rel(root, data / "vocabularies.yml"))
    problems += found
    pillars, note, found = load_pillars(data / "pillars.yml", _rel(root, data / "pillars.yml"))
    problems += found
    if pillars is not None:
        vocabularies["pillars"] = pillars
    catalogue.vocabularies = vocabularies
    catalogue.pillars_note = note
    catalogue.site, found = load_site(data / "site.yml", _rel(root, data / "site.yml"))
    problems += found
    drawings_dir = data / "infographics"
    catalogue.drawings = tuple(sorted(p.stem for p in drawings_dir.glob("*.yml"))) if drawings_dir.is_dir() else ()

    for file in sorted((data / "programs").glob("*.yml")):
        program, found = load_program(file, _rel(root, file))
        problems += found
        if program is not None:
            catalogue.programs[program.id] = program

    schema = record_schema(vocabularies, catalogue.drawings)
    validator = Draft7Validator(schema)
    checked = _SchemaChecks(json.dumps(schema, sort_keys=True, default=str), validator, vocabularies)
    seen_ids: dict = {}
    records: dict = {}
    valid_docs: list = []
    files = record_files(layout.resources(root))
    catalogue.record_files = len(files)
    folders: dict = {}
    named = [(file, _rel(root, file, folders)) for file in files]
    _check_on_two_cores(named, checked)
    for file, shown in named:
        doc = load_file(file, shown)
        found = list(doc.problems)
        if doc.ok:
            found += _validate_record(doc, file.stem, checked, docs)
        if isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
            rid = doc.data["id"]
            if rid in seen_ids:
                line, column = doc.positions.of_value(("id",))
                found.append(Problem(shown, line, column, "id", f"the id '{rid}' is already used by {seen_ids[rid]}"))
            else:
                seen_ids[rid] = shown
        problems += found
        if not any(p.is_error for p in found):
            record = Record.from_data(doc.data, shown, doc.digest)
            records[record.id] = record
            valid_docs.append(doc)
    problems += _slug_problems(valid_docs, catalogue, records)
    for doc in valid_docs:
        problems += checked.warnings(doc)
    checked.done()
    catalogue.records = dict(sorted(records.items()))
    _relate(catalogue.records)
    catalogue.infographics, found = load_infographics(drawings_dir, root, docs, catalogue.records, pillars)
    problems += found
    generated = generated_pages(catalogue.records, pillars, catalogue.programs, vocabularies)
    problems += conflicts(docs, _rel(root, docs), generated, catalogue.drawings)
    own_pages, found = page_slugs(docs, _rel(root, docs), generated, catalogue.slugs)
    problems += found
    for lang, table in own_pages.items():
        catalogue.slugs.setdefault(lang, {}).update(table)
    problems += snapshot_problems(root)
    # Drawings escape their texts, but raw HTML in them is refused all the same, as everywhere.
    for file in sorted(drawings_dir.glob("*.yml")) if drawings_dir.is_dir() else ():
        doc = load_file(file, _rel(root, file))
        if doc.ok:
            problems += scan_document(doc, markdown_keys=())
    catalogue.problems = sorted_problems(problems)
    return catalogue


def _slug_problems(docs: list, catalogue: Catalogue, records: dict) -> list:
    """Each French record address (``slug.fr``, else the id) belongs to one record; fills ``catalogue.slugs``.

    A record whose French address is taken keeps its id as its French address (its error stops the build).
    """
    problems = []
    own = {doc.data["id"]: doc for doc in docs if isinstance(doc.data.get("slug"), dict) and "fr" in doc.data["slug"]}
    # French address → who has it: the records without a slug keep their id.
    taken = {rid: f"{records[rid].source} (its id)" for rid in records if rid not in own}
    table = {}
    for rid, doc in sorted(own.items()):
        slug = doc.data["slug"]["fr"]
        if slug in taken:
            problems.append(
                doc.problem(
                    ("slug", "fr"),
                    f"the French address /{localized_url('fr', f'library/{slug}/', {})} is already taken by {taken[slug]}; "
                    "choose another French address",
                )
            )
            continue
        taken[slug] = f"{records[rid].source} (its French address)"
        if slug != rid:
            table[f"library/{rid}"] = slug
    catalogue.slugs = {"fr": table} if table else {}
    return problems


def _rel(root: Path, path: Path, folders: dict | None = None) -> str:
    """``path`` as shown in problems: relative to ``root``.  ``folders``: the folders already
    resolved by this load, as shown (a thousand records share one)."""
    # The folder is resolved, never the file: a file that is a symbolic link is named as such.
    parent, name = os.path.split(os.fspath(path))
    shown = folders.get(parent, False) if folders is not None else False
    if shown is False:
        try:
            shown = Path(parent).resolve().relative_to(root).as_posix()
        except ValueError:  # outside the project: named as given
            shown = None
        if folders is not None:
            folders[parent] = shown
    if shown is None:
        return str(path)
    return name if shown == "." else f"{shown}/{name}"


#: A load with at least this many record files never parsed (a build, ``check``, the first
#: build of ``mkdocs serve``) parses and checks half of them in a forked process, at the same
#: time as the other half (``resource_library/cores.py``); fewer are quicker in one process.
PARALLEL_FROM = 200


def _check_on_two_cores(named: list, checked: _SchemaChecks) -> None:
    """Fill the parse cache and ``checked`` for the record files never parsed (``named``: each
    file and how problems name it), on two cores: the loop of :func:`load_catalogue` then finds
    every file parsed and checked."""
    fresh = [(file, shown) for file, shown in named if not parsed(file, shown)]
    if len(fresh) < PARALLEL_FROM or not cores.wanted():
        return

    def check(part: list) -> list:
        out = []
        for file, shown in part:
            doc = load_file(file, shown)
            problems = None
            if doc.ok and isinstance(doc.data, dict):
                problems = (checked.problems(doc), checked.text_problems(doc), checked.warnings(doc))
            entry = parsed_entry(file, shown)
            if entry is not None:  # else too large or unreadable: the loop says so
                out.append((entry, problems))
        return out

    _here, there = cores.share(fresh, check)
    for entry, problems in there:
        doc = keep_parsed(entry)
        if problems is not None:
            checked.keep(doc, *problems)


#: Schema problems of the records last loaded, for :class:`_SchemaChecks`.
_SCHEMA_MEMO: dict = {"schema": None, "seen": {}}


class _SchemaChecks:
    """Each record's schema and text problems and editorial warnings, checked again only when its
    file or the schema changed.

    The parse cache (``load_file``) hands out the same parsed data while a file's bytes
    are unchanged, so ``mkdocs serve`` re-validates only the records that were edited:
    on a library of 1,000 records the schema check is most of loading it.  Only the
    last load's entries are kept.
    """

    def __init__(self, schema_key: str, validator, vocabularies: dict):
        self.validator, self.vocabularies = validator, vocabularies
        if _SCHEMA_MEMO["schema"] != schema_key:
            _SCHEMA_MEMO["schema"], _SCHEMA_MEMO["seen"] = schema_key, {}
        self.last = _SCHEMA_MEMO["seen"]
        self.now: dict = {}

    def _entry(self, doc: Document) -> dict:
        key = (id(doc.data), doc.path)
        entry = self.now.get(key) or self.last.get(key)
        if entry is None or entry["data"] is not doc.data:
            entry = {"data": doc.data}
        self.now[key] = entry
        return entry

    def problems(self, doc: Document) -> list:
        """The schema's problems with ``doc``."""
        entry = self._entry(doc)
        if "schema" not in entry:
            entry["schema"] = list(
                _flatten(_schema_problem(doc, e, self.vocabularies) for e in self.validator.iter_errors(doc.data))
            )
        return list(entry["schema"])

    def text_problems(self, doc: Document) -> list:
        """Raw HTML, scripts or unsafe links in the texts of ``doc`` (``scan_document``)."""
        entry = self._entry(doc)
        if "texts" not in entry:
            entry["texts"] = scan_document(doc, MARKDOWN_FIELDS)
        return list(entry["texts"])

    def warnings(self, doc: Document) -> list:
        """The editorial warnings of ``doc``, a valid record (``record_warnings``)."""
        entry = self._entry(doc)
        if "warnings" not in entry:
            entry["warnings"] = record_warnings(doc)
        return list(entry["warnings"])

    def keep(self, doc: Document, schema: list, texts: list, warnings: list) -> None:
        """The problems of ``doc`` as another process found them (:func:`_check_on_two_cores`)."""
        entry = {"data": doc.data, "schema": schema, "texts": texts, "warnings": warnings}
        self.now[(id(doc.data), doc.path)] = entry

    def done(self) -> None:
        _SCHEMA_MEMO["seen"] = self.now


def _validate_record(doc: Document, stem: str, checked: _SchemaChecks, docs: Path) -> list:
    data = doc.data
    if not isinstance(data, dict):
        return [doc.problem((), "a record is a mapping of fields (id:, type:, title:, ...)")]
    problems = checked.problems(doc)

    wrong_stem = id_problem(stem, "file name", reserved=True)
    if not wrong_stem and stem in TERM_PAGE_FOLDERS.values():
        # /library/<folder>/<term>/ lists the resources of a term: no record takes the folder's name.
        wrong_stem = (
            f"'{stem}' is reserved: the site uses /library/{stem}/ for the pages of the vocabulary's terms "
            f"(reserved for records too: {', '.join(sorted(TERM_PAGE_FOLDERS.values()))}); choose another id"
        )
    if wrong_stem:  # the id must equal the file name: both are to change
        problems.append(
            doc.problem((), f"rename the file (its name is the record's id and page address): {wrong_stem}")
        )
    elif isinstance(data.get("id"), str) and data["id"] != stem:
        problems.append(
            doc.problem(
                ("id",),
                f"the id '{quoted(data['id'])}' differs from the file name; use '{quoted(stem)}' (or rename the file)",
            )
        )
    if isinstance(data.get("id"), str) and data["id"] in RESERVED:
        problems.append(doc.problem(("id",), _refused_id(data["id"], reserved=True)))
    slug = data.get("slug", {}).get("fr") if isinstance(data.get("slug"), dict) else None
    if isinstance(slug, str) and is_id(slug) and slug in RESERVED | section_names("fr"):
        problems.append(
            doc.problem(
                ("slug", "fr"),
                f"'{slug}' is reserved: the site uses this name for its own pages and files (reserved: "
                f"{', '.join(sorted(RESERVED | section_names('fr')))}); choose another French address",
            )
        )
    for name in ("published", "updated"):
        value = data.get(name)
        if isinstance(value, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            try:
                date.fromisoformat(value)
            except ValueError:
                problems.append(doc.problem((name,), f"'{value}' is not a real date (YYYY-MM-DD)"))
    if (
        isinstance(data.get("published"), str)
        and isinstance(data.get("updated"), str)
        and data["updated"] < data["published"]
    ):
        problems.append(doc.problem(("updated",), "the update date is earlier than the publication date", WARNING))

    # Every text, known field or not: no raw HTML, no script, no unsafe link.
    problems += checked.text_problems(doc)

    for name, kind in (("links", "location"), ("image", "file")):
        value = data.get(name)
        if isinstance(value, dict):
            for lang, target in value.items():
                if isinstance(target, str):
                    problems += _check_target(doc, (name, lang), target, docs, image=(kind == "file"))
    return problems


def _schema_problem(doc: Document, error, vocabularies: dict):
    path = tuple(error.absolute_path)
    kind = error.validator
    top = path[0] if path else None
    if top == "translation" and kind != "additionalProperties":
        return doc.problem(
            path,
            "the translation marker is written by `scripts/library sync`; "
            "delete the `translation:` block and run the sync again",
        )
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        if "allOf" in error.absolute_schema_path:
            data = doc.data
            if missing == "alt":
                reason = "an image" if "image" in data else "a drawing"
                return doc.problem(
                    path + ("alt",), f"`alt` (a full text alternative in English and French) is required with {reason}"
                )
            return doc.problem(
                path + (missing,), f"`{missing}` is required for a resource of type '{data.get('type')}'"
            )
        if path and path[-1] in TEXT_FIELDS + ("note",) and missing == "en":
            return doc.problem(path, "the English text (`en:`) is required: English is the reference language")
        return doc.problem(path + (missing,), f"missing required field `{missing}`")
    if kind == "additionalProperties" and top == "slug":
        extra = next(iter(sorted(set(error.instance) - {"fr"})), "?")
        return doc.problem(
            path + (extra,),
            f"'{extra}' is not allowed here: only the French page takes its own address (`fr:`); "
            "the English address is the record's id",
            key=True,
        )
    if kind == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        if sorted(allowed) == sorted(LANGUAGES):
            out = [
                doc.problem(path + (extra,), f"unknown language '{extra}'; use en (English) or fr (French)", key=True)
                for extra in error.instance
                if extra not in allowed
            ]
            return out[0] if len(out) == 1 else _Multi(out)
        out = [_unknown_field(doc, path, str(extra), allowed) for extra in error.instance if extra not in allowed]
        return out[0] if len(out) == 1 else _Multi(out)
    if kind == "enum":
        spec = FIELDS_BY_NAME.get(top) if isinstance(top, str) else None
        vocab_id = "evidence_levels" if top == "evidence" else (spec.vocabulary if spec else None)
        allowed = error.validator_value
        where = f" of the vocabulary '{vocab_id}'" if vocab_id else ""
        if top == "drawing":
            where = " of data/infographics/"
        allowed_text = ", ".join(map(str, allowed))
        reading = misread(doc, path, error.instance, advice=False)
        if reading:  # `no`, `on`, `1.0`: what YAML made of the term is not what the editor wrote
            written = doc.positions.written[path]
            if written in ("", "~"):
                return doc.problem(path, f"the value is empty; write a term{where}: {allowed_text}")
            if written in map(str, allowed):
                return doc.problem(path, f'put the term in quotes: "{written}" ({reading})')
            return doc.problem(path, f"'{written}' is not a term{where}; allowed: {allowed_text} ({reading})")
        return doc.problem(
            path,
            f"'{quoted(error.instance)}' is not a term{where}"
            f"{did_you_mean(error.instance, allowed, doc.column(path))}; allowed: {allowed_text}",
        )
    if kind == "anyOf" and top == "type":
        return doc.problem(path, "an infographic needs `drawing` (drawn by the build) or `image` (a file per language)")
    if kind == "anyOf" and top == "publisher":
        return doc.problem(path, "expected the publisher's name as text, or `en:` and `fr:` names")
    if kind == "anyOf":
        return doc.problem(
            ("type",), "an infographic needs `drawing` (drawn by the build) or `image` (a file per language)"
        )
    if kind == "type" and "enum" in error.schema and misread(doc, path, error.instance):
        return None  # the enum error says it, quoting what the editor wrote
    if kind == "type":
        expected = {
            "string": "text",
            "array": "a list",
            "object": "a mapping (`en:` / `fr:` or sub-fields)",
            "integer": "a whole number",
        }
        wanted = error.validator_value
        wanted = " or ".join(
            expected[w] if w in expected else w for w in (wanted if isinstance(wanted, list) else [wanted])
        )
        got = {
            str: "text",
            list: "a list",
            dict: "a mapping",
            bool: "yes/no",
            int: "a number",
            float: "a number",
            type(None): "nothing",
        }.get(type(error.instance), "something else")
        hint = ""
        if wanted == "a list" and isinstance(error.instance, str):
            hint = f"; write it as a list: [{error.instance}]"
        reading = misread(doc, path, error.instance, advice=False)
        if "text" in wanted and reading and doc.positions.written[path] not in ("", "~"):
            hint = f'; put the value in quotes: "{doc.positions.written[path]}" ({reading})'
        return doc.problem(path, f"expected {wanted}, got {got}{hint}")
    if kind == "pattern" and top == "slug":
        return doc.problem(path, _refused_id(error.instance, noun="French address (slug)", column=doc.column(path)))
    if kind == "pattern":
        if top in ("published", "updated"):
            return doc.problem(path, f"'{error.instance}' is not an ISO date; write YYYY-MM-DD, e.g. 2024-09-01")
        return doc.problem(path, _refused_id(error.instance, column=doc.column(path), reserved=top == "id"))
    if kind == "minLength":
        if path and path[-1] == "en":
            return doc.problem(path, "the English text is empty; write it (English is required)")
        if path and path[-1] == "fr":
            return doc.problem(path, "the French text is empty; write it, or remove the `fr:` line")
        return doc.problem(path, "the text is empty; write it, or remove the line")
    if kind == "minItems" and top == "languages":
        return doc.problem(path, "list at least one language: [en], [fr] or [en, fr]")
    if kind in ("minItems", "minProperties"):
        return doc.problem(path, "must not be empty; fill it in or remove the field")
    if kind == "uniqueItems":
        items = list(error.instance)
        twice = next((i for i, item in enumerate(items) if item in items[:i]), None)
        if twice is not None:
            return doc.problem(path + (twice,), f"'{items[twice]}' is listed twice; keep it once")
        return doc.problem(path, "a term is listed twice")
    if kind in ("minimum", "maximum"):
        return doc.problem(path, f"{error.instance} is not a plausible year")
    return doc.problem(path, error.message)


def _refused_id(value: str, **options) -> str:
    """What is wrong with an id the schema refused (its pattern, or a reserved name)."""
    wrong = id_problem(value, **options)
    assert wrong is not None  # the schema's id pattern and the reserved names are the rules id_problem reads
    return wrong


def _unknown_field(doc: Document, path: tuple, name: str, allowed: list) -> Problem:
    intended = name.split(":", 1)[0]
    if ":" in name and intended in allowed:  # "title:{en: x}" is one key to YAML
        line, column = doc.positions.of_key(path + (name,))
        return Problem(
            doc.path,
            line,
            column,
            field_name(path + (intended,)),
            f"put a space after the colon: `{intended}: ...` (YAML reads '{name}' as one word)",
        )
    suggestion = did_you_mean(name, allowed, doc.column(path + (name,), key=True))
    return doc.problem(
        path + (name,), f"unknown field '{quoted(name)}'{suggestion or '; allowed: ' + ', '.join(allowed)}", key=True
    )


class _Multi(list):
    """Several problems from one schema error (several unknown fields)."""


def _flatten(problems):
    for p in problems:
        if isinstance(p, _Multi):
            yield from p
        elif p is not None:
            yield p


def _check_target(doc: Document, path: tuple, target: str, docs: Path, image: bool) -> list:
    name = link_scheme(target)
    if target.startswith("//"):
        return [doc.problem(path, f"'{target[:40]}' is an address without https:; write it in full (https://...)")]
    if name:
        if name == "https" and not image:
            return []
        if name == "http" and not image:
            return [doc.problem(path, f"'{target}' is not encrypted; use https:// if the site offers it", WARNING)]
        if image:
            return [doc.problem(path, f"'{target}' must be a file under docs/ (images are served by the site itself)")]
        return [
            doc.problem(path, f"the link '{target[:40]}' is not allowed: use an https:// address or a file under docs/")
        ]
    relative = target.lstrip("/")
    candidate = (docs / relative).resolve()
    try:
        candidate.relative_to(docs.resolve())
    except ValueError:
        return [doc.problem(path, f"'{target}' points outside docs/")]
    refused = link_refusal(relative, IMAGE_FIELD_SUFFIXES if image else ())  # the allow-list of files.py
    if refused:
        return [doc.problem(path, f"'{target}' {refused}")]
    if not candidate.is_file():
        return [
            doc.problem(
                path, f"'{target}' is neither an https:// address nor a file under docs/ (no file docs/{relative})"
            )
        ]
    return []


#: The related resources of the records last loaded, and what they were worked out from.
_RELATED: dict = {"key": None, "related": {}}


def _relate(records: dict) -> None:
    """Fill ``record.related``: resources sharing the most pillars and core elements.

    Each tag's records are kept newest first and only the first
    :data:`RELATED_POOL` of each are scored, so the work grows linearly with the
    number of records instead of with its square.  Ties go to the most recently
    changed record, then to the smaller id.
    """
    by_tag: dict = {}
    tags_of: dict = {}
    # Dates are validated ISO dates (YYYY-MM-DD): as integers they sort like dates,
    # and negating them puts the newest first without a per-comparison key function.
    newest_first = {rid: -_day_number(r.last_changed) for rid, r in records.items()}
    for record in records.values():
        tags = {(f, t) for f in RELATING_FIELDS for t in record.terms(f)}
        tags_of[record.id] = tags
        for tag in tags:
            by_tag.setdefault(tag, []).append(record.id)
    # What the lists are made from: the same as last time (an edit of a title or a text), the same lists.
    key = (newest_first, tags_of)
    if _RELATED["key"] == key:
        for rid, record in records.items():
            record.related = list(_RELATED["related"][rid])
        return
    for members in by_tag.values():
        members.sort(key=lambda rid: (-newest_first[rid], rid), reverse=True)  # newest first
        del members[RELATED_POOL:]
    for record in records.values():
        tags = tags_of[record.id]
        candidates = set()
        for tag in tags:
            candidates.update(by_tag[tag])
        candidates.discard(record.id)
        best = heapq.nsmallest(
            RELATED_COUNT, ((-len(tags & tags_of[rid]), newest_first[rid], rid) for rid in candidates)
        )
        record.related = [rid for _, _, rid in best]
    _RELATED["key"], _RELATED["related"] = key, {rid: tuple(r.related) for rid, r in records.items()}


def _day_number(day: str) -> int:
    """``2024-09-01`` → ``20240901`` (0 when the text is not an ISO date)."""
    digits = day.replace("-", "")
    return int(digits) if digits.isdigit() else 0

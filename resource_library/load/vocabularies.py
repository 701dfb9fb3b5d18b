"""Controlled vocabularies, strategic pillars and partner programs.

``data/vocabularies.yml`` lists the terms records may use, with English and
French labels; ``data/pillars.yml`` the strategic pillars (which records tag like
any other vocabulary); ``data/programs/<id>.yml`` partner programs and their
cohorts.  Each loader returns plain objects and the problems it found.  The
names each file may use come from its model (:mod:`resource_library.model.vocabulary`,
:mod:`resource_library.model.program`), which the JSON Schemas are generated from too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from resource_library.load.problems import WARNING, Problem
from resource_library.load.suggest import did_you_mean, misread, quoted
from resource_library.load.textsafety import scan_document
from resource_library.load.yamlsource import Document, load_file
from resource_library.model.fields import names
from resource_library.model.ids import id_problem
from resource_library.model.program import COHORT, KEY_DATE, PROGRAM, SCHOOL_YEAR_PATTERN
from resource_library.model.record import DATE_PATTERN, LANGUAGES
from resource_library.model.vocabulary import PILLAR, PILLARS_FILE, TERM, VOCABULARY
from resource_library.text.fallback import text_in


@dataclass
class Term:
    """One term of a vocabulary, with its labels and definitions per language."""

    id: str
    label: dict
    definition: dict = field(default_factory=dict)
    rank: int | None = None
    extra: dict = field(default_factory=dict)  # summary, description, aims (pillars)

    def label_in(self, lang: str) -> str:
        return text_in(self.label, lang)


@dataclass
class Vocabulary:
    """A named list of terms, kept in the order editors wrote (or by rank)."""

    id: str
    label: dict
    terms: dict
    description: dict = field(default_factory=dict)
    source: str = ""

    def label_of(self, term: str, lang: str) -> str:
        return self.terms[term].label_in(lang) if term in self.terms else term

    def ordered(self, terms) -> list:
        """``terms`` in the vocabulary's order."""
        order = {t: i for i, t in enumerate(self.terms)}
        return sorted(terms, key=lambda t: order.get(t, len(order)))


@dataclass
class Cohort:
    school_year: str
    districts: list


@dataclass
class Program:
    """A partner program (learning collaborative) with its cohorts."""

    id: str
    title: dict
    summary: dict
    source: str
    description: dict = field(default_factory=dict)
    organisers: dict = field(default_factory=dict)
    key_dates: list = field(default_factory=list)
    cohorts: list = field(default_factory=list)
    contact: dict = field(default_factory=dict)
    source_updated: str | None = None


def _check_localized(doc: Document, value, path: tuple, problems: list, *, kind=str, required=True) -> None:
    """A ``{en, fr}`` map: English required, French recommended."""
    if not isinstance(value, dict):
        problems.append(doc.problem(path, "expected English and French variants: a mapping with `en:` and `fr:`"))
        return
    for lang in value:
        if lang not in LANGUAGES:
            problems.append(doc.problem(path + (lang,), f"unknown language '{lang}'; use en or fr", key=True))
    if required and value.get("en") in (None, ""):  # a value of another kind is reported below
        problems.append(doc.problem(path, "the English variant (`en:`) is required"))
    for lang, text in value.items():
        if text is not None and not isinstance(text, kind):
            expected = "a list" if kind is list else "text"
            reading = misread(doc, path + (lang,), text)
            problems.append(doc.problem(path + (lang,), f"expected {expected}" + (f" ({reading})" if reading else "")))
    if required and value.get("en") and not value.get("fr"):
        problems.append(doc.problem(path, "no French variant (`fr:`) yet", WARNING))


def _unknown(doc: Document, path: tuple, allowed) -> Problem:
    """The problem of the unknown field at ``path``, with the one suggestion helper."""
    name = str(path[-1])
    return doc.problem(
        path,
        f"unknown field '{quoted(name)}'{did_you_mean(name, allowed, doc.column(path, key=True))}; "
        f"allowed: {', '.join(allowed)}",
        key=True,
    )


def _unknown_in(doc: Document, value, path: tuple, allowed) -> list:
    """The problems of the unknown fields of ``value`` (nothing when it is not a mapping)."""
    if not isinstance(value, dict):
        return []
    return [_unknown(doc, path + (key,), allowed) for key in value if key not in allowed]


def _id_problem(doc: Document, path: tuple, value, noun: str):
    """The problem of a page id (pillar, program) at ``path``, or None: the id rule, reserved names included."""
    if not isinstance(value, str):
        reading = misread(doc, path, value)
        return doc.problem(
            path,
            f"the {noun} is missing or not text; use lowercase letters, digits and single hyphens"
            + (f" ({reading})" if reading else ""),
        )
    wrong = id_problem(value, noun, doc.column(path) if path else None, reserved=True)
    return doc.problem(path, wrong) if wrong else None


def _rank(doc: Document, value: dict, path: tuple, problems: list) -> int | None:
    """The ``rank`` of a term or pillar (a whole number, the model's ``integer``), or None; reports any other value."""
    rank = value.get("rank")
    if rank is None or (isinstance(rank, int) and not isinstance(rank, bool)):
        return rank
    reading = misread(doc, path + ("rank",), rank, advice=False) if isinstance(rank, bool) else ""
    problems.append(
        doc.problem(
            path + ("rank",),
            "expected a whole number, the display order (1 comes first)" + (f" ({reading})" if reading else ""),
        )
    )
    return None


def _real_date(value) -> bool:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def load_vocabularies(file: Path, shown: str) -> tuple[dict, list]:
    """Load ``data/vocabularies.yml``: ``{vocabulary id: Vocabulary}`` and problems."""
    doc = load_file(file, shown)
    problems = list(doc.problems)
    vocabularies: dict = {}
    if not doc.ok:
        return vocabularies, problems
    problems += scan_document(doc)
    if not isinstance(doc.data, dict):
        return vocabularies, problems + [doc.problem((), "expected a mapping of vocabularies")]
    for vid, body in doc.data.items():
        path = (vid,)
        if not isinstance(body, dict) or not isinstance(body.get("terms"), dict):
            problems.append(doc.problem(path, "a vocabulary needs `label:` and a `terms:` mapping"))
            continue
        _check_localized(doc, body.get("label"), path + ("label",), problems)
        for key in body:
            if key not in names(VOCABULARY):
                problems.append(_unknown(doc, path + (key,), names(VOCABULARY)))
        terms = {}
        for tid, term in body["terms"].items():
            tpath = path + ("terms", tid)
            wrong = id_problem(str(tid), "term id", doc.column(tpath, key=True))
            if wrong:
                problems.append(doc.problem(tpath, wrong, key=True))
            if not isinstance(term, dict):
                problems.append(doc.problem(tpath, "a term needs `label: {en, fr}`"))
                continue
            for key in term:
                if key not in names(TERM):
                    problems.append(_unknown(doc, tpath + (key,), names(TERM)))
            _check_localized(doc, term.get("label"), tpath + ("label",), problems)
            if "definition" in term:
                _check_localized(doc, term["definition"], tpath + ("definition",), problems)
            rank = _rank(doc, term, tpath, problems)
            if isinstance(term.get("label"), dict) and term["label"].get("en"):
                terms[str(tid)] = Term(str(tid), term["label"], term.get("definition") or {}, rank)
        if any(t.rank is not None for t in terms.values()):
            terms = dict(sorted(terms.items(), key=lambda kv: (kv[1].rank is None, kv[1].rank or 0)))
        vocabularies[str(vid)] = Vocabulary(
            str(vid), body.get("label") or {"en": vid}, terms, body.get("description") or {}, shown
        )
    return vocabularies, problems


def load_pillars(file: Path, shown: str) -> tuple[Vocabulary | None, dict, list]:
    """Load ``data/pillars.yml`` as a vocabulary; also returns its notice ``{en, fr}``."""
    doc = load_file(file, shown)
    problems = list(doc.problems)
    if not doc.ok:
        return None, {}, problems
    problems += scan_document(doc)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("pillars"), list):
        return None, {}, problems + [doc.problem((), "expected `pillars:` with a list of pillars")]
    for key in data:
        if key not in names(PILLARS_FILE):
            problems.append(_unknown(doc, (key,), names(PILLARS_FILE)))
    terms = {}
    for index, pillar in enumerate(data["pillars"]):
        path = ("pillars", index)
        if not isinstance(pillar, dict):
            problems.append(doc.problem(path, "a pillar needs id, title and summary"))
            continue
        pid = pillar.get("id")
        wrong = _id_problem(doc, path + ("id",), pid, "pillar id")
        if wrong:
            problems.append(wrong)
            continue
        assert isinstance(pid, str)  # _id_problem reports anything but text
        if pid in terms:
            problems.append(doc.problem(path + ("id",), f"the pillar id '{pid}' is used twice"))
        for key in pillar:
            if key not in names(PILLAR):
                problems.append(_unknown(doc, path + (key,), names(PILLAR)))
        _check_localized(doc, pillar.get("title"), path + ("title",), problems)
        _check_localized(doc, pillar.get("summary"), path + ("summary",), problems)
        if "description" in pillar:
            _check_localized(doc, pillar["description"], path + ("description",), problems)
        if "aims" in pillar:
            _check_localized(doc, pillar["aims"], path + ("aims",), problems, kind=list)
        rank = _rank(doc, pillar, path, problems)
        if isinstance(pillar.get("title"), dict) and pillar["title"].get("en"):
            terms[pid] = Term(
                pid,
                pillar["title"],
                pillar.get("summary") or {},
                rank,
                {
                    "description": pillar.get("description") or {},
                    "aims": pillar.get("aims") or {},
                },
            )
    label = data.get("label") or {"en": "Strategic pillar", "fr": "Pilier stratégique"}
    vocabulary = Vocabulary("pillars", label, terms, {}, shown)
    return vocabulary, data.get("note") or {}, problems


def load_program(file: Path, shown: str) -> tuple[Program | None, list]:
    """Load one ``data/programs/<id>.yml``."""
    doc = load_file(file, shown)
    problems = list(doc.problems)
    if not doc.ok:
        return None, problems
    problems += scan_document(doc)
    data = doc.data
    if not isinstance(data, dict):
        return None, problems + [doc.problem((), "expected a mapping with id, title, summary")]
    allowed = names(PROGRAM)
    for key in data:
        if key not in allowed:
            problems.append(_unknown(doc, (key,), allowed))
    wrong = _id_problem(doc, ("id",), data.get("id"), "program id") or _id_problem(
        doc, (), file.stem, "program file name"
    )
    if wrong:
        problems.append(wrong)
    elif data.get("id") != file.stem:
        problems.append(doc.problem(("id",), f"the id must equal the file name '{file.stem}'"))
    for key in ("title", "summary"):
        _check_localized(doc, data.get(key), (key,), problems)
    for key in ("description", "contact"):
        if key in data:
            _check_localized(doc, data[key], (key,), problems)
    if "organisers" in data:
        _check_localized(doc, data["organisers"], ("organisers",), problems, kind=list)
    for index, item in enumerate(data.get("key_dates") or []):
        path = ("key_dates", index)
        problems += _unknown_in(doc, item, path, names(KEY_DATE))
        if not isinstance(item, dict) or not re.match(DATE_PATTERN, str(item.get("date", ""))):
            problems.append(
                doc.problem(path + ("date",), "each key date needs `date: YYYY-MM-DD` and `label: {en, fr}`")
            )
            continue
        if not _real_date(item["date"]):
            problems.append(doc.problem(path + ("date",), f"'{item['date']}' is not a real date (YYYY-MM-DD)"))
        _check_localized(doc, item.get("label"), path + ("label",), problems)
    cohorts = []
    for index, item in enumerate(data.get("cohorts") or []):
        path = ("cohorts", index)
        problems += _unknown_in(doc, item, path, names(COHORT))
        if (
            not isinstance(item, dict)
            or not re.match(SCHOOL_YEAR_PATTERN, str(item.get("school_year", "")))
            or not isinstance(item.get("districts"), list)
        ):
            problems.append(doc.problem(path, 'each cohort needs `school_year: "2021-2022"` and a `districts:` list'))
            continue
        for number, district in enumerate(item["districts"]):
            if not isinstance(district, str):
                reading = misread(doc, path + ("districts", number), district)
                problems.append(
                    doc.problem(
                        path + ("districts", number),
                        "expected the name of a district" + (f" ({reading})" if reading else ""),
                    )
                )
        cohorts.append(Cohort(str(item["school_year"]), [str(d) for d in item["districts"]]))
    if data.get("source_updated") is not None and not re.match(DATE_PATTERN, str(data["source_updated"])):
        problems.append(doc.problem(("source_updated",), "expected a date YYYY-MM-DD"))
    elif data.get("source_updated") is not None and not _real_date(data["source_updated"]):
        problems.append(doc.problem(("source_updated",), f"'{data['source_updated']}' is not a real date (YYYY-MM-DD)"))
    if any(p.is_error for p in problems):
        return None, problems
    cohorts.sort(key=lambda c: c.school_year, reverse=True)
    program = Program(
        id=data["id"],
        title=data["title"],
        summary=data["summary"],
        source=shown,
        description=data.get("description") or {},
        organisers=data.get("organisers") or {},
        key_dates=sorted(data.get("key_dates") or [], key=lambda d: str(d["date"])),
        cohorts=cohorts,
        contact=data.get("contact") or {},
        source_updated=data.get("source_updated"),
    )
    return program, problems

"""The bilingual glossary (``data/glossary.yml``): key terms and their preferred French.

:func:`load_glossary` reads and checks the file; :func:`find_not_preferred` finds,
in a French text, the variants the glossary asks translators to avoid, so that
``scripts/library status`` can point at them.  Matching ignores case, treats
’ and ' alike, and accepts plural and feminine endings of the listed forms.
The names an entry may use come from :mod:`resource_library.model.glossary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from resource_library.load.problems import Problem
from resource_library.load.suggest import did_you_mean, misread, quoted
from resource_library.load.textsafety import scan_document
from resource_library.load.yamlsource import load_file
from resource_library.model.fields import names
from resource_library.model.glossary import GLOSSARY_FILE, GLOSSARY_TERM
from resource_library.model.ids import id_problem

_APOSTROPHES = "'’"
#: The longest form (accepted or to avoid) a term may list.
MAX_FORM_LENGTH = 100


@dataclass(frozen=True)
class GlossaryTerm:
    """One key term.

    Attributes:
        id: Identifier (also the anchor of the term on the glossary page).
        en: The English term.
        fr: The preferred French term.
        definition: ``{en, fr}`` definition.
        accepted: Other French forms that are fine.
        not_preferred: French forms to avoid.
        note: ``{en, fr}`` usage note (may be empty).
    """

    id: str
    en: str
    fr: str
    definition: dict
    accepted: tuple = ()
    not_preferred: tuple = ()
    note: dict = field(default_factory=dict)


def load_glossary(file: Path, shown: str) -> tuple[list, list]:
    """``([GlossaryTerm], problems)``; a missing file is an empty glossary."""
    if not file.is_file():
        return [], []
    doc = load_file(file, shown)
    problems = list(doc.problems)
    if not doc.ok:
        return [], problems
    problems += scan_document(doc, markdown_keys=())
    entries = doc.data.get("terms") if isinstance(doc.data, dict) else None
    for key in doc.data if isinstance(doc.data, dict) else ():
        if key not in names(GLOSSARY_FILE):
            hint = did_you_mean(str(key), names(GLOSSARY_FILE), doc.column((key,), key=True))
            problems.append(
                doc.problem(
                    (key,),
                    f"unknown key '{quoted(str(key))}'{hint}; allowed: {', '.join(names(GLOSSARY_FILE))}",
                    key=True,
                )
            )
    if not isinstance(entries, list):
        return [], problems + [Problem(shown, 1, 1, "terms", "expected a list of terms under `terms:`")]
    terms, seen = [], set()

    def problem(path, message, key=False):
        problems.append(doc.problem(path, message, key=key))

    for index, entry in enumerate(entries):
        path = ("terms", index)
        if not isinstance(entry, dict):
            problem(path, "expected a term (id, en, fr, definition)")
            continue
        bad = False
        for key in ("id", "en", "fr"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                reading = misread(doc, path + (key,), entry.get(key))
                problem(path + (key,), f"`{key}` is required (text)" + (f": {reading}" if reading else ""))
                bad = True
        wrong = (
            id_problem(entry["id"], "term id", doc.column(path + ("id",)))
            if isinstance(entry.get("id"), str) and entry["id"].strip()
            else None
        )
        if wrong:
            problem(path + ("id",), wrong)
            bad = True
        definition = entry.get("definition")
        if not isinstance(definition, dict) or not all(
            isinstance(definition.get(l), str) and definition[l].strip() for l in ("en", "fr")
        ):
            problem(path + ("definition",), "`definition` needs `en:` and `fr:` texts")
            bad = True
        elif set(definition) - {"en", "fr"}:
            extra = sorted(set(definition) - {"en", "fr"}, key=str)[0]
            problem(
                path + ("definition", extra),
                f"unknown language '{quoted(str(extra))}' in `definition`: the site has `en:` and `fr:` only",
                key=True,
            )
            bad = True
        lists = {}
        for key in ("accepted", "not_preferred"):
            value = entry.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problem(path + (key,), f"`{key}` is a list of French forms, e.g. [forme un, forme deux]")
                bad = True
                value = []
            for index, form in enumerate(value):
                # Each form is looked for in every French text: the time grows with its length.
                if len(form) > MAX_FORM_LENGTH:
                    problem(
                        path + (key, index),
                        f"a form is a word or a short phrase, of at most {MAX_FORM_LENGTH} characters",
                    )
                    bad = True
            lists[key] = tuple(value)
        allowed = names(GLOSSARY_TERM)
        unknown = set(entry) - set(allowed)
        for key in sorted(unknown):
            hint = did_you_mean(key, allowed, doc.column(path + (key,), key=True))
            problem(path + (key,), f"unknown key '{quoted(key)}'{hint}; allowed: {', '.join(allowed)}")
            bad = True
        if not bad and entry["id"] in seen:
            problem(path + ("id",), f"the id '{entry['id']}' is used twice")
            bad = True
        if bad:
            continue
        seen.add(entry["id"])
        assert isinstance(definition, dict)  # anything else made the entry bad above
        note = entry.get("note")
        if not isinstance(note, dict):
            note = {}
        terms.append(
            GlossaryTerm(
                entry["id"], entry["en"], entry["fr"], definition, lists["accepted"], lists["not_preferred"], note
            )
        )
    return terms, problems


def _words(form: str) -> str:
    """The regular expression of ``form`` without its word boundaries."""
    words = re.split(r"\s+", form.strip())
    parts = []
    for word in words:
        escaped = "".join(f"[{_APOSTROPHES}]" if ch in _APOSTROPHES else re.escape(ch) for ch in word)
        # Plural and feminine endings of longer words: étudiant → étudiante(s).
        if len(word) >= 4 and word[-1].isalpha():
            escaped += "(?:e|s|es|x)?"
        parts.append(escaped)
    return r"\s+".join(parts)


@cache
def _pattern(form: str) -> re.Pattern:
    return re.compile(r"(?<![\w])" + _words(form) + r"(?![\w])", re.I)


@lru_cache(maxsize=16)
def _any_pattern(forms: tuple) -> re.Pattern:
    """Matches where any of ``forms`` does, and nowhere else.

    One scan of a text finds whether it holds an avoided form at all: most texts
    hold none, and each form's own scan is then skipped.
    """
    return re.compile(r"(?<![\w])(?:" + "|".join(_words(form) for form in forms) + r")(?![\w])", re.I)


def find_not_preferred(text: str, terms: list) -> list:
    """``[(offset, found text, GlossaryTerm)]`` of avoided forms in a French text."""
    forms = tuple(form for term in terms for form in term.not_preferred)
    first = _any_pattern(forms).search(text) if forms else None
    if first is None:
        return []
    found = []
    for term in terms:
        for form in term.not_preferred:
            # No form matches before the first match of any: each scan can start there.
            for match in _pattern(form).finditer(text, first.start()):
                found.append((match.start(), match.group(0), term))
    found.sort(key=lambda f: f[0])
    return found


def message(found: str, term: GlossaryTerm) -> str:
    return f"« {found} » is not the preferred term; write « {term.fr} » (glossary: {term.en})"

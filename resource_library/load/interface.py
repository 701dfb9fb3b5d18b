"""Interface words of the generated pages (``data/interface.yml``).

Every entry needs English and French; a missing French variant is reported so a
French page never shows an English heading by accident.
"""

from __future__ import annotations

from pathlib import Path

from resource_library.load.problems import Problem
from resource_library.load.suggest import misread
from resource_library.load.textsafety import scan_document
from resource_library.load.yamlsource import field_name, load_file


def load_interface(file: Path, shown: str) -> tuple[dict, list]:
    """``{key: {en, fr}}`` and the problems found."""
    doc = load_file(file, shown)
    problems = list(doc.problems)
    if not doc.ok:
        return {}, problems
    if not isinstance(doc.data, dict):
        return {}, problems + [Problem(shown, 1, 1, "-", "expected a mapping of interface words")]
    problems += scan_document(doc, markdown_keys=())

    def check(value, path):
        if isinstance(value, dict) and set(value) <= {"en", "fr"} and not any(isinstance(v, dict) for v in value.values()):
            for lang in ("en", "fr"):
                if not isinstance(value.get(lang), str) or not value[lang]:
                    line, column = doc.positions.of_value(path)
                    reading = misread(doc, path + (lang,), value.get(lang))
                    problems.append(Problem(shown, line, column, field_name(path), f"the {'English' if lang == 'en' else 'French'} text (`{lang}:`) is missing"
                                            + (f" ({reading})" if reading else "")))
        elif isinstance(value, dict):
            for key, sub in value.items():
                check(sub, path + (key,))
        else:
            line, column = doc.positions.of_value(path)
            problems.append(Problem(shown, line, column, field_name(path), "expected `en:` and `fr:` texts"))

    for key, value in doc.data.items():
        check(value, (key,))
    return doc.data, problems

"""Interface words: the table of placeholders matches what the pages pass, and filling is safe.

``resource_library/load/interface.py`` declares, per entry of ``data/interface.yml``,
the placeholders it takes.  The table must match the calls: every ``t("key", ...)``
in the templates and every ``t(...)`` in the code names a declared entry and passes
exactly its placeholders (calls without values leave them to the library page's
script).
"""

from __future__ import annotations

import re

import pytest
from sitebuild import ROOT

from resource_library.load.interface import (
    ENTRIES,
    GROUPS,
    NAMED_BY_LANGUAGE,
    fill,
    load_interface,
    placeholder_problems,
)
from resource_library.views.site import Strings

_CALL = re.compile(
    r"""(?<![\w.])(?:t|self|self\.t|site\.t|(?:self\.)?strings\([a-z_]+\))\(\s*f?["']([a-z_{}]+)["']\s*(?=[,)])"""
)
_NAMES = re.compile(r"(?<![\w.=])([a-z_]+)\s*=(?!=)")


def _arguments(text: str, start: int) -> str:
    """The rest of a call's arguments from ``start`` (just after its key), up to its closing parenthesis."""
    depth = 1
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return text[start:index]
    return text[start:]


def _calls():
    sources = sorted((ROOT / "overrides").rglob("*.html")) + sorted((ROOT / "resource_library").rglob("*.py"))
    for path in sources:
        text = path.read_text(encoding="utf-8")
        for match in _CALL.finditer(text):
            arguments = _arguments(text, match.end())
            # Only the call's own keywords: those at depth 0 of its arguments.
            flat, depth = [], 0
            for character in arguments:
                depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(character, 0)
                flat.append(character if depth == 0 else " ")
            yield path.relative_to(ROOT).as_posix(), match.group(1), set(_NAMES.findall("".join(flat)))


def test_the_templates_and_the_code_use_declared_entries_with_their_placeholders():
    calls = list(_calls())
    assert len(calls) > 50
    for where, key, names in calls:
        if "{" in key:  # t(f"status_{key}"): the three section names are declared
            assert {"status_pages", "status_records", "status_texts"} <= set(ENTRIES), where
            continue
        assert key in ENTRIES, (where, key)
        if names:
            assert names == set(ENTRIES[key]), (where, key, names)


def test_the_status_sections_are_declared():
    template = (ROOT / "overrides" / "library" / "translation-status.html").read_text(encoding="utf-8")
    assert 't("status_" ~ kind ~ "_items")' in template
    assert {"status_outdated_items", "status_missing_items"} <= set(ENTRIES)


def test_the_shipped_interface_words_have_no_problem():
    strings, problems = load_interface(ROOT / "data" / "interface.yml", "data/interface.yml")
    assert problems == []
    assert set(strings) == set(ENTRIES) | set(NAMED_BY_LANGUAGE) | set(GROUPS)


def test_filling_replaces_names_only():
    assert fill("{count} resources", {"count": 3}) == "3 resources"
    assert (
        fill("{count.__class__} {count:>10} {x[0]} {{count}}", {"count": 3})
        == "{count.__class__} {count:>10} {x[0]} {count}"
    )
    assert fill("Show all {count} results", {}) == "Show all {count} results"


def test_strings_never_format_an_editor_text():
    strings = Strings({"resource_count": {"en": "{count.__class__.__mro__}", "fr": "{0}"}}, "en")
    assert strings("resource_count", count=2) == "{count.__class__.__mro__}"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("{count} results", []),
        ("{cuont} results", ["unknown placeholder '{cuont}'; did you mean {count}?"]),
        ("results", ["the placeholder {count} is missing"]),
        ("{count:>10} results", ["'{count:>10}' is not a placeholder"]),
        ("{count!r} results", ["'{count!r}' is not a placeholder"]),
        ("{count.__class__}", ["'{count.__class__}' is not a placeholder"]),
        ("{count} {x[0]}", ["'{x[0]}' is not a placeholder"]),
        ("{ count }", ["'{ count }' is not a placeholder"]),
        ("{count} }", ["a brace '}' that opens or closes no placeholder"]),
        ("{count} {", ["a brace '{' that opens or closes no placeholder"]),
        ("{count} {{sic}}", []),
    ],
)
def test_placeholder_problems(text, expected):
    found = [message for _, message in placeholder_problems(text, ("count",))]
    assert len(found) == len(expected), found
    for message, start in zip(found, expected):
        assert message.startswith(start), message

"""The id rule, refused characters and suggestions, held as properties over any text.

The exact messages editors get are in ``tests/fixtures/hostile/ids-and-unicode.yml``;
here, what must hold whatever the input: a proposed id is always one the checks
accept, a suggestion that looks like the editor's word always says why it differs,
reading any text as YAML never raises, and every refused character is named.
"""

from __future__ import annotations

import string

import pytest

from resource_library.load.pagepaths import address
from resource_library.load.suggest import did_you_mean
from resource_library.load.yamlsource import load_text
from resource_library.model.ids import RESERVED, id_problem, is_id, propose_id
from resource_library.text.unicode import describe, kind_of, name, refused, skeleton, visible

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings
from hypothesis import strategies as st

#: Text with a good share of the characters this is about, not only what `st.text()` favours.
_TRICKY = st.sampled_from(
    list("aeio-_ .:#\"'\t\n")
    + [
        "\x00",
        "\x85",
        "\u00ad",
        "\u200b",
        "\u200d",
        "\u202e",
        "\u2066",
        "\ufeff",
        "\ufe0f",
        "\u0456",
        "\u0435",
        "é",
        "\U0001f469",
    ]
)
TEXT = st.lists(st.one_of(st.characters(), _TRICKY), max_size=40).map("".join)


@given(TEXT)
def test_a_proposed_id_is_always_valid_and_never_reserved(text):
    proposed = propose_id(text)
    assert is_id(proposed) and proposed not in RESERVED
    assert id_problem(proposed, reserved=True) is None


@given(TEXT)
def test_id_problem_agrees_with_the_rule(text):
    assert (id_problem(text) is None) == is_id(text)
    message = id_problem(text, column=3)
    if message and text:
        assert "e.g. '" not in message or is_id(message.split("e.g. '")[1].rstrip("'"))


@pytest.mark.parametrize("name_", sorted(RESERVED))
def test_reserved_names_are_refused_only_where_they_become_pages(name_):
    assert "is reserved" in id_problem(name_, reserved=True)
    assert id_problem(name_, "term id") is None


@given(st.sampled_from(["tiers", "universal", "title", "leadership-and-capacity"]), st.data())
def test_a_look_alike_suggestion_always_says_why(choice, data):
    index = data.draw(st.integers(0, len(choice) - 1))
    swap = data.draw(st.sampled_from(["\u200d", "\u0456", "\u0435", "\u043e", "é", "\ufe0f"]))
    word = (
        choice[:index] + swap + choice[index + 1 :]
        if swap not in "\u200d\ufe0f"
        else choice[:index] + swap + choice[index:]
    )
    hint = did_you_mean(word, ["tiers", "universal", "title", "leadership-and-capacity", "pillars"], column=5)
    if skeleton(word) == choice:
        assert f"did you mean '{choice}'?" in hint
    if "did you mean" in hint:
        assert "U+" in hint and "at column" in hint, hint


def test_a_suggestion_names_the_character_and_its_column():
    assert did_you_mean("t\u0456ers", ["tiers"], column=1) == (
        " (did you mean 'tiers'? they look alike, but yours has U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I "
        "at column 2, a Cyrillic letter that looks like the Latin 'i')"
    )
    assert did_you_mean("intensve", ["intensive"]) == " (did you mean 'intensive'?)"
    assert did_you_mean("\u0436", ["tiers"]).startswith(" (it has U+0436 CYRILLIC SMALL LETTER ZHE at position 1")


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_reading_any_text_as_yaml_never_raises(text):
    doc = load_text("title: " + text + "\nother: [" + text + "]\n", "x.yml")
    lines = ("title: " + text + "\nother: [" + text + "]\n").split("\n")
    for problem in doc.problems:
        assert 1 <= problem.line <= len(lines) + 1
        assert not any(kind_of(ch, 0) for ch in str(problem).replace("\n", " ")), str(problem)


@given(TEXT)
def test_visible_leaves_nothing_that_could_disguise_a_message(text):
    assert not list(refused(visible(text)))


@pytest.mark.parametrize("code", list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)))
def test_every_control_character_has_a_name(code):
    assert len(name(chr(code)).split(" ", 1)) == 2


def test_what_is_refused_and_what_is_not():
    assert [kind for _, kind in refused("a\u202eb\u200bc\x00d\x85e\ufffe")] == [
        "bidi",
        "invisible",
        "control",
        "separator",
        "noncharacter",
    ]
    assert not list(refused("Élèves « guillemets » \U0001f469\u200d\U0001f3eb ❤\ufe0f \t\n\r\u00a0 العربية"))
    assert list(refused("ab\u200dcd")) == [(2, "invisible")]
    assert describe("\u00a0") == "U+00A0 NO-BREAK SPACE, a space other than the ordinary one"


@pytest.mark.parametrize(
    "path, expected",
    [
        ("glossary.md", "glossary/"),
        ("glossary/index.md", "glossary/"),
        ("glossary/README.md", "glossary/"),
        ("library/x.md", "library/x/"),
        ("index.md", ""),
        ("library/search-index.json", "library/search-index.json"),
    ],
)
def test_addresses_of_pages(path, expected):
    assert address(path) == expected


def test_an_id_names_its_first_wrong_character():
    assert id_problem("univ\u0435rsal", column=9) == (
        "'univеrsal' is not a valid id: use lowercase letters, digits and single hyphens "
        "(U+0435 CYRILLIC SMALL LETTER IE at column 13, a Cyrillic letter that looks like the Latin 'e'), e.g. 'universal'"
    )
    assert id_problem("My program", "program file name") == (
        "'My program' is not a valid program file name: use lowercase letters, digits and single hyphens "
        "('M' at position 1 is an uppercase letter), e.g. 'my-program'"
    )
    assert id_problem("a--b").endswith("(two hyphens in a row at position 2), e.g. 'a-b'")
    assert id_problem("x\n") is not None  # a trailing line break is not an id (a `$` in a pattern would allow it)
    assert set(string.ascii_lowercase) >= set(propose_id("Руководство"))

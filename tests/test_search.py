"""The library's lunr.py indexes: French folding and stemming, English stemming, one language each."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import make_project

from resource_library import load_catalogue
from resource_library.search.codec import load_packed, pack_index, unpack_index
from resource_library.search.data import search_data
from resource_library.search.facets import FACETS, facet_options, record_facets
from resource_library.search.fold import fold_word, prepare_query
from resource_library.search.index import build_index, document, search

SEARCH_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "records" / "search"


def search_records() -> dict:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEARCH_FIXTURES.glob("*.yml"))}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("search"), records=search_records())
    loaded = load_catalogue(project)
    assert not loaded.errors, [str(p) for p in loaded.errors]
    return loaded


@pytest.fixture(scope="module")
def fr_index(catalogue):
    return build_index(catalogue.records.values(), "fr")


@pytest.fixture(scope="module")
def en_index(catalogue):
    return build_index(catalogue.records.values(), "en")


@pytest.mark.parametrize(
    "word, expected",
    [
        ("L'Anxiété,", ["anxiete"]),
        ("l’anxiété", ["anxiete"]),
        ("jusqu'à", []),  # both parts are one letter or an elision
        ("qu’elle", ["elle"]),
        ("aujourd'hui", ["aujourd", "hui"]),
        ("ŒUVRE", ["oeuvre"]),
        ("«élèves»", ["eleves"]),
        ("children's", ["children"]),
        ("(PDF)", ["pdf"]),
        ("—", []),
    ],
)
def test_fold_word(word, expected):
    assert fold_word(word) == expected


def test_prepare_query_keeps_operators_and_drops_elisions():
    assert prepare_query("+L'ANXIÉTÉ -jusqu’à élè*") == "+anxiete -a ele*"
    assert prepare_query("title:Élève") == "title:eleve"


ANXIETY_FR = {"calming-anxiety-classroom", "anxiety-screening-guide"}


@pytest.mark.parametrize("query", ["anxiete", "anxiété", "ANXIÉTÉ", "l'anxiété", "l’anxiété", "Anxiete"])
def test_french_accents_case_and_elisions_find_the_same_records(fr_index, query):
    assert set(search(fr_index, query)) == ANXIETY_FR


def test_french_stemming_plural_finds_singular(fr_index):
    # "élève" (singular) appears only in these records' French text...
    singular = set(search(fr_index, "élève"))
    assert {"one-student-support-plan", "calming-anxiety-classroom"} <= singular
    # ... and the plural, accented or not, finds them too, and the plural-only one.
    for query in ("élèves", "eleves", "ÉLÈVES"):
        found = set(search(fr_index, query))
        assert singular <= found
        assert "student-voice-circles" in found


def test_french_index_holds_no_english_only_text(fr_index, catalogue):
    assert search(fr_index, "anxiety") == []
    assert search(fr_index, "toolkit") == []
    assert "family-worry-toolkit" not in set(search(fr_index, "famille*"))
    assert document(catalogue.records["family-worry-toolkit"], "fr") is None


def test_english_stemming_and_no_french(en_index):
    # "anxious" and "anxiety" share no stem, but "worries" finds "worry" and "worries".
    assert set(search(en_index, "worries")) == {"calming-anxiety-classroom", "family-worry-toolkit"}
    assert set(search(en_index, "circle")) == {"student-voice-circles"}
    assert set(search(en_index, "leading")) == {"leadership-scale-up-report"}
    assert search(en_index, "anxiété") == []
    assert search(en_index, "élèves") == []
    assert set(search(en_index, "anxiety")) == {
        "calming-anxiety-classroom",
        "anxiety-screening-guide",
        "family-worry-toolkit",
    }


def test_field_presence_and_wildcards(fr_index, en_index):
    assert search(fr_index, "title:anxiété") == [r for r in search(fr_index, "title:anxiete")]
    assert set(search(fr_index, "title:anxiete")) == ANXIETY_FR
    assert set(search(fr_index, "+anxiété -classe")) == {"anxiety-screening-guide"}
    assert set(search(fr_index, "anxié*")) == ANXIETY_FR
    assert set(search(en_index, "lead*")) == {"leadership-scale-up-report"}


def test_title_matches_rank_first(fr_index):
    # Both mention anxiety; the one with it in its title and its description comes first.
    assert search(fr_index, "anxiété")[0] == "calming-anxiety-classroom"


def test_invalid_query_is_no_result_not_an_error(fr_index):
    assert search(fr_index, "title:") == []
    assert search(fr_index, "   ") == []


def test_facets_of_a_record(catalogue):
    facets = record_facets(catalogue.records["student-voice-circles"])
    assert facets == {
        "type": ["practice"],
        "tier": ["universal"],
        "audience": ["students", "school-administrators"],
        "grade": ["intermediate", "senior"],
        "topic": ["student-voice"],
        "language": ["en", "fr"],
        "evidence": ["promising"],
    }


def test_facet_options_are_labelled_in_the_page_language_with_counts(catalogue):
    fr = {f["param"]: f for f in facet_options(catalogue, "fr")}
    assert [f["param"] for f in facet_options(catalogue, "en")] == [p for p, _f, _v in FACETS]
    tiers = {o["id"]: o for o in fr["tier"]["options"]}
    assert fr["tier"]["label"] == catalogue.vocabularies["tiers"].label["fr"]
    assert tiers["universal"]["label"] == catalogue.vocabularies["tiers"].terms["universal"].label["fr"]
    assert (tiers["universal"]["count"], tiers["targeted"]["count"], tiers["intensive"]["count"]) == (3, 1, 1)
    types = {o["id"]: o["count"] for o in fr["type"]["options"]}
    assert types["video"] == 0  # offered, shown with a zero count


def test_search_data_is_json_and_lists_every_record(catalogue):
    data = json.loads(json.dumps(search_data(catalogue, "fr")))
    assert set(data["records"]) == set(catalogue.records)
    assert data["records"]["family-worry-toolkit"]["f"]["language"] == ["en"]
    assert data["index"]["pipeline"] == ["rl-fold", "stemmer-fr"]
    assert "family-worry-toolkit" not in data["index"]["refs"]
    assert json.loads(json.dumps(search_data(catalogue, "en")))["index"]["pipeline"] == ["rl-fold", "stemmer"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_compact_index_rebuilds_lunrs_own_serialization(catalogue, lang):
    index = build_index(catalogue.records.values(), lang)
    original = index.serialize()
    unpacked = unpack_index(json.loads(json.dumps(pack_index(index))))

    def weights(serialized):
        names = {posting["_index"]: term for term, posting in serialized["invertedIndex"]}
        return {key: {names[v[i]]: v[i + 1] for i in range(0, len(v), 2)} for key, v in serialized["fieldVectors"]}

    assert weights(unpacked) == weights(original)
    assert dict(unpacked["invertedIndex"]).keys() == dict(original["invertedIndex"]).keys()
    again = load_packed(pack_index(index))
    for query in ("anxiété", "élève*", "+student -crisis", "title:cercles", "worries"):
        assert [(r["ref"], r["score"]) for r in again.search(prepare_query(query))] == [
            (r["ref"], r["score"]) for r in index.search(prepare_query(query))
        ]


LEAF_CHECK = """
import sys
import resource_library.render.pages, resource_library.search.fold
print(sorted({m.split('.')[0] for m in sys.modules} & {'lunr', 'nltk'}))
"""


def test_rendering_pages_imports_no_lunr():
    # search is a leaf: the pages name LUNR_DIR and the facets, only building an index needs lunr.
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", LEAF_CHECK], cwd=root, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"

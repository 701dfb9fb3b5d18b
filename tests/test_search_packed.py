"""The build's direct compact index (``packed_index``) against lunr.py's own builder.

``search_data`` no longer builds a lunr.py index: it tokenizes and accumulates the
postings itself.  lunr.py's ``Builder`` stays the reference, so every corpus here
is indexed both ways and the two compact forms must be equal.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from types import SimpleNamespace

import pytest
from lunr.tokenizer import Tokenizer
from sitebuild import ROOT, fixture_records, make_project

from resource_library import load_catalogue
from resource_library.kept import KeptWork
from resource_library.load.glossary import load_glossary
from resource_library.search.codec import load_packed, pack_index
from resource_library.search.data import search_data, wire_data
from resource_library.search.index import build_documents, build_index, builder
from resource_library.search.packed import packed_index, tokenize
from resource_library.search.site import SITE_FIELDS, site_documents
from resource_library.search.wire import from_wire
from resource_library.views.site import page_url

LANGS = ("en", "fr")
SEARCH_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "records"


def reference(records, lang: str) -> dict:
    return pack_index(build_index(records, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_shipped_records(lang):
    catalogue = load_catalogue(ROOT)
    assert not catalogue.errors
    records = list(catalogue.records.values())
    assert packed_index(records, lang) == reference(records, lang)


@pytest.fixture(scope="module")
def fixture_catalogue(tmp_path_factory):
    records = fixture_records(*sorted(p.stem for p in (SEARCH_FIXTURES / "valid").glob("*.yml")))
    records.update(fixture_records(*sorted(p.stem for p in (SEARCH_FIXTURES / "search").glob("*.yml")), kind="search"))
    loaded = load_catalogue(make_project(tmp_path_factory.mktemp("packed"), records=records))
    assert not loaded.errors, [str(p) for p in loaded.errors]
    return loaded


@pytest.mark.parametrize("lang", LANGS)
def test_fixture_records(fixture_catalogue, lang):
    records = list(fixture_catalogue.records.values())
    packed = packed_index(records, lang)
    assert packed == reference(records, lang)
    # The shipped file holds the site index (tags and the other kinds of pages as well):
    # the same direct packing, checked against lunr.py's builder on the same documents.
    docs, _shown = site_documents(fixture_catalogue, lang, {}, (), page_url)
    shipped = search_data(fixture_catalogue, lang)["index"]
    assert shipped == pack_index(build_documents(docs, lang, SITE_FIELDS), SITE_FIELDS)


# -- a randomized corpus -------------------------------------------------------

WORDS = [
    "anxiété",
    "Élèves",
    "élève",
    "ŒUVRE",
    "l'école",
    "qu’elle",
    "jusqu'à",
    "aujourd'hui",
    "children's",
    "the",
    "and",
    "of",
    "le",
    "la",
    "les",
    "des",
    "et",
    "à",
    "Student",
    "students",
    "studying",
    "worry",
    "worries",
    "santé",
    "mentale",
    "bien-être",
    "co-design",
    "2024",
    "10",
    "3.5",
    "«citation»",
    "(PDF)",
    "—",
    "-",
    "'",
    "naïve",
    "façon",
    "Straße",
    "İstanbul",
    "x",
    "a",
    "É",
    "über",
    "crise",
    "crises",
    "title",
    "résumé",
    "_under_",
    "**bold**",
    "[lien](https://example.org/a-b)",
    "# Titre",
    "1. item",
]
SEPARATORS = [" ", " ", " ", "  ", "\t", "\n", "\xa0", "-", " - ", "\r\n", "\f", "\v", "\u2003", ", ", ". "]


def random_text(rng: random.Random, empty: float = 0.15) -> str:
    if rng.random() < empty:
        return ""
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 30))]
    if rng.random() < 0.3:
        words += words[: rng.randint(1, len(words))]  # repeated words: term frequencies above one
    out = rng.choice(["", " ", "-", "\xa0"])
    for word in words:
        out += word + rng.choice(SEPARATORS)
    return out


def random_record(rng: random.Random, n: int):
    def variants():
        langs = rng.choice([("en", "fr"), ("en", "fr"), ("en",), ("fr",), ()])
        return {lang: random_text(rng) for lang in langs}

    keywords = {
        lang: [random_text(rng, empty=0.05) for _ in range(rng.randint(0, 4))]
        for lang in rng.choice([("en", "fr"), ("en",), ()])
    }
    return SimpleNamespace(
        id=f"record-{n:03d}", title=variants(), summary=variants(), description=variants(), keywords=keywords
    )


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("lang", LANGS)
def test_random_corpus(seed, lang):
    rng = random.Random(seed)
    records = [random_record(rng, n) for n in rng.sample(range(500), rng.randint(1, 60))]
    assert packed_index(records, lang) == reference(records, lang)


def test_duplicate_ids_as_lunr_counts_them():
    # A catalogue never has two records with one id; lunr.py's builder keeps the
    # last one's frequencies and lengths and both one's postings: so does packed_index.
    rng = random.Random(99)
    records = [random_record(rng, n % 3) for n in range(9)]
    for lang in LANGS:
        assert packed_index(records, lang) == reference(records, lang)


def test_no_document_in_the_language_gives_an_empty_index():
    english_only = SimpleNamespace(id="x", title={"en": "Hello"}, summary=None, description=None, keywords=None)
    with pytest.raises(ZeroDivisionError):
        reference([english_only], "fr")  # lunr.py's builder cannot make it
    empty = packed_index([english_only], "fr")
    assert empty["refs"] == [] and empty["terms"] == [] and empty["postings"] == []
    assert empty["lengths"] == [[] for _field in empty["fields"]]
    assert empty["pipeline"] == builder("fr").search_pipeline.serialize()
    index = load_packed(empty)  # lunr.py reads it back and finds nothing
    assert index.search("hello") == []


# -- the tokenizer ---------------------------------------------------------------

ALPHABET = "aZéÉ' -\t\n\r\f\v\xa0\u2003\u200b_.,;:!?«»’İß0123456789\x00\x85\u2028"


@pytest.mark.parametrize("seed", range(20))
def test_tokenize_is_lunrs_tokenizer(seed):
    rng = random.Random(seed)
    for _ in range(50):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))
        assert tokenize(text) == [str(t) for t in Tokenizer(text)], repr(text)
    assert tokenize(None) == [] == Tokenizer(None)


@pytest.mark.parametrize("lang", LANGS)
def test_own_terms_are_the_words_of_the_languages_own_texts(fixture_catalogue, lang):
    """``own_terms`` reads the postings; the reference tokenizes every document again but the glossary's."""
    from resource_library.load.glossary import load_glossary
    from resource_library.search.site import _terms, own_terms

    glossary = load_glossary(ROOT / "data" / "glossary.yml", "data/glossary.yml")[0]
    docs, _shown = site_documents(fixture_catalogue, lang, {}, glossary, page_url)
    assert any(str(doc["id"]).startswith("g:") for doc in docs)
    pipeline = builder(lang).pipeline
    expected = {
        t
        for doc in docs
        if not str(doc["id"]).startswith("g:")
        for f, _b in SITE_FIELDS
        for t in _terms(pipeline, doc[f])
    }
    packed = search_data(fixture_catalogue, lang, {}, glossary)["index"]
    assert own_terms(packed) == expected
    assert own_terms(packed) < set(packed["terms"])  # some words are only the glossary's


# -- work kept across the builds of `mkdocs serve` -------------------------------------
def test_kept_work_gives_the_search_data_a_fresh_build_gives(tmp_path):
    """With the build's kept work the search data is the same as without it; an edit works out
    again the edited record's documents and terms and the postings of the terms it changed;
    a forked pass hands back what it made."""
    shipped = {p.name: p.read_text("utf-8") for p in sorted((ROOT / "data" / "resources").glob("*.yml"))}
    project = make_project(tmp_path, records=shipped)
    glossary = load_glossary(project / "data" / "glossary.yml", "data/glossary.yml")[0]
    pages = {"about/": ("About", [("", "About", "Who we are and how schools reach us.")], None)}
    kept = KeptWork()

    def both(lang: str, kept: KeptWork = kept) -> dict:
        catalogue = load_catalogue(project)
        assert not catalogue.errors, [str(p) for p in catalogue.errors]
        fresh = wire_data(search_data(catalogue, lang, pages, glossary))
        again = wire_data(search_data(catalogue, lang, pages, glossary, kept), kept)
        assert again == fresh
        return again

    def made(lang: str, what: str, kept: KeptWork = kept) -> list:
        slot = next(s for s in kept.language(lang) if s[1] == what)
        return sorted(kept.made(slot))

    tables = ("search records", "search terms", "search postings")
    for lang in LANGS:
        first = both(lang)
        assert len(made(lang, "search records")) == len(shipped)
        assert "i:core-elements-infographic" in made(lang, "search terms")  # a drawing's text version
        assert both(lang) == first and [made(lang, what) for what in tables] == [[], [], []]

    record = project / "data" / "resources" / "core-elements-infographic.yml"
    text = record.read_text("utf-8")
    record.write_text(text.replace('title:\n  en: "', 'title:\n  en: "Schools Zanzibar '), "utf-8")
    edited = both("en")
    assert edited != first and made("en", "search records") == ["core-elements-infographic"]
    assert made("en", "search terms") == ["core-elements-infographic", "i:core-elements-infographic"]
    terms = from_wire(edited["index"])["terms"]
    postings = made("en", "search postings")
    assert {"school", "zanzibar"} <= set(postings) and len(postings) < len(terms) / 10

    edits = text.replace('title:\n  en: "', 'title:\n  en: "Schools Zanzibar ').replace(
        '  fr: "', '  fr: "Écoles Zanzibar ', 1
    )
    record.write_text(edits, "utf-8")
    forked = copy.deepcopy(kept)  # a process forked from this one
    both("fr", forked)
    assert made("fr", "search records", forked) == ["core-elements-infographic"]
    kept.take_language("fr", forked.language("fr"))
    assert both("fr") == both("fr", forked) and [made("fr", what) for what in tables] == [[], [], []]

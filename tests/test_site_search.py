"""The site index and how a query is widened: pages by section, vocabulary terms, glossary synonyms, typos.

On the shipped records and glossary (``search_data`` with a few pages given as HTML),
queried with :class:`~resource_library.search.site.SiteSearch`, the reference the
browser's engine is checked against (tests/test_search_parity.py).
"""

from __future__ import annotations

import json

import pytest
from sitebuild import ROOT

from resource_library import load_catalogue
from resource_library.load.glossary import load_glossary
from resource_library.search.data import search_data
from resource_library.search.site import (
    TYPO_MIN_LENGTH,
    SiteSearch,
    indexed_page,
    one_edit,
    one_per_resource,
    page_kind,
    page_sections,
)

PAGE_HTML = """
<h1 id="about">About us</h1>
<p>We help school boards with <a href="x">anxiety</a> programs.<a class="headerlink" href="#about">¶</a></p>
<script>var secret = "scriptword";</script>
<h2 id="mission">Our mission<a class="headerlink" href="#mission">¶</a></h2>
<p>Support every student's well-being.</p>
<div data-search-exclude><p>Listed elsewhere: excludedword</p></div>
<p hidden>hiddenword</p>
<h3 id="how">How we work</h3>
<ul><li>Coaching</li><li>Training<br>sessions</li></ul>
<h2>No anchor here</h2><p>still in how</p>
"""


def test_page_sections_split_at_headings_with_their_anchors():
    sections = page_sections(PAGE_HTML, "About us")
    assert [(a, h) for a, h, _t in sections] == [("", "About us"), ("mission", "Our mission"), ("how", "How we work")]
    text = {a: t for a, _h, t in sections}
    assert text[""] == "We help school boards with anxiety programs."
    assert text["mission"] == "Support every student's well-being."
    assert "Coaching" in text["how"] and "still in how" in text["how"]
    everything = " ".join(text.values())
    for word in ("scriptword", "excludedword", "hiddenword", "¶"):
        assert word not in everything


def test_text_in_another_language_and_notices_are_left_out():
    html = (
        '<div class="admonition info rl-notice rl-notice--untranslated"><p>Pas encore traduite.</p></div>'
        '<div class="rl-untranslated" lang="en"><p>English words only.</p>'
        '<h2 id="x">An English heading</h2><p>More English.</p></div>'
        '<p>Du texte <span lang="en">mixed in</span> en français.</p>'
    )
    sections = page_sections(html, "Titre", "fr")
    assert sections == [("", "Titre", "Du texte en français.")]
    # Without a language, everything but the notice is text.
    assert "English words only." in page_sections(html, "Titre")[0][2]


def test_which_pages_are_indexed_by_their_html():
    assert indexed_page("about/") and indexed_page("fr/approach/") and indexed_page("pillars/x/")
    assert indexed_page("")  # the home page
    for url in ("library/", "fr/bibliotheque/", "library/some-record/", "glossary/", "fr/glossaire/", "search/"):
        assert not indexed_page(url), url
    assert not indexed_page("about/", {"search": {"exclude": True}})
    assert page_kind("fr/piliers/x/") == "pillar" and page_kind("programs/p/") == "program"
    assert page_kind("about/") == "page"


@pytest.fixture(scope="module")
def engines():
    catalogue = load_catalogue(ROOT)
    glossary = load_glossary(ROOT / "data" / "glossary.yml", "data/glossary.yml")[0]
    pages = {
        "en": {"about/": ("About us", page_sections(PAGE_HTML, "About us"))},
        "fr": {"fr/about/": ("À propos", [("", "À propos", "Nous aidons les conseils scolaires : l'anxiété.")])},
    }
    out = {}
    for lang in ("en", "fr"):
        data = json.loads(json.dumps(search_data(catalogue, lang, pages[lang], glossary), ensure_ascii=False))
        out[lang] = SiteSearch(data)
    return out


def tagged(engine, param, term):
    return {rid for rid, r in engine.data["records"].items() if term in r["f"].get(param, [])}


def test_each_language_holds_its_own_text(engines):
    en, fr = engines["en"].data, engines["fr"].data
    english_only = [rid for rid in en["docs"] if ":" not in rid and rid not in fr["docs"]]
    assert english_only  # shipped records without French: in the English index only
    assert "p:about/#mission" in en["docs"] and "p:fr/about/" in fr["docs"]
    assert en["docs"]["p:about/#mission"][:3] == ["page", "Our mission", "about/#mission"]
    assert fr["docs"]["g:tier"][:3] == ["glossary", "palier", "fr/glossaire/#tier"]
    assert en["docs"]["g:tier"][1] == "tier"
    # Accents, case and elisions fold the same way in pages.
    assert engines["fr"].query("ANXIETE").refs[:1] == engines["fr"].query("l'anxiété").refs[:1] == ["p:fr/about/"]


def test_a_term_label_finds_the_tagged_resources_and_offers_the_filter(engines):
    fr, en = engines["fr"], engines["en"]
    educators = tagged(fr, "audience", "educators")
    assert educators
    answer = fr.query("enseignant")
    assert educators <= set(answer.refs)
    assert ["audience", "educators", "Public cible\u00a0: Personnel enseignant"] in answer.filters
    answer = en.query("educators")
    assert educators - set(en.data["records"]) == set()
    assert {r for r in educators if r in en.data["docs"]} <= set(answer.refs)
    assert ["audience", "educators", "Audience: Educators"] in answer.filters
    assert ["tier", "targeted", "Palier d'intervention\u00a0: Ciblé (palier 2)"] in fr.query("palier 2").filters
    assert ["tier", "targeted", "Tier of intervention: Targeted (Tier 2)"] in en.query("tier 2").filters
    # A word lost in a long label does not offer it; a word of no label offers nothing.
    assert not [f for f in fr.query("eleves").filters if f[0] == "pillar"]
    assert fr.query("classe").filters == []


def test_an_avoided_glossary_form_finds_the_preferred_one_and_names_it(engines):
    fr = engines["fr"]
    avoided = fr.query("intervention par niveaux")
    assert avoided.preferred == ["intervention par paliers"]
    preferred = fr.query("intervention par paliers")
    assert preferred.preferred == []
    assert avoided.refs[:5] == preferred.refs[:5]
    assert "tiered-intervention-framework" in avoided.refs[:5]
    assert fr.query("chef en santé mentale").preferred == ["leader en santé mentale"]
    # Accepted forms are synonyms too, without a note.
    accepted = fr.query("intervention à paliers")
    assert accepted.preferred == [] and "g:tiered-intervention" in accepted.refs[:3]


def test_english_forms_count_in_french_only_where_french_text_uses_them(engines):
    fr, en = engines["fr"], engines["en"]
    groups = {g[0]: g for g in fr.data["synonyms"]}
    english_terms = {t for g in groups.values() for form in g[1] for t in form}
    # "tier" is not a word of the shipped French text: no French result through it but the glossary's own.
    assert not [r for r in fr.query("tier").refs if not r.startswith("g:")]
    assert "tier" not in english_terms
    # The English index: the English form; the French one only where English text uses it.
    assert en.query("tiered intervention").preferred == []
    assert "g:tiered-intervention" in en.query("tiered intervention").refs[:3]


def test_one_edit_retries_long_words_when_few_results(engines):
    en, fr = engines["en"], engines["fr"]
    typo = en.query("stdents")
    assert typo.corrected == "students"
    assert typo.refs[:5] == en.query("students").refs[:5]
    assert fr.query("enseignnats").corrected == "enseignants"
    assert fr.query("anxite").corrected is not None  # one letter missing
    # Short words are never corrected; words the index has are never corrected.
    short = "x" * (TYPO_MIN_LENGTH - 1)
    assert en.query(short).corrected is None
    assert en.query("students").corrected is None
    assert en.query("zzzzzzzzz").refs == [] and en.query("zzzzzzzzz").corrected is None


def test_one_edit_variants():
    variants = one_edit("abc")
    assert variants == sorted(set(variants)) and "abc" not in variants
    assert {"bc", "ac", "ab", "bac", "acb", "abcd", "xabc", "abx"} <= set(variants)
    assert "cba" not in variants  # two edits


def test_a_page_boost_ranks_its_sections_higher():
    catalogue = load_catalogue(ROOT)
    pages = {
        "a/": ("A", [("", "A", "Coaching for school boards.")]),
        "b/": ("B", [("", "B", "Coaching for school boards, coaching again.")]),
    }
    plain = SiteSearch(json.loads(json.dumps(search_data(catalogue, "en", pages))))
    first = [r for r in plain.query("coaching").refs if r.startswith("p:")]
    assert first == ["p:b/", "p:a/"]
    boosted = dict(pages, **{"a/": ("A", pages["a/"][1], 3)})
    data = json.loads(json.dumps(search_data(catalogue, "en", boosted)))
    assert data["boosts"] == {"p:a/": 3.0}
    assert [r for r in SiteSearch(data).query("coaching").refs if r.startswith("p:")] == ["p:a/", "p:b/"]


def test_one_result_per_resource_page():
    assert one_per_resource(["a", "i:a", "i:b", "b", "c"]) == ["a", "i:b", "c"]

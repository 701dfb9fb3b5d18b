"""Site search relevance, measured: recall at 5 per language on the relevance set.

``tests/fixtures/search/relevance.yml`` pairs what a reader types in English and in
French with the results that must appear among the first five. The shipped site is
built once; its search data (library/search-index.json, fr/bibliotheque/search-index.json)
is queried with :class:`~resource_library.search.site.SiteSearch`, the reference of
what the browser does (the parity test checks the browser's engine against it).

Printed (``pytest -s``): recall at 5 per language, the no-result rate, and every
query that misses an expected result. French must do as well as English.
"""

from __future__ import annotations

import json

import pytest
import yaml
from sitebuild import ROOT, mkdocs

from resource_library.search.site import SiteSearch
from resource_library.views.site import page_url

RELEVANCE = ROOT / "tests" / "fixtures" / "search" / "relevance.yml"
TOP = 5
#: The lowest recall at 5 the shipped content may fall to, in each language.
MIN_RECALL = 0.9


def expected_in(lang: str, ref: str) -> str:
    """An expected ref of the relevance file in ``lang`` (a page's French address: views/site.py page_url)."""
    if lang == "fr" and ref.startswith("p:"):
        path, _, anchor = ref[2:].partition("#")
        return "p:" + page_url("fr", path) + ("#" + anchor if anchor else "")
    return ref


def expected_refs(case: dict, lang: str) -> list:
    if lang == "fr" and "expect_fr" in case:
        return list(case["expect_fr"])
    return [expected_in(lang, ref) for ref in case["expect"]]


@pytest.fixture(scope="module")
def shipped_data(tmp_path_factory):
    site = tmp_path_factory.mktemp("relevance") / "site"
    result = mkdocs(ROOT, "build", "--strict", "-d", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        lang: SiteSearch(json.loads((site / page_url(lang, "library/search-index.json")).read_text(encoding="utf-8")))
        for lang in ("en", "fr")
    }


def measure(search: SiteSearch, lang: str, cases: list) -> dict:
    found = wanted = empty = 0
    failing = []
    for case in cases:
        query = case[lang]
        refs = search.query(query).refs
        if not refs:
            empty += 1
        top = refs[:TOP]
        expected = expected_refs(case, lang)
        missing = [ref for ref in expected if ref not in top]
        wanted += len(expected)
        found += len(expected) - len(missing)
        if missing:
            failing.append(f"{lang}: {query!r} misses {missing} (top {TOP}: {top})")
    return {"recall": found / wanted, "no_result_rate": empty / len(cases), "failing": failing}


def test_the_relevance_set_is_large_enough_and_names_real_results(shipped_data):
    cases = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]
    assert len(cases) >= 40
    for case in cases:
        assert case["en"] and case["fr"] and case["expect"]
        for lang in ("en", "fr"):
            for ref in expected_refs(case, lang):
                assert ref in shipped_data[lang].data["docs"], (lang, ref)


def test_recall_at_5_per_language(shipped_data):
    cases = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]
    results = {lang: measure(shipped_data[lang], lang, cases) for lang in ("en", "fr")}
    for lang, r in results.items():
        print(
            f"\n{lang}: recall@{TOP} {r['recall']:.3f} over {len(cases)} queries; "
            f"no-result rate {r['no_result_rate']:.3f}; failing: {len(r['failing'])}"
        )
        for line in r["failing"]:
            print("  " + line)
    assert results["fr"]["recall"] == results["en"]["recall"], "French recall must equal English recall"
    for lang, r in results.items():
        assert r["recall"] >= MIN_RECALL, f"{lang}: recall@{TOP} {r['recall']:.3f}\n" + "\n".join(r["failing"])
        assert r["no_result_rate"] == 0, f"{lang}: queries without results"

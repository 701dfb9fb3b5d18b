"""lunr.js (from the installed mkdocs package) answers like lunr.py on our published indexes.

The browser runs the same search as the build only if every pipeline function and
our folding behave the same in JavaScript; ``tests/js/search-parity.test.js``
checks that under Node for the queries below.
"""

from __future__ import annotations

import json
import os
import subprocess

from sitebuild import ROOT, make_project, node_or_skip
from test_search import search_records

from resource_library import load_catalogue
from resource_library.search.assets import lunr_js_dir
from resource_library.search.codec import load_packed, pack_index
from resource_library.search.fold import fold_word, prepare_query
from resource_library.search.index import build_index
from resource_library.search.wire import to_wire

QUERIES = {
    "fr": [
        "anxiete",
        "anxiété",
        "ANXIÉTÉ",
        "l'anxiété",
        "l’anxiété",
        "d'anxiété",
        "élèves",
        "eleve",
        "Élève",
        "anxié*",
        "anx*",
        "*ement",
        "el*ves",
        "title:anxiété",
        "text:élève",
        "keywords:inquietude",
        "+anxiété -classe",
        "+élève +crise",
        "-anxiete",
        "santé mentale",
        "mise à l'échelle",
        "écoles",
        "conseils scolaires",
        "anxiety",
        "respiration~1",
        "title:cercles^10 élèves",
        "qu'elle",
        "stress",
    ],
    "en": [
        "anxiety",
        "ANXIETY",
        "anxious",
        "worries",
        "worry",
        "circle",
        "circles",
        "leading",
        "lead*",
        "*ship",
        "title:anxiety",
        "text:student",
        "keywords:stress",
        "+anxiety -classroom",
        "+student +crisis",
        "-anxiety",
        "mental health",
        "system-wide",
        "children's",
        "anxiété",
        "élèves",
        "scale~1",
        "title:plan^5 support",
        "stud*nt",
    ],
}
WORDS = [
    "L'Anxiété,",
    "l’anxiété",
    "jusqu'à",
    "qu’elle",
    "aujourd'hui",
    "ŒUVRE",
    "«élèves»",
    "children's",
    "(PDF)",
    "—",
    "Ça",
    "naïve",
    "Noël",
    "garçon",
    "façon",
    "œil",
    "ÉCOLE",
    "1er",
    "2e",
    "n°",
]


def test_lunr_js_returns_what_lunr_py_returns(tmp_path):
    node = node_or_skip("the lunr.js parity test")
    project = make_project(tmp_path, records=search_records())
    catalogue = load_catalogue(project)
    indexes = {}
    for lang, queries in QUERIES.items():
        # What the library page gets: the compact form, unpacked on each side.
        packed = pack_index(build_index(catalogue.records.values(), lang))
        index = load_packed(packed)
        results = {}
        for query in queries:
            results[query] = [[r["ref"], r["score"]] for r in index.search(prepare_query(query))]
        # English as the page receives it (the wire form); French in the compact form itself.
        indexes[lang] = {"index": to_wire(packed) if lang == "en" else packed, "results": results}
    assert sum(1 for r in indexes["fr"]["results"].values() if r) >= 15
    cases = {
        "words": {w: fold_word(w) for w in WORDS},
        "queries": {q: prepare_query(q) for qs in QUERIES.values() for q in qs},
        "indexes": indexes,
    }
    cases_file = tmp_path / "cases.json"
    cases_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    env = dict(
        os.environ,
        RL_CASES=str(cases_file),
        RL_LUNR_DIR=str(lunr_js_dir()),
        RL_SEARCH_JS=str(ROOT / "overrides" / "assets" / "javascripts" / "library-search.js"),
    )
    result = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "js" / "search-parity.test.js")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# pass 3" in result.stdout, result.stdout


#: Queries for the site-wide engine: folding, tags, glossary synonyms and avoided forms,
#: one-edit retries, operators.  The French and English fixtures plus the shipped glossary.
SITE_QUERIES = {
    "fr": [
        "anxiete",
        "l'anxiété",
        "eleves",
        "élèves",
        "enseignant",
        "personnel enseignant",
        "palier 2",
        "intervention par niveaux",
        "chef en santé mentale",
        "intervention à paliers",
        "anxeite",
        "enseignnats",
        "eleevs",
        "+anxiété -classe",
        "anx*",
        "title:anxiété",
        "glossaire",
        "tier",
        "mise en œuvre",
        "qu'elle",
        "zzzzzzz",
        "Public cible",
    ],
    "en": [
        "anxiety",
        "anxeity",
        "educators",
        "teachers",
        "tier 2",
        "tiered intervention",
        "students",
        "stdents",
        "+anxiety -classroom",
        "lead*",
        "title:anxiety",
        "mental health leader",
        "élèves",
        "implementation",
        "implementaton",
        "zzzzzzz",
        "audience",
        "universal",
        "well-being",
        "children's",
    ],
}


def test_site_engine_in_javascript_answers_like_the_reference(search_site, tmp_path):
    """site-search.js's Engine (lunr.js) and SiteSearch (lunr.py) on the built site's data."""
    from resource_library.search.site import SiteSearch
    from resource_library.views.site import page_url

    node = node_or_skip("the lunr.js parity test")
    cases = {}
    for lang, queries in SITE_QUERIES.items():
        data_file = search_site / page_url(lang, "library/search-index.json")
        data = json.loads(data_file.read_text(encoding="utf-8"))
        search = SiteSearch(data)
        answers = {}
        for query in queries:
            a = search.query(query)
            answers[query] = {"refs": a.refs, "corrected": a.corrected, "preferred": a.preferred, "filters": a.filters}
        cases[lang] = {"file": str(data_file), "answers": answers}
        # The set covers what it claims to: corrections, avoided forms, vocabulary terms.
        assert any(a["corrected"] for a in answers.values()), lang
        assert any(a["filters"] for a in answers.values()), lang
        assert sum(1 for a in answers.values() if a["refs"]) >= len(queries) // 2, lang
    assert any(a["preferred"] for a in cases["fr"]["answers"].values())
    # Pages' `search: boost:`: the same data with the home page's score multiplied.
    data = json.loads((search_site / "library/search-index.json").read_text(encoding="utf-8"))
    data["boosts"] = {ref: 50.0 for ref in data["docs"] if ref.startswith("p:")}
    boosted_file = tmp_path / "boosted.json"
    boosted_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    boosted = SiteSearch(data)
    answers = {}
    plain = SiteSearch(json.loads((search_site / "library/search-index.json").read_text(encoding="utf-8")))
    reordered = 0
    for query in ("welcome", "anxiety who", "anxiety welcome", "classroom who we are", "students welcome"):
        a = boosted.query(query)
        answers[query] = {"refs": a.refs, "corrected": a.corrected, "preferred": a.preferred, "filters": a.filters}
        reordered += a.refs != plain.query(query).refs
    assert reordered >= 2  # the boost changes the order the JavaScript must reproduce
    cases["en-boosted"] = {"file": str(boosted_file), "answers": answers}
    cases_file = tmp_path / "site-cases.json"
    cases_file.write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    env = dict(
        os.environ,
        RL_CASES=str(cases_file),
        RL_LUNR_DIR=str(lunr_js_dir()),
        RL_SEARCH_JS=str(ROOT / "overrides" / "assets" / "javascripts" / "library-search.js"),
        RL_SITE_SEARCH_JS=str(ROOT / "overrides" / "assets" / "javascripts" / "site-search.js"),
    )
    result = subprocess.run(
        [node, "--test", str(ROOT / "tests" / "js" / "site-search-parity.test.js")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# pass 4" in result.stdout, result.stdout

"""The wire form of the search index (resource_library/search/wire.py): nothing lost, and lunr.js reads it.

The Python side is checked by round trips (random compact indexes and the real
ones); the JavaScript side (``decodeIndex`` in library-search.js) by decoding the
same wire strings under Node and comparing with the compact form.
"""

from __future__ import annotations

import json
import os
import random
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitebuild import ROOT, node_or_skip

from resource_library import load_catalogue
from resource_library.search.assets import lunr_js_dir
from resource_library.search.data import search_data, wire_data
from resource_library.search.site import SITE_FIELDS
from resource_library.search.wire import MAX_PREFIX, from_wire, is_wire, rice_parameter, to_wire

FIELDS = [name for name, _boost in SITE_FIELDS]


def compact(terms: list, docs: int, rng: random.Random, density: float = 0.2, max_tf: int = 3) -> dict:
    """A compact index over ``docs`` refs with random postings (gaps, and -tf after a gap)."""
    postings = []
    for _term in terms:
        row = []
        for _field in FIELDS:
            entries, previous = [], 0
            for doc in range(docs):
                if rng.random() < density:
                    entries.append(doc - previous)
                    previous = doc
                    tf = rng.choice([1, 1, 1, 2, max_tf])
                    if tf > 1:
                        entries.append(-tf)
            row.append(entries)
        postings.append(row)
    return {
        "version": "2.3.9",
        "fields": FIELDS,
        "boosts": [10, 5, 2],
        "pipeline": ["rl-fold", "stemmer"],
        "refs": [f"r{i:05d}" for i in range(docs)],
        "lengths": [[rng.randint(0, 40) for _d in range(docs)] for _f in FIELDS],
        "terms": terms,
        "postings": postings,
    }


TERM = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), min_size=0, max_size=80)


@settings(max_examples=150, deadline=None)
@given(
    terms=st.lists(TERM, max_size=30, unique=True).map(sorted),
    docs=st.integers(min_value=0, max_value=300),
    seed=st.integers(min_value=0, max_value=2**32),
    density=st.sampled_from([0.0, 0.003, 0.05, 0.5, 1.0]),
    max_tf=st.sampled_from([2, 7, 300]),
)
def test_round_trip(terms, docs, seed, density, max_tf):
    packed = compact(terms, docs, random.Random(seed), density, max_tf)
    wire = json.loads(json.dumps(to_wire(packed), ensure_ascii=False))
    assert is_wire(wire) and not is_wire(packed)
    assert from_wire(wire) == packed
    assert from_wire(packed) is packed  # a compact index passes through


def test_terms_share_long_prefixes_and_may_be_empty():
    terms = sorted(["", "a" * 200, "a" * 200 + "b", "a" * 61, "é" * 70, "éé", "𝔘nicode"])
    packed = compact(terms, 5, random.Random(1))
    assert from_wire(to_wire(packed))["terms"] == terms
    assert max(ord(part[0]) - 48 for part in to_wire(packed)["terms"].split(" ")) == MAX_PREFIX


def test_a_term_with_whitespace_is_refused():
    with pytest.raises(ValueError, match="whitespace"):
        to_wire(compact(["a b"], 3, random.Random(1)))


def test_rice_parameter():
    # The largest r with 2**r at most the mean gap times ln 2.
    assert rice_parameter(1000, 1000) == 0
    assert rice_parameter(1000, 1) == 9  # 2**9 = 512 <= 693 < 1024
    assert rice_parameter(1000, 2) == 8
    assert rice_parameter(5, 0 + 1) == 1
    assert rice_parameter(0, 1) == 0


@pytest.fixture(scope="module")
def shipped():
    catalogue = load_catalogue(ROOT)
    assert not catalogue.errors
    return {lang: search_data(catalogue, lang) for lang in ("en", "fr")}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_shipped_index_round_trip_and_size(shipped, lang):
    data = shipped[lang]
    written = json.loads(json.dumps(wire_data(data), ensure_ascii=False))
    assert from_wire(written["index"]) == data["index"]
    assert {k: v for k, v in written.items() if k != "index"} == {k: v for k, v in data.items() if k != "index"}
    # The point of the form: smaller than the lists of numbers it replaces.
    as_lists = len(json.dumps(data["index"], ensure_ascii=False, separators=(",", ":")))
    assert len(json.dumps(written["index"], ensure_ascii=False, separators=(",", ":"))) < as_lists


def test_javascript_decodes_what_python_encodes(tmp_path, shipped):
    node = node_or_skip("the wire-form parity test")
    rng = random.Random(7)
    cases = [shipped["en"]["index"], shipped["fr"]["index"]]
    cases += [
        compact(sorted(rng.sample(["a", "ab", "abc", "b", "é", "ü" * 70, "zz"], 5)), n, rng, d, t)
        for n, d, t in ((0, 0.5, 2), (1, 1.0, 2), (40, 0.01, 9), (200, 0.9, 400), (5000, 0.002, 3))
    ]
    cases.append(compact([], 0, rng))
    cases_file = tmp_path / "wire-cases.json"
    cases_file.write_text(
        json.dumps([{"wire": to_wire(c), "compact": c} for c in cases], ensure_ascii=False), encoding="utf-8"
    )
    script = (
        "const fs = require('node:fs'); const assert = require('node:assert');"
        "const lunr = require(require('node:path').join(process.env.RL_LUNR_DIR, 'templates/search/lunr.js'));"
        "const library = require(process.env.RL_SEARCH_JS)(lunr);"
        "const cases = JSON.parse(fs.readFileSync(process.env.RL_CASES, 'utf8'));"
        "for (const c of cases) { const got = library.decodeIndex(c.wire);"
        "  assert.deepStrictEqual(got.terms, c.compact.terms);"
        "  assert.deepStrictEqual(got.postings, c.compact.postings); }"
        "console.log('decoded ' + cases.length);"
    )
    env = dict(
        os.environ,
        RL_CASES=str(cases_file),
        RL_LUNR_DIR=str(lunr_js_dir()),
        RL_SEARCH_JS=str(ROOT / "overrides" / "assets" / "javascripts" / "library-search.js"),
    )
    result = subprocess.run([node, "-e", script], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == f"decoded {len(cases)}"

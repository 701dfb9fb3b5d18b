// Loads the library's serialized lunr.py indexes with the lunr.js shipped in the
// installed mkdocs package, and checks lunr.js answers every query exactly as
// lunr.py did (same ids, same scores), and that our folding agrees with Python's.
//
// Run by tests/test_search_parity.py, which writes the cases file and passes:
//   RL_CASES      JSON: {words: {word: [folded]}, queries: {q: prepared},
//                        indexes: {lang: {index (compact form), results: {q: [[ref, score]]}}}}
//   RL_LUNR_DIR   mkdocs/contrib/search of the installed mkdocs package
//   RL_SEARCH_JS  overrides/assets/javascripts/library-search.js
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const cases = JSON.parse(fs.readFileSync(process.env.RL_CASES, "utf8"));
const lunrDir = process.env.RL_LUNR_DIR;
const lunr = require(path.join(lunrDir, "templates/search/lunr.js"));
require(path.join(lunrDir, "lunr-language/lunr.stemmer.support.js"))(lunr);
require(path.join(lunrDir, "lunr-language/lunr.fr.js"))(lunr);
const library = require(process.env.RL_SEARCH_JS)(lunr);

const rounded = (results) => results
  .map(([ref, score]) => [ref, Math.round(score * 1e6) / 1e6])
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

test("folding agrees with resource_library/search.py", () => {
  for (const [word, folded] of Object.entries(cases.words)) {
    assert.deepStrictEqual(library.foldWord(word), folded, word);
  }
  for (const [query, prepared] of Object.entries(cases.queries)) {
    assert.strictEqual(library.prepareQuery(query), prepared, query);
  }
});

for (const [lang, data] of Object.entries(cases.indexes)) {
  test(`lunr.js answers like lunr.py on the ${lang} index`, () => {
    const index = lunr.Index.load(library.unpackIndex(data.index));
    const queries = Object.keys(data.results);
    assert.ok(queries.length >= 20, "at least 20 queries");
    let nonEmpty = 0;
    for (const query of queries) {
      const prepared = library.prepareQuery(query);
      let got = [];
      try {
        got = index.search(prepared).map((r) => [r.ref, r.score]);
      } catch (e) {
        got = [];
      }
      if (got.length) nonEmpty += 1;
      assert.deepStrictEqual(rounded(got), rounded(data.results[query]), `${lang}: ${query}`);
      assert.deepStrictEqual(library.search(index, query).slice().sort(),
        data.results[query].map(([ref]) => ref).sort(), `${lang} (library.search): ${query}`);
    }
    assert.ok(nonEmpty >= queries.length / 2, "most queries find something");
  });
}

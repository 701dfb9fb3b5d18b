// The site-wide engine of overrides/assets/javascripts/site-search.js (lunr.js from the
// installed mkdocs package) answers every query as SiteSearch in
// resource_library/search/site.py does: the same results in the same order, the same
// corrected query, the same preferred glossary forms, the same vocabulary filters.
//
// Run by tests/test_search_parity.py, which passes:
//   RL_CASES           JSON: {lang: {file: search data, answers: {query: {refs, corrected, preferred, filters}}}}
//   RL_LUNR_DIR        mkdocs/contrib/search of the installed mkdocs package
//   RL_SEARCH_JS       overrides/assets/javascripts/library-search.js
//   RL_SITE_SEARCH_JS  overrides/assets/javascripts/site-search.js
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
const site = require(process.env.RL_SITE_SEARCH_JS)({});

test("one edit: every variant, sorted, as site.py's one_edit", () => {
  const variants = site.oneEdit("abc");
  assert.ok(variants.includes("bac") && variants.includes("ab") && variants.includes("abcd") && variants.includes("xbc"));
  assert.ok(!variants.includes("abc"));
  assert.deepStrictEqual(variants, variants.slice().sort());
});

for (const [lang, data] of Object.entries(cases)) {
  test(`site search answers like the reference on the ${lang} data`, () => {
    const engine = new site.Engine(lunr, library, JSON.parse(fs.readFileSync(data.file, "utf8")));
    for (const [query, expected] of Object.entries(data.answers)) {
      const got = engine.query(query);
      assert.deepStrictEqual(
        { refs: got.refs, corrected: got.corrected, preferred: got.preferred, filters: got.filters },
        expected, `${lang}: ${query}`);
    }
  });
}

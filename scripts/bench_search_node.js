// Node part of scripts/bench-search: load each language's search data with the
// lunr.js of the installed mkdocs package and time loading and querying with the
// site engine of site-search.js (vocabulary, synonyms, one-edit retries included).
// Usage: node bench_search_node.js <lunr contrib/search dir> <library-search.js> <site-search.js> <cases.json>
// cases.json: {lang: {file: path to search-index.json, queries: [..]}}; prints JSON.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const [lunrDir, searchJs, siteJs, casesFile] = process.argv.slice(2);
const lunr = require(path.join(lunrDir, "templates/search/lunr.js"));
require(path.join(lunrDir, "lunr-language/lunr.stemmer.support.js"))(lunr);
require(path.join(lunrDir, "lunr-language/lunr.fr.js"))(lunr);
const library = require(searchJs)(lunr);
const site = require(siteJs)({});

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const out = {};
for (const [lang, c] of Object.entries(JSON.parse(fs.readFileSync(casesFile, "utf8")))) {
  const text = fs.readFileSync(c.file, "utf8");
  let start = process.hrtime.bigint();
  const data = JSON.parse(text);
  const parseMs = ms(start);
  start = process.hrtime.bigint();
  const engine = new site.Engine(lunr, library, data);
  const loadMs = ms(start);  // unpack (rebuilds lunr's weights) and load
  // Warm up the JIT the way a reader's first keystrokes would.
  for (const q of c.queries.slice(0, 10)) engine.query(q);
  const times = [];
  let hits = 0;
  for (const q of c.queries) {
    start = process.hrtime.bigint();
    const answer = engine.query(q);
    times.push(ms(start));
    if (answer.refs.length) hits += 1;
  }
  times.sort((a, b) => a - b);
  out[lang] = {
    parse_ms: parseMs, load_ms: loadMs, parse_and_load_ms: parseMs + loadMs,
    queries: times.length, queries_with_results: hits,
    median_ms: percentile(times, 50), p95_ms: percentile(times, 95), max_ms: times[times.length - 1],
  };
}
process.stdout.write(JSON.stringify(out));

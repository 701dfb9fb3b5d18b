/*
 * The library page: facets and full-text search, on top of the server-rendered list.
 *
 * The page lists every resource without this script.  With it, the page loads
 * its language's search data (built by resource_library/search.py: a lunr index
 * and each record's facet terms), shows the filter form, and keeps the list, the
 * counts and the address (?q=...&tier=...) in step.  Back and Forward restore
 * earlier views; a copied address opens the same view.
 *
 * The first part (folding, query preparation) must behave exactly like
 * resource_library/search.py: tests/test_search_parity.py runs both on the same
 * queries.  It also works under Node (module.exports) for that test.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    var api = factory(root.lunr);
    root.ResourceLibrarySearch = api;
    if (root.document) {
      if (root.document.readyState === "loading") {
        root.document.addEventListener("DOMContentLoaded", function () { api.start(root); });
      } else {
        api.start(root);
      }
    }
  }
})(this, function (lunr) {
  "use strict";

  // ---- folding: the same character classes as resource_library/search.py ----
  var APOSTROPHES = "'\u2018\u2019\u02bc";
  var APOSTROPHE_RE = new RegExp("[" + APOSTROPHES + "]");
  var APOSTROPHE_ALL_RE = new RegExp("[" + APOSTROPHES + "]", "g");
  var MARK_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var PUNCT = "\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f\\u00a0-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f\\u2e00-\\u2e7f\\u3000-\\u303f";
  var TRIM_RE = new RegExp("^[" + PUNCT + "]+|[" + PUNCT + "]+$", "g");
  var LIGATURES = { "\u0153": "oe", "\u00e6": "ae", "\u00df": "ss", "\u00f8": "o", "\u0142": "l", "\u0111": "d" };
  var LIGATURE_RE = /[\u0153\u00e6\u00df\u00f8\u0142\u0111]/g;
  var ELISIONS = { qu: 1, jusqu: 1, lorsqu: 1, puisqu: 1, quoiqu: 1, presqu: 1 };
  var QUERY_ELISION_RE = new RegExp("(^|[\\s+\\-:])(?:qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[a-z])[" + APOSTROPHES + "]", "g");
  var FOLD_NAME = "rl-fold";

  function foldText(text) {
    return String(text).toLowerCase().normalize("NFD").replace(MARK_RE, "")
      .replace(LIGATURE_RE, function (c) { return LIGATURES[c]; }).normalize("NFC");
  }

  function foldWord(word) {
    var parts = foldText(word).split(APOSTROPHE_RE);
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i].replace(TRIM_RE, "");
      if (!part) continue;
      if (parts.length > 1 && (part.length === 1 || ELISIONS[part] === 1)) continue;
      out.push(part);
    }
    return out;
  }

  function prepareQuery(query) {
    return foldText(query).replace(QUERY_ELISION_RE, "$1").replace(APOSTROPHE_ALL_RE, " ").trim();
  }

  function fold(token) {
    var words = foldWord(token.toString());
    if (words.length === 1) return token.update(function () { return words[0]; });
    return words.map(function (w) { return token.clone(function () { return w; }); });
  }

  if (lunr) lunr.Pipeline.registerFunction(fold, FOLD_NAME);

  /** Result ids of `query`, best first ([] for an empty or unparsable query). */
  function search(index, query) {
    var q = prepareQuery(query);
    if (!q) return [];
    try {
      return index.search(q).map(function (r) { return r.ref; });
    } catch (e) {
      return [];
    }
  }

  // ---- the compact index: unpack_index in resource_library/search.py, line for line ----
  var K1 = 1.2, B = 0.75;

  function round3(score) {
    var scaled = score * 1000;
    var whole = Math.floor(scaled);
    if (scaled - whole >= 0.5) whole += 1;
    return whole / 1000;
  }

  /** lunr's serialization of the build's compact index (what lunr.Index.load takes). */
  function unpackIndex(packed) {
    var fields = packed.fields, refs = packed.refs, count = refs.length;
    var average = packed.lengths.map(function (lengths) {
      var sum = 0;
      for (var i = 0; i < lengths.length; i++) sum += lengths[i];
      return count ? sum / count : 0;
    });
    var vectors = fields.map(function () { return refs.map(function () { return []; }); });
    var inverted = new Array(packed.terms.length);
    for (var i = 0; i < packed.terms.length; i++) {
      var row = packed.postings[i];
      var posting = { _index: i };
      var docsPerField = [];
      var withTerm = 0;
      for (var f = 0; f < row.length; f++) {
        var entries = row[f], docs = [], n = 0, byRef = {};
        for (var e = 0; e < entries.length; e++) {
          var value = entries[e];
          if (value < 0) {
            docs[docs.length - 1][1] = -value;
          } else {
            n += value;
            docs.push([n, 1]);
          }
        }
        for (var d = 0; d < docs.length; d++) byRef[refs[docs[d][0]]] = {};
        posting[fields[f]] = byRef;
        docsPerField.push(docs);
        withTerm += docs.length;
      }
      inverted[i] = [packed.terms[i], posting];
      var x = (count - withTerm + 0.5) / (withTerm + 0.5);
      var idf = Math.log(1 + Math.abs(x));
      for (f = 0; f < docsPerField.length; f++) {
        for (d = 0; d < docsPerField[f].length; d++) {
          var doc = docsPerField[f][d][0], tf = docsPerField[f][d][1];
          var length = packed.lengths[f][doc];
          var score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[f])) + tf);
          score *= packed.boosts[f];
          vectors[f][doc].push(i, round3(score));
        }
      }
    }
    var fieldVectors = [];
    for (f = 0; f < fields.length; f++) {
      for (d = 0; d < count; d++) fieldVectors.push([fields[f] + "/" + refs[d], vectors[f][d]]);
    }
    return { version: packed.version, fields: fields, fieldVectors: fieldVectors, invertedIndex: inverted,
      pipeline: packed.pipeline };
  }

  // ---- the page ----
  function start(win) {
    var doc = win.document;
    var rootEl = doc.getElementById("rl-library");
    var form = doc.getElementById("rl-filters");
    var list = doc.getElementById("rl-results");
    var count = doc.getElementById("rl-count");
    if (!rootEl || !form || !list || !count || !lunr || !win.fetch || !win.history) return;

    // Marks for scripts/bench-search (visible in the browser's performance tools).
    function mark(name) { if (win.performance && win.performance.mark) win.performance.mark(name); }
    mark("rl-start");
    var cards = {};
    var order = [];
    Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (li) {
      cards[li.getAttribute("data-id")] = li;
      order.push(li.getAttribute("data-id"));
    });
    var input = form.querySelector("input[name=q]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var data = null;
    var index = null;

    // The page's inline script has usually asked for the data already.
    var request = win.rlSearchData || win.fetch(rootEl.getAttribute("data-index"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
    request
      .then(function (json) {
        mark("rl-data-received");
        data = json;
        index = lunr.Index.load(unpackIndex(json.index));
        mark("rl-index-loaded");
        form.hidden = false;
        rootEl.classList.add("rl-library--enhanced");
        readUrl();
        apply();
        mark("rl-first-view");
      })
      .catch(function () { /* the full server-rendered list stays */ });

    function facetParams() { return data ? data.facets : []; }

    /** The view the address describes: {q, filters: {param: [terms]}}. */
    function stateFromUrl() {
      var params = new win.URLSearchParams(win.location.search);
      var filters = {};
      facetParams().forEach(function (p) {
        var values = params.getAll(p).filter(Boolean);
        if (values.length) filters[p] = values;
      });
      var q = params.get("q");
      if (q === null && typeof win.rlDeferredQuery === "string") q = win.rlDeferredQuery;
      return { q: q || "", filters: filters };
    }

    // The page's inline script took q out of the address so that Material's search
    // box would not open on it; once Material has started (it does on
    // DOMContentLoaded, before "load"), q goes back.
    function restoreDeferredQuery() {
      if (typeof win.rlDeferredQuery !== "string") return;
      var deferred = win.rlDeferredQuery;
      win.rlDeferredQuery = undefined;
      var params = new win.URLSearchParams(win.location.search);
      var restored = new win.URLSearchParams();
      restored.set("q", data && input ? input.value : deferred);
      params.forEach(function (value, key) { if (key !== "q") restored.append(key, value); });
      var search = restored.get("q") ? "?" + restored.toString() : (params.toString() ? "?" + params.toString() : "");
      win.history.replaceState(win.history.state, "", win.location.pathname + search + win.location.hash);
    }
    if (doc.readyState === "complete") win.setTimeout(restoreDeferredQuery, 0);
    else win.addEventListener("load", restoreDeferredQuery);

    function stateFromForm() {
      var filters = {};
      facetParams().forEach(function (p) {
        var values = [];
        Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox][name='" + p + "']"), function (box) {
          if (box.checked) values.push(box.value);
        });
        if (values.length) filters[p] = values;
      });
      return { q: input ? input.value : "", filters: filters };
    }

    function readUrl() {
      var state = stateFromUrl();
      if (input) input.value = state.q;
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) {
        var values = state.filters[box.name] || [];
        box.checked = values.indexOf(box.value) !== -1;
        var group = box.closest("details");
        if (box.checked && group) group.open = true;
      });
    }

    function urlOf(state) {
      var params = new win.URLSearchParams();
      if (state.q.trim()) params.set("q", state.q);
      facetParams().forEach(function (p) {
        (state.filters[p] || []).forEach(function (v) { params.append(p, v); });
      });
      var search = params.toString();
      return win.location.pathname + (search ? "?" + search : "") + win.location.hash;
    }

    /** Whether a record has any of the `wanted` terms of a facet (OR within a facet). */
    function hasAny(have, wanted) {
      if (!have) return false;
      for (var i = 0; i < wanted.length; i++) if (have.indexOf(wanted[i]) !== -1) return true;
      return false;
    }

    /** Whether a record's facets satisfy every filter (AND across facets). */
    function matches(facets, filters) {
      for (var p in filters) if (!hasAny(facets[p], filters[p])) return false;
      return true;
    }

    /** Show the view of the form: results, their order, the counts and the message. */
    function apply() {
      if (!data) return;
      var state = stateFromForm();
      var hasQuery = prepareQuery(state.q) !== "";
      var candidates = hasQuery ? search(index, state.q).filter(function (id) { return cards[id]; }) : order;
      var shown = candidates.filter(function (id) { return matches(data.records[id].f, state.filters); });

      // Counts: for each facet, the records matching the query and every other
      // facet.  One pass: a record failing no facet counts in all of them; a record
      // failing exactly one counts only in that one (its own selection is ignored).
      var params = facetParams();
      var tallies = {};
      params.forEach(function (p) { tallies[p] = {}; });
      var active = params.filter(function (p) { return state.filters[p]; });
      candidates.forEach(function (id) {
        var f = data.records[id].f;
        var failed = null;
        for (var a = 0; a < active.length; a++) {
          if (!hasAny(f[active[a]], state.filters[active[a]])) {
            if (failed !== null) return;
            failed = active[a];
          }
        }
        var targets = failed === null ? params : [failed];
        for (var t = 0; t < targets.length; t++) {
          var terms = f[targets[t]];
          if (!terms) continue;
          var tally = tallies[targets[t]];
          for (var k = 0; k < terms.length; k++) tally[terms[k]] = (tally[terms[k]] || 0) + 1;
        }
      });
      boxes.forEach(function (box) {
        var n = tallies[box.name] ? tallies[box.name][box.value] || 0 : 0;
        var option = box.closest(".rl-facet__option");
        var out = option && option.querySelector(".rl-facet__count");
        var label = "(" + n + ")";
        if (out && out.textContent !== label) out.textContent = label;
        if (option) option.classList.toggle("rl-facet__option--empty", n === 0 && !box.checked);
      });

      var filtered = hasQuery || Object.keys(state.filters).length > 0;
      render(filtered ? shown : order, filtered);
      list.setAttribute("data-sorted", hasQuery ? "relevance" : "title");

      var n = shown.length;
      var text = n === 0 ? count.getAttribute("data-none")
        : n === 1 ? count.getAttribute("data-one")
        : count.getAttribute("data-many").replace("{count}", String(n));
      if (count.textContent !== text) count.textContent = text;
      var reset = doc.getElementById("rl-reset");
      if (reset) reset.hidden = !filtered;
    }

    // The list shows the first PAGE matches of a search or filter, and a button for
    // the rest: laying out thousands of cards on every keystroke would lag.  The
    // cards that do not show are taken out of the list, not hidden one by one.
    var PAGE = parseInt(rootEl.getAttribute("data-page-size"), 10) || 50;
    var more = doc.getElementById("rl-more");
    var rendered = order.slice();
    var pending = [];

    function sameIds(a, b) {
      if (a.length !== b.length) return false;
      for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      return true;
    }

    function render(ids, paged) {
      var head = paged ? ids.slice(0, PAGE) : ids;
      pending = paged ? ids.slice(PAGE) : [];
      if (!sameIds(head, rendered)) {
        list.textContent = "";
        var frag = doc.createDocumentFragment();
        head.forEach(function (id) { frag.appendChild(cards[id]); });
        list.appendChild(frag);
        rendered = head;
      }
      if (more) {
        more.hidden = pending.length === 0;
        more.textContent = more.getAttribute("data-label").replace("{count}", String(ids.length));
      }
    }

    if (more) {
      more.addEventListener("click", function () {
        var first = pending[0];
        var frag = doc.createDocumentFragment();
        pending.forEach(function (id) { frag.appendChild(cards[id]); });
        list.appendChild(frag);
        rendered = rendered.concat(pending);
        pending = [];
        more.hidden = true;
        var link = first && cards[first].querySelector("a");
        if (link) link.focus();
      });
    }

    function commit(push) {
      win.rlDeferredQuery = undefined;
      var url = urlOf(stateFromForm());
      if (url === win.location.pathname + win.location.search + win.location.hash) return;
      if (push) win.history.pushState({ rl: 1 }, "", url);
      else win.history.replaceState({ rl: 1 }, "", url);
    }

    var typing = false;
    if (input) {
      // Keys typed while a search runs are handled together in the next frame.
      var scheduled = false;
      input.addEventListener("input", function () {
        if (scheduled) return;
        scheduled = true;
        (win.requestAnimationFrame || win.setTimeout)(function () {
          scheduled = false;
          apply();
          // One history entry per search, not per keystroke.
          commit(!typing);
          typing = true;
        });
      });
      input.addEventListener("change", function () { typing = false; });
    }
    form.addEventListener("change", function (event) {
      if (event.target && event.target.type === "checkbox") {
        typing = false;
        apply();
        commit(true);
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      typing = false;
      apply();
      commit(true);
    });
    var reset = doc.getElementById("rl-reset");
    if (reset) {
      reset.addEventListener("click", function () {
        if (input) input.value = "";
        Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) { box.checked = false; });
        typing = false;
        apply();
        commit(true);
        if (input) input.focus();
      });
    }
    win.addEventListener("popstate", function () {
      typing = false;
      readUrl();
      apply();
    });
  }

  return { foldText: foldText, foldWord: foldWord, prepareQuery: prepareQuery, fold: fold, search: search,
    unpackIndex: unpackIndex, start: start };
});

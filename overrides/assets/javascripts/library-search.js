/*
 * The library page: facets and full-text search, on top of the server-rendered list.
 *
 * The page lists every resource without this script, with links to each term's
 * own page.  With it (the page's inline script has set the "rl-js" class, which
 * shows the search box and the checkboxes from the first paint), the page loads
 * its language's search data (built by resource_library/search.py: a lunr index
 * and each record's facet terms) and keeps the list, the counts, the chips of the
 * active filters and the address (?q=...&tier=...) in step.  On narrow screens the
 * filters open in a dialog (focus moved in, kept in, and given back on closing).  Back and Forward restore
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

  // ---- the wire form: resource_library/search/wire.py (format described there) ----

  /** The Rice parameter for `count` items over `span` places (wire.rice_parameter). */
  function riceParameter(span, count) {
    var r = 0;
    while (count * Math.pow(2, r + 1) * 1000 <= span * 693) r += 1;
    return r;
  }

  function BitReader(text) {
    var binary = globalThis.atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    this.bytes = bytes;
    this.at = 0;
  }
  BitReader.prototype.bit = function () {
    var at = this.at++;
    if (at >> 3 >= this.bytes.length) throw new Error("search index: the postings end too soon");
    return (this.bytes[at >> 3] >> (7 - (at & 7))) & 1;
  };
  BitReader.prototype.read = function (count) {
    var value = 0;
    for (var i = 0; i < count; i++) value = (value << 1) | this.bit();
    return value;
  };
  BitReader.prototype.rice = function (r) {
    var q = 0;
    while (this.bit()) q += 1;
    return q * (1 << r) + this.read(r);
  };
  BitReader.prototype.gamma = function () {
    var zeros = 0;
    while (!this.bit()) zeros += 1;  // ended by the value's leading 1
    return Math.pow(2, zeros) + this.read(zeros);
  };

  /** The compact form of an index as written (wire.from_wire); a compact index is returned as is. */
  function decodeIndex(index) {
    if (typeof index.postings !== "string") return index;
    var terms = [];
    if (index.terms) {
      var parts = index.terms.split(" "), previous = "";
      for (var t = 0; t < parts.length; t++) {
        previous = previous.slice(0, parts[t].charCodeAt(0) - 48) + parts[t].slice(1);
        terms.push(previous);
      }
    }
    var bits = new BitReader(index.postings);
    var span = index.refs.length, fieldCount = index.fields.length, postings = new Array(terms.length);
    for (var i = 0; i < terms.length; i++) {
      var row = [];
      for (var f = 0; f < fieldCount; f++) {
        var count = bits.gamma() - 1, entries = [];
        if (count) {
          var r = riceParameter(span, count), docs = new Array(count), frequencies = new Array(count), doc = -1;
          for (var d = 0; d < count; d++) {
            doc += 1 + bits.rice(r);
            docs[d] = doc;
            frequencies[d] = 1;
          }
          var repeated = bits.gamma() - 1;
          if (repeated) {
            r = riceParameter(count, repeated);
            var at = -1;
            for (var k = 0; k < repeated; k++) {
              at += 1 + bits.rice(r);
              frequencies[at] = bits.gamma() + 1;
            }
          }
          var last = 0;
          for (d = 0; d < count; d++) {
            entries.push(docs[d] - last);
            last = docs[d];
            if (frequencies[d] > 1) entries.push(-frequencies[d]);
          }
        }
        row.push(entries);
      }
      postings[i] = row;
    }
    var out = {};
    for (var key in index) if (Object.prototype.hasOwnProperty.call(index, key)) out[key] = index[key];
    out.terms = terms;
    out.postings = postings;
    return out;
  }

  /** lunr's serialization of the build's compact index (what lunr.Index.load takes). */
  function unpackIndex(packed) {
    packed = decodeIndex(packed);
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
    var html = doc.documentElement;
    var rootEl = doc.getElementById("rl-library");
    var form = doc.getElementById("rl-filters");
    var searchForm = doc.getElementById("rl-search-form");
    var list = doc.getElementById("rl-results");
    var count = doc.getElementById("rl-count");
    if (!rootEl || !form || !list || !count || !lunr || !win.fetch || !win.history) {
      // Without the search, the page is the one served without JavaScript: term links.
      html.classList.remove("rl-js", "rl-filtered");
      return;
    }

    // Marks for scripts/bench-search (visible in the browser's performance tools).
    function mark(name) { if (win.performance && win.performance.mark) win.performance.mark(name); }
    mark("rl-start");
    var cards = {};
    var order = [];
    Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (li) {
      cards[li.getAttribute("data-id")] = li;
      order.push(li.getAttribute("data-id"));
    });
    var input = doc.getElementById("rl-q");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var panel = doc.getElementById("rl-panel");
    var opener = doc.getElementById("rl-filters-open");
    var closer = doc.getElementById("rl-panel-close");
    var show = doc.getElementById("rl-show");
    var chips = doc.getElementById("rl-chips");
    var chipList = doc.getElementById("rl-chip-list");
    var openerCount = doc.getElementById("rl-filters-count");
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
        readUrl();
        apply();
        mark("rl-first-view");
      })
      .catch(function () {
        // The full server-rendered list stays, with the links to the terms' pages.
        closePanel(false);
        html.classList.remove("rl-js", "rl-filtered");
      });

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
      boxes.forEach(function (box) {
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

    /** "{count} results" from the data-one, data-many and data-none texts of `el`. */
    function counted(el, n) {
      return n === 0 ? el.getAttribute("data-none")
        : n === 1 ? el.getAttribute("data-one")
        : el.getAttribute("data-many").replace("{count}", String(n));
    }

    function setText(el, text) { if (el && el.textContent !== text) el.textContent = text; }

    /** Show the view of the form: results, their order, the counts, the chips and the message. */
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
        setText(option && option.querySelector(".rl-facet__count"), "(" + n + ")");
        if (option) option.classList.toggle("rl-facet__option--empty", n === 0 && !box.checked);
      });

      var filtered = hasQuery || Object.keys(state.filters).length > 0;
      render(filtered ? shown : order, filtered);
      list.setAttribute("data-sorted", hasQuery ? "relevance" : "title");

      setText(count, counted(count, shown.length));
      setText(show, counted(show, shown.length));
      renderChips(state);
    }

    // ---- chips: one button per active filter (and the search words), and "Clear all" ----
    var reset = doc.getElementById("rl-reset");
    var panelClear = doc.getElementById("rl-panel-clear");

    function renderChips(state) {
      var wanted = [];
      // The search words between the page's language's quotation marks.
      var quotes = ((chipList && chipList.getAttribute("data-quotes")) || "\u201c|\u201d").split("|");
      if (state.q.trim()) wanted.push({ key: "q", label: quotes[0] + state.q.trim() + quotes[1] });
      boxes.forEach(function (box) {
        if (box.checked) wanted.push({ key: box.name + "=" + box.value, label: box.getAttribute("data-label") || box.value });
      });
      var keys = wanted.map(function (w) { return w.key + "\u0000" + w.label; }).join("\u0001");
      if (chipList && chipList.getAttribute("data-keys") !== keys) {
        chipList.setAttribute("data-keys", keys);
        chipList.textContent = "";
        var template = chipList.getAttribute("data-remove") || "{filter}";
        wanted.forEach(function (w) {
          var li = doc.createElement("li");
          var button = doc.createElement("button");
          button.type = "button";
          button.className = "rl-chip";
          button.setAttribute("data-key", w.key);
          button.setAttribute("aria-label", template.replace("{filter}", w.label));
          var text = doc.createElement("span");
          text.textContent = w.label;
          var cross = doc.createElement("span");
          cross.className = "rl-chip__x";
          cross.setAttribute("aria-hidden", "true");
          cross.textContent = "\u00d7";
          button.appendChild(text);
          button.appendChild(cross);
          li.appendChild(button);
          chipList.appendChild(li);
        });
      }
      var any = wanted.length > 0;
      if (chips) chips.classList.toggle("rl-chips--active", any);
      html.classList.remove("rl-filtered");
      if (reset) reset.hidden = !any;
      if (panelClear) panelClear.disabled = !any;
      var n = wanted.length - (state.q.trim() ? 1 : 0);
      setText(openerCount, n ? " (" + n + ")" : "");
    }

    if (chipList) {
      chipList.addEventListener("click", function (event) {
        var button = event.target.closest ? event.target.closest("button.rl-chip") : null;
        if (!button) return;
        var key = button.getAttribute("data-key");
        var buttons = Array.prototype.slice.call(chipList.querySelectorAll("button.rl-chip"));
        var at = buttons.indexOf(button);
        if (key === "q") {
          if (input) input.value = "";
        } else {
          boxes.forEach(function (box) { if (box.name + "=" + box.value === key) box.checked = false; });
        }
        typing = false;
        apply();
        commit(true);
        // Focus stays among the chips: the next one, the previous one, or else the search box.
        var left = chipList.querySelectorAll("button.rl-chip");
        var next = left[Math.min(at, left.length - 1)];
        if (next) next.focus();
        else if (input) input.focus();
      });
    }

    function clearAll() {
      if (input) input.value = "";
      boxes.forEach(function (box) { box.checked = false; });
      typing = false;
      apply();
      commit(true);
    }

    if (reset) {
      reset.addEventListener("click", function () {
        clearAll();
        if (input) input.focus();
      });
    }
    if (panelClear) {
      panelClear.addEventListener("click", function () {
        clearAll();
        var first = panel && firstFocusable();
        if (first) first.focus();
      });
    }

    // ---- the filter panel: a dialog on narrow screens, a side column on wide ones ----
    var wide = win.matchMedia ? win.matchMedia("(min-width: 60em)") : null;
    var isOpen = false;

    function focusables() {
      if (!panel) return [];
      return Array.prototype.filter.call(
        panel.querySelectorAll("button, summary, input, a[href], [tabindex='0']"),
        function (el) { return !el.disabled && el.offsetParent !== null; });
    }
    function firstFocusable() { return focusables()[0] || null; }

    function openPanel() {
      if (!panel || isOpen) return;
      isOpen = true;
      panel.classList.add("rl-panel--open");
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-modal", "true");
      html.classList.add("rl-panel-opened");
      if (opener) opener.setAttribute("aria-expanded", "true");
      var first = firstFocusable();
      if (first) first.focus();
    }

    function closePanel(restoreFocus) {
      if (!panel || !isOpen) return;
      isOpen = false;
      panel.classList.remove("rl-panel--open");
      panel.removeAttribute("role");
      panel.removeAttribute("aria-modal");
      html.classList.remove("rl-panel-opened");
      if (opener) opener.setAttribute("aria-expanded", "false");
      if (restoreFocus && opener) opener.focus();
    }

    if (opener) opener.addEventListener("click", function () { if (isOpen) closePanel(true); else openPanel(); });
    if (closer) closer.addEventListener("click", function () { closePanel(true); });
    if (show) {
      show.addEventListener("click", function () {
        closePanel(false);
        // The reader goes on from the results: the count that heads them takes focus.
        count.setAttribute("tabindex", "-1");
        count.focus();
      });
    }
    if (panel) {
      panel.addEventListener("keydown", function (event) {
        if (!isOpen) return;
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          closePanel(true);
        } else if (event.key === "Tab") {
          // Focus stays inside the open dialog.
          var items = focusables();
          if (!items.length) return;
          var first = items[0], last = items[items.length - 1];
          if (event.shiftKey && doc.activeElement === first) { event.preventDefault(); last.focus(); }
          else if (!event.shiftKey && doc.activeElement === last) { event.preventDefault(); first.focus(); }
        }
      });
    }
    if (wide) {
      var onWidth = function () { if (wide.matches) closePanel(false); };
      if (wide.addEventListener) wide.addEventListener("change", onWidth);
      else if (wide.addListener) wide.addListener(onWidth);
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
    function submitted(event) {
      event.preventDefault();
      typing = false;
      apply();
      commit(true);
    }
    form.addEventListener("submit", submitted);
    if (searchForm) searchForm.addEventListener("submit", submitted);
    win.addEventListener("popstate", function () {
      typing = false;
      readUrl();
      apply();
    });
  }

  return { foldText: foldText, foldWord: foldWord, prepareQuery: prepareQuery, fold: fold, search: search,
    decodeIndex: decodeIndex, unpackIndex: unpackIndex, start: start };
});

/*
 * Site search: the search box in the header of every page (an ARIA 1.2 combobox),
 * the search page (search/?q=...), and the filter the library page offers when a
 * query names a vocabulary term.
 *
 * One engine: the language's search data (library/search-index.json, built by
 * resource_library/search/site.py) loaded into the lunr.js of the installed mkdocs
 * package, with the folding and the compact index of library-search.js. Nothing is
 * loaded until the reader first focuses the box (or opens the search page); the
 * library page has already asked for the same file (window.rlSearchData), which
 * is then reused.
 *
 * The Engine below is the JavaScript twin of SiteSearch in resource_library/search/site.py
 * (vocabulary terms, glossary synonyms, one-edit retries of long words):
 * tests/test_search_parity.py runs both on the same queries. It also works
 * under Node (module.exports) for that test.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory;
  } else {
    var api = factory(root);
    root.RLSiteSearch = api;
    if (root.document) {
      // After every deferred script has run (this one runs first on the library page, whose
      // own lunr.js and library-search.js come later and must not be loaded twice).
      if (root.document.readyState === "complete") {
        api.start(root);
      } else {
        var started = false;
        var once = function () { if (!started) { started = true; api.start(root); } };
        root.document.addEventListener("DOMContentLoaded", once);
        root.addEventListener("load", once);
      }
    }
  }
})(this, function (root) {
  "use strict";

  var TYPO_BELOW = 3;
  var TYPO_MIN_LENGTH = 5;
  var ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  var BOX_RESULTS = 8;
  var PAGE_SIZE = 50;

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  function subset(small, big) {
    for (var i = 0; i < small.length; i++) if (big.indexOf(small[i]) === -1) return false;
    return true;
  }

  function unique(list) {
    var out = [];
    for (var i = 0; i < list.length; i++) if (out.indexOf(list[i]) === -1) out.push(list[i]);
    return out;
  }

  /** Every word one edit away from `word`, sorted, without `word` (one_edit in site.py). */
  function oneEdit(word) {
    var seen = Object.create(null);
    var out = [];
    function add(w) { if (w !== word && !seen[w]) { seen[w] = true; out.push(w); } }
    for (var i = 0; i <= word.length; i++) {
      var head = word.slice(0, i), tail = word.slice(i);
      if (tail) {
        add(head + tail.slice(1));
        if (tail.length > 1) add(head + tail.charAt(1) + tail.charAt(0) + tail.slice(2));
        for (var c = 0; c < ALPHABET.length; c++) add(head + ALPHABET.charAt(c) + tail.slice(1));
      }
      for (c = 0; c < ALPHABET.length; c++) add(head + ALPHABET.charAt(c) + tail);
    }
    return out.sort();
  }

  /** lunr's results without the second of one resource page (its record, its infographic's text). */
  function onePerResource(results) {
    var seen = Object.create(null);
    return results.filter(function (r) {
      var key = r.ref.indexOf("i:") === 0 ? r.ref.slice(2) : r.ref;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  /**
   * A language's search data, loaded: query(text) gives
   * {refs, results (lunr's, with matchData), corrected, preferred, filters}.
   * `core` is library-search.js's API (folding, the compact index).
   */
  function Engine(lunr, core, data) {
    this.lunr = lunr;
    this.core = core;
    this.data = data;
    var compact = core.decodeIndex(data.index);
    this.index = lunr.Index.load(core.unpackIndex(compact));
    var frequency = Object.create(null);
    var terms = compact.terms, postings = compact.postings;
    for (var i = 0; i < terms.length; i++) {
      var n = 0;
      for (var f = 0; f < postings[i].length; f++) {
        for (var e = 0; e < postings[i][f].length; e++) if (postings[i][f][e] >= 0) n += 1;
      }
      frequency[terms[i]] = n;
    }
    this.frequency = frequency;
    this.stems = Object.create(null);
  }

  Engine.prototype.stem = function (word) {
    var known = this.stems[word];
    if (!known) known = this.stems[word] = this.index.pipeline.runString(word);
    return known;
  };

  Engine.prototype.parse = function (prepared) {
    var query = new this.lunr.Query(this.index.fields);
    new this.lunr.QueryParser(prepared, query).parse();
    return query;
  };

  /**
   * lunr's results for `prepared`, its words replaced by `corrections`, without the optional
   * words of avoided forms (`widen.drop`), widened by the other forms' terms (`widen.extra`).
   */
  Engine.prototype.run = function (prepared, corrections, widen) {
    var results = this.lunrQuery(prepared, corrections, widen);
    // Pages' `search: boost:` multiplies their scores (SiteSearch._run in site.py).
    var boosts = this.data.boosts || {};
    if (results.some(function (r) { return has(boosts, r.ref); })) {
      results = results.map(function (r, i) { return [r, r.score * (has(boosts, r.ref) ? boosts[r.ref] : 1), i]; })
        .sort(function (a, b) { return b[1] - a[1] || a[2] - b[2]; })
        .map(function (x) { return x[0]; });
    }
    return results;
  };

  Engine.prototype.lunrQuery = function (prepared, corrections, widen) {
    var lunr = this.lunr;
    var self = this;
    try {
      return this.index.query(function (query) {
        new lunr.QueryParser(prepared, query).parse();
        query.clauses.forEach(function (clause) {
          if (clause.usePipeline && !clause.wildcard && has(corrections, clause.term)) {
            clause.term = corrections[clause.term];
          }
        });
        if (widen.drop.length) {
          query.clauses = query.clauses.filter(function (c) {
            return !(c.usePipeline && !c.wildcard && c.presence === lunr.Query.presence.OPTIONAL &&
              subset(self.stem(c.term), widen.drop));
          });
        }
        widen.extra.forEach(function (term) {
          query.clause({ term: term, usePipeline: false, presence: lunr.Query.presence.OPTIONAL });
        });
      });
    } catch (e) {
      return [];
    }
  };

  Engine.prototype.filters = function (stems) {
    if (!stems.length) return [];
    var wanted = unique(stems);
    return this.data.vocab.filter(function (v) {
      return subset(wanted, v[3]) && 2 * wanted.length >= unique(v[3]).length;
    }).slice(0, 4).map(function (v) { return v.slice(0, 3); });
  };

  /** {extra, drop}: synonyms in site.py (SiteSearch._synonyms), line for line. */
  Engine.prototype.synonyms = function (stems, preferred) {
    var frequency = this.frequency;
    var extra = [];
    var drop = [];
    this.data.synonyms.forEach(function (group) {
      var used = group[2].filter(function (a) { return subset(a, stems); });
      var hit = used.length > 0 || group[1].some(function (f) { return subset(f, stems); });
      if (!hit) return;
      var kept = [];
      group[1].forEach(function (form) {
        form.forEach(function (t) {
          kept.push(t);
          if (stems.indexOf(t) === -1 && has(frequency, t) && extra.indexOf(t) === -1) extra.push(t);
        });
      });
      if (used.length) {
        used.forEach(function (a) {
          a.forEach(function (t) { if (kept.indexOf(t) === -1 && drop.indexOf(t) === -1) drop.push(t); });
        });
        if (preferred.indexOf(group[0]) === -1) preferred.push(group[0]);
      }
    });
    return { extra: extra, drop: drop };
  };

  Engine.prototype.corrections = function (words) {
    var out = {};
    for (var w = 0; w < words.length; w++) {
      var word = words[w];
      if (word.length < TYPO_MIN_LENGTH) continue;
      var stems = this.stem(word);
      if (stems.length !== 1 || has(this.frequency, stems[0])) continue;
      var best = null, bestFrequency = -1;
      var variants = oneEdit(word);
      for (var v = 0; v < variants.length; v++) {
        var stem = this.stem(variants[v]);
        if (stem.length !== 1 || !has(this.frequency, stem[0])) continue;
        var n = this.frequency[stem[0]];
        // Variants come sorted: a later one wins only with more documents.
        if (n > bestFrequency) { best = variants[v]; bestFrequency = n; }
      }
      if (best !== null) out[word] = best;
    }
    return out;
  };

  Engine.prototype.query = function (text) {
    var answer = { refs: [], results: [], corrected: null, preferred: [], filters: [] };
    var prepared = this.core.prepareQuery(text);
    if (!prepared) return answer;
    var query;
    try { query = this.parse(prepared); } catch (e) { return answer; }
    var self = this;
    var words = query.clauses.filter(function (c) { return c.usePipeline && !c.wildcard; })
      .map(function (c) { return c.term; });
    var stemsOf = function (corrections) {
      var out = [];
      words.forEach(function (w) { out = out.concat(self.stem(has(corrections, w) ? corrections[w] : w)); });
      return out;
    };
    var stems = stemsOf({});
    answer.filters = this.filters(stems);
    answer.results = onePerResource(this.run(prepared, {}, this.synonyms(stems, answer.preferred)));
    if (answer.results.length < TYPO_BELOW) {
      var corrections = this.corrections(words);
      if (Object.keys(corrections).length) {
        var stems2 = stemsOf(corrections);
        var results = onePerResource(this.run(prepared, corrections, this.synonyms(stems2, [])));
        if (results.length > answer.results.length) {
          answer.results = results;
          answer.corrected = prepared.split(/\s+/).map(function (w) {
            var bare = w.replace(/^[+\-]+/, "");
            return has(corrections, bare) ? corrections[bare] : w;
          }).join(" ");
          if (!answer.filters.length) answer.filters = this.filters(stems2);
        }
      }
    }
    answer.refs = answer.results.map(function (r) { return r.ref; });
    return answer;
  };

  /** What a result shows: {ref, kind, kindLabel-less type, title, url (site-relative), text, context}. */
  Engine.prototype.shown = function (ref) {
    var d = this.data.docs[ref];
    if (!d) return null;
    var resource = ref.indexOf(":") === -1;
    return {
      ref: ref,
      kind: resource ? "resource" : d[0],
      type: resource ? d[0] : null,
      title: d[1],
      url: d[2] || this.data.resource_url[0] + ref + this.data.resource_url[1],
      text: d[3],
      context: d[4] || null
    };
  };

  /** The parts of `text` to mark: [[piece, marked]], words whose terms the result matched. */
  Engine.prototype.marks = function (text, terms) {
    var out = [];
    var self = this;
    // Words, and what separates them (apostrophes too: "l'anxiété" marks "anxiété").
    var re = /[^\s\-\u2010-\u2015\/()\[\],;.!?:«»"'\u2018\u2019\u02bc]+|[\s\-\u2010-\u2015\/()\[\],;.!?:«»"'\u2018\u2019\u02bc]+/g;
    var m;
    while ((m = re.exec(text)) !== null) {
      var piece = m[0];
      var marked = false;
      if (/[^\s\-\u2010-\u2015\/()\[\],;.!?:«»"'\u2018\u2019\u02bc]/.test(piece.charAt(0))) {
        var parts = self.core.foldWord(piece);
        for (var i = 0; i < parts.length && !marked; i++) {
          var stems = self.stem(parts[i]);
          for (var s = 0; s < stems.length; s++) if (terms[stems[s]]) marked = true;
        }
      }
      out.push([piece, marked]);
    }
    return out;
  };

  // ---- in the page ----

  function start(win) {
    var doc = win.document;
    var form = doc.getElementById("rl-header-search");
    languageLink(win);
    menuButton(win);
    if (!form || !win.fetch || !win.Promise) return;
    var words = function (name) { return form.getAttribute("data-" + name) || ""; };
    var loader = null;

    function loadScript(src) {
      return new win.Promise(function (resolve, reject) {
        var s = doc.createElement("script");
        s.src = src;
        s.async = false;
        s.onload = resolve;
        s.onerror = reject;
        doc.head.appendChild(s);
      });
    }

    /** The engine, loaded once (lunr.js, the French files, library-search.js, the data). */
    function engine() {
      if (loader) return loader;
      if (win.performance && win.performance.mark) win.performance.mark("rl-site-search-load");
      var lang = form.getAttribute("data-lang");
      var scripts = (form.getAttribute("data-lunr") || "").split(" ").filter(Boolean);
      var needed = scripts.filter(function (src) {
        if (/\/lunr\.js$/.test(src)) return !win.lunr;
        if (/lunr\.stemmer\.support\.js$/.test(src)) return !(win.lunr && win.lunr.stemmerSupport);
        if (/\/lunr\.[a-z]{2}\.js$/.test(src)) return !(win.lunr && win.lunr[lang]);
        if (/library-search\.js$/.test(src)) return !win.ResourceLibrarySearch;
        return true;
      });
      var data = win.rlSearchData || win.fetch(form.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
      var chain = win.Promise.resolve();
      needed.forEach(function (src) { chain = chain.then(function () { return loadScript(src); }); });
      loader = win.Promise.all([chain, data]).then(function (both) {
        var e = new Engine(win.lunr, win.ResourceLibrarySearch, both[1]);
        if (win.performance && win.performance.mark) win.performance.mark("rl-site-search-ready");
        return e;
      });
      loader["catch"](function () { loader = null; });
      return loader;
    }

    var site = { win: win, doc: doc, form: form, words: words, engine: engine,
      root: form.getAttribute("data-root") || "" };
    combobox(site);
    if (doc.getElementById("rl-search-page")) searchPage(site);
    if (doc.getElementById("rl-library")) libraryOffer(site);
  }

  function plural(site, n, one, many) {
    return n === 1 ? site.words(one) : site.words(many).replace("{count}", String(n));
  }

  function matchedTerms(result) {
    var terms = {};
    var meta = result && result.matchData && result.matchData.metadata;
    if (meta) Object.keys(meta).forEach(function (t) { terms[t] = true; });
    return terms;
  }

  /** Appends `text` to `el`, the matched words in <mark>; cut around the first mark when long. */
  function appendMarked(doc, el, engine, text, terms, limit) {
    var pieces = engine.marks(text, terms);
    if (limit) {
      var first = -1, length = 0;
      for (var i = 0; i < pieces.length; i++) {
        if (pieces[i][1]) { first = i; break; }
        length += pieces[i][0].length;
      }
      if (first > 0 && length > limit / 2) {
        var drop = 0, cut = 0;
        while (cut < first && length - drop > limit / 4) { drop += pieces[cut][0].length; cut += 1; }
        pieces = [["\u2026 ", false]].concat(pieces.slice(cut));
      }
    }
    pieces.forEach(function (p) {
      if (p[1]) {
        var m = doc.createElement("mark");
        m.textContent = p[0];
        el.appendChild(m);
      } else {
        el.appendChild(doc.createTextNode(p[0]));
      }
    });
  }

  function kindLabel(site, engine, item) {
    if (item.kind === "resource") return engine.data.types[item.type] || site.words("kind-resource");
    return site.words("kind-" + item.kind);
  }

  /** One result's content: kind, title (marked), where in the page, snippet (marked). */
  function resultContent(site, engine, item, result, titleTag, href) {
    var doc = site.doc;
    var terms = matchedTerms(result);
    var frag = doc.createDocumentFragment();
    var kind = doc.createElement("span");
    kind.className = "rl-result__kind";
    kind.textContent = kindLabel(site, engine, item);
    frag.appendChild(kind);
    var title = doc.createElement(titleTag);
    title.className = "rl-result__title";
    var target = title;
    if (href) {
      target = doc.createElement("a");
      target.href = href;
      title.appendChild(target);
    }
    appendMarked(doc, target, engine, item.title, terms, 0);
    frag.appendChild(title);
    if (item.context) {
      var context = doc.createElement("span");
      context.className = "rl-result__context";
      context.textContent = item.context;
      frag.appendChild(context);
    }
    if (item.text) {
      var text = doc.createElement("span");
      text.className = "rl-result__text";
      appendMarked(doc, text, engine, item.text, terms, 160);
      frag.appendChild(text);
    }
    return frag;
  }

  function notesText(site, answer) {
    var out = [];
    if (answer.corrected) out.push(site.words("corrected").replace("{query}", answer.corrected));
    answer.preferred.forEach(function (term) { out.push(site.words("preferred").replace("{term}", term)); });
    return out;
  }

  // ---- the header's box: an ARIA 1.2 combobox with a listbox popup ----

  function combobox(site) {
    var doc = site.doc, win = site.win, form = site.form;
    var input = doc.getElementById("rl-hs-q");
    var popup = doc.getElementById("rl-hs-popup");
    var list = doc.getElementById("rl-hs-list");
    var note = doc.getElementById("rl-hs-note");
    var status = doc.getElementById("rl-hs-status");
    if (!input || !popup || !list || !note || !status) return;
    var active = -1;
    var options = [];
    var current = null;
    var scheduled = false;
    // The text whose results the reader sent away with Escape: results for it that arrive
    // later (the index still loading, a keystroke's search still running) stay closed.
    var dismissed = null;
    var rendered = null;

    function say(text) { if (status.textContent !== text) status.textContent = text; }

    function close() {
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!options.length) return;
      popup.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function setActive(i) {
      options.forEach(function (o, k) { o.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", options[i].id);
        if (options[i].scrollIntoView) options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    /** Fewer results when they would not fit the window (the list never scrolls on its own). */
    function fit() {
      var room = win.innerHeight - popup.getBoundingClientRect().top - 8;
      while (popup.offsetHeight > room && options.length > 2) {
        var last = options.splice(options.length - 2, 1)[0];
        list.removeChild(last);
      }
    }

    function searchUrl(q) {
      return form.getAttribute("action") + "?q=" + encodeURIComponent(q);
    }

    function render(engine, q) {
      list.textContent = "";
      options = [];
      active = -1;
      input.removeAttribute("aria-activedescendant");
      rendered = q;
      if (!q.trim()) { close(); say(""); return; }
      var answer = engine.query(q);
      var n = answer.refs.length;
      var notes = notesText(site, answer);
      answer.results.slice(0, BOX_RESULTS).forEach(function (result, i) {
        var item = engine.shown(result.ref);
        if (!item) return;
        var li = doc.createElement("li");
        li.id = "rl-hs-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.className = "rl-result rl-result--option";
        li.setAttribute("data-href", site.root + item.url);
        li.appendChild(resultContent(site, engine, item, result, "span", null));
        list.appendChild(li);
        options.push(li);
      });
      note.textContent = notes.join(" \u00b7 ");
      note.hidden = notes.length === 0;
      var all = doc.createElement("li");
      all.id = "rl-hs-option-all";
      all.setAttribute("role", "option");
      all.setAttribute("aria-selected", "false");
      all.className = "rl-result rl-result--all";
      all.setAttribute("data-href", searchUrl(q));
      all.textContent = n ? site.words("all").replace("{count}", String(n)) : site.words("none");
      list.appendChild(all);
      options.push(all);
      open();
      fit();
      var count = plural(site, n, "count-one", "count");
      say(n === 0 ? site.words("none") : [count].concat(notes).join(". "));
    }

    function update() {
      var q = input.value;
      if (q === dismissed) return;
      dismissed = null;
      current = q;
      site.engine().then(function (engine) {
        if (current === q) render(engine, q);
      }, function () { say(""); });
    }

    function go(option) {
      var href = option.getAttribute("data-href");
      if (href) win.location.assign(href);
    }

    input.addEventListener("focus", function () {
      var pending = site.engine();
      if (!pending.done) {
        say(site.words("loading"));
        pending.then(function () {
          pending.done = true;
          if (status.textContent === site.words("loading")) say("");
          if (input.value.trim()) update();
        }, function () { say(""); });
      }
    });
    input.addEventListener("input", function () {
      dismissed = null;  // the reader typed: results for the text are wanted again
      if (scheduled) return;
      scheduled = true;
      (win.requestAnimationFrame || win.setTimeout)(function () { scheduled = false; update(); });
    });
    input.addEventListener("keydown", function (event) {
      var key = event.key;
      if (key === "ArrowDown" || key === "Down") {
        event.preventDefault();
        if (popup.hidden) {
          dismissed = null;
          if (options.length && rendered === input.value) { open(); setActive(0); } else update();
          return;
        }
        setActive(active + 1 >= options.length ? 0 : active + 1);
      } else if (key === "ArrowUp" || key === "Up") {
        event.preventDefault();
        if (popup.hidden) {
          dismissed = null;
          if (options.length && rendered === input.value) { open(); setActive(options.length - 1); }
          return;
        }
        setActive(active <= 0 ? options.length - 1 : active - 1);
      } else if (key === "Enter") {
        if (!popup.hidden && active >= 0) {
          event.preventDefault();
          go(options[active]);
        }
        // Otherwise the form goes to the search page (?q=...).
      } else if (key === "Escape" || key === "Esc") {
        current = null;  // a search still running for the text is not shown
        dismissed = input.value;
        if (!popup.hidden) { event.preventDefault(); close(); }
        else if (input.value) { event.preventDefault(); input.value = ""; options = []; say(""); }
      } else if (key === "Home" || key === "End") {
        if (!popup.hidden) setActive(-1);
      }
    });
    popup.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      var option = event.target.closest ? event.target.closest("[role=option]") : null;
      if (option) go(option);
    });
    input.addEventListener("blur", function () { close(); });
    form.addEventListener("submit", function (event) {
      if (!input.value.trim()) event.preventDefault();
    });
  }

  // ---- the search page ----

  function searchPage(site) {
    var doc = site.doc, win = site.win;
    var pageForm = doc.getElementById("rl-sp-form");
    var input = doc.getElementById("rl-sp-q");
    var kinds = doc.getElementById("rl-sp-kinds");
    var status = doc.getElementById("rl-sp-status");
    var notes = doc.getElementById("rl-sp-notes");
    var list = doc.getElementById("rl-sp-results");
    var nojs = doc.getElementById("rl-sp-nojs");
    if (!pageForm || !input || !kinds || !status || !notes || !list || !win.history || !win.URLSearchParams) return;
    if (nojs) nojs.hidden = true;
    kinds.hidden = false;
    var engineReady = null;
    var typing = false;
    var shownCount = PAGE_SIZE;

    function state() {
      var checked = kinds.querySelector("input[name=kind]:checked");
      return { q: input.value, kind: checked ? checked.value : "" };
    }

    function readUrl() {
      var params = new win.URLSearchParams(win.location.search);
      input.value = params.get("q") || "";
      var kind = params.get("kind") || "";
      var box = kinds.querySelector("input[name=kind][value='" + kind.replace(/[^a-z]/g, "") + "']") ||
        kinds.querySelector("input[name=kind][value='']");
      if (box) box.checked = true;
    }

    function urlOf(s) {
      var params = new win.URLSearchParams();
      if (s.q.trim()) params.set("q", s.q);
      if (s.kind) params.set("kind", s.kind);
      var search = params.toString();
      return win.location.pathname + (search ? "?" + search : "");
    }

    function commit(push) {
      var url = urlOf(state());
      if (url === win.location.pathname + win.location.search) return;
      if (push) win.history.pushState({ rlSearch: 1 }, "", url);
      else win.history.replaceState({ rlSearch: 1 }, "", url);
    }

    function render() {
      if (!engineReady) return;
      var engine = engineReady;
      var s = state();
      list.textContent = "";
      notes.textContent = "";
      var counts = { "": 0 };
      if (!s.q.trim()) {
        status.textContent = "";
        updateCounts(counts, false);
        return;
      }
      var answer = engine.query(s.q);
      var items = [];
      answer.results.forEach(function (result) {
        var item = engine.shown(result.ref);
        if (!item) return;
        counts[""] += 1;
        counts[item.kind] = (counts[item.kind] || 0) + 1;
        if (!s.kind || item.kind === s.kind) items.push([item, result]);
      });
      updateCounts(counts, true);
      notesText(site, answer).forEach(function (text) {
        var p = doc.createElement("p");
        p.className = "rl-search-page__note";
        p.textContent = text;
        notes.appendChild(p);
      });
      if (answer.filters.length) {
        var offer = doc.createElement("p");
        offer.className = "rl-search-page__offer";
        offer.appendChild(doc.createTextNode(site.words("offer") + " "));
        answer.filters.forEach(function (f, i) {
          if (i) offer.appendChild(doc.createTextNode(" \u00b7 "));
          var a = doc.createElement("a");
          a.href = site.root + engine.data.library + "?" + encodeURIComponent(f[0]) + "=" + encodeURIComponent(f[1]);
          a.textContent = f[2];
          offer.appendChild(a);
        });
        notes.appendChild(offer);
      }
      var n = items.length;
      var text = n === 0 ? site.words("none") : plural(site, n, "count-one", "count");
      if (status.textContent !== text) status.textContent = text;
      var frag = doc.createDocumentFragment();
      items.slice(0, shownCount).forEach(function (pair) {
        var li = doc.createElement("li");
        li.className = "rl-result";
        li.appendChild(resultContent(site, engine, pair[0], pair[1], "h2", site.root + pair[0].url));
        frag.appendChild(li);
      });
      list.appendChild(frag);
      if (n > shownCount) {
        var more = doc.createElement("li");
        more.className = "rl-result rl-result--more";
        var button = doc.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = site.words("all").replace("{count}", String(n));
        button.addEventListener("click", function () {
          var first = shownCount;
          shownCount = n;
          render();
          var link = list.children[first] && list.children[first].querySelector("a");
          if (link) link.focus();
        });
        more.appendChild(button);
        list.appendChild(more);
      }
    }

    function updateCounts(counts, any) {
      Array.prototype.forEach.call(kinds.querySelectorAll(".rl-search-page__n"), function (span) {
        var k = span.getAttribute("data-kind");
        var text = any ? "(" + (counts[k] || 0) + ")" : "";
        if (span.textContent !== text) span.textContent = text;
      });
    }

    readUrl();
    site.engine().then(function (engine) { engineReady = engine; render(); }, function () {
      if (nojs) nojs.hidden = false;
    });
    var scheduled = false;
    input.addEventListener("input", function () {
      if (scheduled) return;
      scheduled = true;
      (win.requestAnimationFrame || win.setTimeout)(function () {
        scheduled = false;
        shownCount = PAGE_SIZE;
        render();
        commit(!typing);
        typing = true;
      });
    });
    pageForm.addEventListener("submit", function (event) {
      event.preventDefault();
      typing = false;
      shownCount = PAGE_SIZE;
      render();
      commit(true);
    });
    kinds.addEventListener("change", function () {
      typing = false;
      shownCount = PAGE_SIZE;
      render();
      commit(true);
    });
    win.addEventListener("popstate", function () {
      typing = false;
      readUrl();
      shownCount = PAGE_SIZE;
      render();
    });
  }

  // ---- the library page: offer the filter a query names ----

  function libraryOffer(site) {
    var doc = site.doc;
    var input = doc.getElementById("rl-q");
    var anchor = doc.getElementById("rl-search-form");
    if (!input || !anchor) return;
    var box = doc.createElement("p");
    box.className = "rl-library-offer";
    box.id = "rl-library-offer";
    box.hidden = true;
    anchor.appendChild(box);
    var engineReady = null;
    var shown = null;

    function update() {
      if (!engineReady) return;
      var answer = input.value.trim() ? engineReady.query(input.value) : { filters: [] };
      var filters = answer.filters.filter(function (f) {
        var check = doc.getElementById("rl-" + f[0] + "-" + f[1]);
        return check && !check.checked;
      });
      // Unchanged offers stay as they are (a button the reader is pressing must not be replaced).
      var key = filters.map(function (f) { return f[0] + "=" + f[1]; }).join("&");
      if (key === shown) return;
      shown = key;
      box.textContent = "";
      box.hidden = filters.length === 0;
      if (!filters.length) return;
      box.appendChild(doc.createTextNode(site.words("offer") + " "));
      filters.forEach(function (f, i) {
        if (i) box.appendChild(doc.createTextNode(" "));
        var button = doc.createElement("button");
        button.type = "button";
        button.className = "rl-library-offer__filter";
        button.textContent = f[2];
        button.addEventListener("click", function () {
          var check = doc.getElementById("rl-" + f[0] + "-" + f[1]);
          if (!check) return;
          check.checked = true;
          var group = check.closest("details");
          if (group) group.open = true;
          check.dispatchEvent(new site.win.Event("change", { bubbles: true }));
          update();
          check.focus();
        });
        box.appendChild(button);
      });
    }

    site.engine().then(function (engine) { engineReady = engine; update(); }, function () {});
    input.addEventListener("input", update);
    site.win.addEventListener("popstate", function () { site.win.setTimeout(update, 0); });
    doc.getElementById("rl-filters").addEventListener("change", function (event) {
      if (event.target && event.target.type === "checkbox") update();
    });
  }

  // ---- the header's other links ----

  /**
   * The other language's link goes where its address says: the theme's own handler of clicks
   * on links to another language is kept out (it drops the query). On the library and search
   * pages the link carries the query and the fragment along.
   */
  function languageLink(win) {
    var doc = win.document;
    var carryQuery = !!(doc.getElementById("rl-library") || doc.getElementById("rl-search-page"));
    Array.prototype.forEach.call(doc.querySelectorAll("a.rl-lang-link"), function (link) {
      var base = link.getAttribute("href").split(/[?#]/)[0];
      function carry() {
        if (carryQuery) link.setAttribute("href", base + win.location.search + win.location.hash);
      }
      ["focus", "mouseover", "touchstart"].forEach(function (type) {
        link.addEventListener(type, carry, { passive: true });
      });
      link.addEventListener("click", function (event) {
        carry();
        event.stopPropagation();
      });
    });
  }

  /** The menu button: a real button in place of the theme's label of its drawer checkbox. */
  function menuButton(win) {
    var doc = win.document;
    var button = doc.getElementById("rl-menu-button");
    var label = doc.querySelector(".rl-header__menu-label");
    var toggle = doc.getElementById("__drawer");
    if (!button || !toggle) return;
    function sync() { button.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); }
    button.addEventListener("click", function () {
      toggle.click();
      sync();
      if (toggle.checked) {  // into the drawer it opened
        var first = doc.querySelector(".md-sidebar--primary a[href]");
        if (first) first.focus();
      }
    });
    // Escape closes the open drawer and gives the focus back to the button.
    doc.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !toggle.checked) return;
      toggle.click();
      sync();
      button.focus();
    });
    toggle.addEventListener("change", sync);
    if (label) label.hidden = true;
    button.hidden = false;
    sync();
  }

  return { Engine: Engine, oneEdit: oneEdit, start: start };
});

"""Site search: one lunr index per language over every kind of page, and the reference query logic.

One file per language (``library/search-index.json``, where the library page has
always fetched its data) serves the library page, the header's search box and
the search page: the library page keeps using ``records`` and ``index`` as it
did, the others read ``docs`` (what a result shows) and ``vocab`` and
``synonyms`` (how a query is widened).  One download serves all three.

What the index holds, per language (only text written in that language):

- resources (ref: the record id): title, keywords and the labels of their terms
  ("Personnel enseignant" finds the records tagged with the audience), summary and
  description;
- sections of pages (hand-written, pillar, program, infographics gallery, data
  pages), each heading with its anchor (ref: ``p:<url>#<anchor>``), read from the
  page's HTML by :func:`page_sections`;
- glossary terms (ref: ``g:<id>``), with their accepted and avoided forms;
- the text versions of infographics (ref: ``i:<record id>``).

:func:`query` is the reference of what ``site-search.js`` does with a reader's
query: vocabulary terms, glossary synonyms, and one-edit retries of long words
when few results come back.  The parity test checks that the two agree.

Under ``mkdocs serve`` the build keeps each record's documents and facets, each
document's terms and each term's coded postings (:class:`~resource_library.kept.KeptWork`):
an edit works out again what the records it changed are made of, and the file is
put together from the rest as it was.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from resource_library.kept import KeptWork, key_of, table
from resource_library.model.record import DEFAULT_LANGUAGE, LANGUAGES
from resource_library.search.facets import FACETS, record_facets
from resource_library.search.fold import prepare_query
from resource_library.search.index import builder, plain
from resource_library.search.packed import pack_documents
from resource_library.text.fallback import text_in
from resource_library.views.site import page_url

#: Fields of the site index and their boosts.
#: The labels of a resource's terms are among its keywords: a fourth field would make every query
#: slower (lunr scores each field of each matching document; scripts/bench-search measured a
#: 95th-percentile query at 5,000 records going from about 20 ms to about 50 ms with one).
SITE_FIELDS = (("title", 10), ("keywords", 5), ("text", 2))
#: Characters of text a result keeps for its snippet.
SNIPPET_CHARS = 160
#: Fewer results than this and long words are retried with one edit.
TYPO_BELOW = 3
#: Words shorter than this are never corrected.
TYPO_MIN_LENGTH = 5
#: Kinds of results that are not resources (resources show their type).
PAGE_KINDS = ("page", "pillar", "program", "glossary", "infographic")
#: Pages not indexed by their HTML (besides the library's): made from data indexed otherwise, lists
#: of other pages, the search page.
_NOT_INDEXED = ("glossary/", "translation-status/", "search/")


def _own(variants, lang: str):
    return variants.get(lang) if isinstance(variants, dict) else None


def _short(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit] + "…"


# ---- pages, read from their HTML ----


@dataclass
class Section:
    anchor: str
    title: str
    words: list = field(default_factory=list)


class _Sections(HTMLParser):
    """Splits a page's content at its headings (h2, h3 with an id); skips scripts, permalinks, hidden parts."""

    _VOID = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source", "area", "col", "embed"})

    def __init__(self, lang: str | None = None):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.sections = [Section("", "")]
        self.heading: list | None = None
        self.heading_id = ""
        self.skip_depth = 0
        self.stack: list = []

    def handle_starttag(self, tag, attrs):
        if tag in self._VOID:
            return
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        skip = (
            tag in ("script", "style", "template", "svg")
            or "headerlink" in classes
            or "rl-notice" in classes  # notices about the page (untranslated, outdated), not its text
            or "data-search-exclude" in a
            or "hidden" in a
            # Text in another language (an untranslated page's English, a record's fallback text).
            or bool(self.lang and a.get("lang") and not str(a.get("lang")).lower().startswith(self.lang))
        )
        self.stack.append((tag, skip))
        if skip:
            self.skip_depth += 1
        elif tag in ("h2", "h3") and a.get("id") and not self.skip_depth:
            self.heading, self.heading_id = [], a["id"] or ""

    def handle_endtag(self, tag):
        if tag in self._VOID:
            return
        # Close up to the matching tag (HTML leaves some elements unclosed).
        while self.stack:
            open_tag, skip = self.stack.pop()
            if skip:
                self.skip_depth -= 1
            if open_tag == tag:
                break
        if tag in ("h2", "h3") and self.heading is not None:
            title = " ".join("".join(self.heading).split())
            self.sections.append(Section(self.heading_id, title))
            self.heading = None

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.heading is not None:
            self.heading.append(data)
        else:
            self.sections[-1].words.append(data)


def page_sections(content_html: str, title: str, lang: str | None = None) -> list:
    """``[(anchor, heading, text)]`` of a page's content: the part before the first heading
    (anchor ``""``, heading ``title``), then each h2/h3 that has an id; with ``lang``, text
    marked as another language is left out."""
    parser = _Sections(lang)
    parser.feed(content_html)
    parser.close()
    out = []
    for i, section in enumerate(parser.sections):
        text = " ".join(" ".join(section.words).split())
        if i == 0:
            # The h1 is the page's title, already the first section's.
            if text.startswith(title):
                text = text[len(title) :].strip()
            if text:
                out.append(("", title, text))
        elif text or not section.anchor.startswith("rl-"):
            # (A generated page's heading over a list the index leaves out, "Resources for this
            # pillar", has nothing of its own to find.)
            out.append((section.anchor, section.title or title, text))
    return out


def _language_of(url: str) -> str:
    first = url.split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def page_kind(url: str, lang: str | None = None) -> str:
    """The kind of result a page's URL makes (``pillars/x/`` → pillar...)."""
    lang = lang or _language_of(url)
    if url.startswith(page_url(lang, "pillars/")) and url != page_url(lang, "pillars/"):
        return "pillar"
    if url.startswith(page_url(lang, "programs/")):
        return "program"
    return "page"


def indexed_page(url: str, meta: dict | None = None, lang: str | None = None) -> bool:
    """Whether a page's HTML goes in the index: not the pages indexed from data (the library and
    its resource pages, the glossary), nor lists of other pages, nor the search page itself."""
    search = (meta or {}).get("search")
    if isinstance(search, dict) and search.get("exclude"):
        return False
    lang = lang or _language_of(url)
    if url.startswith(page_url(lang, "library/")) or url.endswith("404.html"):
        return False
    return url not in {page_url(lang, path) for path in _NOT_INDEXED}


# ---- the documents ----


def _labels(catalogue, lang: str) -> dict:
    """``{field name: {term id: label in lang}}`` of every term field with a vocabulary."""
    out: dict = {}
    for _param, field_name, vocab_id in FACETS:
        vocab = catalogue.vocabularies.get(vocab_id)
        if vocab is not None:
            out[field_name] = {t.id: t.label_in(lang) for t in vocab.terms.values()}
    return out


def _record_parts(record, lang: str, labels: dict, page_url) -> tuple:
    """``(facets, [(ref, document, what its result shows)])`` of one record in ``lang``: what the
    library page filters on, its document (when it has text in ``lang``) and its drawing's text
    version's (when it has one in ``lang``)."""
    documents = []
    doc = resource_document(record, lang, labels)
    if doc is not None:
        snippet = _own(record.summary, lang) or plain(_own(record.description, lang) or "")
        documents.append((record.id, doc, [record.type, doc["title"] or record.id, None, _short(snippet)]))
    alt = _own(record.alt, lang) if record.alt else None
    if alt:
        title = _own(record.title, lang) or record.id
        url = page_url(lang, f"library/{record.id}/") + "#rl-text-version"
        doc = {"id": f"i:{record.id}", "title": title, "keywords": "", "text": alt}
        documents.append((doc["id"], doc, ["infographic", title, url, _short(alt)]))
    return {"f": record_facets(record), "d": record.last_changed}, documents


def records_parts(catalogue, lang: str, page_url, kept: KeptWork | None = None) -> dict:
    """``{record id: parts}`` (:func:`_record_parts`) of every record, in the catalogue's order;
    ``kept``: the build's, whose parts of the last build are taken while a record's file is
    the same (and the labels and addresses every record's parts read)."""
    labels = _labels(catalogue, lang)
    parts = table(kept, (lang, "search records"), key_of(labels, catalogue.slugs) if kept is not None else b"")
    return {
        record.id: parts.use(record.id, record.digest or None, _record_parts, record, lang, labels, page_url)
        for record in catalogue.records.values()
    }


def resource_document(record, lang: str, labels: dict) -> dict | None:
    title = _own(record.title, lang)
    summary = _own(record.summary, lang)
    description = _own(record.description, lang)
    keywords = _own(record.keywords, lang)
    if not (title or summary or description or keywords):
        return None
    tags = []
    for param, terms in record_facets(record).items():
        field_name = next(f for p, f, _v in FACETS if p == param)
        if field_name in ("languages", "evidence"):
            continue
        tags += [labels.get(field_name, {}).get(t, "") for t in terms]
    return {
        "id": record.id,
        "title": title or "",
        "keywords": " ".join(list(keywords or []) + [t for t in tags if t]),
        "text": "\n".join(filter(None, [summary, plain(description) if description else ""])),
    }


def site_documents(catalogue, lang: str, pages: dict, glossary, page_url, parts: dict | None = None) -> tuple:
    """``(documents, shown)``: lunr documents and, per ref, what a result shows.

    ``pages``: ``{url: (title, [(anchor, heading, text)])}`` of the language's pages;
    ``glossary``: the glossary terms (``model`` objects with ``id``, ``en``, ``fr``,
    ``accepted``, ``not_preferred``, ``definition``); ``page_url``: views.site.page_url;
    ``parts``: :func:`records_parts`, when worked out already.
    """
    if parts is None:
        parts = records_parts(catalogue, lang, page_url)
    docs: list = []
    shown: dict = {}
    for _facets, documents in parts.values():
        for ref, doc, result in documents:
            docs.append(doc)
            shown[ref] = result
    for url, (page_title, sections, *_rest) in pages.items():
        kind = page_kind(url, lang)
        for anchor, heading, text in sections:
            ref = f"p:{url}#{anchor}" if anchor else f"p:{url}"
            docs.append({"id": ref, "title": heading, "keywords": "", "text": text})
            shown[ref] = [kind, heading, f"{url}#{anchor}" if anchor else url, _short(text)]
            if anchor and heading != page_title:
                shown[ref].append(page_title)
    for term in glossary:
        own = term.fr if lang == "fr" else term.en
        other = term.en if lang == "fr" else term.fr
        definition = text_in(term.definition, lang)
        forms = list(term.accepted) + list(term.not_preferred) if lang == "fr" else []
        ref = f"g:{term.id}"
        docs.append({"id": ref, "title": own, "keywords": " ".join(forms + [other]), "text": definition})
        shown[ref] = ["glossary", own, page_url(lang, "glossary/") + f"#{term.id}", _short(definition)]
    return docs, shown


# ---- what widens a query ----


def _terms(pipeline, text: str) -> list:
    """The index terms of a text (folded, stop words out, stemmed), in order."""
    out: list = []
    for word in re.findall(r"[^\s\-]+", text.lower()):
        out += pipeline.words(word)
    return out


def vocabulary(catalogue, lang: str, pipeline, library_url: str) -> list:
    """``[[param, term id, "Facet: Label", [label terms]]]``: what a query naming a term offers."""
    colon = "\u00a0: " if lang == "fr" else ": "
    out = []
    for param, _field, vocab_id in FACETS:
        if param == "language":
            continue
        vocab = catalogue.vocabularies.get(vocab_id)
        if vocab is None:
            continue
        facet = text_in(vocab.label, lang, vocab_id)
        for term in vocab.terms.values():
            label = term.label_in(lang)
            terms = _terms(pipeline, label)
            if terms:
                out.append([param, term.id, f"{facet}{colon}{label}", terms])
    return out


def synonyms(glossary, lang: str, pipeline, index_terms: set) -> list:
    """``[[preferred form, [terms of each form], [terms of each avoided form]]]`` per glossary term.

    French: the preferred form, the accepted ones and the English one when its
    words are in the French index; the avoided forms find what the preferred one
    finds, and the result names the preferred one.  English: the English form and
    the French one when its words are in the English index.
    """
    out = []
    for term in glossary:
        if lang == "fr":
            preferred, others, avoided = term.fr, list(term.accepted), list(term.not_preferred)
            foreign = term.en
        else:
            preferred, others, avoided, foreign = term.en, [], [], term.fr
        forms = [_terms(pipeline, f) for f in [preferred] + others]
        foreign_terms = _terms(pipeline, foreign)
        if foreign_terms and all(t in index_terms for t in foreign_terms):
            forms.append(foreign_terms)
        forms = [f for f in forms if f]
        avoided_terms = [a for a in (_terms(pipeline, f) for f in avoided) if a]
        if len(forms) + len(avoided_terms) > 1:
            out.append([preferred, forms, avoided_terms])
    return out


def site_search_data(catalogue, lang: str, pages: dict, glossary, page_url, kept: KeptWork | None = None) -> dict:
    """Everything the search scripts need for ``lang``: the index, what results show, vocabulary,
    synonyms, and what the library page reads per record (``records``: facets and date).

    ``kept``: the build's (``mkdocs serve``), to take the last build's work where it is the same.
    """
    parts = records_parts(catalogue, lang, page_url, kept)
    docs, shown = site_documents(catalogue, lang, pages, glossary, page_url, parts)
    # Pages' `search: boost:` (front matter): their results' scores are multiplied by it.
    boosts = {
        (f"p:{url}#{anchor}" if anchor else f"p:{url}"): float(page[2])
        for url, page in pages.items()
        if len(page) > 2 and page[2] not in (None, 1)
        for anchor, _heading, _text in page[1]
    }
    packed = pack_documents(docs, lang, SITE_FIELDS, kept)
    pipeline = builder(lang).pipeline
    return {
        "lang": lang,
        "fields": [name for name, _ in SITE_FIELDS],
        "facets": [param for param, _f, _v in FACETS],
        "records": {rid: facets for rid, (facets, _documents) in parts.items()},
        "index": packed,
        "library": page_url(lang, "library/"),
        # A resource's address: prefix + id + suffix (what page_url makes of library/<id>/).
        "resource_url": page_url(lang, "library/\x00/").split("\x00"),
        "types": _labels(catalogue, lang).get("type", {}),
        "boosts": boosts,
        "docs": shown,
        "vocab": vocabulary(catalogue, lang, pipeline, page_url(lang, "library/")),
        "synonyms": synonyms(glossary, lang, pipeline, own_terms(packed)),
    }


def own_terms(packed: dict) -> set:
    """The terms of a compact index that the language's own texts use: held by a document other
    than a glossary entry (the glossary's entries name both languages' forms)."""
    glossary = {n for n, ref in enumerate(packed["refs"]) if str(ref).startswith("g:")}
    out = set()
    for term, row in zip(packed["terms"], packed["postings"]):
        for entries in row:
            n = 0
            for value in entries:
                if value >= 0:
                    n += value
                    if n not in glossary:
                        out.add(term)
                        break
            if term in out:
                break
    return out


# ---- the reference query: what site-search.js does ----


@dataclass
class Answer:
    """What a query gives: refs best first, and what the page says about them."""

    refs: list
    #: The query actually run when a word was corrected (``Showing results for …``), else None.
    corrected: str | None = None
    #: Preferred glossary forms of the avoided forms the query used.
    preferred: list = field(default_factory=list)
    #: Vocabulary terms the query names: ``[param, term id, "Facet: Label"]``.
    filters: list = field(default_factory=list)


class SiteSearch:
    """A language's search data loaded with lunr.py: the reference the browser is checked against."""

    def __init__(self, data: dict):
        from lunr.query import Query, QueryPresence
        from lunr.query_parser import QueryParser

        from resource_library.search.codec import load_packed
        from resource_library.search.wire import from_wire

        self._Query, self._Presence, self._Parser = Query, QueryPresence, QueryParser
        self.data = data
        compact = from_wire(data["index"])
        self.index = load_packed(compact)
        self.terms = compact["terms"]
        self.term_set = set(self.terms)
        self.frequency = {
            t: sum(len([v for v in f if v >= 0]) for f in row) for t, row in zip(self.terms, compact["postings"])
        }

    def _stem(self, word: str) -> list:
        return [str(t) for t in self.index.pipeline.run_string(word)]

    def _parse(self, prepared: str):
        query = self.index.create_query()
        self._Parser(prepared, query).parse()
        return query

    def _run(self, query) -> list:
        try:
            results = self.index.query(query)
        except Exception:  # an unknown field name, a lone operator: no results, not an error
            return []
        boosts = self.data.get("boosts") or {}
        if any(r["ref"] in boosts for r in results):
            results = sorted(results, key=lambda r: -r["score"] * boosts.get(r["ref"], 1))
        return [r["ref"] for r in results]

    def query(self, text: str) -> Answer:
        prepared = prepare_query(text)
        if not prepared:
            return Answer([])
        try:
            query = self._parse(prepared)
        except Exception:
            return Answer([])
        words = [c.term for c in query.clauses if c.use_pipeline and not c.wildcard]
        stems = [s for w in words for s in self._stem(w)]
        answer = Answer([])
        answer.filters = self._filters(stems)
        self._widen(query, *self._synonyms(stems, answer.preferred))
        answer.refs = one_per_resource(self._run(query))
        if len(answer.refs) < TYPO_BELOW:
            corrections = self._corrections(words)
            if corrections:
                retry = self._parse(prepared)
                for clause in retry.clauses:
                    if clause.term in corrections and clause.use_pipeline and not clause.wildcard:
                        clause.term = corrections[clause.term]
                stems2 = [s for w in words for s in self._stem(corrections.get(w, w))]
                self._widen(retry, *self._synonyms(stems2, []))
                refs = one_per_resource(self._run(retry))
                if len(refs) > len(answer.refs):
                    answer.refs = refs
                    answer.corrected = " ".join(corrections.get(w.lstrip("+-"), w) for w in prepared.split())
                    if not answer.filters:
                        answer.filters = self._filters(stems2)
        return answer

    def _widen(self, query, extra: list, drop: set) -> None:
        """Take out the optional words of avoided forms (``drop``), add the other forms' terms."""
        if drop:
            query.clauses = [
                c
                for c in query.clauses
                if not (
                    c.use_pipeline
                    and not c.wildcard
                    and c.presence == self._Presence.OPTIONAL
                    and set(self._stem(c.term)) <= drop
                )
            ]
        for term in extra:
            query.clause(term, use_pipeline=False, presence=self._Presence.OPTIONAL)

    def _filters(self, stems: list) -> list:
        if not stems:
            return []
        wanted = set(stems)
        return [v[:3] for v in self.data["vocab"] if wanted <= set(v[3]) and 2 * len(wanted) >= len(set(v[3]))][:4]

    def _synonyms(self, stems: list, preferred: list) -> tuple:
        """``(extra, drop)``: the terms of the forms of the glossary terms the query names, and
        the words of the avoided forms it used that no accepted form has (found through the
        preferred form instead); the preferred forms of those are added to ``preferred``."""
        have = set(stems)
        extra: list = []
        drop: set = set()
        for group_preferred, forms, avoided in self.data["synonyms"]:
            used = [a for a in avoided if set(a) <= have]
            if used or any(set(f) <= have for f in forms):
                for f in forms:
                    for t in f:
                        if t not in have and t in self.term_set and t not in extra:
                            extra.append(t)
                if used:
                    kept = {t for f in forms for t in f}
                    drop |= {t for a in used for t in a if t not in kept}
                    if group_preferred not in preferred:
                        preferred.append(group_preferred)
        return extra, drop

    def _corrections(self, words: list) -> dict:
        """``{query word: corrected word}`` for the long words whose stem is not in the index.

        Every word one edit away (a letter deleted, inserted, replaced, or two
        neighbours swapped) is stemmed; of those whose stem is in the index, the one
        whose stem is in the most documents wins (then the first in alphabetical order).
        """
        out = {}
        for word in words:
            if len(word) < TYPO_MIN_LENGTH:
                continue
            stems = self._stem(word)
            if len(stems) != 1 or stems[0] in self.term_set:
                continue
            best, best_key = None, None
            for variant in one_edit(word):
                stem = self._stem(variant)
                if len(stem) == 1 and stem[0] in self.term_set:
                    key = (-self.frequency[stem[0]], variant)
                    if best_key is None or key < best_key:
                        best, best_key = variant, key
            if best is not None:
                out[word] = best
        return out


def one_per_resource(refs: list) -> list:
    """``refs`` without the second result of one resource page (its record, its infographic's text)."""
    seen: set = set()
    out = []
    for ref in refs:
        key = ref[2:] if ref.startswith("i:") else ref
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


#: Letters an edit may insert or put in place of another (words are folded: no accents).
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def one_edit(word: str) -> list:
    """Every word one edit away from ``word``, sorted, without ``word`` itself."""
    out = set()
    for i in range(len(word) + 1):
        head, tail = word[:i], word[i:]
        if tail:
            out.add(head + tail[1:])
            if len(tail) > 1:
                out.add(head + tail[1] + tail[0] + tail[2:])
            for c in ALPHABET:
                out.add(head + c + tail[1:])
        for c in ALPHABET:
            out.add(head + c + tail)
    out.discard(word)
    return sorted(out)


def unescaped(text: str) -> str:
    """HTML text as a reader reads it (the page titles MkDocs hands over may hold entities)."""
    return html.unescape(text)


__all__: list[Any] = [
    "SITE_FIELDS",
    "Answer",
    "SiteSearch",
    "indexed_page",
    "page_kind",
    "page_sections",
    "site_documents",
    "site_search_data",
    "synonyms",
    "vocabulary",
]

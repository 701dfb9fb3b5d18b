"""Library search: one lunr index per language, and the facet data the library page filters on.

The index is built here at build time with lunr.py and loaded in the browser by
lunr.js (``overrides/assets/javascripts/library-search.js``).  For the two to
agree, every function named in the serialized search pipeline must exist under the
same name on both sides:

- ``rl-fold`` (ours, written twice: :func:`fold` here and ``foldWord`` in the JS
  file) lowercases, removes accents, splits words at apostrophes and drops French
  elisions (``l'``, ``d'``, ``qu'``...), then trims punctuation.  It runs first, at
  index and at query time, so "ANXIÉTÉ", "anxiete" and "l'anxiété" all become
  ``anxiete`` before stemming.
- ``stemmer`` (lunr's English stemmer, built into lunr.py and lunr.js) on the
  English index; ``stemmer-fr`` (the Snowball French stemmer: nltk's in Python,
  lunr-languages' ``lunr.fr.js`` in the browser; neither needs downloaded data) on
  the French one.  Stemming runs on folded words, so accents typed or not give the
  same stem.

Stop words are removed at index time only (lunr's English list; our folded French
list below), so they never need to exist in JavaScript.

Each language's index holds only that language's text: a record without French
text is absent from the French index, so "anxiety" typed on the French page finds
nothing that exists only in English.  Facets still list every record.

Wildcard terms (``anx*``) bypass lunr's pipeline, so queries are prepared with
:func:`prepare_query` (and ``prepareQuery`` in JavaScript) before lunr parses them.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable, Optional

from lunr import __TARGET_JS_VERSION__
from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer as english_stemmer
from lunr.stop_word_filter import stop_word_filter as english_stop_word_filter
from lunr.token import Token
from lunr.tokenizer import SEPARATOR_CHARS

from resource_library.model.record import DEFAULT_LANGUAGE

#: Name of the folding function in lunr.py's and lunr.js's pipeline registries.
FOLD_NAME = "rl-fold"

#: Indexed fields and their boosts (a match in a title counts five times one in the text).
#: ``text`` is the summary and the description together: one field fewer makes a
#: query matching most records markedly faster (scripts/bench-search: p95 at 5,000
#: records went from 33-37 ms to 16-20 ms), at the price of ``summary:`` queries.
FIELDS = (("title", 10), ("keywords", 5), ("text", 2))

#: Facets of the library page: (URL parameter, record field, vocabulary id), in display order.
FACETS = (
    ("type", "type", "types"),
    ("tier", "tiers", "tiers"),
    ("audience", "audiences", "audiences"),
    ("pillar", "pillars", "pillars"),
    ("element", "core_elements", "core_elements"),
    ("stage", "implementation_stages", "implementation_stages"),
    ("grade", "grade_bands", "grade_bands"),
    ("topic", "topics", "topics"),
    ("language", "languages", "languages"),
    ("evidence", "evidence", "evidence_levels"),
)

#: Where the build publishes each language's search data, relative to the site root.
INDEX_PATH = "library/search-index.json"
#: lunr.js files copied from the installed ``mkdocs`` package, relative to its ``contrib/search``.
LUNR_FILES = {
    "lunr.js": "templates/search/lunr.js",
    "lunr.stemmer.support.js": "lunr-language/lunr.stemmer.support.js",
    "lunr.fr.js": "lunr-language/lunr.fr.js",
}
#: Where they go in the site.
LUNR_DIR = "assets/javascripts/library-lunr"

# The same character classes are written in library-search.js; keep them in step.
_APOSTROPHES = "'\u2018\u2019\u02bc"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_MARK_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PUNCT = r"\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f"
_TRIM_RE = re.compile(f"^[{_PUNCT}]+|[{_PUNCT}]+$")
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"}
_LIGATURE_RE = re.compile("[" + "".join(_LIGATURES) + "]")
#: Words French writes before an apostrophe (l', d', qu', jusqu'...), dropped with it.
ELISIONS = frozenset({"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"})
_QUERY_ELISION_RE = re.compile(r"(^|[\s+\-:])(?:qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[a-z])[" + _APOSTROPHES + "]")

#: French stop words, folded (the index only ever sees folded words).
FRENCH_STOP_WORDS = frozenset("""
a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons auront
aux avaient avais avait avec avez aviez avions avons ayant ayez ayons c ce ceci cela cet cette ces d dans
de des du elle elles en es est et etaient etais etait etant etiez etions ete etes eu eue eues eurent eus
eut eux fut furent ici il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne ni nos
notre nous on ont ou par pas pour qu que quel quelle quelles quels qui s sa sans se sera serai seraient
serais serait seras serez seriez serions serons seront ses si soi soient sois soit sommes son sont sur t
ta te tes toi ton tu un une vos votre vous y
""".split())


def fold_text(text: str) -> str:
    """Lowercase, without accents, ligatures spelled out (``Œuvre`` → ``oeuvre``)."""
    text = unicodedata.normalize("NFD", text.lower())
    text = _MARK_RE.sub("", text)
    text = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], text)
    return unicodedata.normalize("NFC", text)


def fold_word(word: str) -> list:
    """The words lunr indexes for one token: ``"L'Anxiété,"`` → ``["anxiete"]``."""
    parts = _APOSTROPHE_RE.split(fold_text(word))
    out = []
    for part in parts:
        part = _TRIM_RE.sub("", part)
        if not part:
            continue
        if len(parts) > 1 and (len(part) == 1 or part in ELISIONS):
            continue
        out.append(part)
    return out


def fold(token: Token, i=None, tokens=None):
    """lunr pipeline function ``rl-fold``: one token in, zero or more tokens out."""
    words = fold_word(str(token))
    if len(words) == 1:
        return token.update(lambda s, m=None: words[0])
    return [Token(word, dict(token.metadata)) for word in words]


Pipeline.register_function(fold, FOLD_NAME)


def _french_stop_word_filter(token: Token, i=None, tokens=None):
    return None if str(token) in FRENCH_STOP_WORDS else token


# Index-time only (not serialized): registered so lunr.py does not warn.
Pipeline.register_function(_french_stop_word_filter, "rl-stop-fr")


def _french_stemmer():
    # nltk's Snowball stemmers need no downloaded data; importing lunr.languages
    # registers them as ``stemmer-<lang>``, the names lunr-languages uses in JS.
    import lunr.languages  # noqa: F401

    try:
        return Pipeline.registered_functions["stemmer-fr"]
    except KeyError:  # pragma: no cover - nltk missing
        raise RuntimeError("the French search index needs nltk (pip install 'nltk>=3.8,<4')") from None


class _PerWordPipeline(Pipeline):
    """An index-time pipeline that runs its functions once per distinct word.

    Every function of the index pipelines (folding, stop words, stemming) looks at
    one token alone, so a word always gives the same words out: they are kept, and
    the next occurrence of the word reuses them (stemming every occurrence of every
    word was most of the time spent building an index).
    """

    def __init__(self):
        super().__init__()
        #: word -> the words it gives (filled by :meth:`words`).
        self.known_words: dict = {}

    def run(self, tokens, field_name=None):
        if field_name and any(field_name in self._skip[fn] for fn in self._stack):
            return super().run(tokens, field_name)
        out = []
        for token in tokens:
            words = self.words(token.string)
            if len(words) == 1:
                token.string = words[0]
                out.append(token)
            else:
                out.extend(Token(word, dict(token.metadata)) for word in words)
        return out

    def words(self, word: str) -> list:
        """The words the pipeline makes of ``word`` (computed once per distinct word)."""
        words = self.known_words.get(word)
        if words is None:
            words = self.known_words[word] = [str(t) for t in super().run([Token(word)])]
        return words


def builder(lang: str) -> Builder:
    """A lunr builder with this project's pipelines for ``lang``."""
    b = Builder()
    b.pipeline = _PerWordPipeline()
    if lang == "fr":
        stem = _french_stemmer()
        b.pipeline.add(fold, _french_stop_word_filter, stem)
        b.search_pipeline.add(fold, stem)
    elif lang == "en":
        b.pipeline.add(fold, english_stop_word_filter, english_stemmer)
        b.search_pipeline.add(fold, english_stemmer)
    else:
        raise ValueError(f"no search pipeline for language {lang!r}")
    b.ref("id")
    for name, boost in FIELDS:
        b.field(name, boost=boost)
    return b


_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP_RE = re.compile(r"[#*_`>|]+|^\s*\d+\.\s", re.M)


def plain(markdown: str) -> str:
    """Markdown as the words a reader sees (links keep their text, not their address)."""
    return _MD_MARKUP_RE.sub(" ", _MD_LINK_RE.sub(r"\1", markdown))


def document(record, lang: str) -> Optional[dict]:
    """What the ``lang`` index holds of ``record``: only text written in ``lang``, or None."""
    def own(variants):
        if isinstance(variants, dict):
            return variants.get(lang)
        return None

    title = own(record.title)
    summary = own(record.summary)
    description = own(record.description)
    keywords = own(record.keywords)
    if not (title or summary or description or keywords):
        return None
    return {
        "id": record.id,
        "title": title or "",
        "text": "\n".join(filter(None, [summary, plain(description) if description else ""])),
        "keywords": " ".join(keywords) if keywords else "",
    }


def build_index(records: Iterable, lang: str):
    """The lunr.py index of ``records`` in ``lang`` (with what :func:`pack_index` needs)."""
    b = builder(lang)
    for record in records:
        doc = document(record, lang)
        if doc is not None:
            b.add(doc)
    index = b.build()
    index.rl_frequencies = {ref: dict(tfs) for ref, tfs in b.field_term_frequencies.items()}
    index.rl_field_lengths = dict(b.field_lengths)
    return index


# -- the compact form, built directly ------------------------------------------
#
# pack_index(build_index(...)) pays for what it throws away: lunr.py's tokenizer
# (a Python loop over every character), then Builder.build() (BM25 field vectors
# and a TokenSet) and serialize(), of which pack_index keeps only the sorted terms
# and postings.  :func:`packed_index` computes the same dict from the same
# tokens and the same pipeline, without them; tests check it against the
# reference, which lunr.py's Builder remains.

# lunr.py's tokenizer (lunr.tokenizer.SEPARATOR_CHARS): runs of anything else are tokens.
_TOKEN_RE = re.compile("[^" + re.escape(SEPARATOR_CHARS) + "]+")


def tokenize(text) -> list:
    """The token strings lunr.py's ``Tokenizer`` makes of a field's text (a string), in order.

    Their metadata (position, index) is left out: nothing reads it, as the
    builder keeps no metadata and the index pipelines look at the string alone.
    """
    if text is None:
        return []
    return _TOKEN_RE.findall(str(text).lower())


def packed_index(records: Iterable, lang: str) -> dict:
    """``pack_index(build_index(records, lang))``, accumulated directly from the records.

    Documents are taken in the order of their refs (their numbers in the compact
    form), so each posting grows in number order and is written as gaps as it goes.
    No record with text in ``lang`` (a library not translated yet) gives an empty
    index: the page finds nothing by words and still filters (lunr.py's own builder
    cannot make it: it divides by the number of documents).
    """
    records = list(records)
    docs = sorted((doc for doc in (document(record, lang) for record in records) if doc is not None),
                  key=lambda doc: str(doc["id"]))
    refs = [str(doc["id"]) for doc in docs]
    if len(set(refs)) < len(refs):
        # Two records with one id (a catalogue never has them): lunr.py keeps the last
        # one's frequencies but both one's postings; let lunr.py answer.
        return pack_index(build_index(records, lang))
    b = builder(lang)
    fields = [name for name, _boost in FIELDS]
    k = len(fields)
    lengths: list = [[] for _f in fields]
    # term -> k gap lists (one per field), then the last document number of each.
    postings: dict = {}
    for n, doc in enumerate(docs):
        for f, field_name in enumerate(fields):
            terms = _field_terms(b.pipeline, doc[field_name])
            lengths[f].append(len(terms))
            for term, tf in Counter(terms).items():
                row = postings.get(term)
                if row is None:
                    row = postings[term] = [[] for _f in fields] + [0] * k
                gaps = row[f]
                gaps.append(n - row[k + f])
                row[k + f] = n
                if tf > 1:
                    gaps.append(-tf)
    terms = sorted(postings)
    boosts = dict(FIELDS)
    return {"version": __TARGET_JS_VERSION__, "fields": fields, "boosts": [boosts.get(f, 1) for f in fields],
            "pipeline": b.search_pipeline.serialize(), "refs": refs, "lengths": lengths, "terms": terms,
            "postings": [postings[term][:k] for term in terms]}


def _field_terms(pipeline: _PerWordPipeline, text) -> list:
    """The indexed terms of one field's text, in order (repeats kept: they make the length).

    What ``pipeline.run`` gives for the field's tokens: :func:`builder`'s pipelines
    skip no function for any field.
    """
    out: list = []
    known = pipeline.known_words
    for token in tokenize(text):
        words = known.get(token)
        out += words if words is not None else pipeline.words(token)
    return out


def load_packed(packed: dict):
    """A lunr.py index from the compact form, as the browser gets it."""
    from lunr.index import Index

    return Index.load(unpack_index(packed))


# -- compact form of a serialized index ---------------------------------------
#
# lunr's own serialization repeats every document ref in every posting and ships
# every BM25 weight of every field vector (two thirds of the bytes, and they
# compress badly).  The library page receives instead what the weights are made
# of: sorted terms, postings as document numbers (gaps between them, with term
# frequencies above one marked by a negative number after the gap) and field
# lengths.  :func:`unpack_index` here and ``unpackIndex`` in library-search.js
# rebuild lunr's serialization with lunr's formulas; the parity test checks that
# lunr.py and lunr.js answer the same from it.

K1, B = 1.2, 0.75  # lunr's BM25 defaults (Builder.k1, Builder.b)


def pack_index(index, boosts: Optional[dict] = None) -> dict:
    """The compact form of a lunr.py index built by :func:`builder`."""
    serialized = index.serialize()
    fields = list(serialized["fields"])
    boosts = boosts or dict(FIELDS)
    refs = sorted({key.split("/", 1)[1] for key, _v in serialized["fieldVectors"]})
    number = {ref: i for i, ref in enumerate(refs)}
    # Field lengths and term frequencies are not in lunr's serialization: build_index kept them.
    lengths = {f: [0] * len(refs) for f in fields}
    frequencies = index.rl_frequencies
    for field_ref, length in index.rl_field_lengths.items():
        field_name, ref = field_ref.split("/", 1)
        lengths[field_name][number[ref]] = length
    terms, postings = [], []
    for term, posting in serialized["invertedIndex"]:
        terms.append(term)
        row = []
        for field_name in fields:
            out, previous = [], 0
            for n in sorted(number[ref] for ref in posting.get(field_name, {})):
                out.append(n - previous)
                previous = n
                tf = frequencies[f"{field_name}/{refs[n]}"].get(term, 1)
                if tf > 1:
                    out.append(-tf)
            row.append(out)
        postings.append(row)
    return {"version": serialized["version"], "fields": fields, "boosts": [boosts.get(f, 1) for f in fields],
            "pipeline": serialized["pipeline"], "refs": refs, "lengths": [lengths[f] for f in fields],
            "terms": terms, "postings": postings}


def _round3(score: float) -> float:
    # Half up, as written in library-search.js, so both sides get the same weights.
    scaled = score * 1000
    whole = math.floor(scaled)
    if scaled - whole >= 0.5:
        whole += 1
    return whole / 1000


def unpack_index(packed: dict) -> dict:
    """lunr's serialization of a :func:`pack_index` result (what ``lunr.Index.load`` takes)."""
    fields, refs = packed["fields"], packed["refs"]
    count = len(refs)
    average = [sum(lengths) / count if count else 0 for lengths in packed["lengths"]]
    inverted, vectors = [], {(f, n): [] for f in range(len(fields)) for n in range(count)}
    for i, (term, row) in enumerate(zip(packed["terms"], packed["postings"])):
        posting: dict = {"_index": i}
        docs_per_field = []
        for f, entries in enumerate(row):
            docs, n = [], 0
            for value in entries:
                if value < 0:
                    docs[-1][1] = -value
                else:
                    n += value
                    docs.append([n, 1])
            docs_per_field.append(docs)
            posting[fields[f]] = {refs[d]: {} for d, _tf in docs}
        inverted.append([term, posting])
        with_term = sum(len(docs) for docs in docs_per_field)
        x = (count - with_term + 0.5) / (with_term + 0.5)
        idf = math.log(1 + abs(x))
        for f, docs in enumerate(docs_per_field):
            for d, tf in docs:
                length = packed["lengths"][f][d]
                score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[f])) + tf)
                score *= packed["boosts"][f]
                vectors[(f, d)] += [i, _round3(score)]
    return {"version": packed["version"], "fields": fields,
            "fieldVectors": [[f"{fields[f]}/{refs[d]}", v] for (f, d), v in vectors.items()],
            "invertedIndex": inverted, "pipeline": packed["pipeline"]}


def prepare_query(query: str) -> str:
    """A reader's query as lunr should parse it: folded, elisions dropped, apostrophes as spaces.

    lunr skips its pipeline for wildcard terms, so folding cannot wait for it.
    """
    q = fold_text(query)
    q = _QUERY_ELISION_RE.sub(r"\1", q)
    return _APOSTROPHE_RE.sub(" ", q).strip()


def search(index, query: str) -> list:
    """Result ids of ``query`` in relevance order (empty for an empty or invalid query)."""
    q = prepare_query(query)
    if not q:
        return []
    try:
        return [r["ref"] for r in index.search(q)]
    except Exception:  # lunr's QueryParseError and friends: a reader's typo is not an error
        return []


def record_facets(record) -> dict:
    """``{URL parameter: [terms]}`` of one record (facets it has no term for are left out)."""
    out = {}
    for param, field_name, _vocab in FACETS:
        if field_name == "evidence":
            terms = [record.evidence["level"]] if record.evidence else []
        else:
            terms = record.terms(field_name)
        if terms:
            out[param] = list(terms)
    return out


def facet_options(catalogue, lang: str) -> list:
    """Every facet with every vocabulary term, labelled in ``lang``, for the library page's form.

    Each option carries how many records have it (the counts before any filter).
    """
    tally: dict = {}
    for record in catalogue.records.values():
        for param, terms in record_facets(record).items():
            for term in terms:
                tally[(param, term)] = tally.get((param, term), 0) + 1
    out = []
    for param, field_name, vocab_id in FACETS:
        vocab = catalogue.vocabularies.get(vocab_id)
        if vocab is None or not vocab.terms:
            continue
        label = vocab.label.get(lang) or vocab.label.get(DEFAULT_LANGUAGE) or vocab_id
        out.append({
            "param": param,
            "field": field_name,
            "label": label,
            "options": [{"id": t.id, "label": t.label_in(lang), "count": tally.get((param, t.id), 0)}
                        for t in vocab.terms.values()],
        })
    return out


def search_data(catalogue, lang: str) -> dict:
    """Everything the library page's script needs for ``lang``: the index and each record's facets.

    Records keep the order of ``catalogue.records``; the page decides display order.
    """
    records = list(catalogue.records.values())
    return {
        "lang": lang,
        "fields": [name for name, _ in FIELDS],
        "facets": [param for param, _f, _v in FACETS],
        "records": {r.id: {"f": record_facets(r), "d": r.last_changed} for r in records},
        "index": packed_index(records, lang),
    }


def write_search_data(catalogue, lang: str, site_dir: Path) -> Path:
    """Write ``lang``'s search data where the library page of ``lang`` fetches it."""
    rel = INDEX_PATH if lang == DEFAULT_LANGUAGE else f"{lang}/{INDEX_PATH}"
    path = Path(site_dir) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(search_data(catalogue, lang), ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")
    return path


def lunr_js_dir() -> Path:
    """``contrib/search`` of the installed ``mkdocs`` package (found without importing it)."""
    spec = importlib.util.find_spec("mkdocs")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mkdocs package is not installed: it provides lunr.js")
    return Path(list(spec.submodule_search_locations)[0]) / "contrib" / "search"


def copy_lunr_js(site_dir: Path, source: Optional[Path] = None) -> list:
    """Copy lunr.js and the French lunr-languages files into the site (never vendored)."""
    source = source or lunr_js_dir()
    target = Path(site_dir) / LUNR_DIR
    target.mkdir(parents=True, exist_ok=True)
    out = []
    for name, rel in LUNR_FILES.items():
        shutil.copyfile(source / rel, target / name)
        out.append(target / name)
    return out


__all__ = ["FACETS", "FIELDS", "build_index", "load_packed", "pack_index", "packed_index", "unpack_index",
           "copy_lunr_js", "document", "facet_options", "fold", "fold_word", "prepare_query", "record_facets",
           "search", "search_data", "tokenize", "write_search_data", "INDEX_PATH", "LUNR_DIR"]

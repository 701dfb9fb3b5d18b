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
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Iterable, Optional

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer as english_stemmer
from lunr.stop_word_filter import stop_word_filter as english_stop_word_filter
from lunr.token import Token

from .model import DEFAULT_LANGUAGE

#: Name of the folding function in lunr.py's and lunr.js's pipeline registries.
FOLD_NAME = "rl-fold"

#: Indexed fields and their boosts (a match in a title counts ten times one in a description).
FIELDS = (("title", 10), ("keywords", 5), ("summary", 3), ("description", 1))

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


def builder(lang: str) -> Builder:
    """A lunr builder with this project's pipelines for ``lang``."""
    b = Builder()
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
        "summary": summary or "",
        "description": plain(description) if description else "",
        "keywords": " ".join(keywords) if keywords else "",
    }


def build_index(records: Iterable, lang: str):
    """The lunr.py index of ``records`` in ``lang``."""
    b = builder(lang)
    for record in records:
        doc = document(record, lang)
        if doc is not None:
            b.add(doc)
    return b.build()


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
        "index": build_index(records, lang).serialize(),
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


__all__ = ["FACETS", "FIELDS", "build_index", "copy_lunr_js", "document", "facet_options", "fold",
           "fold_word", "prepare_query", "record_facets", "search", "search_data", "write_search_data",
           "INDEX_PATH", "LUNR_DIR"]

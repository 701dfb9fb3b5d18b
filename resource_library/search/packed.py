"""The compact form of a library index, built directly from the records: what the build ships.

``pack_index(build_index(...))`` pays for what it throws away: lunr.py's tokenizer
(a Python loop over every character), then ``Builder.build()`` (BM25 field vectors
and a TokenSet) and ``serialize()``, of which ``pack_index`` keeps only the sorted
terms and postings.  :func:`packed_index` computes the same dict from the same
tokens and the same pipeline, without them; tests check it against the
reference, which lunr.py's Builder remains.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from lunr import __TARGET_JS_VERSION__
from lunr.tokenizer import SEPARATOR_CHARS

from resource_library.kept import KeptWork, table
from resource_library.search.codec import pack_index
from resource_library.search.index import FIELDS, build_documents, builder, document
from resource_library.search.pipeline import PerWordPipeline

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
    """``pack_index(build_index(records, lang))``, accumulated directly from the records."""
    return pack_documents([document(record, lang) for record in records], lang)


def pack_documents(documents: Iterable, lang: str, fields_boosts=FIELDS, kept: KeptWork | None = None) -> dict:
    """``pack_index(build_documents(documents, lang, fields_boosts))``, accumulated directly.

    Documents are taken in the order of their refs (their numbers in the compact
    form), so each posting grows in number order and is written as gaps as it goes.
    No document (a library not translated yet) gives an empty index: the page finds
    nothing by words and still filters (lunr.py's own builder cannot make it: it
    divides by the number of documents).  ``kept``: the build's, whose terms of each
    document are taken while the document's texts are the same.
    """
    documents = [doc for doc in documents if doc is not None]
    docs = sorted(documents, key=lambda doc: str(doc["id"]))
    refs = [str(doc["id"]) for doc in docs]
    if len(set(refs)) < len(refs):
        # Two documents with one id (a catalogue never has them): lunr.py keeps the last
        # one's frequencies but both one's postings; let lunr.py answer.
        return pack_index(build_documents(documents, lang, fields_boosts), fields_boosts)
    b = builder(lang, fields_boosts)
    fields = [name for name, _boost in fields_boosts]
    k = len(fields)
    lengths: list = [[] for _f in fields]
    counted = table(kept, (lang, "search terms", tuple(fields)))

    def count(texts: tuple) -> list:
        """``[(length, [(term, frequency)])]``: each field's."""
        return [(len(terms), list(Counter(terms).items())) for terms in (_field_terms(b.pipeline, t) for t in texts)]

    # term -> k gap lists (one per field), then the last document number of each.
    postings: dict[str, list[Any]] = {}
    for n, doc in enumerate(docs):
        texts = tuple(doc[field_name] for field_name in fields)
        for f, (length, counts) in enumerate(counted.use(doc["id"], texts, count, texts)):
            lengths[f].append(length)
            for term, tf in counts:
                row = postings.get(term)
                if row is None:
                    row = postings[term] = [[] for _f in fields] + [0] * k
                gaps: list[int] = row[f]
                gaps.append(n - row[k + f])
                row[k + f] = n
                if tf > 1:
                    gaps.append(-tf)
    terms = sorted(postings)
    return {
        "version": __TARGET_JS_VERSION__,
        "fields": fields,
        "boosts": [boost for _name, boost in fields_boosts],
        "pipeline": b.search_pipeline.serialize(),
        "refs": refs,
        "lengths": lengths,
        "terms": terms,
        "postings": [postings[term][:k] for term in terms],
    }


def _field_terms(pipeline: PerWordPipeline, text) -> list:
    """The indexed terms of one field's text, in order (repeats kept: they make the length).

    What ``pipeline.run`` gives for the field's tokens: :func:`~resource_library.search.index.builder`'s
    pipelines skip no function for any field.
    """
    out: list = []
    known = pipeline.known_words
    for token in tokenize(text):
        words = known.get(token)
        out += words if words is not None else pipeline.words(token)
    return out

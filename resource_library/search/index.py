"""Building a library index with lunr.py's own builder: the reference the compact form is checked against.

Each language's index holds only that language's text (:func:`document`): a record
without French text is absent from the French index, so "anxiety" typed on the
French page finds nothing that exists only in English.  Facets still list every
record (:mod:`resource_library.search.facets`).

The build ships :func:`~resource_library.search.packed.packed_index`, which makes
the same index without lunr.py's builder; :func:`build_index` stays the reference
for the tests and the benchmark.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lunr.builder import Builder

from resource_library.search.fold import prepare_query
from resource_library.search.pipeline import PerWordPipeline, pipelines

#: Indexed fields and their boosts (a match in a title counts five times one in the text).
#: ``text`` is the summary and the description together: one field fewer makes a
#: query matching most records markedly faster (scripts/bench-search: p95 at 5,000
#: records went from 33-37 ms to 16-20 ms), at the price of ``summary:`` queries.
FIELDS = (("title", 10), ("keywords", 5), ("text", 2))


#: ``{lang: {word: words}}``: what the index pipeline of each language made of each word
#: (:class:`~resource_library.search.pipeline.PerWordPipeline`), bounded.
_KNOWN_WORDS: dict = {}
KNOWN_WORDS_LIMIT = 500_000


def builder(lang: str, fields=FIELDS) -> Builder:
    """A lunr builder with this project's pipelines for ``lang`` (``fields``: ``(name, boost)`` pairs)."""
    index_functions, search_functions = pipelines(lang)
    b = Builder()
    b.pipeline = PerWordPipeline()
    # A word gives the same words in every build of the process (`mkdocs serve` builds again).
    known = _KNOWN_WORDS.setdefault(lang, {})
    if len(known) > KNOWN_WORDS_LIMIT:
        known.clear()
    b.pipeline.known_words = known
    b.pipeline.add(*index_functions)
    b.search_pipeline.add(*search_functions)
    b.ref("id")
    for name, boost in fields:
        b.field(name, boost=boost)
    return b


# A link or image, "[text](target)"; an opening whose "]" has no "(...)" after it is read to that
# "]" and kept as it is (group "target" empty), so no later "[" reads the same text again.
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)(?:\]\((?P<target>[^)]*\)?))?")
# Numbered list items; the spaces before one are read once (group "item" empty when no number
# follows them).  Then markup characters.  (Neither can hold what the other matches, so two
# passes give what one alternation would.)
_MD_ITEM_RE = re.compile(r"^\s*(?P<item>\d+\.\s)?", re.M)
_MD_MARKUP_RE = re.compile(r"[#*_`>|]+")


def _link_text(match) -> str:
    return match.group(1) if match.group("target") and match.group("target").endswith(")") else match.group(0)


def _item(match) -> str:
    return " " if match.group("item") else match.group(0)


def plain(markdown: str) -> str:
    """Markdown as the words a reader sees (links keep their text, not their address)."""
    return _MD_MARKUP_RE.sub(" ", _MD_ITEM_RE.sub(_item, _MD_LINK_RE.sub(_link_text, markdown)))


def document(record, lang: str) -> dict | None:
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
    """The lunr.py index of ``records`` in ``lang`` (with what ``codec.pack_index`` needs)."""
    return build_documents((document(record, lang) for record in records), lang)


def build_documents(docs: Iterable, lang: str, fields=FIELDS):
    """The lunr.py index of documents (dicts with ``id`` and each field; None skipped)."""
    b = builder(lang, fields)
    for doc in docs:
        if doc is not None:
            b.add(doc)
    index = b.build()
    index.rl_frequencies = {ref: dict(tfs) for ref, tfs in b.field_term_frequencies.items()}
    index.rl_field_lengths = dict(b.field_lengths)
    return index


def search(index, query: str) -> list:
    """Result ids of ``query`` in relevance order (empty for an empty or invalid query)."""
    q = prepare_query(query)
    if not q:
        return []
    try:
        return [r["ref"] for r in index.search(q)]
    except Exception:  # lunr's QueryParseError and friends: a reader's typo is not an error
        return []

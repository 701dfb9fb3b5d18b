"""Folding: the one spelling of a word that the index and the reader's query share.

Written twice: here in Python, for the index built at build time, and in
``overrides/assets/javascripts/library-search.js`` (``foldWord``,
``prepareQuery``) for the reader's query in the browser; the parity test checks
that the two agree.  Folding lowercases, removes accents, splits words at
apostrophes and drops French elisions (``l'``, ``d'``, ``qu'``...), then trims
punctuation, so "ANXIÉTÉ", "anxiete" and "l'anxiété" all become ``anxiete``
before stemming.

This module imports no lunr: the lunr pipeline function built on it (``rl-fold``)
is in :mod:`resource_library.search.pipeline`.
"""

from __future__ import annotations

import re
import unicodedata

# The same character classes are written in library-search.js; keep them in step.
_APOSTROPHES = "'\u2018\u2019\u02bc"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")
_MARK_RE = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_PUNCT = r"\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2e00-\u2e7f\u3000-\u303f"
_TRIM_RE = re.compile(f"^[{_PUNCT}]+|[{_PUNCT}]+$")
#: The characters of ``_PUNCT``, for ``str.strip`` (a regular expression ending in ``[...]+$`` reads
#: a long run of punctuation again from each of its characters).
_PUNCT_CHARACTERS = "".join(chr(c) for c in range(0x3000 + 0x40) if _TRIM_RE.fullmatch(chr(c)))
_LIGATURES = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"}
_LIGATURE_RE = re.compile("[" + "".join(_LIGATURES) + "]")
#: Words French writes before an apostrophe (l', d', qu', jusqu'...), dropped with it.
ELISIONS = frozenset({"qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"})
_QUERY_ELISION_RE = re.compile(r"(^|[\s+\-:])(?:qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[a-z])[" + _APOSTROPHES + "]")


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
        part = part.strip(_PUNCT_CHARACTERS)
        if not part:
            continue
        if len(parts) > 1 and (len(part) == 1 or part in ELISIONS):
            continue
        out.append(part)
    return out


def prepare_query(query: str) -> str:
    """A reader's query as lunr should parse it: folded, elisions dropped, apostrophes as spaces.

    lunr skips its pipeline for wildcard terms (``anx*``), so folding cannot wait
    for it: queries are prepared here (and by ``prepareQuery`` in JavaScript)
    before lunr parses them.
    """
    q = fold_text(query)
    q = _QUERY_ELISION_RE.sub(r"\1", q)
    return _APOSTROPHE_RE.sub(" ", q).strip()

"""The lunr pipelines of the library's indexes: which functions turn words into terms, per language.

The index is built at build time with lunr.py and loaded in the browser by
lunr.js (``overrides/assets/javascripts/library-search.js``).  For the two to
agree, every function named in the serialized search pipeline must exist under
the same name on both sides:

- ``rl-fold`` (ours: :func:`fold`, on :func:`~resource_library.search.fold.fold_word`
  here and ``foldWord`` in the JS file) runs first, at index and at query time.
- ``stemmer`` (lunr's English stemmer, built into lunr.py and lunr.js) on the
  English index; ``stemmer-fr`` (the Snowball French stemmer: nltk's in Python,
  lunr-languages' ``lunr.fr.js`` in the browser; neither needs downloaded data) on
  the French one.  Stemming runs on folded words, so accents typed or not give the
  same stem.

Stop words are removed at index time only (lunr's English list; our folded French
list below), so they never need to exist in JavaScript.
"""

from __future__ import annotations

from lunr.pipeline import Pipeline
from lunr.stemmer import stemmer as english_stemmer
from lunr.stop_word_filter import stop_word_filter as english_stop_word_filter
from lunr.token import Token

from resource_library.search.fold import fold_word

#: Name of the folding function in lunr.py's and lunr.js's pipeline registries.
FOLD_NAME = "rl-fold"

#: French stop words, folded (the index only ever sees folded words).
FRENCH_STOP_WORDS = frozenset(
    [
        "a",
        "ai",
        "aie",
        "aient",
        "aies",
        "ait",
        "as",
        "au",
        "aura",
        "aurai",
        "auraient",
        "aurais",
        "aurait",
        "auras",
        "aurez",
        "auriez",
        "aurions",
        "aurons",
        "auront",
        "aux",
        "avaient",
        "avais",
        "avait",
        "avec",
        "avez",
        "aviez",
        "avions",
        "avons",
        "ayant",
        "ayez",
        "ayons",
        "c",
        "ce",
        "ceci",
        "cela",
        "cet",
        "cette",
        "ces",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "elles",
        "en",
        "es",
        "est",
        "et",
        "etaient",
        "etais",
        "etait",
        "etant",
        "etiez",
        "etions",
        "ete",
        "etes",
        "eu",
        "eue",
        "eues",
        "eurent",
        "eus",
        "eut",
        "eux",
        "fut",
        "furent",
        "ici",
        "il",
        "ils",
        "j",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "m",
        "ma",
        "mais",
        "me",
        "meme",
        "mes",
        "moi",
        "mon",
        "n",
        "ne",
        "ni",
        "nos",
        "notre",
        "nous",
        "on",
        "ont",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "quel",
        "quelle",
        "quelles",
        "quels",
        "qui",
        "s",
        "sa",
        "sans",
        "se",
        "sera",
        "serai",
        "seraient",
        "serais",
        "serait",
        "seras",
        "serez",
        "seriez",
        "serions",
        "serons",
        "seront",
        "ses",
        "si",
        "soi",
        "soient",
        "sois",
        "soit",
        "sommes",
        "son",
        "sont",
        "sur",
        "t",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
    ]
)


def fold(token: Token, i=None, tokens=None):
    """lunr pipeline function ``rl-fold``: one token in, zero or more tokens out."""
    words = fold_word(str(token))
    if len(words) == 1:
        return token.update(lambda s, m=None: words[0])
    return [Token(word, dict(token.metadata)) for word in words]


Pipeline.register_function(fold, FOLD_NAME)


def french_stop_word_filter(token: Token, i=None, tokens=None):
    """lunr pipeline function ``rl-stop-fr``: drops the (folded) French stop words."""
    return None if str(token) in FRENCH_STOP_WORDS else token


# Index-time only (not serialized): registered so lunr.py does not warn.
Pipeline.register_function(french_stop_word_filter, "rl-stop-fr")


def french_stemmer():
    """lunr.py's ``stemmer-fr`` pipeline function (nltk's Snowball French stemmer)."""
    # nltk's Snowball stemmers need no downloaded data; importing lunr.languages
    # registers them as ``stemmer-<lang>``, the names lunr-languages uses in JS.
    import lunr.languages  # noqa: F401

    try:
        return Pipeline.registered_functions["stemmer-fr"]
    except KeyError:  # pragma: no cover - nltk missing
        raise RuntimeError("the French search index needs nltk (pip install 'nltk>=3.8,<4')") from None


def pipelines(lang: str) -> tuple:
    """The functions of ``lang``'s index pipeline and of its search pipeline, in order."""
    if lang == "fr":
        stem = french_stemmer()
        return (fold, french_stop_word_filter, stem), (fold, stem)
    if lang == "en":
        return (fold, english_stop_word_filter, english_stemmer), (fold, english_stemmer)
    raise ValueError(f"no search pipeline for language {lang!r}")


class PerWordPipeline(Pipeline):
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

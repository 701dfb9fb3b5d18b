"""The one language-fallback rule: what to show when a text is missing in the reader's language.

English is the reference language.  A text written in both languages is an
``{en: ..., fr: ...}`` mapping; when the reader's language has no (or an empty)
variant, the English one is shown, marked as such, so that the page can say so
(``lang="en"`` on the element, a notice).  Every place that chooses a variant
(pages, interface words, vocabulary labels, drawings, search facets, the
glossary) goes through :func:`pick` or :func:`text_in`.
"""

from __future__ import annotations

from dataclasses import dataclass

from resource_library.model.record import DEFAULT_LANGUAGE, LANGUAGES


@dataclass(frozen=True)
class Text:
    """A text shown on a page, and the language it is really in."""

    value: str
    lang: str
    fallback: bool = False

    def __str__(self) -> str:
        return self.value


def pick(variants, lang: str) -> Text | None:
    """The ``lang`` variant of ``{en, fr}``, else the English one (or any) marked as fallback.

    A plain string is taken as already in ``lang``; None stays None, and so does
    a mapping without any text.
    """
    if variants is None:
        return None
    if isinstance(variants, str):
        return Text(variants, lang)
    if variants.get(lang):
        return Text(variants[lang], lang)
    for other in (DEFAULT_LANGUAGE, *LANGUAGES):
        if variants.get(other):
            return Text(variants[other], other, fallback=True)
    return None


def text_in(variants, lang: str, default: str = "") -> str:
    """The text :func:`pick` chooses, as a plain string (``default`` when there is none)."""
    chosen = pick(variants, lang)
    return chosen.value if chosen is not None else default

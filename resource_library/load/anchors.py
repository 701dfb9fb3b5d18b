"""The anchors of a page's Markdown, as MkDocs will know them, found without converting it.

A link to a section (``about.md#team``) works when the page has that anchor; a
strict build stops otherwise.  Python-Markdown gives anchors to:

- headings: the ``#id`` of their attribute list (``## Our team { #team }``), or else
  an id made from their words (``## Our mission`` → ``our-mission``; a second heading
  with the same words gets ``our-mission_1``);
- links and images followed by an attribute list (``[Write to us](contact.md){ #write }``).

:func:`anchors` finds them in the Markdown editors write.  An id made from a heading's
words is derived here only for headings written in plain words (letters, digits,
spaces and ordinary punctuation): with emphasis, code, links or character
references in it, only the converted HTML would say (such a heading takes an id
with ``{ #id }``).  So every anchor found here is one the page has; a page may have
a few more.  Every scan is linear in the size of the text.
"""

from __future__ import annotations

import re
import unicodedata

from resource_library.load.pages import prose_only

# A heading, as Python-Markdown reads it: one to six "#" at the very start of a line.
_HASHES = re.compile(r"#{1,6}")
# Words that convert to themselves: no emphasis, code, link, HTML or character reference.
_PLAIN = re.compile(r"[^*_`\[\]<>&\\{}#\"]*")
_NOT_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[-\s]+")
#: "](target" of an inline link or image (the target ends at a space, ")" or ">"): each
#: match runs to the end of its target, so that scanning a text with it is linear.
LINK_TARGET = re.compile(r"\]\([ \t]*<?([^)>\s]*)")
# What may follow a link's target up to its ")" (a title in quotes), and an attribute list's "{".
_LINK_END = re.compile(r">?(?:[ \t]{1,64}\"[^\"\n]{0,512}\")?[ \t]{0,64}\)\{")


def slugify(words: str) -> str:
    """The id Python-Markdown's ``toc`` extension (as the site configures it) makes from a heading's words."""
    ascii_words = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub("-", _NOT_WORD.sub("", ascii_words).strip().lower())


def _ids(attributes: str) -> list:
    """The ``#id`` tokens of an attribute list's text (text safety allows only ``.class`` and ``#id``)."""
    return [token[1:] for token in attributes.split() if token.startswith("#") and len(token) > 1]


def _heading_attributes(words: str) -> tuple:
    """``(words without the attribute list, ids in it)`` of a heading's text."""
    stripped = words.rstrip(" ")
    opening = stripped.rfind("{")
    if (
        not stripped.endswith("}")
        or opening < 1
        or words[opening - 1] != " "
        or stripped.count("{") != 1
        or stripped.count("}") != 1
    ):
        return words, []
    return stripped[:opening].rstrip(" "), _ids(stripped[opening + 1 : -1].lstrip(":"))


def _unique(slug: str, used: set, counters: dict) -> str:
    """``slug``, or ``slug_1``, ``slug_2``... when taken (the ``toc`` extension's rule)."""
    if slug in used or not slug:
        base, underscore, digits = slug.rpartition("_")
        if underscore and digits.isascii() and digits.isdigit():
            count = int(digits)
        else:
            base, count = slug, 0
        known = counters.get(base, 0)
        skip = count <= known or slug == f"{base}_{known + 1}"  # within the run of suffixes known taken
        if skip:
            count = max(count, known)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        slug = f"{base}_{count}"
        if skip:
            counters[base] = count
    used.add(slug)
    return slug


def anchors(text: str) -> set:
    """The anchors of a page (or of a Markdown text) that this module can vouch for."""
    prose = prose_only(text)
    explicit: set = set()
    headings: list = []  # the words of each heading without an id of its own, None when not plain
    for line in prose.split("\n"):
        hashes = _HASHES.match(line)
        if not hashes:
            continue
        words = line[hashes.end() :].rstrip(" \t").rstrip("#")
        words, ids = _heading_attributes(words.strip())
        if ids:
            explicit.add(ids[-1])  # the last #id of an attribute list wins
        else:
            headings.append(words if _PLAIN.fullmatch(words) else None)
    for target in LINK_TARGET.finditer(prose):
        end = _LINK_END.match(prose, target.end())
        if end:
            closing = prose.find("}", end.end(), end.end() + 512)
            newline = prose.find("\n", end.end(), end.end() + 512)
            if closing > 0 and (newline < 0 or closing < newline):
                explicit.update(_ids(prose[end.end() : closing].lstrip(":"))[-1:])
    found = set(explicit)
    used, counters = set(explicit), dict[str, int]()
    for words in headings:
        if words is None:
            continue  # its id is unknown here; the headings after it keep theirs
        found.add(_unique(slugify(words), used, counters))
    return found

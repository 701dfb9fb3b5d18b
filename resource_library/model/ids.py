"""The one id rule: records, pillars, programs, drawings, vocabulary and glossary terms.

An id is lowercase letters ``a``–``z``, digits and single hyphens: it becomes a
file name, a page address (``/library/<id>/``) or an anchor, and is typed in other
files, so it must read and type the same everywhere.  Ids that become a page or
a file (records, pillars, programs, drawings) may not take a name the build uses
for its own pages and files (:data:`RESERVED`): a record ``index`` would replace
the library page.  :func:`id_problem` says what is wrong with a candidate, naming
an invisible or look-alike character by its Unicode name and column, and
:func:`propose_id` turns any text into a valid id.
"""

from __future__ import annotations

import re
import unicodedata

from resource_library.text.unicode import describe, skeleton, visible

#: The rule as a JSON Schema pattern (editors' tools); the code uses :func:`is_id`.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

#: Names the build gives its own pages and files (render/pages.py, translation/site.py,
#: search/, the MkDocs theme): ``index`` of every folder, the folders of generated
#: pages, the pages at the root of the site, the theme's files and the languages.
RESERVED = frozenset(
    {
        "index",
        "library",
        "pillars",
        "programs",
        "infographics",
        "glossary",
        "translation-status",
        "search",
        "search-index",
        "assets",
        "sitemap",
        "404",
        "en",
        "fr",
    }
)

#: Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "’": "-",
        "'": "-",
    }
)
_RULE = "use lowercase letters, digits and single hyphens"


def is_id(value) -> bool:
    """Whether ``value`` follows the id rule (reserved names aside)."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def id_problem(value: str, noun: str = "id", column: int | None = None, reserved: bool = False) -> str | None:
    """What is wrong with ``value`` as an id, or None when it is a valid one.

    Args:
        noun: what the id names, as the message says it (``pillar id``, ``term id``).
        column: the column of the file where ``value`` starts, to say where a wrong
            character is (without it, the message counts characters).
        reserved: refuse the names the build uses (ids that become pages or files).
    """
    if is_id(value):
        if reserved and value in RESERVED:
            return (
                f"'{value}' is reserved: the site uses this name for its own pages and files "
                f"(reserved: {', '.join(sorted(RESERVED))}); choose another {noun}"
            )
        return None
    if value == "":
        return f"the {noun} is empty; {_RULE}"
    reason = _reason(value, column)
    latin = skeleton(value)
    example = propose_id(latin, reserved=reserved) if re.search(r"[A-Za-z0-9]", latin) else ""
    hint = f", e.g. '{example}'" if example and example != value else ""
    return f"'{visible(value)}' is not a valid {noun}: {_RULE} ({reason}){hint}"


def _where(index: int, column: int | None) -> str:
    return f"at column {column + index}" if column else f"at position {index + 1}"


def _reason(value: str, column: int | None) -> str:
    """The first thing that breaks the rule in ``value``, and where."""
    for index, ch in enumerate(value):
        if "a" <= ch <= "z" or "0" <= ch <= "9" or ch == "-":
            continue
        where = _where(index, column)
        if "A" <= ch <= "Z":
            return f"'{ch}' {where} is an uppercase letter"
        if ch == " ":
            return f"a space {where}"
        if ch.isascii() and ch.isprintable():
            return f"'{ch}' {where} is not allowed"
        label, _, what = describe(ch).partition(", ")
        return f"{label} {where}" + (f", {what}" if what else "")
    if value.startswith("-") or value.endswith("-"):
        return "it starts or ends with a hyphen"
    return f"two hyphens in a row {_where(value.index('--'), column)}"


def propose_id(text: str, max_length: int = 60, reserved: bool = True, fallback: str = "resource") -> str:
    """A valid id from any text: ``"Étapes : l'été 2024"`` → ``etapes-l-ete-2024``.

    A text with no Latin letter or digit (punctuation only, another script) gives
    ``fallback``; a reserved name gets ``-<fallback>`` added, so the proposal is
    always an id the checks accept.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_text = ascii_text.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_length:
            break
        out = candidate
    out = out or (words[0][:max_length] if words else "") or fallback
    if reserved and out in RESERVED:
        out = f"{out}-{fallback}"
    return out


__all__ = ["ID_PATTERN", "RESERVED", "id_problem", "is_id", "propose_id"]

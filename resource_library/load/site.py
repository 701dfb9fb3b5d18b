"""The site's own data (``data/site.yml``): who publishes it, its crisis banner, and the terms of reuse of its data.

The open data files, the feeds and the structured data of resource pages name the
publisher and the licence from here, never from code: a licence is a legal
statement that only the organisation can make.  The file is optional (a library
without it publishes no licence and names no publisher); when it is there it is
checked like every other data file, each problem at its line and column.

Each top-level section has its reader in :data:`SECTIONS` (a function that checks
the section and fills :class:`SiteInfo`); a new section, such as the site's
identity, is one more field in the model (:mod:`resource_library.model.site`),
one more reader and one more attribute.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from resource_library.load.problems import WARNING
from resource_library.load.textsafety import link_scheme, scan_document
from resource_library.load.yamlsource import Document, load_file
from resource_library.model.fields import names
from resource_library.model.fields import required as required_names
from resource_library.model.record import LANGUAGES
from resource_library.model.site import (
    CRISIS,
    CRISIS_LINE,
    EMAIL_PATTERN,
    KEYWORD_PATTERN,
    LICENCE,
    LOGO_PATTERN,
    PHONE_PATTERN,
    PUBLISHER,
    SITE,
)
from resource_library.text.fallback import text_in


@dataclass(frozen=True)
class Licence:
    """The licence of the site's data: its name ``{en, fr}`` and the https:// address of its text."""

    name: dict
    url: str


@dataclass(frozen=True)
class CrisisLine:
    """One service of the crisis banner: its name ``{en, fr}``, the numbers as shown, the word to text."""

    name: dict
    call: str | None = None
    text: str | None = None
    keyword: dict | None = None

    @staticmethod
    def dialled(number: str) -> str:
        """The digits a ``tel:`` or ``sms:`` link carries (``+`` kept first): ``9-8-8`` → ``988``."""
        return ("+" if number.startswith("+") else "") + re.sub(r"[^0-9]", "", number)


@dataclass(frozen=True)
class Crisis:
    """The crisis banner: its heading ``{en, fr}`` and its services, in order."""

    title: dict
    lines: tuple


@dataclass
class SiteInfo:
    """What ``data/site.yml`` says (every attribute empty when the file is absent).

    Attributes:
        publisher: ``{"name": {en, fr}, "url": str or None, "email": str or None, "logo": str or None}``,
            or empty.
        licence: The licence of the data, or None when none is stated.
        crisis: The crisis banner, or None when the file has none.
        source: The file, relative to the project root.
    """

    publisher: dict = field(default_factory=dict)
    licence: Licence | None = None
    crisis: Crisis | None = None
    source: str = "data/site.yml"

    @property
    def email(self) -> str:
        """The organisation's contact address, or ``""``."""
        return self.publisher.get("email") or ""

    @property
    def logo(self) -> str:
        """The logo's path under ``docs/`` (only when the file is there), or ``""``."""
        return self.publisher.get("logo") or ""

    def publisher_name(self, lang: str) -> str:
        """The publisher's name in ``lang`` (English when there is no French), or ``""``."""
        return text_in(self.publisher.get("name"), lang)

    def licence_name(self, lang: str) -> str:
        return text_in(self.licence.name, lang) if self.licence else ""


def _names(doc: Document, value, path: tuple, problems: list) -> dict | None:
    """A name in both languages: ``{en, fr}`` (English required, French recommended) or one text for both."""
    if isinstance(value, str) and value.strip():
        return {lang: value for lang in LANGUAGES}
    if not isinstance(value, dict):
        problems.append(doc.problem(path, "expected the name as `en:` and `fr:` texts"))
        return None
    for lang, text in value.items():
        if lang not in LANGUAGES:
            problems.append(doc.problem(path + (lang,), f"unknown language '{lang}'; use en or fr", key=True))
        elif not isinstance(text, str) or not text.strip():
            problems.append(doc.problem(path + (lang,), "expected text"))
    if not isinstance(value.get("en"), str) or not value["en"].strip():
        problems.append(doc.problem(path, "the English name (`en:`) is required"))
        return None
    if not value.get("fr"):
        problems.append(doc.problem(path, "no French name (`fr:`) yet", WARNING))
    return {lang: text for lang, text in value.items() if lang in LANGUAGES and isinstance(text, str)}


def _url(doc: Document, value, path: tuple, problems: list) -> str | None:
    if isinstance(value, str) and link_scheme(value) == "https" and not value.startswith("//"):
        return value
    problems.append(doc.problem(path, "expected a full https:// address"))
    return None


def _fields(doc: Document, value, path: tuple, problems: list, allowed: tuple, required: tuple) -> bool:
    """Whether ``value`` is a mapping; reports unknown and missing keys."""
    if not isinstance(value, dict):
        problems.append(doc.problem(path, f"expected a mapping with {', '.join(f'`{k}:`' for k in allowed)}"))
        return False
    for key in value:
        if key not in allowed:
            problems.append(
                doc.problem(path + (key,), f"unknown field '{key}' (allowed: {', '.join(allowed)})", key=True)
            )
    for key in required:
        if key not in value:
            problems.append(doc.problem(path, f"missing required field `{key}`"))
    return True


def _plain(doc: Document, value, path: tuple, problems: list, pattern: str, what: str) -> str | None:
    """A one-line text matching ``pattern`` (``what`` says what was expected), or None after a problem."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)  # 911 written without quotes
    if isinstance(value, str) and re.fullmatch(pattern, value.strip()):
        return value.strip()
    problems.append(doc.problem(path, f"expected {what}"))
    return None


def _email(doc: Document, value, path: tuple, problems: list) -> str | None:
    return _plain(doc, value, path, problems, EMAIL_PATTERN, "an e-mail address such as name@example.org")


def _logo(doc: Document, value, path: tuple, problems: list) -> str | None:
    return _plain(
        doc, value, path, problems, LOGO_PATTERN, "the path of an SVG image under docs/, such as images/logo.svg"
    )


def _publisher(doc: Document, value, path: tuple, info: SiteInfo, problems: list) -> None:
    if not _fields(doc, value, path, problems, names(PUBLISHER), required_names(PUBLISHER)):
        return
    name = _names(doc, value.get("name"), path + ("name",), problems) if "name" in value else None
    url = _url(doc, value["url"], path + ("url",), problems) if "url" in value else None
    email = _email(doc, value["email"], path + ("email",), problems) if "email" in value else None
    logo = _logo(doc, value["logo"], path + ("logo",), problems) if "logo" in value else None
    if name:
        info.publisher = {"name": name, "url": url, "email": email, "logo": logo}


def _keyword(doc: Document, value, path: tuple, problems: list) -> dict | None:
    """The word to text: one for both languages, or ``{en, fr}`` (English required)."""
    words = _names(doc, value, path, problems)
    if words is None:
        return None
    bad = [lang for lang, word in words.items() if not re.fullmatch(KEYWORD_PATTERN, word.strip())]
    for lang in bad:
        where = path + (lang,) if isinstance(value, dict) else path
        problems.append(doc.problem(where, "expected one word of letters and digits (at most 20), such as CONNECT"))
    return None if bad else {lang: word.strip() for lang, word in words.items()}


def _crisis_line(doc: Document, value, path: tuple, problems: list) -> CrisisLine | None:
    if not _fields(doc, value, path, problems, names(CRISIS_LINE), required_names(CRISIS_LINE)):
        return None
    phone = "a phone number of digits, spaces and hyphens, such as 9-8-8 or 1-800-668-6868"
    name = _names(doc, value.get("name"), path + ("name",), problems) if "name" in value else None
    call = _plain(doc, value["call"], path + ("call",), problems, PHONE_PATTERN, phone) if "call" in value else None
    text = _plain(doc, value["text"], path + ("text",), problems, PHONE_PATTERN, phone) if "text" in value else None
    keyword = _keyword(doc, value["keyword"], path + ("keyword",), problems) if "keyword" in value else None
    if "call" not in value and "text" not in value:
        problems.append(doc.problem(path, "a service needs a number to call (`call:`), to text (`text:`), or both"))
        return None
    if "keyword" in value and "text" not in value:
        problems.append(doc.problem(path + ("keyword",), "a word to text needs the number to text it to (`text:`)"))
        return None
    if name is None or ("call" in value and call is None) or ("text" in value and text is None):
        return None
    if "keyword" in value and keyword is None:
        return None
    return CrisisLine(name, call, text, keyword)


def _crisis(doc: Document, value, path: tuple, info: SiteInfo, problems: list) -> None:
    if not _fields(doc, value, path, problems, names(CRISIS), required_names(CRISIS)):
        return
    title = _names(doc, value.get("title"), path + ("title",), problems) if "title" in value else None
    lines_value = value.get("lines")
    if "lines" in value and (not isinstance(lines_value, list) or not lines_value):
        problems.append(doc.problem(path + ("lines",), "expected a list of services, each with `name:` and a number"))
        return
    lines = [_crisis_line(doc, item, path + ("lines", i), problems) for i, item in enumerate(lines_value or [])]
    if title and lines and all(lines):
        info.crisis = Crisis(title, tuple(lines))


def _licence(doc: Document, value, path: tuple, info: SiteInfo, problems: list) -> None:
    if not _fields(doc, value, path, problems, names(LICENCE), required_names(LICENCE)):
        return
    name = _names(doc, value.get("name"), path + ("name",), problems) if "name" in value else None
    url = _url(doc, value["url"], path + ("url",), problems) if "url" in value else None
    if name and url:
        info.licence = Licence(name, url)


#: A section's reader: ``(doc, value, path, info, problems)``; it fills ``info`` and adds to ``problems``.
Reader = Callable[[Document, object, tuple, SiteInfo, list], None]
_READERS: dict[str, Reader] = {"publisher": _publisher, "crisis": _crisis, "licence": _licence}
#: The sections of ``data/site.yml`` (:data:`resource_library.model.site.SITE`): their reader, and whether
#: the section is required.
SECTIONS: dict[str, tuple[Reader, bool]] = {spec.name: (_READERS[spec.name], spec.required) for spec in SITE}


def load_site(file: Path, shown: str) -> tuple[SiteInfo, list]:
    """``data/site.yml`` read and checked: the :class:`SiteInfo` and the problems found."""
    info = SiteInfo(source=shown)
    if not file.is_file():
        return info, []
    doc = load_file(file, shown)
    problems = list(doc.problems)
    if not doc.ok:
        return info, problems
    problems += scan_document(doc, markdown_keys=())
    if not isinstance(doc.data, dict):
        return info, problems + [doc.problem((), f"expected a mapping with {', '.join(f'`{k}:`' for k in SECTIONS)}")]
    for key, value in doc.data.items():
        entry = SECTIONS.get(key)
        if entry is None:
            problems.append(doc.problem((key,), f"unknown field '{key}' (allowed: {', '.join(SECTIONS)})", key=True))
            continue
        entry[0](doc, value, (key,), info, problems)
    for key, (_, required) in SECTIONS.items():
        if required and key not in doc.data:
            problems.append(doc.problem((), f"missing required field `{key}`"))
    logo = info.publisher.get("logo")
    if logo and not (file.parent.parent / "docs" / logo).is_file():
        # The file sits beside data/: docs/ is the site's (its SVG is checked there like every image).
        problems.append(doc.problem(("publisher", "logo"), f"there is no file docs/{logo}: no logo is shown", WARNING))
        info.publisher["logo"] = None
    return info, problems

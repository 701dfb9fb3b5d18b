"""The site's own data (``data/site.yml``): who publishes it, and on what terms its data may be reused.

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

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from resource_library.load.problems import WARNING
from resource_library.load.textsafety import link_scheme, scan_document
from resource_library.load.yamlsource import Document, load_file
from resource_library.model.fields import names
from resource_library.model.fields import required as required_names
from resource_library.model.record import LANGUAGES
from resource_library.model.site import LICENCE, PUBLISHER, SITE
from resource_library.text.fallback import text_in


@dataclass(frozen=True)
class Licence:
    """The licence of the site's data: its name ``{en, fr}`` and the https:// address of its text."""

    name: dict
    url: str


@dataclass
class SiteInfo:
    """What ``data/site.yml`` says (every attribute empty when the file is absent).

    Attributes:
        publisher: ``{"name": {en, fr}, "url": str or None}``, or empty.
        licence: The licence of the data, or None when none is stated.
        source: The file, relative to the project root.
    """

    publisher: dict = field(default_factory=dict)
    licence: Licence | None = None
    source: str = "data/site.yml"

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


def _publisher(doc: Document, value, path: tuple, info: SiteInfo, problems: list) -> None:
    if not _fields(doc, value, path, problems, names(PUBLISHER), required_names(PUBLISHER)):
        return
    name = _names(doc, value.get("name"), path + ("name",), problems) if "name" in value else None
    url = _url(doc, value["url"], path + ("url",), problems) if "url" in value else None
    if name:
        info.publisher = {"name": name, "url": url}


def _licence(doc: Document, value, path: tuple, info: SiteInfo, problems: list) -> None:
    if not _fields(doc, value, path, problems, names(LICENCE), required_names(LICENCE)):
        return
    name = _names(doc, value.get("name"), path + ("name",), problems) if "name" in value else None
    url = _url(doc, value["url"], path + ("url",), problems) if "url" in value else None
    if name and url:
        info.licence = Licence(name, url)


#: A section's reader: ``(doc, value, path, info, problems)``; it fills ``info`` and adds to ``problems``.
Reader = Callable[[Document, object, tuple, SiteInfo, list], None]
_READERS: dict[str, Reader] = {"publisher": _publisher, "licence": _licence}
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
    return info, problems

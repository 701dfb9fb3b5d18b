"""The pages the browser suite visits: one of every kind, in both languages.

A new kind of page joins every check (accessibility, keyboard, reflow, privacy,
CSP, language, screenshots, HTML validity) by adding one line to ``PAGE_KINDS``:
``(kind, English path, French path)``, paths relative to the site root as the
server serves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

PAGE_KINDS = [
    ("home", "", "fr/"),
    ("hand-written", "about/", "fr/a-propos/"),  # docs/fr/about.md gives its own French address
    ("library", "library/", "fr/bibliotheque/"),
    # The page of one vocabulary term: every resource with it.
    ("term", "library/tiers/targeted/", "fr/bibliotheque/tiers/targeted/"),
    ("pillars", "pillars/", "fr/piliers/"),
    ("pillar", "pillars/leadership-and-capacity/", "fr/piliers/leadership-and-capacity/"),
    ("program", "programs/ma-csmhs-coiin/", "fr/programmes/ma-csmhs-coiin/"),
    # A hand-written page with an inline infographic and resource lists from markers.
    ("framework", "core-elements/", "fr/core-elements/"),
    ("infographics", "infographics/", "fr/infographies/"),
    ("glossary", "glossary/", "fr/glossaire/"),
    ("translation-status", "translation-status/", "fr/translation-status/"),
    # The open data files, their terms of reuse and their fields.
    ("data", "data/", "fr/data/"),
    # The search page, opened with a query (site-search.js fills it in).
    ("search", "search/?q=anxiety", "fr/search/?q=anxi%C3%A9t%C3%A9"),
    # French page of an English-only record: English text inside French pages.
    ("fallback", "library/csmhs-definition/", "fr/bibliotheque/csmhs-definition/"),
    # The server answers an unknown address with the site's 404 page, as hosts do.
    ("404", "no-such-page/", "fr/no-such-page/"),
]


@dataclass(frozen=True)
class Page:
    kind: str
    lang: str
    path: str

    @property
    def id(self) -> str:
        return f"{self.lang}:{self.kind}"


def resource_kinds(root: Path = ROOT) -> list:
    """One resource page per record type present in the shipped content (first id of each type)."""
    first = {}
    for file in sorted((root / "data" / "resources").glob("*.yml")):
        record = yaml.safe_load(file.read_text(encoding="utf-8"))
        first.setdefault(record["type"], record["id"])
    return [(f"resource-{kind}", f"library/{rid}/", f"fr/bibliotheque/{rid}/") for kind, rid in sorted(first.items())]


def all_pages() -> list:
    pages = []
    for kind, en, fr in PAGE_KINDS + resource_kinds():
        pages.append(Page(kind, "en", en))
        pages.append(Page(kind, "fr", fr))
    return pages


PAGES = all_pages()

"""Where each page lives in each language: the one table of French addresses.

Every page has a language-neutral path (``library/x/``, ``pillars/``, ``about/``):
the English site publishes it as it is, the French site under ``fr/`` with
French words in place of the generated sections' names (:data:`SECTION_SLUGS`)
and, for a record or a hand-written page that gives one, its own French last
segment (``slug: {fr: ...}``).  :func:`localize` applies both; the views'
``page_url(lang, path)`` calls it, so every generated link, the language switch,
hreflang, the sitemap, the open data, the feeds and the structured data follow.

The addresses the French site used before (``fr/library/x/``) stay in service
as redirect pages: :func:`moved` says, for a neutral path, where the old French
address was and where the page is now.

Record and page slugs come from the content: whoever loads it installs them
(:func:`install`; ``Build.get``, ``render_language`` and ``publish`` do), and
:func:`localize` reads the last installed table.  Nothing here imports MkDocs.
"""

from __future__ import annotations

from resource_library.model.record import DEFAULT_LANGUAGE, LANGUAGES

#: ``{lang: {English section name: that language's name}}``: the generated sections.
SECTION_SLUGS: dict = {
    "fr": {
        "library": "bibliotheque",
        "pillars": "piliers",
        "infographics": "infographies",
        "glossary": "glossaire",
        "programs": "programmes",
        "search": "recherche",
    }
}

#: ``{lang: {neutral page path without its last "/": last segment in that language}}``,
#: e.g. ``{"fr": {"library/anxiety-strategies": "strategies-anxiete", "about": "a-propos"}}``.
_slugs: dict = {}


def install(slugs: dict) -> None:
    """Make ``slugs`` (same shape as :data:`_slugs`) the pages' own addresses from now on."""
    global _slugs
    _slugs = {lang: dict(table) for lang, table in (slugs or {}).items() if table}


def installed() -> dict:
    """A copy of the slugs in use."""
    return {lang: dict(table) for lang, table in _slugs.items()}


def section_names(lang: str) -> set:
    """Every section name the build uses in ``lang``'s folder, old (English) and new."""
    table = SECTION_SLUGS.get(lang, {})
    return set(table) | set(table.values())


def _split(path: str) -> tuple:
    """``a/b/?q#f`` → (``a/b/``, ``?q#f``)."""
    cut = min((i for i in (path.find("?"), path.find("#")) if i >= 0), default=len(path))
    return path[:cut], path[cut:]


def localize(lang: str, path: str, slugs: dict | None = None) -> str:
    """The path (without the language folder) of the neutral ``path`` on the ``lang`` site.

    ``library/x/`` → ``bibliotheque/x/`` (or ``bibliotheque/<slug>/``),
    ``library/library.json`` → ``bibliotheque/library.json``; a path outside the
    generated sections keeps its folders and takes its page's slug, if any.
    ``slugs``: a table to use instead of the installed one.
    """
    if lang == DEFAULT_LANGUAGE:
        return path
    path, tail = _split(path)
    parts = path.split("/")
    folders = parts[:-1]  # the last part is a file name, or "" for a directory URL
    table = (_slugs if slugs is None else slugs).get(lang, {})
    if table:
        for i in range(len(folders)):
            slug = table.get("/".join(parts[: i + 1]))
            if slug:
                folders[i] = slug
    sections = SECTION_SLUGS.get(lang, {})
    if folders and parts[0] in sections:
        folders[0] = sections[parts[0]]
    return "/".join(folders + parts[-1:]) + tail


def localized_url(lang: str, path: str, slugs: dict | None = None) -> str:
    """Site-relative URL of the neutral ``path`` in ``lang`` (``fr/bibliotheque/x/``)."""
    here = localize(lang, path, slugs)
    return here if lang == DEFAULT_LANGUAGE else f"{lang}/{here}"


def former_url(lang: str, path: str) -> str:
    """Where the neutral ``path`` was published in ``lang`` before French addresses: ``fr/library/x/``."""
    return path if lang == DEFAULT_LANGUAGE else f"{lang}/{path}"


def moved(lang: str, path: str) -> tuple | None:
    """``(old URL, new URL)`` of the neutral ``path`` in ``lang``, or None when it did not move."""
    old, new = former_url(lang, path), localized_url(lang, path)
    return (old, new) if old != new else None


def other_languages() -> tuple:
    return tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)


__all__ = [
    "SECTION_SLUGS",
    "former_url",
    "install",
    "installed",
    "localize",
    "localized_url",
    "moved",
    "other_languages",
    "section_names",
]

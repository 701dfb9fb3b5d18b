"""Register generated pages with mkdocs-static-i18n (the one module that touches its internals).

Pinned to mkdocs-static-i18n 1.3.1.  The plugin localizes only files it finds in
``docs/``: it rebuilds every File from ``docs_dir`` in its ``on_files``
(priority -100), so in-memory pages added before it are lost or crash the build.
We add ours after it (priority -200) and set, on each File, what the plugin
itself would have set and later reads:

- ``alternates`` ({language: File}) — the language switcher of each page
  (``reconfigure_page_context``) and the hreflang links of ``sitemap.xml``;
- ``locale``, ``localization``, ``locale_alternate_of``, ``norm_src_uri`` —
  the per-file language bookkeeping;
- ``plugin.i18n_files_per_language[lang]`` — the pages the sitemap lists.

``tests/test_i18n_pages.py`` builds a site and checks the switcher target,
``<html lang>`` and the sitemap's hreflang entries, so an upgrade of the plugin
that changes any of this fails loudly.

Pages live at each language's own address (``resource_library/model/urls.py``:
``/fr/bibliotheque/`` for ``/fr/library/``, records' and pages' French slugs):
:func:`apply_addresses` moves every page of the pass, and the alternates the
plugin gave it, to the address ``page_url`` gives, after every page has been
added.  The plugin pairs languages by identical source paths, which stay as
they are; only the published address (``dest_uri``, ``url``) changes, so
Markdown links between pages, the navigation, the switcher, hreflang and the
sitemap all follow (``tests/test_addresses.py``).

For translations (``hooks/translation.py``) it also reads what the plugin sets
on pages built with ``fallback_to_default`` (a File whose ``locale`` is the
default language in another language's pass) and the per-page language switcher
entries (``config.extra.alternate``), to say "not translated yet" instead of
linking to an English text in French chrome.  ``tests/test_translation_build.py``
is their regression test.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from resource_library.load.pagepaths import address
from resource_library.model.urls import moved
from resource_library.views.site import page_url

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

SUPPORTED_VERSION = "1.3.1"


def i18n_plugin(config: MkDocsConfig):
    """The static-i18n plugin instance, checked for the version this module knows."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("the library hook needs the 'i18n' plugin (mkdocs-static-i18n) in mkdocs.yml")
    found = _installed_version()
    if found != SUPPORTED_VERSION:
        raise PluginError(
            f"resource_library_mkdocs/i18n.py supports mkdocs-static-i18n {SUPPORTED_VERSION}, found {found}; "
            "check the regression test tests/test_i18n_pages.py before changing the pin"
        )
    return plugin


@cache
def _installed_version() -> str:
    """The installed mkdocs-static-i18n version (read once: reading package metadata is slow)."""
    from importlib.metadata import version

    return version("mkdocs-static-i18n")


def current_language(config: MkDocsConfig) -> str:
    plugin = i18n_plugin(config)
    return plugin.current_language or plugin.default_language


def languages(config: MkDocsConfig) -> tuple[str, list]:
    """The default language and every built language."""
    plugin = i18n_plugin(config)
    return plugin.default_language, list(plugin.build_languages)


def inner_passes_dirty() -> bool:
    """Whether the plugin builds the other languages as dirty builds: it reads the command line
    (``--dirty`` or ``--dirtyreload``, as ``mkdocs serve --dirty`` has), not the build's own flag."""
    return "--dirty" in sys.argv or "--dirtyreload" in sys.argv


#: What the ``sitemap.xml`` template reads of each page (:func:`_sitemap_page`).
_SITEMAP_PAGE = ("is_link", "canonical_url", "abs_url", "update_date")


def _sitemap_page(p) -> tuple:
    """The values of :data:`_SITEMAP_PAGE` of the page ``p``."""
    return (getattr(p, "is_link", False), p.canonical_url, p.abs_url, p.update_date)


def sitemap_entries(config: MkDocsConfig, lang: str) -> list:
    """The pages of ``lang`` as the plugin's ``sitemap.xml`` template reads them, as plain data.

    The template (``overrides/sitemap.xml``, the plugin's own with one condition more) reads,
    for each page of each language (``i18n_alternates``: ``i18n_files_per_language``), the
    File's ``url``, ``locale`` and ``alternates`` and its Page's ``is_link``,
    ``canonical_url``, ``abs_url`` and ``update_date``; a pass built in another process
    (``parallel.py``) gets them this way.
    """

    def page(p):
        return None if p is None else SimpleNamespace(**dict(zip(_SITEMAP_PAGE, _sitemap_page(p))))

    def file(f, alternates: bool):
        out = SimpleNamespace(url=f.url, page=page(f.page))
        if hasattr(f, "locale"):
            out.locale = f.locale
        if alternates and hasattr(f, "alternates"):
            out.alternates = {lang: file(other, False) for lang, other in f.alternates.items()}
        return out

    return [file(f, True) for f in i18n_plugin(config).i18n_files_per_language.get(lang, [])]


def sitemap_key(context: dict) -> int:
    """Everything the ``sitemap.xml`` template reads of ``context`` (see :func:`sitemap_entries`):
    equal keys, equal sitemaps (``preview.py`` keeps a preview's sitemap while its key is the same).

    Read into one flat list of strings: thousands of small tuples would set off the garbage
    collector, which would cost as much as rendering the template."""
    parts: list = [str(getattr(context.get("config"), "site_url", None))]

    def add(f, marker: str) -> None:
        p = f.page
        shown = "-" if p is None else "|".join(map(str, _sitemap_page(p)))
        parts.extend((marker, str(f.url), str(getattr(f, "locale", None)), shown))

    for lang, files in (context.get("i18n_alternates") or {}).items():
        parts.append(f"language {lang}")
        for f in files:
            add(f, "page")
            for other_lang, other in (getattr(f, "alternates", None) or {}).items():
                add(other, f"alternate {other_lang}")
    return hash(tuple(parts))


def set_sitemap_entries(context: dict, lang: str, entries: list) -> None:
    """Make the sitemap of this pass list ``entries`` (:func:`sitemap_entries`) as the pages of ``lang``,
    in the order of the passes (the default language first)."""
    alternates = context.get("i18n_alternates") or {}
    context["i18n_alternates"] = {lang: entries, **{k: v for k, v in alternates.items() if k != lang}}


def all_languages_built(config: MkDocsConfig) -> bool:
    """True in the last ``on_post_build`` of a build, after the plugin built every language.

    The plugin builds the other languages inside the default language's
    ``on_post_build`` (priority -100), with ``building`` set while it does, then
    writes the combined search index.  A handler below -100 therefore sees
    ``building`` false only in that outer, final pass.
    """
    return not i18n_plugin(config).building


def localized_src_uri(norm_src_uri: str, lang: str, default: str) -> str:
    return norm_src_uri if lang == default else f"{lang}/{norm_src_uri}"


def add_pages(files: Files, config: MkDocsConfig, pages: Iterable, lang: str) -> list:
    """Add generated pages of ``lang`` to ``files`` as if the plugin had found them.

    Args:
        pages: objects with ``path`` (language-neutral, e.g. ``library/x.md``) and
            ``content``.
    Returns:
        The new File objects.
    """
    plugin = i18n_plugin(config)
    default = plugin.default_language
    added = []
    for page in pages:
        # Resource and pillar pages stay out of the global navigation on purpose;
        # the pages that are listed in mkdocs.yml's nav still appear there.
        file = File.generated(
            config,
            localized_src_uri(page.path, lang, default),
            content=page.content,
            inclusion=InclusionLevel.NOT_IN_NAV,
        )
        alternates = {}
        for other in plugin.build_languages:
            if other == lang:
                alternates[other] = file
            else:
                # Only its URL is read (switcher link, sitemap href): the real page
                # of that language is made in that language's own pass.
                alternates[other] = File.generated(config, localized_src_uri(page.path, other, default), content="")
        file.alternates = alternates
        file.locale = lang
        file.localization = None if lang == default else lang
        file.locale_alternate_of = lang
        file.norm_src_uri = page.path
        files.append(file)
        added.append(file)
    plugin.i18n_files_per_language.setdefault(lang, []).extend(added)
    return added


def _directory_url(norm_src_uri: str) -> str | None:
    """The language-neutral address of a page source (``about.md`` → ``about/``), None for other files."""
    if not norm_src_uri.endswith(".md"):
        return None
    return address(norm_src_uri)


def _move(file: File, url: str, site_dir: str) -> None:
    url = url or "./"
    if file.url == url:
        return
    dest = "index.html" if url == "./" else (f"{url}index.html" if url.endswith("/") else url)
    file.dest_uri = dest
    file.url = url
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, dest))


def apply_addresses(files: Files, config: MkDocsConfig) -> list:
    """Publish every page of the pass, and point its alternates, at its language's address.

    Run after the plugin (priority -100) and after every page was added (-200).
    Returns ``(former URL, URL now)`` of the pass's pages that moved (``model/urls.py``).
    """
    plugin = i18n_plugin(config)
    lang = plugin.current_language or plugin.default_language
    site_dir = config.site_dir
    moves = []
    if not config.use_directory_urls:
        raise PluginError("the site's addresses need use_directory_urls: true in mkdocs.yml")
    for file in files.documentation_pages():
        neutral = _directory_url(getattr(file, "norm_src_uri", None) or file.src_uri)
        if neutral is None:
            continue
        _move(file, page_url(lang, neutral), site_dir)
        change = moved(lang, neutral)
        if change is not None:
            moves.append(change)
        for other, alternate in (getattr(file, "alternates", None) or {}).items():
            if alternate is not file:
                _move(alternate, page_url(other, neutral), site_dir)
    return moves


def is_fallback_page(page, config: MkDocsConfig) -> bool:
    """Whether ``page`` is the default language's text published in another language.

    With ``fallback_to_default: true`` the plugin builds ``/fr/x/`` from ``docs/x.md``
    when ``docs/fr/x.md`` does not exist; such a File keeps the default ``locale``
    while the language being built is another one.
    """
    plugin = i18n_plugin(config)
    lang = plugin.current_language or plugin.default_language
    return lang != plugin.default_language and getattr(page.file, "locale", lang) == plugin.default_language


def untranslated_languages(page, config: MkDocsConfig) -> list:
    """Languages (other than the one being built) into which ``page`` is not translated."""
    plugin = i18n_plugin(config)
    current = plugin.current_language or plugin.default_language
    out = []
    for lang, alternate in (getattr(page.file, "alternates", None) or {}).items():
        if lang != current and getattr(alternate, "locale", lang) != lang:
            out.append(lang)
    return out


def switcher_entries(config: MkDocsConfig) -> list:
    """The language switcher entries of the page being rendered.

    The plugin assigns them as an attribute (``config.extra.alternate = ...``),
    which is what the theme's templates read first; the ``extra["alternate"]``
    key keeps the configured list.
    """
    entries = getattr(config.extra, "alternate", None)
    if entries is None:
        entries = config.extra.get("alternate")
    return entries or []


def mark_untranslated_in_switcher(config: MkDocsConfig, notes: dict) -> None:
    """Flag, in the language switcher of the page being rendered, the languages of ``notes``.

    The plugin rewrites ``config.extra.alternate`` for every page in its
    ``on_page_context`` (priority 50); call this after it.  Each flagged entry gets
    ``untranslated: True`` and ``note`` (what ``overrides/partials/header.html``
    shows instead of a link).
    """
    for entry in switcher_entries(config):
        lang = entry.get("lang")
        if lang in notes:
            entry["untranslated"] = True
            entry["note"] = notes[lang]


def linear_search_dedupe(config: MkDocsConfig) -> None:
    """Replace the plugin's search deduplication with a linear-time equivalent.

    With ``reconfigure_search``, the plugin removes from the combined search index
    every translated entry whose title and text equal a default-language entry at
    the same location (``fr/x/`` ends with ``x/``).  Its own implementation scans
    every translated entry for every default-language entry: O(n²) in the number
    of entries (several per page), about 40 % of a 2,000-record build and most of
    a 5,000-record one (``scripts/bench --profile generator``).  This one groups the
    translated entries by (title, text) first and removes the same entries.
    ``tests/test_search_dedupe.py`` compares both on the same entries.
    """
    plugin = i18n_plugin(config)
    if getattr(plugin, "_linear_search_dedupe", False):
        return
    plugin.reconfigure_search_duplicates = lambda entries: dedupe_search_entries(entries, plugin.build_languages)
    plugin._linear_search_dedupe = True


def dedupe_search_entries(entries: list, build_languages) -> None:
    """Remove, in place, translated search entries that duplicate a default-language entry."""
    prefixes = tuple(f"{lang}/" for lang in build_languages)
    by_content: dict = {}
    defaults = []
    for entry in entries:
        if entry["location"].startswith(prefixes):
            by_content.setdefault((entry["title"], entry["text"]), []).append(entry)
        else:
            defaults.append(entry)
    removed = set()
    for entry in defaults:
        bucket = by_content.get((entry["title"], entry["text"]))
        if not bucket:
            continue
        keep = []
        for candidate in bucket:
            if candidate["location"].endswith(entry["location"]):
                removed.add(id(candidate))
            else:
                keep.append(candidate)
        by_content[(entry["title"], entry["text"])] = keep
    if removed:
        entries[:] = [e for e in entries if id(e) not in removed]

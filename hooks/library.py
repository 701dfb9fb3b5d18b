"""MkDocs hook: publish the resource library from ``data/`` in every language.

Lifecycle (mkdocs-static-i18n builds the whole site once per language, so every
event below except ``on_startup`` fires once per language):

- ``on_config``: load and validate the content (once per change of the files:
  later language passes reuse it); stop the build with the full list of
  problems, never a traceback; watch ``data/`` during ``mkdocs serve``.
- ``on_files`` (priority -200, after the i18n plugin has localized the files):
  render the current language's pages and register them with the i18n plugin;
  add the language's standalone infographics (``infographics/<id>.svg``).
- ``on_page_markdown``: replace the ``<!-- resources ... -->`` and ``<!-- infographic
  ... -->`` markers of hand-written pages with placeholders, keeping the lists and
  drawings aside (a bad marker stops the build).
- ``on_page_content`` (priority 100, before the other hooks read the HTML): put
  the converted Markdown texts of a generated page into its HTML, and the lists
  and drawings of a hand-written page in their places (``hooks/page_assembly.py``).
- ``on_post_page``: French pages point Material's search at the French index.
- ``on_post_build``: write the current language's library search data and copy
  lunr.js from the installed ``mkdocs`` package; at priority -150, once the i18n
  plugin has written the combined site search index after the last language,
  split it into one index per language.

Everything else lives in the ``resource_library`` package, which does not import
MkDocs.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

import i18n_pages
import page_assembly
from resource_library import ContentError, search, sitesearch
from resource_library.markers import front_matter_lines
from resource_library.site import ContentCache

log = logging.getLogger("mkdocs.hooks.library")
_cache = ContentCache()


def on_config(config):
    root = Path(config.config_file_path).parent
    data_dir = str(root / "data")
    if data_dir not in config.watch:
        config.watch.append(data_dir)
    i18n_pages.linear_search_dedupe(config)
    page_assembly.reset()
    try:
        content = _cache.get(root, docs_dir=Path(config.docs_dir))
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    for warning in content.catalogue.warnings:
        log.debug(str(warning))
    return config


@event_priority(-200)
def on_files(files, config):
    lang = i18n_pages.current_language(config)
    pages = _cache.pages(lang, edit_url_base=config.extra.get("edit_url_base") or "")
    page_assembly.add(files, config, pages, lang)
    default, _ = i18n_pages.languages(config)
    for asset in _cache.files(lang):
        files.append(File.generated(config, i18n_pages.localized_src_uri(asset.path, lang, default), content=asset.content))
    return files


def on_page_markdown(markdown, page, config, files):
    if page.file.abs_src_path is None:  # generated pages have no markers
        return markdown
    root = Path(config.config_file_path).parent
    shown = Path(os.path.relpath(page.file.abs_src_path, root)).as_posix()
    # Problems name lines of the file; MkDocs hands over the Markdown without its front matter.
    offset = front_matter_lines(Path(page.file.abs_src_path).read_text(encoding="utf-8-sig"))
    try:
        text, blocks = _cache.expand_markers(markdown, i18n_pages.current_language(config), page.file.src_uri, shown, offset)
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    page_assembly.hold(page, blocks)
    return text


@event_priority(100)
def on_page_content(html, page, config, files):
    try:
        return page_assembly.assemble(html, page)
    except page_assembly.AssemblyError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output, page, config):
    lang = i18n_pages.current_language(config)
    default, _ = i18n_pages.languages(config)
    return output if lang == default else sitesearch.localize_base(output, lang)


def _library_search(config):
    content = _cache.get(Path(config.config_file_path).parent, docs_dir=Path(config.docs_dir))
    lang = i18n_pages.current_language(config)
    search.write_search_data(content.catalogue, lang, Path(config.site_dir))
    default, _ = i18n_pages.languages(config)
    if lang == default:  # one copy serves every language: the site folder is shared by the passes
        search.copy_lunr_js(Path(config.site_dir))


@event_priority(-150)
def _site_search(config):
    if i18n_pages.all_languages_built(config):
        default, languages = i18n_pages.languages(config)
        sitesearch.split_index(Path(config.site_dir), languages, default)


on_post_build = CombinedEvent(_library_search, _site_search)

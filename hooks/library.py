"""MkDocs hook: publish the resource library from ``data/`` in every language.

Lifecycle (mkdocs-static-i18n builds the whole site once per language, so every
event below except ``on_startup`` fires once per language):

- ``on_config``: load and validate the content (once per change of the files:
  later language passes reuse it); stop the build with the full list of
  problems, never a traceback; watch ``data/`` during ``mkdocs serve``.
- ``on_files`` (priority -200, after the i18n plugin has localized the files):
  render the current language's pages and register them with the i18n plugin.

Everything else lives in the ``resource_library`` package, which does not import
MkDocs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import i18n_pages
from resource_library import ContentError
from resource_library.site import ContentCache

log = logging.getLogger("mkdocs.hooks.library")
_cache = ContentCache()


def on_config(config):
    root = Path(config.config_file_path).parent
    data_dir = str(root / "data")
    if data_dir not in config.watch:
        config.watch.append(data_dir)
    i18n_pages.linear_search_dedupe(config)
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
    i18n_pages.add_pages(files, config, pages, lang)
    return files

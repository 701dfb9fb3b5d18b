"""MkDocs hook: show readers the state of each translation, and set French typography.

Lifecycle (every event except ``on_startup`` fires once per language, see
``hooks/library.py``):

- ``on_config``: read the translation state of the project (once per change of
  ``data/`` or ``docs/``): sync markers, glossary, interface words.
- ``on_files`` (priority -200, after the i18n plugin): add the translation status
  page and the glossary page of the language being built.
- ``on_page_content``: on the French site, put a notice after the title of a page
  whose English changed since its translation was reviewed, and wrap an English
  page published without translation in ``lang="en"`` under a French notice.
- ``on_page_context`` (after the i18n plugin's, priority 50): language switcher
  entries for untranslated pages; footer links to the glossary and status page.
- ``on_post_page``: Canadian French typography on French pages' text.

The logic lives in ``resource_library.translation_site`` and
``resource_library.typography``; everything that touches mkdocs-static-i18n's
internals is in ``hooks/i18n_pages.py``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import i18n_pages
import page_assembly
from resource_library.translation_site import TranslationSite, insert_after_title
from resource_library.typography import french_html

_site: TranslationSite | None = None


_site_paths: tuple = ()  # (config file, docs_dir) as given, of ``_site``


def _get(config) -> TranslationSite:
    global _site, _site_paths
    paths = (config.config_file_path, config.docs_dir)
    if _site is not None and paths == _site_paths:
        return _site  # called for every page: resolve the paths only when they change
    root = Path(config.config_file_path).parent.resolve()
    docs = Path(config.docs_dir).resolve()
    if _site is None or _site.root != root or _site.docs_dir != docs:
        _site = TranslationSite(root, docs, root / "overrides" / "library")
    _site_paths = paths
    return _site


def on_config(config):
    errors = _get(config).refresh()
    if errors:
        raise PluginError("\n".join(["errors in the glossary:"] + [str(p) for p in errors]))
    return config


@event_priority(-200)
def on_files(files, config):
    lang = i18n_pages.current_language(config)
    pages = _get(config).pages(lang, edit_url_base=config.extra.get("edit_url_base") or "")
    page_assembly.add(files, config, pages, lang)
    return files


def on_page_content(html, page, config, files):
    lang = i18n_pages.current_language(config)
    default, _ = i18n_pages.languages(config)
    if lang == default:
        return html
    site = _get(config)
    if i18n_pages.is_fallback_page(page, config):
        return site.untranslated(html, lang)
    src = PurePosixPath(page.file.src_uri)
    rel = src.relative_to(lang).as_posix() if src.parts[:1] == (lang,) else src.as_posix()
    if page.file.abs_src_path is not None:
        return _with_notice(html, site.page_outdated_notice(rel, lang))
    if src.parent.name == "library" and src.parent.parent.as_posix() in (lang, "."):
        return _with_notice(html, site.record_outdated_notice(src.stem, lang))
    return html


def _with_notice(html: str, notice: str) -> str:
    return insert_after_title(html, notice) if notice else html


def on_page_context(context, page, config, nav):
    site = _get(config)
    lang = i18n_pages.current_language(config)
    context["rl_footer_links"] = site.footer_links(lang, page.url)
    missing = i18n_pages.untranslated_languages(page, config)
    if missing and not i18n_pages.is_fallback_page(page, config):
        names = {entry.get("lang"): entry.get("name") for entry in i18n_pages.switcher_entries(config)}
        i18n_pages.mark_untranslated_in_switcher(
            config, {code: site.switcher_note(code, names.get(code) or code) for code in missing})
    return context


def on_post_page(output, page, config):
    lang = i18n_pages.current_language(config)
    return french_html(output) if lang == "fr" else output

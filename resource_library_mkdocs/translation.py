"""Event handlers that show readers the state of each translation, and set French typography.

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

The logic lives in ``resource_library.translation.site`` and
``resource_library.text.typography``.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from resource_library.load.problems import ContentError
from resource_library.text.typography import french_html
from resource_library.translation.site import insert_after_title
from resource_library_mkdocs import assembly, i18n, session
from resource_library_mkdocs.session import build_for

__all__ = ["on_config", "on_files", "on_page_content", "on_page_context", "on_post_page"]


def on_config(config):
    try:
        build_for(config).translation_site()
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    return config


@event_priority(-200)
def on_files(files, config):
    build = build_for(config)
    lang = i18n.current_language(config)
    pages = build.translation_pages(lang, config.extra.get("edit_url_base") or "", reuse=session.serving())
    assembly.add(build, files, config, pages, lang)
    return files


def on_page_content(html, page, config, files):
    lang = i18n.current_language(config)
    default, _ = i18n.languages(config)
    if lang == default:
        return html
    site = build_for(config).translations
    if i18n.is_fallback_page(page, config):
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
    site = build_for(config).translations
    lang = i18n.current_language(config)
    context["rl_footer_links"] = site.footer_links(lang, page.url)
    missing = i18n.untranslated_languages(page, config)
    if missing and not i18n.is_fallback_page(page, config):
        names = {entry.get("lang"): entry.get("name") for entry in i18n.switcher_entries(config)}
        i18n.mark_untranslated_in_switcher(
            config, {code: site.switcher_note(code, names.get(code) or code) for code in missing}
        )
    return context


def on_post_page(output, page, config):
    lang = i18n.current_language(config)
    return french_html(output) if lang == "fr" else output

"""Event handlers that publish the resource library from ``data/`` in every language.

- ``on_config``: begin the pass; load and validate the content (once per change
  of the files: later passes reuse it); stop the build with the full list of
  problems, never a traceback (pages MkDocs could not read included); log the
  warnings that stop a strict build (text still holding the scaffold's TODO) at
  warning level, the others at debug level; watch ``data/`` during ``mkdocs serve``.
- ``on_files`` (priority -200, after the i18n plugin has localized the files):
  add the current language's generated pages and register them with the i18n
  plugin; add the language's standalone infographics (``infographics/<id>.svg``),
  open data files (``library/library.json``, ``.schema.json``, ``.csv``) and
  Atom feed (``feed.xml``), with addresses under ``site_url`` when it is set,
  each at its language's address (``/fr/bibliotheque/library.json``) and, when
  it moved, at its former one too; at priority -300, once every page is added,
  move each page to its language's address (``i18n.apply_addresses``) and leave
  a page at each former French address that sends readers on
  (``render/redirects.py``).
- ``on_page_markdown``: replace the ``<!-- resources ... -->`` and ``<!-- infographic
  ... -->`` markers of hand-written pages with placeholders, keeping the lists and
  drawings aside (a bad marker stops the build); keep only the front matter
  settings the site reads, escaped for the theme (``render/pagemeta.py``).
- ``on_page_content`` (priority 100, before the other handlers read the HTML): put
  the HTML kept out of Markdown back in place (``assembly``).
- ``on_page_content`` (priority -50, once the HTML is whole): keep the sections
  of the pages site search indexes (``search/site.py``), read without the lists
  of records, which the search leaves out (``assembly.indexed``).
- ``on_page_context``: the links every page carries to its language's feed
  (``<head>``) and Data page (footer), as ``rl_links``; the header's search box
  (``rl_search``).
- ``on_post_build``: write the current language's search data (the library page,
  the header's box and the search page share it) and copy lunr.js from the
  installed ``mkdocs`` package.  Material's search plugin is not used.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File

from resource_library.load.editorial import stops_strict_build
from resource_library.load.frontmatter import front_matter_lines
from resource_library.load.glossary import load_glossary
from resource_library.load.pagefiles import read_page
from resource_library.load.problems import ContentError
from resource_library.render.pagemeta import theme_meta
from resource_library.render.redirects import former_copies
from resource_library.search.assets import copy_lunr_js
from resource_library.search.data import write_search_data
from resource_library.search.site import indexed_page, page_sections, unescaped
from resource_library.views.search import header_view
from resource_library.views.site import page_url
from resource_library_mkdocs import assembly, i18n, session
from resource_library_mkdocs.session import build_for, project_root

log = logging.getLogger("mkdocs.hooks.library")

__all__ = [
    "on_config",
    "on_files",
    "on_page_content",
    "on_page_context",
    "on_page_markdown",
    "on_post_build",
    "on_template_context",
]


def on_config(config):
    data_dir = str(project_root(config) / "data")
    if data_dir not in config.watch:
        config.watch.append(data_dir)
    i18n.linear_search_dedupe(config)
    build = build_for(config)
    build.begin_pass()
    try:
        content = build.get()
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    default, _ = i18n.languages(config)
    if i18n.current_language(config) == default:  # once per build, not once per language
        for warning in content.catalogue.warnings:
            # Unfinished text (the scaffold's TODO) is a warning MkDocs counts: --strict stops on it.
            (log.warning if stops_strict_build(warning) else log.debug)(str(warning))
    return config


@event_priority(-200)
def _add_files(files, config):
    build = build_for(config)
    lang = i18n.current_language(config)
    site_url = config.site_url or ""
    # Under `mkdocs serve` the pages of the last render are reused where nothing they show changed.
    edit_url_base = config.extra.get("edit_url_base") or ""
    pages = build.pages(lang, edit_url_base=edit_url_base, site_url=site_url, reuse=session.serving())
    assembly.add(build, files, config, pages, lang)
    assets = build.files(lang, site_url=site_url)
    for asset in assets:
        files.append(File.generated(config, page_url(lang, asset.path), content=asset.content))
    # A public file that moved with its section is published at its former address too.
    by_path = {page_url(lang, asset.path): asset for asset in assets}
    for old, new in former_copies(lang, [asset.path for asset in assets]):
        files.append(File.generated(config, old, content=by_path[new].content))
    return files


@event_priority(-300)
def _addresses(files, config):
    # After every page of the pass was added (both hooks add theirs at -200).
    build = build_for(config)
    lang = i18n.current_language(config)
    moves = i18n.apply_addresses(files, config)
    # The pages' order for site search, by their addresses (the French ones just set).
    build.search_order[lang] = [f.url for f in files.documentation_pages()]
    for page in build.moved_pages(lang, moves, site_url=config.site_url or "", reuse=session.serving()):
        files.append(File.generated(config, page.path, content=page.content))
    return files


on_files = CombinedEvent(_add_files, _addresses)


def on_page_markdown(markdown, page, config, files):
    if page.file.abs_src_path is None:  # generated pages have no markers
        return markdown
    # What the theme writes from the front matter: known settings, escaped (render/pagemeta.py).
    page.meta = theme_meta(page.meta)
    build = build_for(config)
    shown = Path(os.path.relpath(page.file.abs_src_path, project_root(config))).as_posix()
    # Problems name lines of the file; MkDocs hands over the Markdown without what tops it
    # (front matter, blank lines): count them as `check` does.
    source, _ = read_page(Path(page.file.abs_src_path), shown)
    offset = front_matter_lines(source or "")
    try:
        text, blocks = build.expand_markers(
            markdown, i18n.current_language(config), page.file.src_uri, shown, offset, reuse=session.serving()
        )
    except ContentError as exc:
        raise PluginError(str(exc)) from None
    assembly.hold(build, page, blocks)
    return text


@event_priority(100)
def _assemble(html, page, config, files):
    try:
        return assembly.assemble(build_for(config), html, page)
    except assembly.AssemblyError as exc:
        raise PluginError(str(exc)) from None


@event_priority(-50)
def _search_sections(html, page, config, files):
    # Once the HTML is whole (an untranslated page's English marked as such, notices in place),
    # read without the lists of records the search leaves out: a hand-written page's lists change
    # with every record they show, and parsing them was most of the work.
    build = build_for(config)
    lang = i18n.current_language(config)
    pages = build.search_pages.setdefault(lang, {})
    if indexed_page(page.url, page.meta, lang):
        title = unescaped(str(page.title or ""))
        settings = (page.meta or {}).get("search")
        boost = settings.get("boost") if isinstance(settings, dict) else None
        text = assembly.indexed(build, html, page)
        # Under `mkdocs serve` a page rendered again with the same text keeps its sections.
        fingerprint = hash((text, title, lang))
        last = pages.get(page.url)
        same = last is not None and len(last) > 3 and last[3] == fingerprint
        sections = last[1] if same else page_sections(text, title, lang)
        pages[page.url] = (title, sections, boost, fingerprint)
    else:
        pages.pop(page.url, None)
    return html


on_page_content = CombinedEvent(_assemble, _search_sections)


def on_page_context(context, page, config, nav):
    build = build_for(config)
    lang = i18n.current_language(config)
    context["rl_links"] = build.links(lang, page.url)
    context["rl_search"] = header_view(build.get().strings, lang, page.url)
    return context


def on_template_context(context, template_name, config):
    # The "page not found" pages are served at any address: their box uses addresses from the site's root.
    if template_name == "404.html":
        base = urlsplit(config.site_url or "/").path or "/"
        context["rl_search"] = header_view(build_for(config).get().strings, i18n.current_language(config), None, base)
    return context


def on_post_build(config):
    build = build_for(config)
    content = build.get()
    lang = i18n.current_language(config)
    glossary = load_glossary(project_root(config) / "data" / "glossary.yml", "data/glossary.yml")[0]
    # The pages of this pass (a preview rebuild keeps those it did not render again).
    known = build.search_pages.get(lang, {})
    pages = {url: known[url] for url in build.search_order.get(lang, []) if url in known}
    # Under `mkdocs serve`, with what the last build made of the records that did not change.
    kept = build.kept if session.serving() else None
    write_search_data(content.catalogue, lang, Path(config.site_dir), pages, glossary, kept)
    default, _ = i18n.languages(config)
    if lang == default:  # one copy serves every language: the site folder is shared by the passes
        copy_lunr_js(Path(config.site_dir))

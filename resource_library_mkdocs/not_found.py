"""Event handlers that make one "page not found" page per language.

MkDocs writes the theme's ``404.html`` at the root of the site in every pass of
mkdocs-static-i18n, so the last language built (French) would answer every
unknown address, English ones included, with ``<html lang="fr">``.  After each
pass this hook keeps the default language's page at the root and moves the
other language's to ``<lang>/404.html`` (hosts such as GitHub Pages or an
``ErrorDocument`` rule can then answer ``/fr/...`` in French).
"""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

from mkdocs.plugins import event_priority

from resource_library.views.site import page_url
from resource_library_mkdocs import i18n
from resource_library_mkdocs.session import build_for

__all__ = ["on_config", "on_post_build", "on_template_context"]


def on_post_build(config):
    # Runs before the i18n plugin's own on_post_build (-100), which builds the
    # other languages: the default language's page is saved before they overwrite it.
    default, _ = i18n.languages(config)
    lang = i18n.current_language(config)
    page = Path(config.site_dir) / "404.html"
    if not page.is_file():
        return
    saved = build_for(config).not_found
    if lang == default:
        saved[config.site_dir] = page.read_bytes()
    elif config.site_dir in saved:
        target = Path(config.site_dir) / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.read_bytes())
        page.write_bytes(saved[config.site_dir])


@event_priority(-150)
def on_config(config):
    # After the i18n plugin (-100) has written the language switcher's entries,
    # which point at each language's home page. In later passes it copies the
    # entries the previous pass left adapted to its last page, so keep the first.
    build = build_for(config)
    if build.home_alternates is None:
        build.home_alternates = deepcopy(config.extra.get("alternate"))
    return config


@event_priority(-200)
def on_template_context(context, template_name, config):
    # The 404 page's language switcher leads to each language's home page, not to
    # the counterpart of whichever page was rendered last.
    homes = build_for(config).home_alternates
    if template_name == "404.html":
        # The library's address in the pass's language (French section names: model/urls.py).
        context["rl_library_url"] = page_url(i18n.current_language(config), "library/")
    if template_name == "404.html" and homes:
        # The i18n plugin sets it as an attribute, which templates read first.
        config.extra["alternate"] = config.extra.alternate = deepcopy(homes)
    return context

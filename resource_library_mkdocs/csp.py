"""Event handlers that finish each page's Content-Security-Policy (see ``resource_library.render.csp``).

- ``on_startup``: note whether this is ``mkdocs serve`` (see :data:`csp.PREVIEW_SOURCES`).
- ``on_config``: read the inline scripts of the theme's and the site's templates
  (once per language pass: the configuration they are rendered with is the pass's).
- ``on_post_page`` / ``on_post_template`` (404.html): last (lowest priority),
  after anything else that may change the HTML, write the hashes of the scripts
  the templates write for a page at that depth into its policy, and stop the
  build, naming the page, if it carries a script or element no template writes.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url, is_error_template

from resource_library.render import csp
from resource_library_mkdocs.session import build_for, project_root, serving, started

__all__ = ["on_config", "on_post_page", "on_post_template", "on_startup"]


def on_startup(command, dirty):
    started(command)


@event_priority(-1000)
def on_config(config):
    sources = csp.template_scripts(config.theme.dirs)
    build_for(config).known_scripts = csp.KnownScripts(sources, config.theme.get_env(), config)
    return config


def _finish(output: str, config, base_url: str, shown: str) -> str:
    build = build_for(config)
    if build.known_scripts is None:  # on_config did not run (a tool rendering a single page): set up now
        on_config(config)
    known = build.known_scripts
    found = csp.intrusions(output, known.texts(base_url))
    if found:
        raise PluginError(
            f"{shown}: the built page carries what no template writes, so something let markup through "
            "unescaped (check the page's texts and the records it shows):\n  " + "\n  ".join(found)
        )
    # The page is still checked above, in a preview as in a build: the sources change, not the check.
    output = csp.apply(output, csp.PREVIEW_SOURCES if serving() else known.hashes(base_url))
    if not csp.charset_in_time(output):
        raise PluginError(
            f"{shown}: the page's <meta charset> no longer comes within its first "
            f"{csp.CHARSET_LIMIT} bytes (has the policy grown?): browsers would guess the encoding"
        )
    return output


def _shown(page, config) -> str:
    if page.file.abs_src_path:
        return os.path.relpath(page.file.abs_src_path, project_root(config)).replace(os.sep, "/")
    return f"the generated page {page.file.src_uri}"


@event_priority(-1000)
def on_post_page(output, page, config):
    # The base_url MkDocs gives the page's templates (mkdocs.commands.build.get_context).
    return _finish(output, config, get_relative_url(".", page.url), _shown(page, config))


@event_priority(-1000)
def on_post_template(output, template_name, config):
    if not template_name.endswith(".html"):
        return output
    # MkDocs renders error pages (404.html) with the site's path as base_url, other templates relative to their name.
    base_url = (
        urlsplit(config.site_url or "/").path
        if is_error_template(template_name)
        else get_relative_url(".", template_name)
    )
    return _finish(output, config, base_url, f"the page {template_name}")

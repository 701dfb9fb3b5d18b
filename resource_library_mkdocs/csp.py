"""Event handlers that finish each page's Content-Security-Policy (see ``resource_library.render.csp``).

They run last (lowest priority) on every rendered page and theme template
(404.html), after anything else that may change the HTML.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from resource_library.render import csp

__all__ = ["on_post_page", "on_post_template"]


@event_priority(-1000)
def on_post_page(output, page, config):
    return csp.apply(output)


@event_priority(-1000)
def on_post_template(output, template_name, config):
    if template_name.endswith(".html"):
        return csp.apply(output)
    return output

"""The front matter of a hand-written page (``docs/**/*.md``): the settings a page may give.

The settings are the YAML between two lines of ``---`` at the very top of a
page.  Only those the site reads are allowed: others (Material's ``template``,
``icon``, ``status``...) are refused, since ``template: redirect.html`` alone
would send readers to another site.  The checks live in
:mod:`resource_library.load.pages`; the JSON Schema of the front matter is
generated from these tables (for tools that read front matter: VS Code's YAML
extension does not look inside Markdown files).
"""

from __future__ import annotations

from resource_library.model.fields import Field
from resource_library.model.translation import PAGE_MARKER

#: Parts of a page Material for MkDocs can hide (``hide:``).
HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")

#: Characters a title or description may not hold: the theme writes them into the page's HTML head.
HEAD_UNSAFE = '<>"'
_HEAD_SAFE = f"^[^{HEAD_UNSAFE}]*$"

#: What ``slug:`` may set: the French page's own address (``resource_library/model/urls.py``).
SLUG = (
    Field(
        "fr",
        "id",
        "The last part of the French page's address (lowercase letters, digits and hyphens): "
        "`fr: a-propos` in docs/fr/about.md publishes /fr/a-propos/.",
        required=True,
    ),
)

#: What ``search:`` may set.
SEARCH = (
    Field("exclude", "boolean", "true leaves the page out of the site search."),
    Field("boost", "number", "Ranks the page higher (above 1) or lower (below 1) in search results."),
)

#: The settings a page may give, in the order messages list them.
FRONT_MATTER = (
    Field(
        "title",
        "plain",
        "The page's title, as text (no <, > or \"), when it differs from its first heading.",
        pattern=_HEAD_SAFE,
    ),
    Field(
        "description",
        "plain",
        'A sentence describing the page for search engines and link previews, as text (no <, > or ").',
        pattern=_HEAD_SAFE,
    ),
    Field(
        "hide",
        "choices",
        "Parts of the page to hide: " + ", ".join(HIDE) + ".",
        choices=tuple((part, f"Hide the page's {part}.") for part in HIDE),
    ),
    Field("search", "mapping", "Site search settings: exclude (true or false), boost (a number).", fields=SEARCH),
    Field(
        "slug",
        "mapping",
        "French pages only: the page's own French address, `slug: {fr: a-propos}`. "
        "The former address keeps working (it sends readers on).",
        fields=SLUG,
    ),
    Field(
        "translation",
        "mapping",
        "The French page's translation marker, written by `scripts/library sync`: do not edit it by hand.",
        fields=PAGE_MARKER,
    ),
)

#: ``{setting: what it holds}``, for messages.
SETTINGS = {spec.name: spec.description for spec in FRONT_MATTER}

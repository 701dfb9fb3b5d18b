"""Bilingual resource library: records in YAML → validated catalogue → pages.

The package does not import MkDocs: the build hooks in ``hooks/`` are thin
adapters over it, and the ``scripts/`` tools and the tests use it directly.
The flow runs one way: :func:`load_catalogue` (load and validate every file) →
:class:`SiteView` (what one language's reader sees) → :func:`render_language`
(Markdown pages for MkDocs).
"""

from .catalogue import Catalogue, Layout, load_catalogue
from .interface import load_interface
from .model import DEFAULT_LANGUAGE, FIELDS, LANGUAGES, Record
from .problems import ContentError, Problem
from .render import GeneratedPage, render_language
from .schema import record_schema
from .views import SiteView

__all__ = [
    "Catalogue",
    "ContentError",
    "DEFAULT_LANGUAGE",
    "FIELDS",
    "GeneratedPage",
    "LANGUAGES",
    "Layout",
    "Problem",
    "Record",
    "SiteView",
    "load_catalogue",
    "load_interface",
    "record_schema",
    "render_language",
]

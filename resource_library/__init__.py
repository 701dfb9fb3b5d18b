"""Bilingual resource library: records in YAML → validated catalogue → pages.

The package does not import MkDocs (``resource_library_mkdocs`` is the adapter
that does); the ``scripts/`` tools and the tests use it directly.  The flow runs
one way, and each stage is a sub-package:

1. ``load`` — read and validate every editor's file (:func:`load_catalogue`),
   with every problem at its file:line:column (``load.problems``);
2. ``views`` — what one language's reader sees (:class:`SiteView`);
3. ``render`` — HTML pages from the views and the templates (:func:`render_language`);
4. ``build`` — the one object a build holds (caches, page assembly), which the
   MkDocs adapter drives.

Beside the flow: ``model`` (the file formats), ``text`` (language rules),
``drawing`` (SVG infographics), ``search`` (lunr indexes), ``translation``
(translation tracking), ``cli`` (``scripts/library``) and ``cores`` (work
shared with a forked process).

The names below are imported on first use, so that ``scripts/library check``
loads only what validation needs.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Catalogue": "resource_library.load.catalogue",
    "Layout": "resource_library.load.catalogue",
    "load_catalogue": "resource_library.load.catalogue",
    "load_interface": "resource_library.load.interface",
    "DEFAULT_LANGUAGE": "resource_library.model.record",
    "FIELDS": "resource_library.model.record",
    "LANGUAGES": "resource_library.model.record",
    "Record": "resource_library.model.record",
    "ContentError": "resource_library.load.problems",
    "Problem": "resource_library.load.problems",
    "GeneratedPage": "resource_library.render.pages",
    "render_language": "resource_library.render.pages",
    "record_schema": "resource_library.load.schema",
    "SiteView": "resource_library.views.site",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'resource_library' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

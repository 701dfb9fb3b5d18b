"""MkDocs loads hooks by path: the preview event handlers live in ``resource_library_mkdocs.preview``."""

from resource_library_mkdocs.preview import *  # noqa: F403

"""MkDocs loads hooks by path: the not_found event handlers live in ``resource_library_mkdocs.not_found``."""

from resource_library_mkdocs.not_found import *  # noqa: F403

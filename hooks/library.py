"""MkDocs loads hooks by path: the library event handlers live in ``resource_library_mkdocs.library``."""

from resource_library_mkdocs.library import *  # noqa: F403

"""MkDocs loads hooks by path: the garbage collector's handlers live in ``resource_library_mkdocs.collector``."""

from resource_library_mkdocs.collector import *  # noqa: F403

"""MkDocs loads hooks by path: the identity event handlers live in ``resource_library_mkdocs.identity``."""

from resource_library_mkdocs.identity import *  # noqa: F403

"""MkDocs loads hooks by path: the csp event handlers live in ``resource_library_mkdocs.csp``."""

from resource_library_mkdocs.csp import *  # noqa: F403

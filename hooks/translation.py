"""MkDocs loads hooks by path: the translation event handlers live in ``resource_library_mkdocs.translation``."""

from resource_library_mkdocs.translation import *  # noqa: F403

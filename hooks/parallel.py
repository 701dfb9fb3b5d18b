"""MkDocs loads hooks by path: the parallel event handlers live in ``resource_library_mkdocs.parallel``."""

from resource_library_mkdocs.parallel import *  # noqa: F403

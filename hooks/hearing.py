"""MkDocs loads hooks by path: the server's hearing of saves lives in ``resource_library_mkdocs.hearing``."""

from resource_library_mkdocs.hearing import *  # noqa: F403

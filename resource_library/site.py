"""The library content of one project, loaded once per change of its files.

MkDocs (with static-i18n) runs every hook event once per language, and ``mkdocs
serve`` keeps hook modules alive across rebuilds.  :class:`ContentCache` loads and
validates the content only when a file under ``data/`` or ``docs/`` changed (by
size and modification time), and renders each language's pages once per
content version.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .catalogue import Catalogue, load_catalogue
from .interface import load_interface
from .problems import ContentError
from .infographic_pages import svg_files
from .markers import expand_markers
from .model import DEFAULT_LANGUAGE
from .render import render_language
from .yamlsource import forget_missing_files


@dataclass
class Content:
    catalogue: Catalogue
    strings: dict
    docs_dir: Path
    templates_dir: Path
    pages: dict = field(default_factory=dict)  # {(lang, edit_url_base): [GeneratedPage]}


def signature(*folders: Path) -> tuple:
    """Names, sizes and modification times of every file under ``folders``."""
    entries = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                entries.append((path, st.st_size, st.st_mtime_ns))
    return tuple(entries)


class ContentCache:
    """Loads a project's content and renders its pages, once per change."""

    def __init__(self):
        self._key: Optional[tuple] = None
        self._content: Optional[Content] = None

    def get(self, root: Path, docs_dir: Optional[Path] = None) -> Content:
        """The validated content; raises :class:`ContentError` listing every error."""
        root = Path(root)
        docs_dir = Path(docs_dir) if docs_dir else root / "docs"
        key = (str(root), str(docs_dir), signature(root / "data", docs_dir))
        if key == self._key and self._content is not None:
            return self._content
        forget_missing_files()  # parsed files stay cached across rebuilds; deleted ones need not
        catalogue = load_catalogue(root)
        strings, problems = load_interface(root / "data" / "interface.yml", "data/interface.yml")
        catalogue.problems = sorted(set(catalogue.problems) | set(problems), key=lambda p: p.sort_key())
        if catalogue.errors:
            self._key, self._content = None, None
            raise ContentError(catalogue.problems)
        self._content = Content(catalogue, strings, docs_dir, root / "overrides" / "library")
        self._key = key
        return self._content

    def pages(self, lang: str, edit_url_base: str = "") -> list:
        """Generated pages of ``lang`` for the content last loaded."""
        if self._content is None:
            raise RuntimeError("ContentCache.pages() called before get()")
        content = self._content
        cache_key = (lang, edit_url_base)
        if cache_key not in content.pages:
            content.pages[cache_key] = render_language(
                content.catalogue, content.strings, lang, content.templates_dir, content.docs_dir, edit_url_base)
        return content.pages[cache_key]

    def files(self, lang: str) -> list:
        """Files (not pages) of ``lang`` to publish: the standalone infographics."""
        if self._content is None:
            raise RuntimeError("ContentCache.files() called before get()")
        key = ("files", lang)
        if key not in self._content.pages:
            self._content.pages[key] = svg_files(self._content.catalogue, lang)
        return self._content.pages[key]

    def expand_markers(self, markdown: str, lang: str, src_uri: str, shown_path: str, line_offset: int = 0) -> tuple:
        """A hand-written page's Markdown with placeholders for its markers, and their HTML (see markers.py)."""
        if self._content is None:
            raise RuntimeError("ContentCache.expand_markers() called before get()")
        neutral = src_uri[len(lang) + 1:] if lang != DEFAULT_LANGUAGE and src_uri.startswith(f"{lang}/") else src_uri
        return expand_markers(markdown, self._content.catalogue, self._content.strings, lang, neutral, shown_path,
                              line_offset)

"""Every kind of file an editor may edit, where its files are, and where its JSON Schema is.

Each kind has a model (the record's in :mod:`resource_library.model.record`, the
others' beside it) and a JSON Schema generated from that model, committed as
``schema/<name>.schema.json`` by ``scripts/library schema``
(:mod:`resource_library.load.schemafile`).  Editors' tools find a file's schema
two ways: ``.vscode/settings.json`` associates each schema with the files of its
kind, and the first line of each YAML file names it (:func:`modeline`).  VS Code's
YAML extension does not read Markdown, so the schema of pages' front matter
serves other tools only (``yaml_extension`` is False).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from fnmatch import fnmatch

#: The comment VS Code's YAML extension reads a file's schema from.
MODELINE_PREFIX = "# yaml-language-server: $schema="


@dataclass(frozen=True)
class FileKind:
    """One kind of editor's file.

    Attributes:
        name: The kind's name, also the schema's file name (``schema/<name>.schema.json``).
        title: What the files are, for the schema's title.
        files: Where the files are: glob patterns relative to the project root.
        yaml_extension: Whether VS Code's YAML extension can check the files (YAML, not Markdown).
    """

    name: str
    title: str
    files: tuple
    yaml_extension: bool = True

    @property
    def schema(self) -> str:
        """The committed schema, relative to the project root."""
        return f"schema/{self.name}.schema.json"

    def holds(self, path: str) -> bool:
        """Whether ``path`` (relative to the project root, with ``/``) is a file of this kind."""
        # fnmatch's * crosses folders: a pattern without ** must name the folder exactly.
        return any(
            fnmatch(path, pattern) and ("**" in pattern or path.count("/") == pattern.count("/"))
            for pattern in self.files
        )


KINDS = (
    FileKind("resource", "Resource record", ("data/resources/*.yml",)),
    FileKind("vocabularies", "Controlled vocabularies", ("data/vocabularies.yml",)),
    FileKind("pillars", "Strategic pillars", ("data/pillars.yml",)),
    FileKind("program", "Partner program", ("data/programs/*.yml",)),
    FileKind("infographic", "Infographic drawn by the build", ("data/infographics/*.yml",)),
    FileKind("glossary", "Bilingual glossary", ("data/glossary.yml",)),
    FileKind("interface", "Interface words", ("data/interface.yml",)),
    FileKind("site", "The site's own data", ("data/site.yml",)),
    FileKind(
        "translation-snapshot", "English a translation was reviewed against", ("data/translations/records/*.yml",)
    ),
    FileKind(
        "page-front-matter", "Front matter of a hand-written page", ("docs/*.md", "docs/**/*.md"), yaml_extension=False
    ),
)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}


def kind_of(path: str):
    """The :class:`FileKind` of ``path`` (relative to the project root), or None."""
    return next((kind for kind in KINDS if kind.holds(path)), None)


def modeline(path: str, kind: FileKind | None = None) -> str:
    """The first line of the YAML file ``path`` (relative to the project root): where its schema is."""
    kind = kind or kind_of(path)
    if kind is None or not kind.yaml_extension:
        raise ValueError(f"{path} is not a YAML file of a kind with a schema")
    return MODELINE_PREFIX + posixpath.relpath(kind.schema, posixpath.dirname(path))

"""The :class:`~resource_library.build.Build` of each project, for the event handlers.

MkDocs imports hook modules once per process, and ``mkdocs serve`` rebuilds with a
new configuration object each time, so the Build (and its caches) is looked up by
project: the configuration file and the ``docs/`` folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from resource_library.build import Build

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

_builds: dict = {}
#: How the process was started (``on_startup``): the command (``build``, ``serve``,
#: ``gh-deploy``), whether builds are dirty previews, whether languages build in parallel.
_startup: dict = {}


def build_for(config: MkDocsConfig) -> Build:
    """The Build of the project ``config`` describes (made on first use)."""
    key = (config.config_file_path, config.docs_dir)
    build = _builds.get(key)
    if build is None:
        build = _builds[key] = Build(Path(config.config_file_path).parent, Path(config.docs_dir))
    return build


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def started(command: str) -> None:
    """Remember the command of this process (MkDocs' ``on_startup`` event)."""
    _startup["command"] = command


def serving() -> bool:
    """Whether this process is ``mkdocs serve``: the pages are a local preview, never published."""
    return _startup.get("command") == "serve"


def builds() -> list:
    """Every Build of the process."""
    return list(_builds.values())


def set_previewing(flag: bool) -> None:
    """Record whether builds are previews (``mkdocs serve --dirty``: see ``preview.py``)."""
    _startup["previewing"] = bool(flag)


def previewing() -> bool:
    return bool(_startup.get("previewing"))


def set_parallel(flag: bool) -> None:
    """Record whether languages are built in parallel (``mkdocs build`` and ``serve``: see ``parallel.py``)."""
    _startup["parallel"] = bool(flag)


def parallel() -> bool:
    return bool(_startup.get("parallel"))

"""``mkdocs build`` on every core: each other language's pass runs in a forked process.

What mkdocs-static-i18n 1.3.1 does (read in its installed source; ``tests/test_parallel.py``
is the regression test): the default language is built first; in its
``on_post_build`` (priority -100) the plugin sets ``current_language`` and calls
``build(config, dirty=...)`` (the name ``build`` of its ``plugin`` module) once for
each other language, on the same configuration, with ``building`` set; each pass
appends its site search entries to ``search_entries``; after the loop it writes the
combined search index.  A pass's ``sitemap.xml`` lists the pages of every language
built so far (``i18n_files_per_language``), so the last pass's sitemap is the site's.

What this module does, for ``mkdocs build`` on a machine with two cores or more
(``LIBRARY_SEQUENTIAL_BUILD=1`` builds one language after the other, as before):

- ``on_nav`` of the default language's pass (last, once its files and navigation are
  known and the content is loaded and validated) forks one process per other
  language.  The child gives every page a ``Page`` as MkDocs' own loop would (so its
  sitemap lists them), points ``site_dir`` at a temporary folder beside the site,
  and runs that language's pass exactly as the plugin would, then reports its search
  entries (or its error) and exits; the parent goes on with the default language.
- The plugin's call to ``build`` for that language is replaced, in the parent, by
  waiting for the child and taking in what it made: its search entries (in the
  order of a sequential build), its pages (``<lang>/``), its "page not found" page
  (``<lang>/404.html``, see ``not_found``) and its ``sitemap.xml`` (the last pass's).
  The plugin then writes the combined search index as usual.
- A warning in the child under ``--strict``, or any error, stops the build with
  the child's message; the child's log lines are printed as it goes.

The result is the site a sequential build gives (``tests/test_parallel.py`` diffs the trees).
Not used by ``mkdocs serve`` (its server runs threads, which ``fork`` does not copy)
nor where ``os.fork`` is missing.
"""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from resource_library_mkdocs import i18n, session
from resource_library_mkdocs.session import build_for

log = logging.getLogger("mkdocs.hooks.parallel")

__all__ = ["on_build_error", "on_nav", "on_startup"]

SEQUENTIAL_VARIABLE = "LIBRARY_SEQUENTIAL_BUILD"
RESULT = ".pass-result.pickle"
#: Lines MkDocs prints once per build, which the plugin hides for its inner passes too.
INNER_PASS_LINES = ("Documentation built in", "Building documentation to directory", "Cleaning site directory")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def wanted() -> bool:
    """Whether this machine and environment build languages in parallel."""
    sequential = os.environ.get(SEQUENTIAL_VARIABLE, "").strip().lower() in ("1", "true", "yes")
    return hasattr(os, "fork") and cores() >= 2 and not sequential


def on_startup(command, dirty):
    session.set_parallel(command == "build" and not dirty and wanted())


class _InnerPassFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(INNER_PASS_LINES)


@event_priority(-1000)
def on_nav(nav, config, files):
    if not session.parallel():
        return nav
    plugin = i18n.i18n_plugin(config)
    default, languages = i18n.languages(config)
    if plugin.building or i18n.current_language(config) != default:
        return nav
    others = [lang for lang in languages if lang != default]
    build = build_for(config)
    site_dir = Path(config.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _intercept(plugin)
    for lang in others:
        folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{lang}-", dir=site_dir.parent))
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(config, files, lang, folder)  # never returns
        build.parallel_passes[lang] = (pid, folder)
        log.info(f"Building '{lang}' in parallel (process {pid})")
    return nav


def _child(config, files, lang: str, folder: Path) -> None:
    status = 1
    try:
        session.set_parallel(False)
        build_for(config).parallel_passes.clear()
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, config)  # what MkDocs' build loop does before reading pages
        plugin = i18n.i18n_plugin(config)
        plugin.building = True
        plugin.current_language = lang
        config.site_dir = str(folder)
        logging.getLogger("mkdocs.commands.build").addFilter(_InnerPassFilter())
        mkdocs_build(config, dirty=False)
        result: dict = {"search_entries": plugin.search_entries}
        status = 0
    except BaseException as exc:  # reported to the parent, which stops the build with it
        result = {"error": f"{type(exc).__name__}: {exc}"}
    try:
        with open(folder / RESULT, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        for handler in logging.getLogger().handlers + logging.getLogger("mkdocs").handlers:
            handler.flush()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _intercept(plugin) -> None:
    """Make the plugin's ``build`` calls take in the parallel passes (once per process)."""
    module = sys.modules[type(plugin).__module__]
    if getattr(module.build, "_library_parallel", False):
        return
    original = module.build

    def build_or_collect(config, *args, **kwargs):
        lang = i18n.i18n_plugin(config).current_language
        entry = build_for(config).parallel_passes.pop(lang, None)
        if entry is None:
            return original(config, *args, **kwargs)
        return _collect(config, lang, *entry)

    build_or_collect._library_parallel = True  # type: ignore[attr-defined]
    module.build = build_or_collect


def _collect(config, lang: str, pid: int, folder: Path) -> None:
    try:
        _pid, status = os.waitpid(pid, 0)
        result_file = folder / RESULT
        result = pickle.loads(result_file.read_bytes()) if result_file.is_file() else {}
        if "error" in result or os.waitstatus_to_exitcode(status) != 0:
            error = result.get("error") or f"exit status {os.waitstatus_to_exitcode(status)}"
            raise PluginError(f"the '{lang}' pass, built in parallel, failed: {error}")
        i18n.i18n_plugin(config).search_entries.extend(result["search_entries"])
        site_dir = Path(config.site_dir)
        _move_tree(folder / lang, site_dir / lang)
        if (folder / "404.html").is_file():
            os.replace(folder / "404.html", site_dir / lang / "404.html")
        for name in ("sitemap.xml", "sitemap.xml.gz"):  # the last pass's lists every language
            if (folder / name).is_file():
                os.replace(folder / name, site_dir / name)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _move_tree(source: Path, target: Path) -> None:
    if not source.is_dir():
        return
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        return
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, destination)


def on_build_error(error):
    for build in session.builds():
        for pid, folder in build.parallel_passes.values():
            try:
                os.kill(pid, 15)
                os.waitpid(pid, 0)
            except OSError:
                pass
            shutil.rmtree(folder, ignore_errors=True)
        build.parallel_passes.clear()

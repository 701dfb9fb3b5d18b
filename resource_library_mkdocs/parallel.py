"""Builds on every core: each other language's pass runs in a forked process.

What mkdocs-static-i18n 1.3.1 does (read in its installed source; ``tests/test_parallel.py``
and ``tests/test_preview.py`` are the regression tests): the default language is built
first; in its ``on_post_build`` (priority -100) the plugin sets ``current_language`` and
calls ``build(config, dirty=...)`` (the name ``build`` of its ``plugin`` module) once for
each other language, on the same configuration, with ``building`` set (``dirty`` read
from the command line: ``i18n.inner_passes_dirty``); each pass appends its site search
entries to ``search_entries``; after the loop it writes the combined search index.  A
pass's ``sitemap.xml`` lists the pages of every language built so far
(``i18n_files_per_language``), so the last pass's sitemap is the site's.

What this module does, for ``mkdocs build`` and for every build of ``mkdocs serve``, on a
machine with two cores or more (``LIBRARY_SEQUENTIAL_BUILD=1`` builds one language after
the other, as ``mkdocs build --dirty`` always does):

- ``on_config`` of the default language's pass (last, once the content is loaded and
  validated: what every pass shares) forks one process per other language, so that
  both languages' pages are made at once.  The child points ``site_dir`` at a
  temporary folder beside the site and runs that language's pass exactly as the
  plugin would, then reports its search entries (or its error) and exits; the parent
  goes on with the default language.
- The sitemap (the last pass's) lists the default language's pages too: the parent
  writes them as plain data (``i18n.sitemap_entries``) at its ``on_env``, when MkDocs
  has made every page, and the child's ``on_template_context`` of ``sitemap.xml``
  waits for them (bounded) and gives them to the template in the plugin's place.
- A dirty pass (``mkdocs serve --dirty``: a preview, see ``preview``) must see the site
  as the last build left it: the temporary folder then holds a link to each entry of
  the site's root but the theme's root pages, and the child writes its pages through
  them.  Under ``mkdocs serve`` the child also hands back what the next rebuild needs
  from its pass (``Build.pass_state``, ``preview.pass_state``: the pages it kept for
  reuse, the sections search indexes, the preview's fingerprints and counts).
- The plugin's call to ``build`` for that language is replaced, in the parent, by
  waiting for the child and taking in what it made: its search entries (in the
  order of a sequential build), its pages (``<lang>/``, unless written in place), its
  "page not found" page (``<lang>/404.html``, see ``not_found``), its ``sitemap.xml``
  (the last pass's) and what it handed back.  The plugin then goes on as usual.
- A warning in the child under ``--strict``, or any error, stops the build with
  the child's message; the child's log lines are printed as it goes.  A child that has
  not finished after ``PASS_TIMEOUT`` seconds is stopped and its pass built in the
  parent (``mkdocs serve`` forks while its server threads run; a lock one of them held
  at that moment would never be released in the child).

The result is the site a sequential build gives (``tests/test_parallel.py`` and
``tests/test_preview.py`` diff the trees).  Not used where ``os.fork`` is missing.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from resource_library.cores import stop, wait, wanted
from resource_library_mkdocs import i18n, preview, session
from resource_library_mkdocs.session import build_for

log = logging.getLogger("mkdocs.hooks.parallel")

__all__ = ["on_build_error", "on_config", "on_env", "on_startup", "on_template_context"]

RESULT = ".pass-result.pickle"
#: The default language's pages for the sitemap, written by the parent (``on_env``).
SITEMAP_PAGES = ".sitemap-pages.pickle"
#: What every pass writes at the site's root (the theme's): the last pass's is the site's.
ROOT_PAGES = ("404.html", "sitemap.xml", "sitemap.xml.gz", RESULT, SITEMAP_PAGES)
#: Seconds a parallel pass may take before it is stopped and built in this process instead
#: (a language of 5,000 records takes well under a minute on two cores).
PASS_TIMEOUT = 900
#: Lines MkDocs prints once per build, which the plugin hides for its inner passes too.
INNER_PASS_LINES = ("Documentation built in", "Building documentation to directory", "Cleaning site directory")


def on_startup(command, dirty):
    # `mkdocs build --dirty` updates a site folder in place: one pass after the other.
    session.set_parallel(wanted() and ((command == "build" and not dirty) or command == "serve"))


class _InnerPassFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(INNER_PASS_LINES)


@event_priority(-1000)
def on_config(config):
    # Last, once the content is loaded and validated (library.on_config): what every pass shares.
    if not session.parallel():
        return config
    plugin = i18n.i18n_plugin(config)
    default, languages = i18n.languages(config)
    if plugin.building or i18n.current_language(config) != default:
        return config
    others = [lang for lang in languages if lang != default]
    build = build_for(config)
    site_dir = Path(config.site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    _intercept(plugin)
    # What both processes hold stays out of the collector's reach until the passes are in:
    # a collection would otherwise write to every object's header and copy, in one process
    # or the other, every memory page the fork shares.
    if others:
        gc.freeze()
    for lang in others:
        folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-{lang}-", dir=site_dir.parent))
        if i18n.inner_passes_dirty():
            _link_site(site_dir, folder)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _child(config, lang, folder)  # never returns
        build.parallel_passes[lang] = (pid, folder)
        log.info(f"Building '{lang}' in parallel (process {pid})")
    return config


@event_priority(-1000)
def on_env(env, config, files):
    # The default language's pages all exist now (MkDocs made them before this event): the
    # sitemaps of the passes built in parallel list them (see _sitemap_pages).
    passes = build_for(config).parallel_passes
    if passes:
        default, _ = i18n.languages(config)
        entries = pickle.dumps(i18n.sitemap_entries(config, default), protocol=pickle.HIGHEST_PROTOCOL)
        for _pid, folder in passes.values():
            (folder / (SITEMAP_PAGES + ".part")).write_bytes(entries)
            os.replace(folder / (SITEMAP_PAGES + ".part"), folder / SITEMAP_PAGES)
    return env


@event_priority(-1000)
def on_template_context(context, template_name, config):
    # In a pass built in parallel: the default language's pages, from the parent.
    folder = build_for(config).pass_folder
    if template_name == "sitemap.xml" and folder is not None:
        default, _ = i18n.languages(config)
        i18n.set_sitemap_entries(context, default, _sitemap_pages(folder))
    return context


def _sitemap_pages(folder: Path) -> list:
    """The default language's pages as the sitemap reads them, once the parent has written them."""
    path = folder / SITEMAP_PAGES
    deadline = time.monotonic() + PASS_TIMEOUT
    while not path.is_file():
        if time.monotonic() > deadline:
            raise PluginError(f"the default language's pages did not arrive in {PASS_TIMEOUT} s")
        time.sleep(0.01)
    return pickle.loads(path.read_bytes())


def _link_site(site_dir: Path, folder: Path) -> None:
    """Make ``folder`` show the site as it stands, but for the files every pass writes at its root.

    A dirty pass (``mkdocs serve --dirty``) renders only the pages that changed and copies only
    newer files, so it must see the pages of the last build: each entry of the site's root is
    linked, and the pass writes through the links.  The theme's root pages (``404.html``,
    ``sitemap.xml``) are written by every pass: the child's stay in ``folder`` for :func:`_collect`.
    """
    if not site_dir.is_dir():
        return
    for entry in site_dir.iterdir():
        if entry.name not in ROOT_PAGES:
            (folder / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())


def _child(config, lang: str, folder: Path) -> None:
    status = 1
    site_dir = Path(config.site_dir)
    try:
        session.set_parallel(False)
        build_for(config).parallel_passes.clear()
        build_for(config).forked(folder)
        plugin = i18n.i18n_plugin(config)
        plugin.building = True
        plugin.current_language = lang
        config.site_dir = str(folder)
        logging.getLogger("mkdocs.commands.build").addFilter(_InnerPassFilter())
        mkdocs_build(config, dirty=i18n.inner_passes_dirty())
        result: dict = {"search_entries": plugin.search_entries}
        if session.serving():  # the process builds again: what this pass learnt goes back to it
            result["build"] = build_for(config).pass_state(lang)
            result["preview"] = preview.pass_state(config, lang, folder, site_dir)
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
        passes = build_for(config).parallel_passes
        entry = passes.pop(lang, None)
        try:
            if entry is None or not _collect(config, lang, *entry):
                return original(config, *args, **kwargs)
            return None
        finally:
            if entry is not None and not passes:
                gc.unfreeze()

    build_or_collect._library_parallel = True  # type: ignore[attr-defined]
    module.build = build_or_collect


def _collect(config, lang: str, pid: int, folder: Path) -> bool:
    """Take in the pass of ``lang`` built in process ``pid``; False when it did not finish in time
    (it is stopped: the caller builds the pass itself)."""
    try:
        status = wait(pid, PASS_TIMEOUT)
        if status is None:
            log.warning(f"The '{lang}' pass built in parallel did not finish in {PASS_TIMEOUT} s: building it here")
            return False
        result_file = folder / RESULT
        result = pickle.loads(result_file.read_bytes()) if result_file.is_file() else {}
        if "error" in result or os.waitstatus_to_exitcode(status) != 0:
            error = result.get("error") or f"exit status {os.waitstatus_to_exitcode(status)}"
            raise PluginError(f"the '{lang}' pass, built in parallel, failed: {error}")
        i18n.i18n_plugin(config).search_entries.extend(result["search_entries"])
        if "build" in result:
            build_for(config).take_pass_state(lang, result["build"])
            preview.take_pass_state(config, lang, result["preview"])
        site_dir = Path(config.site_dir)
        if not (folder / lang).is_symlink():  # else written in place
            _move_tree(folder / lang, site_dir / lang)
        if (folder / "404.html").is_file():
            os.replace(folder / "404.html", site_dir / lang / "404.html")
        for name in ("sitemap.xml", "sitemap.xml.gz"):  # the last pass's lists every language
            if (folder / name).is_file():
                os.replace(folder / name, site_dir / name)
        return True
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # links are removed, never followed


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
            stop(pid)
            shutil.rmtree(folder, ignore_errors=True)
        if build.parallel_passes:
            gc.unfreeze()
        build.parallel_passes.clear()

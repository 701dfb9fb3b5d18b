"""Python's cyclic garbage collector under ``mkdocs serve``: run while the server waits, not during a save's build.

A server keeps, from one build to the next, millions of objects: the content loaded, the
parse caches, the work kept for reuse (``resource_library/kept.py``), MkDocs' files and
pages.  A full collection scans every one of them, and the garbage a build leaves (the
last build's pages, files and navigation refer to each other: only the collector frees
them) sets one off early in the next build: about 0.6 s of a save's wait at 5,000 records.

- After a build (its last ``on_post_build``, or a failed build), once the server has had
  :data:`IDLE_SECONDS` to send the reloaded page, one full collection frees what the
  last build left, and what survives is frozen (``gc.freeze``): the next build's
  collections scan only what that build makes.
- At the end of that build the frozen objects go back to the collector (``gc.unfreeze``),
  so what the build made garbage of them is freed by the next idle collection.
- A build that starts first cancels the pending collection, and collects as any program does.

Only under ``mkdocs serve``; ``parallel.py`` freezes what a forked pass shares for its
own reason, until the passes are in.
"""

from __future__ import annotations

import gc
import threading

from mkdocs.plugins import event_priority

from resource_library.build import Build
from resource_library_mkdocs import i18n, session
from resource_library_mkdocs.session import build_for

__all__ = ["on_build_error", "on_config", "on_post_build", "on_shutdown"]

#: Seconds after a build before the collection: the reloaded page is served first.
IDLE_SECONDS = 1.0


def collect_idle() -> None:
    """A full collection, then everything that survives frozen until the end of the next build."""
    gc.collect()
    gc.freeze()


def before_build(build: Build) -> None:
    """A build of ``build`` starts: a collection not yet started is cancelled (one started finishes first)."""
    if build.idle_collection is not None:
        build.idle_collection.cancel()
        build.idle_collection = None


def after_build(build: Build, delay: float = IDLE_SECONDS) -> None:
    """A build of ``build`` ended: what was frozen goes back to the collector, which runs ``delay`` seconds later."""
    before_build(build)
    gc.unfreeze()
    timer = threading.Timer(delay, collect_idle)
    timer.daemon = True
    build.idle_collection = timer
    timer.start()


@event_priority(2000)
def on_config(config):
    # First of every pass's handlers.
    if session.serving():
        before_build(build_for(config))
    return config


@event_priority(-3000)
def on_post_build(config):
    # Last of the build's handlers, in its last pass (every language built).
    if session.serving() and i18n.all_languages_built(config):
        after_build(build_for(config))


def on_build_error(error):
    if session.serving():
        for build in session.builds():
            after_build(build)


def on_shutdown():
    for build in session.builds():
        before_build(build)

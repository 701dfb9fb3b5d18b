"""Saves heard as they happen during ``mkdocs serve``, as well as by MkDocs' polling.

MkDocs 1.6's server (``mkdocs/livereload/__init__.py``) watches its folders with
watchdog's ``PollingObserver``: it compares every watched file every 0.5 s, so a save
waits a quarter of a second on average (up to half a second, more with thousands of
records to compare) before its build starts.  Where the system tells of file changes
(inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows), this module
also hears them at once, through watchdog's native observer.  The polling stays: it is
the only way on file systems that tell nothing (network drives, some container and WSL
mounts).

One save must start one build.  Both observers' reports go through :class:`Hearing`,
which remembers the state each path had (``lstat``: inode, size, times) when a change
to it was last passed on, and drops a report of a path still in that state: the second
observer to notice a save is not heard.  Reads (the build opens every record) are not
changes.

What it relies on in MkDocs 1.6.1 (``tests/test_hearing.py`` is the regression test):
``on_serve`` runs after the server watches the docs, the configuration and the theme,
before it watches ``watch:`` and starts; the server's ``observer`` (the polling one)
keeps each watch's handlers in ``_handlers``, whose ``on_any_event`` is the callback
``watch()`` made (it asks for a build); ``_watched_paths`` names what is watched;
``watch()`` is called for the rest; ``shutdown()`` ends the serving.
"""

from __future__ import annotations

import logging
import os
import threading

import watchdog.events
import watchdog.observers

log = logging.getLogger("mkdocs.hooks.hearing")

__all__ = ["on_serve"]

#: The kinds of report that say a file changed (not that it was opened or read).
CHANGES = frozenset({"created", "deleted", "modified", "moved", "closed"})
#: ... asked of the system alone: each build reads every record, and a report of each
#: opening would cost the build the time to hear it.
CHANGE_EVENTS = [
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileMovedEvent,
    watchdog.events.FileClosedEvent,
]


def _state(path: str):
    """What a change to ``path`` changes (``None``: there is no such file)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _paths(event) -> list:
    paths = [os.fsdecode(event.src_path)]
    if getattr(event, "dest_path", ""):
        paths.append(os.fsdecode(event.dest_path))
    return paths


class Hearing:
    """The native observer of one server, and the filter both observers' reports go through."""

    def __init__(self, server) -> None:
        self.server = server
        self.native = watchdog.observers.Observer()
        self._lock = threading.Lock()
        #: ``{path: state}``: each path as it was when a change to it was last passed on.
        self._passed: dict = {}
        self._ask = None  # the server's callback, which asks for a build
        self._heard: set = set()

    def start(self) -> None:
        polling = self.server.observer
        for handlers in list(polling._handlers.values()):
            for handler in handlers:
                self._filter(handler)
        for path in list(self.server._watched_paths):
            self._hear(path)
        watch, shutdown = self.server.watch, self.server.shutdown

        def watch_too(path, func=None, *, recursive=True):
            watch(path, func, recursive=recursive)
            ref = self.server._watch_refs.get(os.path.abspath(path))
            for handler in list(polling._handlers.get(ref, ())) if ref is not None else ():
                self._filter(handler)
            self._hear(os.path.abspath(path), recursive)

        def shutdown_too(*args, **kwargs):
            try:
                self.native.stop()
                if self.native.is_alive():
                    self.native.join(timeout=10)
            finally:
                shutdown(*args, **kwargs)

        self.server.watch = watch_too
        self.server.shutdown = shutdown_too
        self.native.start()

    def _filter(self, handler) -> None:
        """Route the polling ``handler``'s reports through :meth:`_pass_on`."""
        callback = handler.on_any_event
        if getattr(callback, "_library_hearing", False):
            return
        if self._ask is None:
            self._ask = callback

        def heard_once(event):
            self._pass_on(event, callback)

        heard_once._library_hearing = True  # type: ignore[attr-defined]
        handler.on_any_event = heard_once

    def _hear(self, path: str, recursive: bool = True) -> None:
        """Hear the changes of ``path`` (a folder or a file) as the system reports them."""
        if path in self._heard or not os.path.exists(path):
            return
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._native_event  # type: ignore[method-assign]
        try:
            self.native.schedule(handler, path, recursive=recursive and os.path.isdir(path), event_filter=CHANGE_EVENTS)
        except OSError as exc:  # e.g. the system's limit of watches: polling alone hears this path
            log.debug(f"Cannot hear changes of '{path}' as they happen ({exc}); polling only")
            return
        self._heard.add(path)

    def _native_event(self, event) -> None:
        if event.is_directory or event.event_type not in CHANGES or self._ask is None:
            return
        self._pass_on(event, self._ask)

    def _pass_on(self, event, callback) -> None:
        """Call ``callback`` with ``event`` unless each of its paths is as it was when last passed on."""
        if not event.is_directory:
            states = {path: _state(path) for path in _paths(event)}
            with self._lock:
                if all(path in self._passed and self._passed[path] == state for path, state in states.items()):
                    return
                self._passed.update(states)
        callback(event)


def on_serve(server, config, builder):
    if not all(hasattr(server, name) for name in ("observer", "_watched_paths", "_watch_refs", "watch", "shutdown")):
        log.debug("Unknown server: saves are heard by its own watching only")
        return server
    Hearing(server).start()
    return server

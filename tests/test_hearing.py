"""Saves heard as they happen under ``mkdocs serve`` (``resource_library_mkdocs/hearing.py``).

The regression test of what the module relies on in MkDocs' server: a real
``LiveReloadServer`` (never bound to a port), its polling observer and its callbacks.
"""

from __future__ import annotations

import os
import time

import pytest
from mkdocs.livereload import LiveReloadServer
from sitebuild import wait_until

from resource_library_mkdocs import hearing


@pytest.fixture
def server(tmp_path):
    made = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=8000, root=str(tmp_path / "site"))
    yield made
    if made.observer.is_alive():
        made.observer.stop()
        made.observer.join(timeout=10)
    made.server_close()


def _asked(server) -> bool:
    with server._rebuild_cond:
        return server._want_rebuild


def _reset(server) -> None:
    with server._rebuild_cond:
        server._want_rebuild = False


def test_a_save_is_heard_at_once_and_once(tmp_path, server):
    data, docs = tmp_path / "data", tmp_path / "docs"
    data.mkdir()
    docs.mkdir()
    record = data / "record.yml"
    record.write_text("id: a\n", encoding="utf-8")
    server.watch(str(docs))  # as MkDocs does before on_serve ...
    assert hearing.on_serve(server, None, None) is server
    server.watch(str(data))  # ... and for `watch:` after it
    try:
        # The polling observer is not started: only the system's report can ask for a build.
        record.write_text("id: b\n", encoding="utf-8")
        assert wait_until(lambda: _asked(server)), "a save was not heard as it happened"
        _reset(server)
        (docs / "page.md").write_text("# Page\n", encoding="utf-8")
        assert wait_until(lambda: _asked(server))
        _reset(server)
        # Reading is not a change.
        record.read_bytes()
        time.sleep(0.5)
        assert not _asked(server)
        # MkDocs' polling then sees the same saves: already heard, they ask for nothing.
        server.observer.start()
        time.sleep(1.6)  # three rounds of polling
        assert not _asked(server)
        # A save the system does not report (here: none is heard) still reaches the server by polling.
        for handler in list(server.observer._handlers.values()):
            assert all(getattr(h.on_any_event, "_library_hearing", False) for h in handler)
        record.write_text("id: c, and longer\n", encoding="utf-8")
        assert wait_until(lambda: _asked(server))
    finally:
        server.shutdown()  # the native observer stops with the server


def test_a_report_of_a_path_in_the_state_passed_on_is_dropped(tmp_path, server):
    heard = hearing.Hearing(server)
    calls: list = []
    path = tmp_path / "x.yml"
    path.write_text("a\n", encoding="utf-8")

    class Event:
        is_directory = False
        event_type = "modified"
        src_path = str(path)
        dest_path = ""

    heard._pass_on(Event(), calls.append)
    heard._pass_on(Event(), calls.append)
    assert len(calls) == 1
    path.write_text("ab\n", encoding="utf-8")
    heard._pass_on(Event(), calls.append)
    os.remove(path)
    heard._pass_on(Event(), calls.append)
    heard._pass_on(Event(), calls.append)
    assert len(calls) == 3  # the edit and the removal, each once

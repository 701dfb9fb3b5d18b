"""Work shared with a forked process (``resource_library/cores.py``) gives what one process
gives, whatever happens to the forked copy; a first load shares its records' parsing and
checks that way, with the same catalogue and the same problems, at the same places.

On a machine of one core, or with ``LIBRARY_SEQUENTIAL_BUILD=1``, nothing is forked: the
tests check that too, so each runs one way or the other, never skipped.
"""

from __future__ import annotations

import os
import time

from sitebuild import FIXTURES, fixture_records, make_project

from resource_library import cores
from resource_library.load import catalogue as catalogue_module
from resource_library.load import yamlsource
from resource_library.load.catalogue import load_catalogue


def _where(items: list) -> tuple:
    return os.getpid(), [item * 2 for item in items]


def test_the_second_half_is_worked_on_in_another_process(monkeypatch):
    monkeypatch.delenv(cores.SEQUENTIAL_VARIABLE, raising=False)
    here, there = cores.share(list(range(9)), _where)
    assert here == (os.getpid(), [0, 2, 4, 6, 8])
    assert there[1] == [10, 12, 14, 16]
    assert (there[0] != os.getpid()) == cores.wanted()
    monkeypatch.setenv(cores.SEQUENTIAL_VARIABLE, "1")
    assert cores.share([1, 2, 3], _where) == ((os.getpid(), [2, 4]), (os.getpid(), [6]))
    assert cores.share([], _where) == ((os.getpid(), []), (os.getpid(), []))


def test_a_forked_half_that_fails_hangs_or_cannot_be_handed_back_is_done_here(monkeypatch):
    monkeypatch.delenv(cores.SEQUENTIAL_VARIABLE, raising=False)
    parent = os.getpid()

    def failing(items):
        if os.getpid() != parent:
            raise RuntimeError("the forked copy fails")
        return _where(items)

    def unpicklable(items):
        return (lambda: None) if os.getpid() != parent else _where(items)

    def hanging(items):
        if os.getpid() != parent:
            time.sleep(120)
        return _where(items)

    assert cores.share([1, 2, 3, 4], failing) == ((parent, [2, 4]), (parent, [6, 8]))
    assert cores.share([1, 2, 3, 4], unpicklable) == ((parent, [2, 4]), (parent, [6, 8]))
    monkeypatch.setattr(cores, "SHARE_WAIT_MIN", 0.5)
    started = time.monotonic()
    assert cores.share([1, 2, 3, 4], hanging) == ((parent, [2, 4]), (parent, [6, 8]))
    assert time.monotonic() - started < 30  # stopped after the bound, not waited for


def _load_from_scratch(project):
    yamlsource._cache.clear()
    catalogue_module._SCHEMA_MEMO["schema"] = None
    return load_catalogue(project)


def test_a_first_load_shared_between_processes_finds_what_one_process_finds(tmp_path, monkeypatch):
    """Valid and broken records on both halves: the same records, the same problems (file,
    line, column, field, message), whether half of them were parsed and checked elsewhere."""
    records = fixture_records("english-only", "full-record", "offered-in-french")
    broken = fixture_records(
        "syntax-error",
        "unknown-term",
        "script-in-summary-fr",
        "missing-required",
        "duplicate-key",
        "description-img-onerror",
        kind="invalid",
    )
    text = records["full-record.yml"]
    for n in range(12):  # more valid records, so that both halves hold some of each
        records[f"copy-{n:02d}.yml"] = text.replace("id: full-record", f"id: copy-{n:02d}")
    project = make_project(tmp_path, records={**records, **broken})
    latin = FIXTURES / "records" / "invalid" / "latin-encoding.yml"  # not UTF-8: copied as bytes
    (project / "data" / "resources" / latin.name).write_bytes(latin.read_bytes())
    files = len(list((project / "data" / "resources").glob("*.yml")))
    monkeypatch.setattr(catalogue_module, "PARALLEL_FROM", 4)

    checked_here: list = []
    flatten = catalogue_module._flatten

    def counted(errors):  # one call per record checked against the schema
        checked_here.append(1)  # in this process only: a forked copy counts in its own memory
        return flatten(errors)

    monkeypatch.setattr(catalogue_module, "_flatten", counted)

    monkeypatch.setenv(cores.SEQUENTIAL_VARIABLE, "1")
    alone = _load_from_scratch(project)
    checked_alone = len(checked_here)
    monkeypatch.delenv(cores.SEQUENTIAL_VARIABLE)
    checked_here.clear()
    shared = _load_from_scratch(project)

    assert alone.problems and any(p.is_error for p in alone.problems)
    assert [p.sort_key() + (p.message,) for p in shared.problems] == [
        p.sort_key() + (p.message,) for p in alone.problems
    ]
    assert shared.records == alone.records and len(shared.records) == 15
    assert checked_alone > 15 and files == 22
    if cores.wanted():  # the second half was checked in the forked process
        assert 0 < len(checked_here) < checked_alone, (len(checked_here), checked_alone)
    else:
        assert len(checked_here) == checked_alone
    # A second load (mkdocs serve) parses and checks nothing again, and forks no process.
    checked_here.clear()
    again = load_catalogue(project)
    assert again.records == alone.records and not checked_here

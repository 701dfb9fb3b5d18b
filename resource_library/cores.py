"""Work on every core: how many the machine gives, whether to use them, and one piece of
work shared with a forked process.

A build uses a second core twice: while the content loads, to parse and check half of
the record files (``load/catalogue.py``), and for the French pass
(``resource_library_mkdocs/parallel.py``).  ``LIBRARY_SEQUENTIAL_BUILD=1`` keeps all of
it in one process.

:func:`share` forks: the forked process gets a copy of everything this one holds, works
on its half, hands the result back pickled in a temporary file and exits.  Whatever
goes wrong there (an error, a result that cannot be pickled, a process that does not
finish in time, no ``os.fork``), the half is done here instead: the result is the same,
only slower.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from typing import TypeVar

SEQUENTIAL_VARIABLE = "LIBRARY_SEQUENTIAL_BUILD"
#: The forked half may take this many times what this process's half took, and at least
#: :data:`SHARE_WAIT_MIN` seconds, before it is stopped (and its half done here).
SHARE_WAIT_FACTOR = 4
SHARE_WAIT_MIN = 60.0

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def wanted() -> bool:
    """Whether this machine and environment run work in parallel."""
    sequential = os.environ.get(SEQUENTIAL_VARIABLE, "").strip().lower() in ("1", "true", "yes")
    return hasattr(os, "fork") and cores() >= 2 and not sequential


def share(items: list, work: Callable[[list], T]) -> tuple[T, T]:
    """``(work(first half), work(second half))`` of ``items``, the second half worked on at the
    same time by a forked process when :func:`wanted`.  ``work`` must not write files or print:
    a forked copy runs it too."""
    half = (len(items) + 1) // 2
    mine, theirs = items[:half], items[half:]
    if not theirs or not wanted():
        return work(mine), work(theirs)
    handle, name = tempfile.mkstemp(prefix="resource-library-", suffix=".pickle")
    os.close(handle)
    try:
        return _share(mine, theirs, work, name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _share(mine: list, theirs: list, work: Callable[[list], T], name: str) -> tuple[T, T]:
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        return work(mine), work(theirs)
    if pid == 0:
        _work_and_exit(work, theirs, name)
    try:
        started = time.monotonic()
        here = work(mine)
        status = wait(pid, max(SHARE_WAIT_MIN, SHARE_WAIT_FACTOR * (time.monotonic() - started)))
    except BaseException:  # this half failed (or was interrupted): the other one is not waited for
        stop(pid)
        raise
    if status is not None and os.waitstatus_to_exitcode(status) == 0:
        try:
            with open(name, "rb") as source:
                return here, pickle.load(source)
        except (OSError, EOFError, pickle.UnpicklingError):
            pass
    return here, work(theirs)


def _work_and_exit(work: Callable[[list], T], items: list, name: str) -> None:
    """In the forked process: the half, pickled into ``name``; never returns."""
    status = 1
    try:
        # What both processes hold stays out of the collector's reach: a collection here would
        # write to every object's header and copy the memory pages the fork shares.
        gc.freeze()
        result = work(items)
        with open(name, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    except BaseException:  # the parent does the half itself
        pass
    finally:
        os._exit(status)


def wait(pid: int, seconds: float):
    """The exit status of process ``pid``, or None (and the process stopped) after ``seconds``.

    Woken by the process's end where the system tells it (Linux: a descriptor of the process),
    else by looking every few milliseconds."""
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        try:
            ended, _, _ = select.select([handle], [], [], max(seconds, 0.0))
        finally:
            os.close(handle)
        if not ended:
            stop(pid)
            return None
        return os.waitpid(pid, 0)[1]
    deadline = time.monotonic() + seconds
    delay = 0.005
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.monotonic() > deadline:
            stop(pid)
            return None
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def stop(pid: int) -> None:
    """Stop process ``pid`` now, and collect it."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass

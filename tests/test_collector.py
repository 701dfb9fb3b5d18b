"""The server's garbage collection between saves (``resource_library_mkdocs/collector.py``)."""

from __future__ import annotations

import gc
import time

from sitebuild import wait_until

from resource_library.build import Build
from resource_library_mkdocs import collector


def test_after_a_build_the_idle_collection_freezes_what_survives(tmp_path):
    build = Build(tmp_path)
    try:
        garbage = []
        garbage.append(garbage)  # a cycle: only the collector frees it
        del garbage
        collector.after_build(build, delay=0.05)
        assert gc.get_freeze_count() == 0  # nothing frozen until the collection has run
        assert wait_until(lambda: gc.get_freeze_count() > 0)
        assert gc.collect() == 0  # the collection found the cycle; nothing is left to scan for it
        # The end of the next build gives every frozen object back to the collector.
        collector.after_build(build, delay=60)
        assert gc.get_freeze_count() == 0
    finally:
        collector.before_build(build)
        gc.unfreeze()


def test_a_build_that_starts_first_cancels_the_collection(tmp_path):
    build = Build(tmp_path)
    try:
        collector.after_build(build, delay=0.3)
        collector.before_build(build)
        time.sleep(0.6)
        assert gc.get_freeze_count() == 0
        assert build.idle_collection is None
    finally:
        collector.before_build(build)
        gc.unfreeze()

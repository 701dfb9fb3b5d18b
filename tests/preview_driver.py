"""What ``mkdocs serve --dirty`` does on each change, without the server (``tests/test_preview.py``).

Usage: ``python preview_driver.py --dirty PROJECT SITE_DIR``.  Like MkDocs' serve
command (``mkdocs/commands/serve.py``): ``on_startup(command="serve", dirty=True)``
on the first configuration, then, for the first build and for each line read on
standard input, a new configuration and ``build(config, serve_url=..., dirty=True)``
into the same site folder.  ``--dirty`` stays in ``sys.argv`` because
mkdocs-static-i18n reads it there for its other language's pass.  Prints ``BUILT``
(or ``FAILED`` and the error) after each build, with the number of objects then kept out
of the garbage collector (``frozen=N``: a parallel pass freezes them only while it runs,
and the server's idle collection until the end of the next build), and the preview's log
lines.  A line ``idle`` waits as a server does between saves, then prints ``IDLE frozen=N``.
"""

from __future__ import annotations

import gc
import logging
import sys
import time

from mkdocs.commands.build import build
from mkdocs.config import load_config

from resource_library_mkdocs import collector

SERVE_URL = "http://127.0.0.1:8000/"


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--dirty"]
    if "--dirty" not in sys.argv or len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    project, site_dir = args
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("LOG %(levelname)s %(message)s"))
    for name in ("mkdocs.hooks.preview", "mkdocs.hooks.parallel"):
        logging.getLogger(name).addHandler(handler)
        logging.getLogger(name).setLevel(logging.INFO)

    def config():
        c = load_config(config_file=f"{project}/mkdocs.yml", site_dir=site_dir)
        c.site_url = SERVE_URL
        return c

    first = config()
    first.plugins.on_startup(command="serve", dirty=True)
    current = first
    while True:
        try:
            build(current, serve_url=SERVE_URL, dirty=True)
            print(f"BUILT frozen={gc.get_freeze_count()}", flush=True)
        except BaseException as exc:  # reported to the test, which decides
            print(f"FAILED {type(exc).__name__}: {exc}", flush=True)
        line = sys.stdin.readline()
        while line.strip() == "idle":  # the server waits: its collection runs (collector.py)
            time.sleep(collector.IDLE_SECONDS + 1.0)
            print(f"IDLE frozen={gc.get_freeze_count()}", flush=True)
            line = sys.stdin.readline()
        if not line or line.strip() == "quit":
            return 0
        current = config()


if __name__ == "__main__":
    sys.exit(main())

"""What changed under a folder: one walk of names, sizes and modification times.

Caches of the build (:class:`resource_library.build.Build`) compare two walks to
know whether the content must be loaded again.
"""

from __future__ import annotations

import os
from pathlib import Path


def signature(*folders: Path) -> tuple:
    """Names, sizes and modification times of every file under ``folders``."""
    entries = []
    for folder in folders:
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                entries.append((path, st.st_size, st.st_mtime_ns))
    return tuple(entries)

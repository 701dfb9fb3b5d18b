"""What the benchmark scripts share: the project root, running in its virtual
environment, copying the project, and the environment and measures of child processes.

Standard library only: ``scripts/bench`` imports it before it re-executes itself in
the virtual environment, where the third-party packages are.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv"


def reexec_in_venv(skip_variable: str = "BENCH_NO_REEXEC") -> None:
    """Run the calling script again with the project's virtual environment, if there is
    one, the script runs outside it and ``skip_variable`` is not set; else return."""
    python = VENV / "bin" / "python"
    if python.exists() and Path(sys.prefix).resolve() != VENV.resolve() and not os.environ.get(skip_variable):
        os.execv(str(python), [str(python), *sys.argv])


def child_env() -> dict:
    """The environment of a child ``mkdocs`` process."""
    # The hooks import this checkout's resource_library, whatever else is installed.
    return dict(
        os.environ,
        NO_MKDOCS_2_WARNING="1",
        DISABLE_MKDOCS_2_WARNING="true",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )


def copy_project(target: Path) -> Path:
    """A copy of the whole project at ``target``, without its environment, history,
    build outputs and caches."""
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "site",
            "bench-results",
            "test-artifacts",
            "node_modules",
            "__pycache__",
            ".pytest_cache",
            "*.egg-info",
        ),
    )
    return target


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on at the moment."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gzip_size(data: bytes) -> int:
    """Bytes of ``data`` gzipped at level 6: the benchmarks' one measure of a transfer size."""
    return len(gzip.compress(data, compresslevel=6))

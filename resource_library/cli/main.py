"""``scripts/library``: the command-line entry point for editors and translators.

Each command lives in its own module of :mod:`resource_library.cli` and
exposes ``register(subparsers)``; the command's handler returns the exit code:
0 when all is well, 1 when problems were found.  Misuse (an unknown option, a
missing argument) exits with 2, as argparse does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from resource_library.cli import new, schema, status, sync, validate

COMMANDS = (new, validate, schema, status, sync)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/library",
        description="Tools for the resource library's editors and translators. Run from the repository root.",
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="project root (default: the current folder)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if not (root / "mkdocs.yml").is_file():
        parser.error(f"{root} is not the project root (no mkdocs.yml); run from the repository root or pass --root")
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

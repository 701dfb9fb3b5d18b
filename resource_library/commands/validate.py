"""``scripts/library check``: validate every content file and list every problem."""

from __future__ import annotations

import sys

from ..catalogue import load_catalogue
from ..interface import load_interface


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check", help="validate every record, vocabulary, pillar and program file",
        description="Validate every content file and print every problem as path:line:column: field: message.")
    parser.add_argument("--warnings", action="store_true", help="also print warnings")
    parser.set_defaults(handler=run)


def run(args) -> int:
    catalogue = load_catalogue(args.root)
    _, problems = load_interface(args.root / "data" / "interface.yml", "data/interface.yml")
    shown = sorted(set(catalogue.problems) | set(problems), key=lambda p: p.sort_key())
    errors = [p for p in shown if p.is_error]
    for problem in shown:
        if problem.is_error or args.warnings:
            print(problem)
    count = len(errors)
    print(f"{len(catalogue.records)} records checked, {count} error{'s' if count != 1 else ''}.", file=sys.stderr)
    return 1 if errors else 0

"""``scripts/library sync``: mark a French page or a record's French as reviewed."""

from __future__ import annotations

import sys
from pathlib import Path

from resource_library.translation.hashing import RECORD_FIELDS
from resource_library.translation.sync import SyncError, sync


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "sync",
        help="mark a French page or record as reviewed against the current English",
        description="Record, in the translated file, which English text its French was reviewed against "
        "(and keep a copy of that English in data/translations/ for later diffs). "
        "Only the `translation:` marker changes; every other byte of the file is kept.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="a French page (docs/fr/x.md) or a record (data/resources/x.yml)",
    )
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        choices=RECORD_FIELDS,
        dest="fields",
        help="for a record, sync only this field (repeatable); default: every translated field",
    )
    parser.add_argument("--date", help="sync date to record (YYYY-MM-DD; default: today)")
    parser.set_defaults(handler=run)


def run(args) -> int:
    status = 0
    for path in args.paths:
        target = path if path.is_absolute() else (Path.cwd() / path)
        if not target.exists() and (args.root / path).exists():
            target = args.root / path
        try:
            print(sync(args.root, target.resolve(), tuple(args.fields), args.date))
        except SyncError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
    return status

"""``scripts/library schema``: write (or check) the JSON Schema editors' tools use."""

from __future__ import annotations

import sys

from resource_library.load.schemafile import SCHEMA_PATH, generate, stale


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "schema", help=f"write {SCHEMA_PATH} from the record format and the vocabularies",
        description=(f"Generate the JSON Schema of resource records into {SCHEMA_PATH}. Run it after changing "
                     "data/vocabularies.yml, data/pillars.yml or data/infographics/, and commit the result: "
                     "VS Code reads it to complete and check records as you type."))
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the committed schema is out of date")
    parser.set_defaults(handler=run)


def run(args) -> int:
    text, problems = generate(args.root)
    if text is None:
        for problem in problems:
            print(problem)
        print("The schema was not written: fix the vocabularies first.", file=sys.stderr)
        return 1
    problem = stale(args.root, text)
    if args.check:
        if problem:
            print(problem)
            return 1
        print(f"{SCHEMA_PATH} is up to date.", file=sys.stderr)
        return 0
    if problem is None:
        print(f"{SCHEMA_PATH} is already up to date.", file=sys.stderr)
        return 0
    target = args.root / SCHEMA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"Wrote {SCHEMA_PATH}.", file=sys.stderr)
    return 0

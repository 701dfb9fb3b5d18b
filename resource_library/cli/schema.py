"""``scripts/library schema``: write (or check) the JSON Schemas editors' tools use, one per kind of file."""

from __future__ import annotations

import sys

from resource_library.load.schemafile import generate_all, stale


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="write schema/*.schema.json from the file formats and the vocabularies",
        description=(
            "Generate the JSON Schema of each kind of file editors write (records, vocabularies, pillars, "
            "programs, infographics, glossary, interface words, site data, translation snapshots, pages' "
            "front matter) into schema/<kind>.schema.json. Run it after changing data/vocabularies.yml, "
            "data/pillars.yml or data/infographics/, and commit the result: VS Code reads these files to "
            "complete and check what you type."
        ),
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if a committed schema is missing or out of date"
    )
    parser.set_defaults(handler=run)


def run(args) -> int:
    texts, problems = generate_all(args.root)
    if texts is None:
        for problem in problems:
            print(problem)
        print("The schemas were not written: fix the vocabularies first.", file=sys.stderr)
        return 1
    outdated = {path: problem for path, text in texts.items() if (problem := stale(args.root, text, path=path))}
    if args.check:
        for problem in outdated.values():
            print(problem)
        if outdated:
            return 1
        print(f"The {len(texts)} schemas under schema/ are up to date.", file=sys.stderr)
        return 0
    if not outdated:
        print(f"The {len(texts)} schemas under schema/ are already up to date.", file=sys.stderr)
        return 0
    for path in outdated:
        target = args.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(texts[path], encoding="utf-8")
        print(f"Wrote {path}.", file=sys.stderr)
    return 0

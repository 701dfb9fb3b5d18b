"""``scripts/library new``: start a record with every field explained.

Asks for the type, the English title and the id (proposed from the title) when
run in a terminal; takes them as options otherwise.  Never overwrites a file.
"""

from __future__ import annotations

import sys

from resource_library.cli.scaffold import scaffold_record
from resource_library.load.catalogue import load_catalogue
from resource_library.load.suggest import did_you_mean, quoted
from resource_library.model.ids import id_problem, propose_id


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "new",
        help="start a new resource record in data/resources/",
        description=(
            "Write data/resources/<id>.yml with the fields every record needs filled in and every other "
            "field present as a comment, with its meaning and allowed terms. In a terminal, asks for "
            "what the options do not give. Never overwrites an existing file."
        ),
    )
    parser.add_argument("--type", dest="type_", metavar="TYPE", help="a term of the types vocabulary, e.g. guide")
    parser.add_argument("--title", help="the English title")
    parser.add_argument(
        "--id", dest="record_id", metavar="ID", help="the id and file name (default: proposed from the title)"
    )
    parser.add_argument("--summary", help="the English summary, one or two sentences (can be written later)")
    parser.set_defaults(handler=run)


class _Misuse(Exception):
    pass


def _ask(prompt: str, default: str = "") -> str:
    shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
    try:
        answer = input(shown).strip()
    except EOFError:
        answer = ""
    return answer or default


def run(args) -> int:
    interactive = sys.stdin.isatty()
    catalogue = load_catalogue(args.root)
    types = catalogue.vocabularies.get("types")
    allowed = list(types.terms) if types else []
    if not allowed:
        print(
            "error: data/vocabularies.yml has no usable `types` vocabulary; run `scripts/library check`",
            file=sys.stderr,
        )
        return 1
    try:
        type_ = _retry(lambda value: _type(value, allowed, interactive), args.type_, interactive)
        title = _retry(lambda value: _title(value, interactive), args.title, interactive)
        record_id = _retry(lambda value: _record_id(value, title, interactive), args.record_id, interactive)
    except _Misuse as exc:
        print(f"scripts/library new: error: {exc}", file=sys.stderr)
        return 2
    target = args.root / "data" / "resources" / f"{record_id}.yml"
    shown = f"data/resources/{record_id}.yml"
    if target.exists():
        print(f"error: {shown} already exists; choose another id (--id) or edit that file", file=sys.stderr)
        return 1
    summary = args.summary
    if summary is None and interactive:
        summary = _ask("English summary, one or two sentences (Enter to write it later)")
    text = scaffold_record(record_id, type_, title, catalogue.vocabularies, summary or "", catalogue.drawings)
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8", newline="\n") as out:
        out.write(text)
    print(f"Created {shown}.")
    remaining = [p for p in load_catalogue(args.root).problems if p.path == shown and p.is_error]
    if remaining:
        print("Still to do before it can be published:")
        for problem in remaining:
            print(f"  {problem}")
    print("Next: fill in the fields, add the French, then run `scripts/library check`.")
    return 0


def _retry(read, value, interactive, attempts: int = 3):
    """``read(value)``; in a terminal, a wrong answer is asked again (a few times)."""
    for attempt in range(attempts):
        try:
            return read(value)
        except _Misuse as exc:
            if not interactive or (value is not None and attempt == 0) or attempt == attempts - 1:
                raise
            print(f"  {exc}", file=sys.stderr)
            value = None
    raise _Misuse("no valid answer")  # pragma: no cover - the loop returns or raises


def _type(value, allowed, interactive) -> str:
    if value is None and interactive:
        print("Types: " + ", ".join(allowed))
        value = _ask("Type", "guide" if "guide" in allowed else allowed[0])
    if not value:
        raise _Misuse("give the resource's type with --type (one of: " + ", ".join(allowed) + ")")
    if value not in allowed:
        raise _Misuse(
            f"'{quoted(value)}' is not a type{did_you_mean(value, allowed)}; use one of: {', '.join(allowed)}"
        )
    return value


def _title(value, interactive) -> str:
    if value is None and interactive:
        value = _ask("English title")
    if not value or not value.strip():
        raise _Misuse("give the English title with --title")
    if "\n" in value:
        raise _Misuse("the title must fit on one line")
    return value.strip()


def _record_id(value, title, interactive) -> str:
    proposed = propose_id(title)
    if value is None and interactive:
        value = _ask("Id (the file name and page address)", proposed)
    value = value or proposed
    wrong = id_problem(value, reserved=True)
    if wrong:
        raise _Misuse(wrong)
    return value

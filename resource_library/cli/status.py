"""``scripts/library status``: what French is missing, what is outdated, and why."""

from __future__ import annotations

import sys

from resource_library.translation.status import COMPLETE, MISSING, OUTDATED, project_status

SECTIONS = (
    ("pages", "Hand-written pages (docs/ → docs/fr/)"),
    ("records", "Records (data/resources/, fr: fields)"),
    ("texts", "Interface words, vocabularies, pillars, programs, glossary"),
)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "status",
        help="translation status: complete, missing and outdated French, with the English diff",
        description="List every page and record whose French is missing or outdated (the English changed "
        "since the translation was synced), with the diff of the English, then the typography "
        "and glossary warnings of the French sources, and a summary per section.",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument(
        "--fail-on",
        action="append",
        default=[],
        choices=(MISSING, OUTDATED, "warnings"),
        help="exit with 1 when anything is in this state (repeatable), e.g. in CI",
    )
    parser.add_argument("--all", action="store_true", help="also list complete items")
    parser.add_argument("--no-diff", action="store_true", help="do not print the English diffs")
    parser.set_defaults(handler=run)


def _counts_line(counts: dict) -> str:
    total = counts["total"]
    done = counts[COMPLETE]
    percent = f"{100 * done / total:.0f}%" if total else "-"
    return f"{done}/{total} complete ({percent}), {counts[OUTDATED]} outdated, {counts[MISSING]} missing"


def _print_text(report, args) -> None:
    data = report.as_dict()["sections"]
    for key, title in SECTIONS:
        section = data[key]
        print(f"== {title}: {_counts_line(section)}")
        if key == "texts":
            for item in section["items"]:
                print(
                    f"  missing   {item['path']}:{item['line']}:{item['column']}: {item['field']}: no French for “{item['english'][:60]}”"
                )
            continue
        for item in getattr(report, key):
            if item.state == COMPLETE and not args.all:
                continue
            where = item.target if item.section == "pages" else item.source
            synced = f" (synced {item.synced})" if item.synced else ""
            line = f"  {item.state:<9} {where}{synced}"
            if item.note:
                line += f": {item.note}"
            print(line)
            if item.state == OUTDATED and item.diff and not args.no_diff:
                for diff_line in item.diff.rstrip("\n").split("\n"):
                    print(f"      {diff_line}")
        print()
    if report.warnings:
        print(
            f"== French sources: {len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''} "
            "(typography and glossary; see TRADUCTION.md)"
        )
        for warning in report.warnings:
            print(f"  {warning}")
        print()
    print(
        "Summary: "
        + "; ".join(f"{key} {_counts_line(data[key])}" for key, _ in SECTIONS)
        + f"; {len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''}"
    )


def run(args) -> int:
    report = project_status(args.root)
    if args.format == "json":
        sys.stdout.write(report.to_json())
    else:
        _print_text(report, args)
    counts = {key: 0 for key in (MISSING, OUTDATED)}
    for item in report.items():
        if item.state in counts:
            counts[item.state] += 1
    counts[MISSING] += len(report.texts["missing"])
    counts["warnings"] = len(report.warnings)
    return 1 if any(counts[state] for state in args.fail_on) else 0

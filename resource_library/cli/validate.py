"""``scripts/library check``: validate every content file and list every problem.

Plain output is one ``path:line:column: field: message`` line per problem, the
same lines ``mkdocs build`` prints when it stops.  ``--format github`` prints the
same problems as GitHub Actions workflow commands, which the pull request shows
as annotations on the changed lines.
"""

from __future__ import annotations

import argparse
import sys

from resource_library.load.catalogue import load_catalogue
from resource_library.load.files import check_files
from resource_library.load.glossary import load_glossary
from resource_library.load.interface import load_interface
from resource_library.load.links import link_problems
from resource_library.load.pagefiles import unreadable_pages
from resource_library.load.pagemarkers import marker_problems
from resource_library.load.pages import check_pages
from resource_library.load.problems import WARNING, Problem, sorted_problems
from resource_library.load.schemafile import stale_schemas


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "check",
        help="validate every record, vocabulary, pillar, program, infographic and page marker",
        description=(
            "Validate every content file (data/resources/*.yml, data/vocabularies.yml, data/pillars.yml, "
            "data/programs/*.yml, data/infographics/*.yml, data/interface.yml, data/glossary.yml), the "
            "markers of the pages under docs/ and the files under data/ and docs/ (types, sizes, links, "
            "SVG images), and print every problem at once as "
            "path:line:column: field: message. Errors stop the build; warnings do not. "
            "Exit status: 0 no error, 1 errors found, 2 misuse."
        ),
    )
    parser.add_argument(
        "--format",
        choices=("plain", "github"),
        default="plain",
        help="plain lines (default), or GitHub Actions annotations for pull requests",
    )
    parser.add_argument("--errors-only", action="store_true", help="do not print warnings")
    # Warnings are printed by default; the old switch is accepted and does nothing.
    parser.add_argument("--warnings", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def collect(root) -> tuple[list, int]:
    """Every problem of the project at ``root`` (sorted) and the number of record files (with errors or not)."""
    found = check_files(root, root / "data", root / "docs")  # the same walk as the build's (build.py)
    catalogue = load_catalogue(root)
    _, problems = load_interface(root / "data" / "interface.yml", "data/interface.yml")
    found += list(catalogue.problems) + list(problems)
    found += load_glossary(root / "data" / "glossary.yml", "data/glossary.yml")[1]
    found += unreadable_pages(root) + marker_problems(root, catalogue)
    found += link_problems(root, catalogue)
    found += check_pages(root)
    if (root / "schema").is_dir():
        # A warning: an editor who adds a term cannot always run a command (web editor);
        # the tests and `schema --check` hold the committed files to account.
        found += stale_schemas(root, catalogue, WARNING)
    return sorted_problems(found), catalogue.record_files


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """``::error file=PATH,line=L,col=C,title=FIELD::MESSAGE`` (or ``::warning``)."""
    properties = [f"file={_escape_property(problem.path)}"]
    if problem.line:
        properties.append(f"line={problem.line}")
        if problem.column:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_property(problem.field)}")
    kind = "error" if problem.is_error else "warning"
    return f"::{kind} {','.join(properties)}::{_escape_data(problem.message)}"


def run(args) -> int:
    problems, record_count = collect(args.root)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for problem in problems:
        if problem.is_error or not args.errors_only:
            print(github_annotation(problem) if args.format == "github" else str(problem))
    summary = (
        f"{record_count} record{'s' if record_count != 1 else ''} checked: "
        f"{len(errors)} error{'s' if len(errors) != 1 else ''}, "
        f"{len(warnings)} warning{'s' if len(warnings) != 1 else ''}."
    )
    print(summary, file=sys.stderr)
    return 1 if errors else 0

"""Problems found in editors' files, and the error that stops a build.

Every check in the package reports a :class:`Problem` instead of raising, so one
pass collects every mistake in every file.  The build, the ``check`` command and
the tests all print problems the same way: ``path:line:column: field: message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One mistake (or warning) at one place of one file.

    Attributes:
        path: The file, relative to the project root when possible.
        line: 1-based line number (0 when the problem concerns no line).
        column: 1-based column number (0 when unknown).
        field: The dotted field path, e.g. ``title.fr`` or ``tiers[1]``; ``-`` for
            problems that concern the whole file.
        message: What is wrong and, when possible, how to fix it.
        severity: ``error`` stops the build; ``warning`` is only reported.
    """

    path: str
    line: int
    column: int
    field: str
    message: str
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.field, self.message)

    def __str__(self) -> str:
        prefix = "" if self.is_error else "warning: "
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {prefix}{self.message}"


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file, line and column order, without duplicates."""
    return sorted(set(problems), key=Problem.sort_key)


class ContentError(Exception):
    """Raised when the content has errors; carries every problem found."""

    def __init__(self, problems: Iterable[Problem], heading: str = ""):
        problems = list(problems)
        self.problems = sorted_problems(problems)
        if heading:  # the problems as given, under the caller's heading
            lines = [heading] + [str(p) for p in problems if p.is_error]
        else:
            errors = [p for p in self.problems if p.is_error]
            count = len(errors)
            lines = [f"{count} error{'s' if count != 1 else ''} in the library's content:"]
            lines += [str(p) for p in errors]
        super().__init__("\n".join(lines))

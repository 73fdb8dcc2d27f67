"""The project's own error types: every error a person can cause is one of these."""

from __future__ import annotations

from dataclasses import dataclass


class ItbtimerError(Exception):
    """Base of every error that is shown to the person as a message."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a routine file, with where it is and how to fix it."""

    message: str
    field: str = ""
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    excerpt: str = ""  # the line of the file and a caret under the column, for syntax errors
    # Where, in the person's words: 'work of exercise "Plank" (line 9) in section "Core"
    # (line 3)'; `field` stays the path the editor finds the field by.
    place: str = ""

    def render(self, source: str) -> str:
        where = source
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        place = self.place or self.field
        field = f" {place}:" if place else ""
        text = f"{where}:{field} {self.message}"
        return f"{text}\n{self.excerpt}" if self.excerpt else text


class RoutineError(ItbtimerError):
    """A routine file that cannot be used; carries every problem found in it."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = sorted(
            problems, key=lambda p: (p.line or 0, p.column or 0, p.field, p.message)
        )
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(p.render(self.source) for p in self.problems)


class WriteError(ItbtimerError):
    """A file the person named with -o (a report, a card, a calendar) that cannot go there."""


class ReportError(ItbtimerError):
    """A report or routine card that cannot be made or written (itbtimer report)."""

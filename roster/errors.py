"""One family of errors; the CLI turns each into plain `Error:` lines and an exit status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from roster.api import Repair


@dataclass(frozen=True, slots=True, kw_only=True)
class InputIssue:
    """One thing wrong with an input file, located the way a spreadsheet user finds it."""

    file: str
    problem: str
    sheet: str | None = None
    line: int | None = None  # of a text file
    row: int | None = None
    column: str | None = None
    value: object = None
    expected: str = ""
    hint: str = ""

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        text = f"{', '.join(where)}: {self.problem}"
        if self.value is not None and self.value != "":
            text += f" (found {shown(self.value)})"
        if self.expected:
            text += f"; expected {self.expected}"
        if self.hint:
            text += f". {self.hint}"
        return text


def shown(value: object) -> str:
    """A cell value as the user typed it: text quoted, dates and times as Excel shows them."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes").removesuffix(" 00:00")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, str) else str(value)


class RosterError(Exception):
    """Base of every error the library raises on purpose."""


class InputError(RosterError):
    def __init__(self, issues: list[InputIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(str(issue) for issue in issues))


class InfeasibleError(RosterError):
    """The hard rules cannot all hold; `reasons` say why in the user's terms."""

    headline = "no roster can satisfy every hard rule."

    def __init__(self, reasons: list[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__("\n".join(reasons))


class OutputError(RosterError):
    """An output file that cannot be written."""


class ArgumentError(RosterError, ValueError):
    """A staff id or date that the roster does not hold; the message says what it expected."""


class NoSolutionError(RosterError):
    """The time limit ran out before any roster satisfying the hard rules was found."""


class StoppedError(RosterError):
    """The user stopped the solve (Ctrl-C, SIGTERM) before any roster was found."""


class RepairImpossible(InfeasibleError):
    """No repair holds every hard rule; `closest` is the best roster that breaks only the
    relaxable rules (coverage), when there is one."""

    headline = "no repair keeps every hard rule."

    def __init__(self, reasons: list[str], closest: Repair | None) -> None:
        super().__init__(reasons)
        self.closest = closest

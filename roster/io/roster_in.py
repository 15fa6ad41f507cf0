"""Reads the Roster sheet of an output workbook back, also after a supervisor edited it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from openpyxl.utils import get_column_letter

from roster.domain import Assignment, Problem, Roster
from roster.errors import InputError, InputIssue, shown
from roster.io.cells import BadValue, normalise_header, parse_date, split_list
from roster.io.schema import text_id
from roster.io.workbook import (
    INPUT_PREFIX,
    ROSTER_SHEET,
    _open,
    _titled,
    problem_from,
    read_problem,
)

Issue = Callable[..., None]  # (row, column index or None, problem, value=None, expected="")
PATTERN_SHEET = "Pattern"


def read_published(
    path: str | Path, input_file: str | Path | None = None
) -> tuple[Problem, Roster]:
    """A roster workbook written by `roster solve` (possibly edited by hand) and the problem it
    was solved for: from the input sheets it carries, or from `input_file` when given."""
    path = Path(path)
    if input_file is not None:
        problem = read_problem(input_file)
        return problem, roster_from(_open(path, _roster_sheet), path, problem)
    inputs = _titled(INPUT_PREFIX)
    sheets = _open(path, lambda title: _roster_sheet(title) or inputs(title))
    problem = problem_from(sheets, path, prefix=INPUT_PREFIX)
    return problem, roster_from(sheets, path, problem)


def read_roster(path: str | Path, problem: Problem) -> Roster:
    path = Path(path)
    return roster_from(_open(path, _roster_sheet), path, problem)


def _roster_sheet(title: str) -> bool:
    """Whether a sheet holds the roster: its grid, or its rotation patterns."""
    return normalise_header(title) in {
        normalise_header(ROSTER_SHEET),
        normalise_header(PATTERN_SHEET),
    }


def roster_from(
    sheets: dict[str, list[tuple[object, ...]]], path: Path, problem: Problem
) -> Roster:
    """The roster on the Roster sheet among the sheets `_open` read from `path`."""
    file = path.name
    if ROSTER_SHEET not in sheets:
        raise InputError(
            [
                InputIssue(
                    file=file,
                    problem=f"sheet '{ROSTER_SHEET}' is missing",
                    expected="a roster workbook written by `roster solve`",
                    hint=f"Sheets found: {', '.join(sheets) or 'none'}",
                )
            ]
        )
    rows = sheets[ROSTER_SHEET]
    header = rows[0] if rows else ()
    issues: list[InputIssue] = []

    def issue(
        row: int, column: int | None, problem_text: str, value: object = None, expected: str = ""
    ) -> None:
        label = None
        if column is not None:  # below the header, the column's heading says which date it is
            label = get_column_letter(column + 1)
            title = header[column] if row > 1 and column < len(header) else None
            label += f" ({_plain(title)})" if title is not None else ""
        issues.append(
            InputIssue(
                file=file,
                sheet=ROSTER_SHEET,
                row=row,
                column=label,
                problem=problem_text,
                value=value,
                expected=expected,
            )
        )

    day_of_column = _day_columns(header, problem, issue)
    assignments = _assignments(rows, problem, day_of_column, issue)
    pattern = _pattern(file, sheets.get(PATTERN_SHEET, []), problem, issues)
    if issues:
        raise InputError(issues)
    return Roster(assignments=frozenset(assignments), pattern=frozenset(pattern))


_PATTERN_TITLE = re.compile(r"^Rotation pattern '(.+)': (\d+) weeks$")
_PATTERN_WEEK = re.compile(r"^week (\d+)$")


def _pattern(
    file: str, rows: list[tuple[object, ...]], problem: Problem, issues: list[InputIssue]
) -> set[Assignment]:
    """The rotation patterns from the Pattern sheet: a title row per group, then a row per
    pattern week with one cell per weekday (codes joined with +, empty for a day off)."""
    groups = {g.name: g for g in problem.rotations}
    codes = {s.code for s in problem.shifts}
    found: set[str] = set()
    pattern: set[Assignment] = set()
    group = None
    for number, values in enumerate(rows, start=1):
        first = str(values[0]).strip() if values and values[0] is not None else ""
        if title := _PATTERN_TITLE.match(first):
            group = groups.get(title[1])
            found.add(title[1])
        elif group is not None and (week := _PATTERN_WEEK.match(first)):
            for weekday, cell in enumerate(values[1:8]):
                for code in split_list(cell):
                    if code not in codes:
                        issues.append(
                            InputIssue(
                                file=file,
                                sheet=PATTERN_SHEET,
                                row=number,
                                column=get_column_letter(weekday + 2),
                                problem="is not a shift code",
                                value=cell,
                                expected=", ".join(sorted(codes)),
                            )
                        )
                        continue
                    day = (int(week[1]) - 1) * 7 + weekday
                    pattern.add(Assignment(staff_id=group.pattern_id, day=day, shift_code=code))
    for name in sorted(set(groups) - found):
        issues.append(
            InputIssue(
                file=file,
                sheet=PATTERN_SHEET,
                problem=f"has no pattern for rotation group '{name}'",
                expected="the Pattern sheet that `roster solve --mode rotating` writes",
            )
        )
    return pattern


def _day_columns(header: tuple[object, ...], problem: Problem, issue: Issue) -> dict[int, int]:
    """The day each date column of the header row stands for; every roster date needs one."""
    first, last = problem.start_date.isoformat(), problem.date(problem.num_days - 1).isoformat()
    expected = f"one column per date from {first} to {last}"
    day_of_column: dict[int, int] = {}
    column_of_day: dict[int, int] = {}
    if _another_period(header, problem, issue, expected):
        return day_of_column
    for column, value in enumerate(header[2:], start=2):
        if value is None:
            continue
        try:
            day = (parse_date(value) - problem.start_date).days
        except BadValue as bad:
            issue(1, column, "is not a date", value, str(bad))
            continue
        if not 0 <= day < problem.num_days:
            issue(1, column, "is outside the roster's dates", value, expected)
        elif day in column_of_day:
            other = get_column_letter(column_of_day[day] + 1)
            issue(1, column, f"repeats the date of column {other}", value, expected)
        else:
            day_of_column[column] = column_of_day[day] = day
    missing = [problem.date(d).isoformat() for d in problem.days if d not in column_of_day]
    if missing:
        issue(1, None, f"has no column for {', '.join(missing)}", None, expected)
    return day_of_column


def _another_period(
    header: tuple[object, ...], problem: Problem, issue: Issue, expected: str
) -> bool:
    """A Roster sheet whose dates are all outside the roster's is another period's roster: one
    issue saying which dates it has, rather than one per column."""
    dates = []
    for value in header[2:]:
        if value is None:
            continue
        try:
            dates.append(parse_date(value))
        except BadValue:
            return False  # each bad heading is named on its own
    days = [(date - problem.start_date).days for date in dates]
    if not days or any(0 <= day < problem.num_days for day in days):
        return False
    issue(
        1,
        None,
        f"holds another period: its dates run from {min(dates).isoformat()} to "
        f"{max(dates).isoformat()}",
        None,
        f"{expected}; a roster that follows on from another is checked with --after and the "
        "roster published just before it",
    )
    return True


def _assignments(
    rows: list[tuple[object, ...]], problem: Problem, day_of_column: dict[int, int], issue: Issue
) -> set[Assignment]:
    ids = {p.id for p in problem.staff}
    codes = {s.code for s in problem.shifts}
    expected_code = f"{', '.join(sorted(codes))}, several joined with +, or empty for a day off"
    assignments = set()
    row_of: dict[str, int] = {}
    for number, values in enumerate(rows[1:], start=2):
        if not values or all(v is None for v in values):
            break  # the legend below the roster starts after a blank row
        staff_id = text_id(values[0])
        if staff_id not in ids:
            problem_text = "is not a staff id of the input" if staff_id else "has no staff id"
            issue(
                number,
                0,
                problem_text,
                staff_id,
                f"an id from its Staff sheet: {', '.join(sorted(ids))}",
            )
            continue
        if staff_id in row_of:
            issue(
                number,
                0,
                f"repeats the person of row {row_of[staff_id]}",
                staff_id,
                "one row per person",
            )
            continue
        row_of[staff_id] = number
        for column, day in day_of_column.items():
            cell = values[column] if column < len(values) else None
            for code in split_list(cell):
                if code not in codes:
                    issue(number, column, "is not a shift code", cell, expected_code)
                else:
                    assignments.add(Assignment(staff_id=staff_id, day=day, shift_code=code))
    return assignments


def _plain(value: object) -> str:
    """A header as Excel shows it, unquoted."""
    return value if isinstance(value, str) else shown(value)

"""Reads the Roster sheet of an output workbook back, also after a supervisor edited it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl.utils import get_column_letter

from roster.domain import Assignment, Problem, Roster
from roster.errors import InputError, InputIssue
from roster.io.cells import BadValue, parse_date, split_list
from roster.io.workbook import _open, _text_id

ROSTER_SHEET = "Roster"


def read_roster(path: str | Path, problem: Problem) -> Roster:
    path = Path(path)
    sheets = _open(path)
    file = path.name
    if ROSTER_SHEET not in sheets:
        raise InputError([InputIssue(file=file, problem=f"sheet '{ROSTER_SHEET}' is missing",
                                     expected="a roster workbook written by `roster solve`",
                                     hint=f"Sheets found: {', '.join(sheets) or 'none'}")])
    rows = sheets[ROSTER_SHEET]
    issues: list[InputIssue] = []

    def issue(row: int, column: int | None, problem_text: str, value: object = None,
              expected: str = "") -> None:
        issues.append(InputIssue(file=file, sheet=ROSTER_SHEET, row=row,
                                 column=get_column_letter(column + 1) if column is not None else None,
                                 problem=problem_text, value=value, expected=expected))

    header = rows[0] if rows else ()
    day_of_column: dict[int, int] = {}
    last = problem.date(problem.num_days - 1)
    for column, value in enumerate(header[2:], start=2):
        if value is None:
            continue
        try:
            date = parse_date(value)
        except BadValue as bad:
            issue(1, column, "is not a date", value, str(bad))
            continue
        day = (date - problem.start_date).days
        if not 0 <= day < problem.num_days:
            issue(1, column, "is outside the roster's dates", _iso(value),
                  f"a date from {problem.start_date.isoformat()} to {last.isoformat()}")
            continue
        day_of_column[column] = day
    ids = {p.id for p in problem.staff}
    codes = {s.code for s in problem.shifts}
    assignments = set()
    for number, values in enumerate(rows[1:], start=2):
        if not values or all(v is None for v in values):
            break  # the legend below the roster starts after a blank row
        staff_id = _text_id(values[0])
        if staff_id not in ids:
            issue(number, 0, "is not a staff id of the input", staff_id, ", ".join(sorted(ids)))
            continue
        for column, day in day_of_column.items():
            cell = values[column] if column < len(values) else None
            for code in split_list(cell):
                if code not in codes:
                    issue(number, column, "is not a shift code", cell,
                          f"{', '.join(sorted(codes))}, several joined with +, or empty for a day off")
                else:
                    assignments.add(Assignment(staff_id=staff_id, day=day, shift_code=code))
    if issues:
        raise InputError(issues)
    return Roster(assignments=frozenset(assignments))


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value

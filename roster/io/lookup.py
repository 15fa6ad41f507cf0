"""Staff ids and dates as a person types them (on the command line, in a notebook), checked
against a problem and turned into its own terms: a staff id, a day of the horizon, an absence.
`ArgumentError` says what was expected instead."""

from __future__ import annotations

import datetime as dt

from roster.changes import Absence
from roster.domain import Problem
from roster.errors import ArgumentError
from roster.io.cells import BadValue, did_you_mean, parse_date

RANGE = ".."  # between the first and last date of an absence: 2026-12-08..2026-12-10


def staff_id(problem: Problem, text: str) -> str:
    """`text` if it is a staff id of the problem."""
    ids = [p.id for p in problem.staff]
    if text not in ids:
        hint = did_you_mean(text, ids)
        raise ArgumentError(
            f"'{text}' is not a staff id of this roster; expected one of {', '.join(ids)}."
            + (f" {hint}" if hint else "")
        )
    return text


def day_index(problem: Problem, date: dt.date) -> int:
    """The day of the horizon `date` falls on: below 0 before it, `num_days` or more after it."""
    return (date - problem.start_date).days


def day_of(problem: Problem, text: str) -> int:
    """A date of the roster, typed as YYYY-MM-DD, as a day of the horizon."""
    last = problem.date(problem.num_days - 1)
    span = f"a date from {problem.start_date.isoformat()} to {last.isoformat()}"
    try:
        day = day_index(problem, parse_date(text.strip()))
    except BadValue:
        raise ArgumentError(f"'{text}' is not a date; expected {span} as YYYY-MM-DD.") from None
    if not 0 <= day < problem.num_days:
        raise ArgumentError(f"{text} is not a date of this roster; expected {span}.")
    return day


def absence(problem: Problem, person: str, dates: str) -> Absence:
    """A person absent on a date or dates of the roster, typed as DATE or FIRST..LAST."""
    staff_id(problem, person)
    first_text, _, last_text = dates.partition(RANGE)
    first = day_of(problem, first_text)
    last = day_of(problem, last_text) if last_text else first
    if last < first:
        raise ArgumentError(
            f"{dates}: the last date comes before the first; expected FIRST{RANGE}LAST."
        )
    return Absence(staff_id=person, first=first, last=last)


def first_changeable_day(problem: Problem, date: dt.date | None = None) -> int:
    """The day of the horizon from which a repair may change the roster: `date` (by default
    today), or the first day when that comes before the roster starts."""
    when = date or dt.date.today()
    last = problem.date(problem.num_days - 1)
    if when > last:
        raise ArgumentError(
            f"{when.isoformat()} is after the roster's last date, {last.isoformat()}: nothing "
            "is left to change."
        )
    return max(0, day_index(problem, when))

"""The spreadsheet formulas of the roster workbook: coverage and totals computed from the Roster
grid, so that a cell edited by hand updates them in Excel and LibreOffice at once.

A Roster cell holds shift codes joined by `+` (`A+C`). A code is found as a whole token, `+A+`
in `+A+C+`, with FIND (case-sensitive, as codes are); every formula works on whole columns or
rows of the grid through SUMPRODUCT, which both programs evaluate on arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.utils import get_column_letter

from roster.domain import Problem, Request
from roster.io.schema import STAFF
from roster.io.xlsx import Formula

ROSTER = "Roster"
FIRST_DAY_COLUMN = 3  # id and name come first
INPUT_STAFF = "'Input Staff'"


def day_letter(day: int) -> str:
    return get_column_letter(FIRST_DAY_COLUMN + day)


def last_row(problem: Problem) -> int:
    return len(problem.staff) + 1


def day_cells(problem: Problem, day: int, sheet: str = ROSTER) -> str:
    """Everyone's cell on `day`, absolute: `Roster!$C$2:$C$41`."""
    letter = day_letter(day)
    return f"{sheet}!${letter}$2:${letter}${last_row(problem)}"


def person_cells(problem: Problem, row: int, sheet: str = ROSTER) -> str:
    """One person's cells over the horizon: `Roster!$C5:$W5`."""
    first, last = day_letter(0), day_letter(problem.num_days - 1)
    return f"{sheet}!${first}{row}:${last}{row}"


def works(code: str, cells: str) -> str:
    """1 where `cells` hold shift `code` (alone or with others), else 0, as an array."""
    return f'ISNUMBER(FIND("+{_text(code)}+","+"&{cells}&"+"))'


def at_work(problem: Problem, on_duty: Sequence[tuple[int, str]], skill: str | None) -> Formula:
    """How many people work a shift of `on_duty` ((day, code) pairs), each once; with a skill,
    only those who have it (the Input Staff sheet's skills, in the Roster's row order)."""
    if not on_duty:
        return Formula("=0")
    any_duty = "+".join(
        works(code, day_cells(problem, day)) if day >= 0 else _worked_before(problem, day, code)
        for day, code in on_duty
    )
    counted = f"(({any_duty})>0)"
    if skill:
        counted += f"*{_has_skill(problem, skill)}"
    return Formula(f"=SUMPRODUCT(--{counted})" if not skill else f"=SUMPRODUCT({counted})")


def _worked_before(problem: Problem, day: int, code: str) -> str:
    """A shift of the previous roster (a night before the start), as an array constant: 1 for
    each person, in the Roster's row order, the history has on it."""
    history = problem.history
    flags = (
        "1" if history is not None and code in history.codes(p.id, day) else "0"
        for p in problem.staff
    )
    return "{" + ";".join(flags) + "}"


def _has_skill(problem: Problem, skill: str) -> str:
    letter = get_column_letter(STAFF.headers.index("skills") + 1)
    skills = f"{INPUT_STAFF}!${letter}$2:${letter}${last_row(problem)}"
    return f'ISNUMBER(FIND(",{_text(skill)},",","&SUBSTITUTE({skills}," ","")&","))'


def paid_hours(problem: Problem, cells: str) -> Formula:
    terms = "+".join(
        f"{works(s.code, cells)}*{s.paid_minutes / 60:g}" for s in problem.shifts if s.paid_minutes
    )
    return Formula(f"=SUMPRODUCT({terms})" if terms else "=0")


def shift_count(code: str, cells: str) -> Formula:
    return Formula(f"=SUMPRODUCT(--{works(code, cells)})")


def days_worked(cells: str) -> Formula:
    return Formula(f'=SUMPRODUCT(--({cells}<>""))')


def days_among(problem: Problem, row: int, days: Iterable[int]) -> Formula:
    """Of `days`, those the person on `row` works."""
    terms = [f'({ROSTER}!{day_letter(day)}{row}<>"")' for day in days]
    return Formula("=" + "+".join(terms) if terms else "=0")


def wishes_granted(problem: Problem, row: int, wishes: Sequence[Request]) -> Formula:
    """How many of a person's wishes (prefer, prefer_off) the row grants."""
    terms = []
    for wish in wishes:
        cell = f"{ROSTER}!{day_letter(wish.day)}{row}"
        if wish.kind == "prefer":
            terms.append(f"{works(wish.shift_code or '', cell)}*1")
        elif wish.shift_code:
            terms.append(f"(1-{works(wish.shift_code, cell)})")
        else:
            terms.append(f'({cell}="")')
    return Formula("=" + "+".join(terms) if terms else "=0")


def _text(value: str) -> str:
    return value.replace('"', '""')

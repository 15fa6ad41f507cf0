"""Contracted hours from the input workbook to the roster, judged by the independent checker:
a 40-hour contract gets its 40 hours in every week (and every rotation pattern week) when the
coverage allows it, a part-time contract its own target, and when a target cannot be met the
pre-solve analysis says why and the checker charges the difference.

The rosters are read from a workbook written with the Staff sheet's columns
`contract_hours_per_week` and `min_hours_per_week`, solved, and judged by `roster.check` on the
hours each person is actually paid, never on the solver's word.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import defaultdict
from pathlib import Path
from types import MappingProxyType

import openpyxl
import pytest

from roster import api
from roster.check import check
from roster.domain import (
    CoverageLine,
    Problem,
    RuleConfig,
    Shift,
    SolveSettings,
    Staff,
    clock_minutes,
)
from roster.io.template import write_problem
from roster.result import Result

MONDAY = dt.date(2026, 12, 7)
SAMPLE = Path(__file__).parent.parent / "sample_inputs" / "call_center.xlsx"
# The contracts' targets are found within a short search; the search may go on for double duties.
SETTINGS = SolveSettings(time_limit_seconds=5, seed=0, workers=1)
# Three 8-hour shifts round the clock, one person at every hour: 168 h a week.
ROUND_THE_CLOCK = (
    Shift.from_clock("A", "06:00", "14:00", name="early"),
    Shift.from_clock("B", "14:00", "22:00", name="late"),
    Shift.from_clock("C", "22:00", "06:00", name="night"),
)
HALF = Shift.from_clock("H", "10:00", "14:00", name="half day")


def contract(staff_id: str, hours: int, days: int, *, most: int | None = None) -> Staff:
    """A contract of `hours` a week over at most `days` days, and at most `most` hours (the
    target without)."""
    limits = {"contract_hours_per_week": hours * 60}
    return Staff(
        id=staff_id,
        name=f"Agent {staff_id}",
        max_minutes_per_week=(most or hours) * 60,
        max_days_per_week=days,
        max_consecutive_days=6,
        limits=MappingProxyType(limits),
    )


def workbook_problem(tmp_path: Path, problem: Problem) -> Problem:
    """`problem` written as an input workbook and read back: the columns travel by the sheet."""
    path = tmp_path / "input.xlsx"
    write_problem(problem, path)
    return api.load_problem(path)


def problem_of(
    staff: list[Staff],
    *,
    weeks: int = 4,
    shifts: tuple[Shift, ...] = ROUND_THE_CLOCK,
) -> Problem:
    every_day = frozenset(range(weeks * 7))
    return Problem(
        name="contracts",
        start_date=MONDAY,
        weeks=weeks,
        shifts=shifts,
        staff=tuple(staff),
        coverage=tuple(
            CoverageLine(
                label="daily",
                days=every_day,
                start=clock_minutes(start),
                end=clock_minutes(start) + hours * 60,
                min_people=1,
            )
            for start, hours in (("06:00", 16), ("22:00", 8))
        ),
        rules=(RuleConfig(name="min_rest", params={"hours": 11}),),
        settings=SETTINGS,
    )


def paid_hours(problem: Problem, assignments: frozenset) -> dict[tuple[str, int], float]:  # type: ignore[type-arg]
    """(person, week) -> paid hours, counted from the roster itself."""
    paid: dict[tuple[str, int], float] = defaultdict(float)
    for a in assignments:
        paid[(a.staff_id, a.day // 7)] += problem.shift(a.shift_code).paid_minutes / 60
    return paid


def solved(problem: Problem) -> Result:
    result = api.solve(problem, SETTINGS)
    report = check(result.problem, result.roster)
    assert report.valid, [v.message for v in report.hard_violations]
    assert report.score == result.outcome.objective
    return result


def the_reported_case(tmp_path: Path, target: int | None = 40, least: int | None = None) -> Problem:
    """As a new user tried it: the bundled sample's shifts and coverage (A 8 h, B 8 h, C 2 h;
    09:00-24:00 daily: 126 h a week), six people on 40-hour, 5-day contracts, 4 weeks, rotating
    mode (one pattern of 6 weeks); and now a weekly target or minimum in the Staff sheet.
    Without them the pattern's weeks were paid 20/18/28/18/20/26 h (the issue saw 8/40/0/40/0/40).
    """
    path = tmp_path / "input.xlsx"
    shutil.copy(SAMPLE, path)
    book = openpyxl.load_workbook(path)
    sheet = book["Staff"]
    for staff_id, name in (("S05", "Chen Jing"), ("S06", "Yang Lei")):
        sheet.append([staff_id, name, *(cell.value for cell in sheet[2][2:])])
    headers = [cell.value for cell in sheet[1]]
    for row in range(2, 8):
        sheet.cell(row, headers.index("contract_hours_per_week") + 1, target)
        sheet.cell(row, headers.index("min_hours_per_week") + 1, least)
    book.save(path)
    return api.load_problem(path, weeks=4)


def test_six_people_on_40_hour_contracts_rotating_get_40_hours_every_week(tmp_path):
    problem = the_reported_case(tmp_path)
    assert [len(g.staff_ids) for g in problem.rotations] == [6]
    result = solved(problem)
    report = check(problem, result.roster)
    assert [v.message for v in report.violations if v.rule == "contract_hours"] == []
    paid = paid_hours(problem, result.roster.assignments)
    assert {paid[(p.id, w)] for p in problem.staff for w in range(4)} == {40}
    pattern = paid_hours(problem, result.roster.pattern)
    assert sorted(pattern) == [("pattern all", w) for w in range(6)]
    assert set(pattern.values()) == {40}
    surplus = [f.message for f in result.findings if f.kind == "contract"]
    assert surplus == [
        "Contracts pay for 240 h a week (6 people x 40 h); the coverage needs at least 126 h a "
        "week: 114 h of surplus will be rostered as extra cover."
    ]


def test_a_hard_minimum_of_40_hours_holds_in_every_week_and_pattern_week(tmp_path):
    problem = the_reported_case(tmp_path, target=None, least=40)
    result = solved(problem)
    paid = paid_hours(problem, result.roster.assignments)
    assert min(paid[(p.id, w)] for p in problem.staff for w in range(4)) >= 40
    assert min(paid_hours(problem, result.roster.pattern).values()) >= 40


def test_a_part_time_contract_gets_its_own_target_every_week(tmp_path):
    staff = [contract(f"F{i}", 40, 5) for i in range(1, 5)]
    staff += [contract("P1", 20, 3), contract("P2", 20, 3)]
    problem = workbook_problem(tmp_path, problem_of(staff, shifts=(*ROUND_THE_CLOCK, HALF)))
    result = solved(problem)
    assert [v.message for v in result.report.violations if v.rule == "contract_hours"] == []
    paid = paid_hours(problem, result.roster.assignments)
    for person in problem.staff:
        target = 20 if person.id.startswith("P") else 40
        assert [paid[(person.id, w)] for w in range(4)] == [target] * 4, person.id


@pytest.mark.parametrize(
    ("staff", "shifts", "explained", "charged"),
    [
        (  # four 40-hour contracts for 168 hours of coverage: 8 h of overtime every week
            [contract(f"F{i}", 40, 6, most=48) for i in range(1, 5)],
            ROUND_THE_CLOCK,
            "Contracts pay for 160 h a week (4 people x 40 h); the coverage needs at least 168 h "
            "a week: short by 8 h. Add a person or allow overtime (max_hours_per_week above the "
            "contract's hours).",
            8,
        ),
        (  # 20 hours a week of 8-hour shifts: 4 h off the target every week
            [contract(f"F{i}", 40, 5) for i in range(1, 6)] + [contract("P1", 20, 3, most=24)],
            ROUND_THE_CLOCK,
            "P1: the contract pays for 20 h a week, but no week of their shifts comes to that: at "
            "most 3 days a week of A (8 h), B (8 h) or C (8 h) make 16 h or 24 h at the nearest, "
            "so every week is charged the difference. Add a shift of the missing length, or set "
            "a target the shifts make.",
            4,
        ),
    ],
    ids=["coverage beyond the contracts", "a target the shifts cannot make"],
)
def test_a_target_that_cannot_be_met_is_explained_and_charged(
    tmp_path, staff, shifts, explained, charged
):
    problem = workbook_problem(tmp_path, problem_of(staff, weeks=2, shifts=shifts))
    result = solved(problem)
    assert explained in [f.message for f in result.findings if f.severity == "warning"]
    report = check(problem, result.roster)
    off: dict[int, int] = defaultdict(int)
    for violation in report.violations:
        if violation.rule == "contract_hours":
            off[violation.day // 7] += violation.amount
    assert off == {0: charged, 1: charged}  # the least that is possible, each week

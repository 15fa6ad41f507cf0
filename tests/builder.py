"""Tiny problems written inline in tests, and a solve that is always followed by the checker."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from roster.check import CheckReport, check
from roster.domain import (
    Assignment,
    CoverageLine,
    Problem,
    Request,
    Roster,
    RuleConfig,
    Shift,
    ShiftDemand,
    SolveSettings,
    Staff,
    clock_minutes,
)
from roster.engine.model import build_model
from roster.engine.solver import SolveOutcome, optimise_model
from roster.rulebook import configured

MONDAY = dt.date(2026, 12, 7)
TEST_SETTINGS = SolveSettings(time_limit_seconds=10, seed=1, workers=1)


def minutes(clock: str) -> int:
    return clock_minutes(clock)


def shift(
    code: str,
    start: str,
    end: str,
    *,
    location: str = "onsite",
    combinable: str = "",
    not_followed_by: str = "",
) -> Shift:
    """A shift from clock times; an end at or before the start crosses midnight.
    `not_followed_by` lists the codes nobody may work the day after it."""
    made = Shift.from_clock(code, start, end, location=location, combinable=combinable)
    return dataclasses.replace(made, not_followed_by=frozenset(not_followed_by.split()))


def person(staff_id: str, **contract: object) -> Staff:
    return Staff(id=staff_id, name=f"Person {staff_id}", **contract)  # type: ignore[arg-type]


def cover(
    start: str,
    end: str,
    people: int = 1,
    *,
    days: Iterable[int] | None = None,
    weeks: int = 1,
    skill: str | None = None,
) -> CoverageLine:
    begin, finish = minutes(start), minutes(end)
    if finish <= begin:
        finish += 24 * 60
    day_set = frozenset(days) if days is not None else frozenset(range(weeks * 7))
    return CoverageLine(
        label="test", days=day_set, start=begin, end=finish, min_people=people, skill=skill
    )


def only_rules(*names: str, **overrides: RuleConfig) -> tuple[RuleConfig, ...]:
    """Every registered rule switched off except `names` (with their defaults) and `overrides`."""
    configs = []
    for _, config in configured():
        if config.name in overrides:
            configs.append(overrides[config.name])
        else:
            configs.append(dataclasses.replace(config, enabled=config.name in names))
    return tuple(configs)


def problem(
    *,
    shifts: Iterable[Shift],
    staff: Iterable[Staff],
    coverage: Iterable[CoverageLine] = (),
    demands: Iterable[ShiftDemand] = (),
    requests: Iterable[Request] = (),
    rules: tuple[RuleConfig, ...] = (),
    weeks: int = 1,
    start: dt.date = MONDAY,
    cyclic: bool = False,
) -> Problem:
    """`cyclic`: the day after the last is the first again, as in a rotation pattern."""
    return Problem(
        start_date=start,
        weeks=weeks,
        shifts=tuple(shifts),
        staff=tuple(staff),
        coverage=tuple(coverage),
        demands=tuple(demands),
        requests=tuple(requests),
        rules=rules,
        settings=TEST_SETTINGS,
        cyclic=cyclic,
    )


def roster(*cells: tuple[str, int, str]) -> Roster:
    """A roster from (staff id, day, shift code) triples."""
    return Roster(
        assignments=frozenset(Assignment(staff_id=s, day=d, shift_code=c) for s, d, c in cells)
    )


def pinned(codes: Iterable[str], **rows: str) -> list[tuple[str, int, str, bool]]:
    """Cells to pin, one row per person: `P1="A . A+C"` works A on day 0, nothing on day 1 and
    A and C on day 2; every code in `codes` is pinned on every day the row gives."""
    cells = []
    for staff_id, row in rows.items():
        for day, cell in enumerate(row.split()):
            worked = set(cell.split("+")) - {"."}
            cells += [(staff_id, day, code, code in worked) for code in codes]
    return cells


def solve_and_check(
    prob: Problem, fixed: Iterable[tuple[str, int, str, bool]] = ()
) -> tuple[SolveOutcome, CheckReport | None]:
    """Solve, pinning (staff, day, shift, works?) cells, then run the independent checker.

    Asserts what must hold for every roster the solver returns: the checker finds no hard
    violation and its score equals the solver's objective.
    """
    built = build_model(prob)
    for staff_id, day, code, works in fixed:
        var = built.works.get(staff_id, day, code)
        if var is None:
            if works:
                built.model.add_bool_or([])  # pinned to work a shift that has no variable
            continue
        built.model.add(var == int(works))
    outcome = optimise_model(built, prob.settings)
    if outcome.roster is None:
        return outcome, None
    report = check(prob, outcome.roster)
    assert report.valid, [v.message for v in report.hard_violations]
    assert report.score == outcome.objective, (report.score, outcome.objective)
    return outcome, report

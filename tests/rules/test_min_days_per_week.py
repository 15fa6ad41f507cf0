"""Rule `min_days_per_week`: a person works at least the contract's days each week, a day of
leave counting as one (the Staff column, read into `Staff.limits`)."""

import dataclasses
from types import MappingProxyType

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import Request

DAY = shift("D", "09:00", "17:00")
FIVE_DAYS = person("P1", limits=MappingProxyType({"min_days_per_week": 5}))


def on(days, staff_id="P1"):
    return [(staff_id, day, "D", True) for day in days]


def off(days, staff_id="P1"):
    return [(staff_id, day, "D", False) for day in days]


def solve(fixed, requests=()):
    prob = problem(shifts=[DAY], staff=[FIVE_DAYS], weeks=2, rules=only_rules("min_days_per_week"))
    if requests:
        prob = dataclasses.replace(prob, requests=tuple(requests))
    return solve_and_check(prob, fixed=fixed)


def test_the_contract_days_in_every_week_are_feasible():
    outcome, report = solve(on(range(5)) + off([5, 6]) + on(range(7, 12)) + off([12, 13]))
    assert outcome.status == "optimal" and report.violations == ()


def test_a_day_short_in_any_week_is_infeasible():
    assert solve(off([0, 1, 2]))[0].status == "infeasible"  # at most 4 days in week 1
    assert solve(off(range(9, 12)))[0].status == "infeasible"  # at most 4 days in week 2


def test_a_day_of_leave_counts_as_a_day_worked():
    leave = [Request(staff_id="P1", day=day, kind="leave") for day in (0, 1)]
    outcome, report = solve(off([0, 1, 5, 6]) + on([2, 3, 4]), requests=leave)
    assert outcome.status == "optimal" and report.violations == ()

"""Rule `total_hours`: a person's paid minutes over the horizon lie between their min and max."""

import dataclasses

import pytest
from builder import only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig

DAY = shift("D", "09:00", "17:00")  # 480 paid minutes
HALF = shift("H", "09:00", "13:00")  # 240
CODES = ["D", "H"]
LOW, HIGH = 20 * 60, 32 * 60


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "total_hours"
    )


def solve(fixed, rules=None, shifts=(DAY, HALF), **contract):
    limits = contract or {"min_minutes_total": LOW, "max_minutes_total": HIGH}
    prob = problem(
        shifts=shifts,
        staff=[person("P1", **limits), person("P2")],
        rules=rules or only_rules("total_hours"),
    )
    return solve_and_check(prob, fixed=fixed)


@pytest.mark.parametrize(
    "row",
    [
        "D D H . . . .",  # exactly the minimum, 1200
        "D D D . . . .",  # 1440
        "D D D D . . .",  # exactly the maximum, 1920
        "D+H D H D . . .",  # two shifts on one day both count: 1920
    ],
)
def test_paid_time_within_the_range_is_feasible(row):
    outcome, report = solve(pinned(CODES, P1=row, P2="D D D D D D D"))
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


@pytest.mark.parametrize("row", ["D D D D H . .", "D D . . . . .", ". . . . . . ."])
def test_paid_time_outside_the_range_is_infeasible(row):
    # 2160 is over the maximum; 960 and 0 are under the minimum
    assert solve(pinned(CODES, P1=row))[0].status == "infeasible"


def status(fixed, **options):
    return solve(fixed, **options)[0].status


def test_one_sided_limits():
    assert status(pinned(CODES, P1="H H . . . . ."), max_minutes_total=480) == "optimal"
    assert status([("P1", 0, "D", True), ("P1", 1, "H", True)], max_minutes_total=480) == (
        "infeasible"
    )
    assert status(pinned(CODES, P1="D D D D D D D"), min_minutes_total=480) == "optimal"
    assert status(pinned(CODES, P1="H . . . . . ."), min_minutes_total=480) == "infeasible"


def test_paid_minutes_count_not_the_clock():
    # 8 hours on the clock with 1 hour unpaid: five of them are 35 h paid, not 40 h.
    with_break = dataclasses.replace(DAY, paid_minutes=420)
    fixed = pinned(["D"], P1="D D D D D . .")
    assert status(fixed, shifts=[with_break], max_minutes_total=35 * 60) == "optimal"
    assert status(fixed, shifts=[with_break], max_minutes_total=35 * 60 - 1) == "infeasible"


def test_a_night_on_the_last_day_counts_in_full():
    night = shift("N", "22:00", "06:00")
    fixed = [("P1", 6, "N", True)]
    assert status(fixed, shifts=[night], max_minutes_total=480) == "optimal"
    assert status(fixed, shifts=[night], max_minutes_total=479) == "infeasible"


def test_soft_penalty_is_minutes_outside_the_range():
    rules = only_rules(total_hours=RuleConfig(name="total_hours", hard=False, weight=2))
    outcome, report = solve(pinned(CODES, P1="D . . . . . ."), rules)
    assert outcome.objective == 2 * (LOW - 480)
    assert found(report) == [("P1", None, LOW - 480)]
    outcome, report = solve(pinned(CODES, P1="D D D D D . ."), rules)
    assert outcome.objective == 2 * (5 * 480 - HIGH)
    assert found(report) == [("P1", None, 5 * 480 - HIGH)]
    assert all(not v.hard and v.cost == 2 * v.amount for v in report.violations)

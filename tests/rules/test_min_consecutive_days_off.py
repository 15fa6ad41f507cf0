"""Rule `min_consecutive_days_off`: a run of days off between two working days is not too short.

Only runs with a working day on both sides inside the horizon are judged: a run touching the
first or last day may go on beyond it. In a cyclic horizon (a rotation pattern) runs wrap round.
"""

import dataclasses

import pytest
from builder import only_rules, person, pinned, problem, shift, solve_and_check

from roster.check import check
from roster.domain import Assignment, Roster, RotationGroup, RuleConfig

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
CODES = ["E", "L"]


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount)
        for v in report.violations
        if v.rule == "min_consecutive_days_off"
    )


def solve(fixed, rules=None, minimum=2, weeks=2, cyclic=False):
    prob = problem(
        shifts=[EARLY, LATE],
        staff=[person("P1", min_consecutive_days_off=minimum), person("P2")],
        weeks=weeks,
        cyclic=cyclic,
        rules=rules or only_rules("min_consecutive_days_off"),
    )
    return solve_and_check(prob, fixed=fixed)


def status(row, **options):
    return solve(pinned(CODES, P1=row), **options)[0].status


def test_breaks_at_least_the_minimum_are_feasible():
    fixed = pinned(CODES, P1="E . . L E . . . E+L E . . E E", P2="E . E . E . E . E . E . E .")
    outcome, report = solve(fixed)
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


@pytest.mark.parametrize(
    ("row", "minimum"),
    [
        ("E . E E E E E E E E E E E E", 2),  # one day off
        ("E E E E E E E E E E E E . L", 2),  # one day off, the day before the last
        ("E E . . E E E E E E E E E E", 3),  # two days off
        ("E . . . E E . . E E E E E E", 3),  # a long break does not excuse a short one
    ],
)
def test_a_shorter_break_between_working_days_is_infeasible(row, minimum):
    assert status(row, minimum=minimum) == "infeasible"


@pytest.mark.parametrize(
    "row",
    [
        ". E E E E E E E E E E E E E",  # touches the first day
        "E E E E E E E E E E E E E .",  # touches the last day
        "E E E E E E E E E E E . . .",
        "E E E E E E E E E E E E E E",  # no day off at all
        ". . . . . . . . . . . . . .",  # no work at all
    ],
)
def test_breaks_touching_the_horizon_edge_are_not_judged(row):
    assert status(row, minimum=3) == "optimal"


def test_a_break_begun_must_last_the_minimum():
    outcome, _ = solve([("P1", 4, "E", True), ("P1", 5, "E", False), ("P1", 5, "L", False)])
    assert outcome.status == "optimal"
    assert outcome.roster.shifts_of("P1", 6) == ()


def test_in_a_cyclic_horizon_breaks_wrap_round():
    # Sunday and Monday off: a break of two across the wrap, at the edges when not cyclic.
    assert status(". E E E E E .", minimum=3, weeks=1) == "optimal"
    assert status(". E E E E E .", minimum=3, weeks=1, cyclic=True) == "infeasible"
    assert status(". E E E E . .", minimum=3, weeks=1, cyclic=True) == "optimal"
    assert status(". . E E E E .", minimum=3, weeks=1, cyclic=True) == "optimal"
    assert status(". . . . . . .", minimum=3, weeks=1, cyclic=True) == "optimal"
    # and at the edges of a cyclic horizon a short break is judged like any other
    assert status(". E E E E E E E E E E E E E", cyclic=True) == "infeasible"
    assert status("E E E E E E E E E E E E E .", cyclic=True) == "infeasible"


def test_minimum_of_one_or_none_is_no_limit():
    assert status("E . E . E . E . E . E . E .", minimum=1) == "optimal"
    assert status("E . E . E . E . E . E . E .", minimum=None) == "optimal"


def test_soft_penalty_counts_each_short_break_once():
    # Breaks: day 0 (edge), day 2 (1 day), days 4-5 (2), days 7-9 (3, long enough), day 11 (1),
    # day 13 (edge).
    rules = only_rules(
        min_consecutive_days_off=RuleConfig(name="min_consecutive_days_off", hard=False, weight=3)
    )
    outcome, report = solve(pinned(CODES, P1=". E . E . . L . . . E . E+L ."), rules, minimum=3)
    assert outcome.status == "optimal"
    assert outcome.objective == 3 * 3
    assert found(report) == [("P1", 2, 1), ("P1", 4, 1), ("P1", 11, 1)]
    assert all(not v.hard and v.cost == 3 for v in report.violations)


def test_soft_penalty_across_the_wrap():
    rules = only_rules(
        min_consecutive_days_off=RuleConfig(name="min_consecutive_days_off", hard=False, weight=5)
    )
    # Sunday-Monday (days 6 and 0) and Wednesday-Thursday: two breaks of two, minimum 3.
    row = ". E . . E E ."
    outcome, report = solve(pinned(CODES, P1=row), rules, minimum=3, weeks=1, cyclic=True)
    assert outcome.objective == 2 * 5
    assert found(report) == [("P1", 2, 1), ("P1", 6, 1)]


def test_a_rotation_pattern_keeps_the_minimum_round_its_wrap():
    # The two-week pattern is off the last Sunday and the first Monday only:
    # a break of two round the wrap.
    group = RotationGroup(name="team", staff_ids=("P1", "P2"), pattern_weeks=2)
    staff = [person(s, min_consecutive_days_off=3) for s in group.staff_ids]
    prob = problem(
        shifts=[EARLY], staff=staff, weeks=2, rules=only_rules("min_consecutive_days_off")
    )
    prob = dataclasses.replace(prob, rotations=(group,))
    pattern = frozenset(
        Assignment(staff_id=group.pattern_id, day=day, shift_code="E") for day in range(1, 13)
    )
    report = check(prob, Roster(assignments=frozenset(), pattern=pattern))
    assert [
        (v.pattern, v.day) for v in report.violations if v.rule == "min_consecutive_days_off"
    ] == [("team", 13)]

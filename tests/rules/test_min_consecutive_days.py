"""Rule `min_consecutive_days`: a run of working days between two days off is not too short.

Only runs with a day off on both sides inside the horizon are judged: a run touching the first
or last day may go on beyond it. In a cyclic horizon (a rotation pattern) runs wrap round.
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
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "min_consecutive_days"
    )


def solve(fixed, rules=None, minimum=3, weeks=2, cyclic=False):
    prob = problem(
        shifts=[EARLY, LATE],
        staff=[person("P1", min_consecutive_days=minimum), person("P2")],
        weeks=weeks,
        cyclic=cyclic,
        rules=rules or only_rules("min_consecutive_days"),
    )
    return solve_and_check(prob, fixed=fixed)


def status(row, **options):
    return solve(pinned(CODES, P1=row), **options)[0].status


def test_runs_at_least_the_minimum_are_feasible():
    outcome, report = solve(
        pinned(CODES, P1=". E E E . . E L E+L E . . . .", P2=". E . E . E . E . E . E . E")
    )
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


@pytest.mark.parametrize(
    "row",
    [
        ". E . . . . . . . . . . . .",  # one day
        ". . . . . . . . . . . E L .",  # two days, ending the day before the last
        ". E E E E . E E . . . . . .",  # a long run does not excuse a short one
    ],
)
def test_a_shorter_run_between_days_off_is_infeasible(row):
    assert status(row) == "infeasible"


@pytest.mark.parametrize(
    "row",
    [
        "E . . . . . . . . . . . . .",  # touches the first day
        "E E . . . . . . . . . . . .",
        ". . . . . . . . . . . . . L",  # touches the last day
        ". . . . . . . . . . . . E E",
        ". . . . . . . . . . . . . .",  # no work at all
        "E E E E E E E E E E E E E E",  # no day off at all
    ],
)
def test_runs_touching_the_horizon_edge_are_not_judged(row):
    assert status(row) == "optimal"


def test_a_run_begun_must_go_on_to_the_minimum():
    outcome, _ = solve([("P1", 4, "E", False), ("P1", 4, "L", False), ("P1", 5, "E", True)])
    assert outcome.status == "optimal"
    assert outcome.roster.shifts_of("P1", 6) and outcome.roster.shifts_of("P1", 7)


def test_in_a_cyclic_horizon_runs_wrap_round():
    # Sunday and Monday: a run of two across the wrap, at the edges when not cyclic.
    assert status("E . . . . . E", weeks=1) == "optimal"
    assert status("E . . . . . E", weeks=1, cyclic=True) == "infeasible"
    assert status("E E . . . . E", weeks=1, cyclic=True) == "optimal"
    assert status("E . . . . E E", weeks=1, cyclic=True) == "optimal"
    assert status("E E E E E E E", weeks=1, cyclic=True) == "optimal"
    # and at the edges of a cyclic horizon a short run is judged like any other
    assert status("L . . . . . . . . . . . . .", cyclic=True) == "infeasible"
    assert status(". . . . . . . . . . . . . E", cyclic=True) == "infeasible"


def test_minimum_of_one_or_none_is_no_limit():
    assert status(". E . E . E . E . E . E . E", minimum=1) == "optimal"
    assert status(". E . E . E . E . E . E . E", minimum=None) == "optimal"


def test_soft_penalty_counts_each_short_run_once():
    # Runs: day 1 (1 day), days 3-4 (2), days 6-8 (3, long enough), day 10 (1), day 13 (edge).
    rules = only_rules(
        min_consecutive_days=RuleConfig(name="min_consecutive_days", hard=False, weight=2)
    )
    outcome, report = solve(pinned(CODES, P1=". E . E L . E E E . E . . E"), rules)
    assert outcome.status == "optimal"
    assert outcome.objective == 2 * 3
    assert found(report) == [("P1", 1, 1), ("P1", 3, 1), ("P1", 10, 1)]
    assert all(not v.hard and v.cost == 2 for v in report.violations)


def test_soft_penalty_across_the_wrap():
    rules = only_rules(
        min_consecutive_days=RuleConfig(name="min_consecutive_days", hard=False, weight=5)
    )
    outcome, report = solve(pinned(CODES, P1="E . E E E . E"), rules, weeks=1, cyclic=True)
    assert outcome.objective == 5
    assert found(report) == [("P1", 6, 1)]


def test_a_rotation_pattern_keeps_the_minimum_round_its_wrap():
    # The two-week pattern works the last Sunday and the first Monday only:
    # a run of two round the wrap.
    group = RotationGroup(name="team", staff_ids=("P1", "P2"), pattern_weeks=2)
    staff = [person(s, min_consecutive_days=3) for s in group.staff_ids]
    prob = problem(shifts=[EARLY], staff=staff, weeks=2, rules=only_rules("min_consecutive_days"))
    prob = dataclasses.replace(prob, rotations=(group,))
    pattern = frozenset(
        Assignment(staff_id=group.pattern_id, day=day, shift_code="E") for day in (0, 13)
    )
    report = check(prob, Roster(assignments=frozenset(), pattern=pattern))
    assert [(v.pattern, v.day) for v in report.violations if v.rule == "min_consecutive_days"] == [
        ("team", 13)
    ]

"""Rule `shift_successions`: the day after a shift nobody works a code it may not precede."""

import pytest
from builder import only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00", not_followed_by="E")
NIGHT = shift("N", "23:00", "07:00", not_followed_by="E L")
CODES = ["E", "L", "N"]


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "shift_successions"
    )


def solve(fixed, rules=None, cyclic=False, weeks=1):
    prob = problem(
        shifts=[EARLY, LATE, NIGHT],
        staff=[person("P1"), person("P2")],
        weeks=weeks,
        cyclic=cyclic,
        rules=rules or only_rules("shift_successions"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_allowed_successions_are_feasible():
    # E->E, E->L, L->L, L->N, N->N: every pair of neighbours is allowed.
    outcome, report = solve(pinned(CODES, P1="E E L L N N ."))
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


@pytest.mark.parametrize("row", ["L E . . . . .", ". . N E . . .", ". . . . N L ."])
def test_forbidden_successions_are_infeasible(row):
    assert solve(pinned(CODES, P1=row))[0].status == "infeasible"


def test_a_day_between_the_same_day_or_two_people_are_not_a_succession():
    # L then E two days later; N and E on one day (one_shift_per_day is off); P1 L, P2 E next day.
    outcome, report = solve(pinned(CODES, P1="L . E+N . . . L", P2=". E . . . . E"))
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_the_last_day_has_no_next_day_unless_the_horizon_is_cyclic():
    fixed = pinned(CODES, P1="E . . . . . L")
    assert solve(fixed)[0].status == "optimal"
    assert solve(fixed, cyclic=True)[0].status == "infeasible"
    # the wrap goes from the last day of the last week, not from the end of week 1
    wrap = pinned(CODES, P1="E . . . . . . . . . . . . L")
    assert solve(wrap, weeks=2, cyclic=True)[0].status == "infeasible"
    week_one_end = pinned(CODES, P1="E . . . . . L . . . . . . .")
    assert solve(week_one_end, weeks=2, cyclic=True)[0].status == "optimal"


def test_soft_penalty_counts_each_forbidden_pair_on_the_later_day():
    rules = only_rules(shift_successions=RuleConfig(name="shift_successions", hard=False, weight=5))
    outcome, report = solve(pinned(CODES, P1="L E N L E . ."), rules)
    assert outcome.status == "optimal"
    assert outcome.objective == 5 * 3
    assert found(report) == [("P1", 1, 1), ("P1", 3, 1), ("P1", 4, 1)]
    assert all(not v.hard and v.cost == 5 for v in report.violations)


def test_soft_penalty_across_the_wrap_of_a_cyclic_horizon():
    rules = only_rules(shift_successions=RuleConfig(name="shift_successions", hard=False, weight=2))
    outcome, report = solve(pinned(CODES, P1="E . . . . . N"), rules, cyclic=True)
    assert outcome.objective == 2
    assert found(report) == [("P1", 0, 1)]

"""Rule `max_weekends`: a person works (Saturday, Sunday or both) on at most `max weekends`."""

import datetime as dt

import pytest
from builder import MONDAY, only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
CODES = ["E", "L"]
# three weeks from a Monday: the weekends are days 5-6, 12-13 and 19-20


def weeks(*weekends: str) -> str:
    """A three-week row: Monday to Friday worked, then each weekend's two cells as given."""
    return " ".join(f"E E E E E {weekend}" for weekend in weekends)


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "max_weekends"
    )


def solve(fixed, rules=None, limit=1, num_weeks=3, start=MONDAY):
    prob = problem(
        shifts=[EARLY, LATE],
        staff=[person("P1", max_weekends=limit), person("P2")],
        weeks=num_weeks,
        start=start,
        rules=rules or only_rules("max_weekends"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_one_whole_weekend_and_every_weekday_are_feasible():
    outcome, report = solve(
        pinned(CODES, P1=weeks(". .", "E+L L", ". ."), P2=weeks("E E", "E E", "E E"))
    )
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


@pytest.mark.parametrize(
    "weekends", [("E .", ". L", ". ."), (". E", ". .", "L ."), ("E E", ". .", "E E")]
)
def test_saturday_or_sunday_of_a_second_weekend_is_infeasible(weekends):
    assert solve(pinned(CODES, P1=weeks(*weekends)))[0].status == "infeasible"


def test_limit_zero_keeps_every_weekend_free():
    assert solve(pinned(CODES, P1=weeks(". .", ". .", ". .")), limit=0)[0].status == "optimal"
    assert solve([("P1", 20, "L", True)], limit=0)[0].status == "infeasible"


def test_a_limit_of_all_weekends_and_no_limit_are_unconstrained():
    every = pinned(CODES, P1=weeks("E E", "E E", "E E"), P2=weeks("L L", "L L", "L L"))
    outcome, report = solve(every, limit=3)
    assert outcome.status == "optimal" and report.violations == ()
    outcome, report = solve(every, limit=None)
    assert outcome.status == "optimal" and report.violations == ()


def test_a_horizon_starting_on_sunday_has_two_half_weekends():
    # Sunday to Saturday: day 0 is the end of one weekend, day 6 the start of the next.
    sunday = MONDAY - dt.timedelta(days=1)
    outcome, _ = solve([("P1", 0, "E", True), ("P1", 6, "E", True)], num_weeks=1, start=sunday)
    assert outcome.status == "infeasible"
    # Saturday to Friday: days 0 and 1 are one weekend.
    saturday = MONDAY - dt.timedelta(days=2)
    outcome, _ = solve([("P1", 0, "E", True), ("P1", 1, "E", True)], num_weeks=1, start=saturday)
    assert outcome.status == "optimal"


def test_soft_penalty_counts_weekends_over():
    # Saturday of week 1, Sunday of week 2 and both days of week 3: 3 weekends, 2 over the limit.
    rules = only_rules(max_weekends=RuleConfig(name="max_weekends", hard=False, weight=4))
    outcome, report = solve(pinned(CODES, P1=weeks("E .", ". L", "E+L E")), rules)
    assert outcome.status == "optimal"
    assert outcome.objective == 4 * 2
    assert found(report) == [("P1", None, 2)]
    assert [v.cost for v in report.violations] == [8]

"""Rule `keep_roster`: each cell (person, day) that differs from the problem's baseline costs,
10 units plus one for each day it comes sooner than `urgent_days` (7) after the first day that
may change."""

import dataclasses

from builder import only_rules, person, problem, roster, shift, solve_and_check

from roster.check import check
from roster.domain import Request, RuleConfig

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
BASELINE = roster(("P1", 0, "E"), ("P1", 1, "L"), ("P2", 2, "E"), ("P2", 2, "L"))


def keeping(baseline=BASELINE, rules=None, requests=()):  # type: ignore[no-untyped-def]
    prob = problem(
        shifts=[EARLY, LATE],
        staff=[person("P1"), person("P2")],
        requests=requests,
        rules=rules or only_rules("keep_roster"),
    )
    return dataclasses.replace(prob, baseline=baseline)


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "keep_roster"
    )


def test_without_a_baseline_the_rule_costs_nothing():
    outcome, report = solve_and_check(dataclasses.replace(keeping(), baseline=None))
    assert outcome.status == "optimal" and outcome.objective == 0
    assert report.violations == ()


def test_the_baseline_is_kept_when_nothing_else_matters():
    outcome, report = solve_and_check(keeping())
    assert outcome.objective == 0
    assert outcome.roster.assignments == BASELINE.assignments
    assert report.violations == ()


def test_each_changed_cell_costs_the_weight_once_however_many_shifts_change():
    fixed = [
        ("P1", 0, "E", False),  # E removed: a day off instead
        ("P1", 1, "L", False),  # L replaced by E: one cell, not two
        ("P1", 1, "E", True),
        ("P2", 2, "E", False),  # E+L becomes L: one cell
        ("P2", 2, "L", True),
        ("P2", 5, "L", True),  # a shift added on a day off
    ]
    outcome, report = solve_and_check(keeping(), fixed)
    assert found(report) == [("P1", 0, 17), ("P1", 1, 16), ("P2", 2, 15), ("P2", 5, 12)]
    assert outcome.objective == 100 * (17 + 16 + 15 + 12)
    messages = sorted(v.message for v in report.violations)
    assert messages == [
        "P1 Person P1 works E on Tue 2026-12-08 instead of L as in the given roster",
        "P1 Person P1 works nothing on Mon 2026-12-07 instead of E as in the given roster",
        "P2 Person P2 works L on Sat 2026-12-12 instead of a day off as in the given roster",
        "P2 Person P2 works L on Wed 2026-12-09 instead of E+L as in the given roster",
    ]


def test_a_kept_shift_that_a_hard_rule_forbids_is_a_change_the_checker_counts_too():
    leave = Request(staff_id="P1", day=0, kind="leave")
    rules = only_rules("keep_roster", "availability")
    outcome, report = solve_and_check(keeping(rules=rules, requests=[leave]))
    assert outcome.objective == 100 * 17
    assert found(report) == [("P1", 0, 17)]
    assert outcome.roster.shifts_of("P1", 0) == ()


def test_weight_and_hard_setting_are_used():
    fixed = [("P1", 0, "E", False)]
    weighted = only_rules(keep_roster=RuleConfig(name="keep_roster", hard=False, weight=7))
    outcome, report = solve_and_check(keeping(rules=weighted), fixed)
    assert outcome.objective == 7 * 17
    assert all(not v.hard and v.cost == 7 * 17 for v in report.violations)
    hard = only_rules(keep_roster=RuleConfig(name="keep_roster", hard=True))
    assert solve_and_check(keeping(rules=hard), fixed)[0].status == "infeasible"
    outcome, _ = solve_and_check(keeping(rules=hard))
    assert outcome.roster.assignments == BASELINE.assignments
    broken = check(keeping(rules=hard), roster(("P1", 0, "E")))
    assert [(v.staff_id, v.day) for v in broken.hard_violations] == [("P1", 1), ("P2", 2)]


def test_a_change_costs_most_on_the_first_day_that_may_change_and_least_a_week_on():
    prob = dataclasses.replace(keeping(baseline=roster()), frozen_days=2)
    fixed = [("P1", 2, "E", True), ("P1", 8, "E", True), ("P2", 9, "L", True)]
    prob = dataclasses.replace(prob, weeks=2)
    outcome, report = solve_and_check(prob, fixed)
    assert found(report) == [("P1", 2, 17), ("P1", 8, 11), ("P2", 9, 10)]
    assert outcome.objective == 100 * (17 + 11 + 10)


def test_one_change_soon_costs_less_than_two_later():
    prob = dataclasses.replace(keeping(baseline=roster()), weeks=2)
    one_soon = check(prob, roster(("P1", 0, "E"))).score
    two_later = check(prob, roster(("P1", 12, "E"), ("P2", 13, "E"))).score
    assert one_soon < two_later

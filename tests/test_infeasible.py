"""Rules that cannot all hold are explained in the supervisor's terms, not just 'INFEASIBLE'."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from builder import cover, only_rules, person, shift
from builder import problem as make_problem

from roster import api
from roster.domain import Request, RuleConfig, SolveSettings
from roster.engine.diagnose import conflicting_rules, explain_infeasible
from roster.errors import InfeasibleError

SAMPLES = Path(__file__).parent.parent / "sample_inputs"
FAST = SolveSettings(time_limit_seconds=10, seed=0, workers=1)


def test_four_people_five_days_without_a_double_duty_is_explained_by_arithmetic():
    problem = api.load_problem()
    no_pairs = tuple(dataclasses.replace(s, combinable_with=frozenset()) for s in problem.shifts)
    with pytest.raises(InfeasibleError) as raised:
        api.solve(dataclasses.replace(problem, shifts=no_pairs), FAST)
    (reason,) = raised.value.reasons
    assert "Weekly demand is 21 shifts" in reason
    assert "4 people x 5 days = 20 working days" in reason
    assert "add 1 person" in reason


def test_all_leaders_on_leave_names_the_rule_the_day_and_the_people():
    problem = api.load_problem(SAMPLES / "call_center_team.xlsx")
    leave = tuple(Request(staff_id=s, day=3, kind="leave") for s in ("T01", "T02", "T03"))
    problem = dataclasses.replace(problem, requests=problem.requests + leave)
    with pytest.raises(InfeasibleError) as raised:  # the pre-solve analysis, before any solve
        api.solve(problem, FAST)
    (reason,) = raised.value.reasons
    assert "all 3 people with skill leader (T01, T02, T03) are on leave that day" in reason
    # what relaxing each hard rule in turn shows (roster check, and rules the analysis misses)
    text = "\n".join(explain_infeasible(dataclasses.replace(problem, settings=FAST)))
    assert "Rule 'skill_coverage' is one that must give" in text
    assert "Thu 2026-12-10 09:00-12:00: 0 of 1 people at work" in text
    assert "Rule 'availability' is one that must give" in text
    assert "is on leave" in text


def test_best_effort_roster_keeps_every_other_rule_and_lists_what_is_uncovered():
    problem = api.load_problem(SAMPLES / "call_center_team.xlsx")
    leave = tuple(Request(staff_id=s, day=3, kind="leave") for s in ("T01", "T02", "T03"))
    result = api.solve(
        dataclasses.replace(problem, requests=problem.requests + leave), FAST, best_effort=True
    )
    assert result.status == "best effort"
    assert any("needs 1 person with skill leader" in r for r in result.infeasible_because)
    assert result.report.valid  # every rule that stayed hard holds
    assert result.report.score == result.outcome.objective
    uncovered = [v for v in result.report.violations if v.rule == "skill_coverage"]
    assert {v.day for v in uncovered} == {3}  # only the day all leaders are away
    assert sum(v.amount for v in uncovered) == 11 * 60  # 09:00-20:00 without a leader
    cells = result.roster.by_person_day()
    assert not any((s, 3) in cells for s in ("T01", "T02", "T03"))  # leave still holds


def test_the_conflicting_rules_are_found_with_assumptions_per_rule_person_and_week():
    problem = api.load_problem(SAMPLES / "call_center_team.xlsx")
    leave = tuple(Request(staff_id=s, day=3, kind="leave") for s in ("T01", "T02", "T03"))
    sentence = conflicting_rules(dataclasses.replace(problem, requests=problem.requests + leave))
    assert sentence is not None
    assert sentence.startswith("These hard rules cannot all hold together: ")
    assert "(skill_coverage, week 1 from 2026-12-07)" in sentence
    assert "(availability for T01, T02, T03, week 1 from 2026-12-07)" in sentence
    assert "max_days_per_week" not in sentence  # the set is shrunk to what is needed


def test_rules_that_can_hold_have_no_conflict():
    assert conflicting_rules(api.load_problem(SAMPLES / "call_center_team.xlsx")) is None


def test_a_rest_rule_that_makes_c_then_a_impossible_is_named_with_the_coverage():
    a_day = shift("A", "09:00", "17:00", combinable="C")
    evening = shift("C", "20:00", "22:00", combinable="A")
    twelve_hours = RuleConfig(name="min_rest", params={"hours": 12})
    prob = make_problem(
        shifts=[a_day, evening],
        staff=[person("P1")],
        coverage=[cover("09:00", "17:00"), cover("20:00", "22:00")],
        rules=only_rules("coverage", "one_shift_per_day", min_rest=twelve_hours),
    )
    with pytest.raises(InfeasibleError) as raised:
        api.solve(prob, FAST)
    conflict = raised.value.reasons[0]
    assert conflict.startswith("These hard rules cannot all hold together: ")
    assert "(coverage, week 1 from 2026-12-07)" in conflict
    assert "(min_rest for P1, week 1 from 2026-12-07)" in conflict
    assert any("rests 11 h between C on" in reason for reason in raised.value.reasons)


def test_a_rule_the_rules_sheet_marks_relaxable_may_give_in_a_best_effort_roster():
    problem = api.load_problem()
    no_pairs = tuple(dataclasses.replace(s, combinable_with=frozenset()) for s in problem.shifts)
    six_days = RuleConfig(name="max_days_per_week", relaxable=True)
    coverage_kept = RuleConfig(name="coverage", relaxable=False)
    rules = (*problem.rules, six_days, coverage_kept)
    result = api.solve(
        dataclasses.replace(problem, shifts=no_pairs, rules=rules), FAST, best_effort=True
    )
    assert result.status == "best effort"
    assert result.report.valid
    rules_broken = {
        v.rule for v in result.report.violations if v.rule in ("coverage", "max_days_per_week")
    }
    assert rules_broken == {"max_days_per_week"}  # a sixth day, not an uncovered evening

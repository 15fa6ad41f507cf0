"""Rules that cannot all hold are explained in the supervisor's terms, not just 'INFEASIBLE'."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from roster import api
from roster.domain import Request, SolveSettings
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
    with pytest.raises(InfeasibleError) as raised:
        api.solve(dataclasses.replace(problem, requests=problem.requests + leave), FAST)
    text = "\n".join(raised.value.reasons)
    assert "Rule 'skill_coverage' is one that must give" in text
    assert "Thu 2026-12-10 09:00-12:00: 0 of 1 people at work" in text
    assert "Rule 'availability' is one that must give" in text
    assert "is on leave" in text

"""The bundled samples: they match their definitions, solve, and pass the independent checker."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from roster import api
from roster.check import check
from roster.domain import SolveSettings
from roster.io.roster_in import read_roster
from roster.io.template import write_problem
from roster.present.roster_workbook import pattern_summaries, write_result
from roster.rulebook import effective_rules

SAMPLES = Path(__file__).parent.parent / "sample_inputs"
sys.path.insert(0, str(SAMPLES))
import make_samples  # noqa: E402

FAST = SolveSettings(time_limit_seconds=20, seed=0, workers=2)


@pytest.mark.parametrize("file", sorted(make_samples.SAMPLES))
def test_committed_sample_matches_its_definition(file, tmp_path):
    fresh = tmp_path / file
    write_problem(make_samples.SAMPLES[file](), fresh)
    committed, expected = api.load_problem(SAMPLES / file), api.load_problem(fresh)
    assert committed == dataclasses.replace(expected, name=committed.name)
    assert effective_rules(committed) == effective_rules(expected)


@pytest.fixture(scope="module")
def call_center():
    return api.solve(api.load_problem(), FAST)


def test_call_center_roster_holds_every_rule(call_center):
    assert call_center.status == "optimal"
    assert call_center.report.valid
    assert call_center.report.score == call_center.outcome.objective


def test_call_center_gap_is_reported_in_words(call_center):
    (gap,) = call_center.warnings
    assert "22:00 to 24:00" in gap.message
    assert "no shift covers that time" in gap.message
    assert "every day" in gap.message


def test_call_center_needs_one_double_duty_a_week(call_center):
    (tight,) = [f for f in call_center.findings if f.kind == "tight"]
    assert "21 shifts" in tight.message and "4 people x 5 days = 20" in tight.message
    doubles = [v for v in call_center.report.violations if v.rule == "combined_shifts"]
    assert len(doubles) == call_center.problem.weeks  # the fewest possible: one a week
    weeks = {v.day // 7 for v in doubles}
    assert weeks == set(range(call_center.problem.weeks))


def test_every_coverable_minute_is_covered(call_center):
    assert not [v for v in call_center.report.violations if v.rule == "coverage"]


def test_same_seed_and_workers_give_the_same_roster(call_center):
    again = api.solve(api.load_problem(), FAST)
    assert again.roster == call_center.roster


def test_roster_workbook_reads_back_to_the_same_roster(call_center, tmp_path):
    path = tmp_path / "out.xlsx"
    write_result(call_center, path)
    back = read_roster(path, call_center.problem)
    assert back == call_center.roster
    assert check(call_center.problem, back) == call_center.report


def test_team_sample_keeps_leave_leaders_and_wishes():
    result = api.solve(api.load_problem(SAMPLES / "call_center_team.xlsx"), FAST)
    assert result.report.valid
    assert result.report.score == result.outcome.objective
    cells = result.roster.by_person_day()
    for request in result.problem.requests_of(("leave", "unavailable")):
        assert (request.staff_id, request.day) not in cells
    leaders = {p.id for p in result.problem.staff if "leader" in p.skills}
    for day in result.problem.days:
        on_a = {s for (s, d), codes in cells.items() if d == day and "A" in codes}
        on_b = {s for (s, d), codes in cells.items() if d == day and "B" in codes}
        assert on_a & leaders and on_b & leaders


def test_call_center_rotates_through_one_pattern_with_one_double_duty_a_week(call_center):
    (group,) = call_center.problem.rotations
    assert group.pattern_weeks == 4 and group.staff_ids == ("S01", "S02", "S03", "S04")
    (summary,) = pattern_summaries(call_center)
    assert summary.startswith("Rotation 'all': a 4-week pattern with ")
    assert "each works 21 shifts and 126 hours every 4 weeks" in summary
    assert "including the double duty week " in summary and "(A+C)" in summary
    assert not [v for v in call_center.report.violations if v.rule == "rotation"]

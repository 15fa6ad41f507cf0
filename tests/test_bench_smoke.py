"""The benchmark harness (`make bench`) in miniature: one tiny case through a child process, and the
scenario generators' sizes without solving. The benchmark itself is not part of `make test`."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.measure import Case, measure_in_child  # noqa: E402
from benchmarks.run import TARGETS, summarise  # noqa: E402
from benchmarks.scenarios import from_spec, scenario  # noqa: E402
from roster.domain import MINUTES_PER_DAY  # noqa: E402


def test_one_case_in_a_child_process_reports_every_number_and_the_checker_agrees():
    case = Case(factory="benchmarks.scenarios:from_spec", argument="S-rotating", time_limit=5)
    run = measure_in_child(case, timeout=120)
    assert "error" not in run, run
    for key in ("build_seconds", "variables", "constraints", "first_feasible_seconds", "trace"):
        assert run[key], key
    assert run["status"] in ("optimal", "feasible")
    assert run["objective"] is not None and run["bound"] is not None and run["gap"] is not None
    assert run["solve_seconds"] > 0 and run["peak_rss_mb"] > 50
    assert run["checker"] == {"valid": True, "score": run["objective"], "agrees_with_solver": True}
    assert run["trace"][-1][1] == run["objective"]


def test_a_run_without_a_roster_misses_its_targets_and_does_not_fail():
    summary = summarise([{"error": "no answer within 60 s (killed)"}], limit=60)
    assert [target.met(summary) for target in TARGETS["XL"]] == [False, False]


@pytest.mark.parametrize(
    ("name", "people", "weeks", "teams"), [("M", 40, 4, 1), ("L", 200, 6, 1), ("XL", 1000, 4, 10)]
)
def test_generated_call_centers_have_the_stated_size(name, people, weeks, teams):
    problem = scenario(name, "plain")
    assert (len(problem.staff), problem.weeks) == (people, weeks)
    assert len(problem.shifts) == 6
    assert any(s.end > MINUTES_PER_DAY for s in problem.shifts)  # the night shift
    curve = [line for line in problem.coverage if line.skill in (None, *team_names(teams))]
    assert len(curve) == 48 * teams
    assert {line.end - line.start for line in curve} == {30}
    assert {line.skill for line in problem.coverage} - {None, *team_names(teams)} == {
        "leader",
        "chat",
    }
    if teams > 1:
        members = Counter(skill for p in problem.staff for skill in p.skills if "team" in skill)
        assert set(members.values()) == {people // teams}
    leave = [r for r in problem.requests if r.kind == "leave"]
    assert 0.08 < len(leave) / (people * problem.num_days) < 0.12


def team_names(teams: int) -> set[str]:
    return {f"team{t + 1:02d}" for t in range(teams)} if teams > 1 else set()


def test_rotating_groups_are_four_alike_people_on_a_four_week_pattern():
    problem = scenario("M", "rotating")
    assert problem.rotations
    for group in problem.rotations:
        members = [problem.person(staff_id) for staff_id in group.staff_ids]
        assert (len(members), group.pattern_weeks) == (4, 4)
        assert len({(p.skills, p.max_minutes_per_week) for p in members}) == 1
    assert not scenario("M", "plain").rotations


def test_scenarios_are_seeded_and_S_is_the_bundled_sample():
    assert from_spec("M-plain") == scenario("M", "plain", seed=0)
    assert from_spec("M-plain-1").requests != from_spec("M-plain").requests
    assert len(from_spec("S-plain").staff) == 4 and from_spec("S-rotating").rotations
    with pytest.raises(ValueError, match="XL comes in plain"):
        scenario("XL", "rotating")

"""The first roster of a large problem, part by part (roster.engine.decompose): small teams."""

from __future__ import annotations

import dataclasses

import pytest
from builder import cover, person, problem, shift
from ortools.sat.python import cp_model
from roster.constraints import REGISTRY

from roster.check import check
from roster.domain import Problem, RotationGroup, RuleConfig, ShiftDemand
from roster.engine import decompose, search
from roster.engine.decompose import (
    DECOMPOSE_PERSON_DAYS,
    first_roster,
    partition,
    person_days,
    shares,
)
from roster.engine.decompose import decompose as split
from roster.engine.model import build_model
from roster.engine.solver import FEASIBLE, OPTIMAL
from roster.rulebook import hard_rules_only

SHIFTS = (shift("D", "08:00", "16:00"), shift("L", "14:00", "22:00"))
TEAM_SIZE = 4
PART_DAYS = TEAM_SIZE * 7  # one team's person-days in a week: the largest part allowed here
SMALL = {"min_person_days": 0, "max_part_person_days": PART_DAYS}  # split even small problems


def teams(count: int = 2, *, lead_people: int = 2) -> Problem:
    """`count` teams of four, each with its own line (one person 08:00-16:00 every day, a skill
    per team); the first two of each team also lead, and a lead line of `lead_people` runs
    14:00-22:00 on the first three days across every team. One week."""
    staff = []
    coverage = []
    for team in range(1, count + 1):
        skill = f"t{team}"
        for i in range(TEAM_SIZE):
            skills = {skill, "lead"} if i < 2 else {skill}
            staff.append(person(f"{skill}p{i}", skills=frozenset(skills)))
        coverage.append(cover("08:00", "16:00", skill=skill))
    coverage.append(cover("14:00", "22:00", lead_people, skill="lead", days=range(3)))
    return problem(shifts=SHIFTS, staff=staff, coverage=coverage)


def test_the_partition_groups_people_by_the_lines_they_serve():
    parts = partition(hard_rules_only(teams(3)), PART_DAYS)
    assert parts == [[f"t{t}p{i}" for i in range(TEAM_SIZE)] for t in (1, 2, 3)]


def test_parts_may_grow_to_the_size_limit():
    # Two teams fit in one part of 8 people: the lead line joins them, nothing is split.
    assert len(partition(hard_rules_only(teams(2)), 2 * PART_DAYS)) == 1
    assert split(hard_rules_only(teams(2)), 2 * PART_DAYS) is None


def test_a_rotation_group_stays_in_one_part():
    prob = teams(2)
    group = RotationGroup(name="R", staff_ids=("t1p0", "t2p0"), pattern_weeks=2)
    parts = partition(hard_rules_only(dataclasses.replace(prob, rotations=(group,))), PART_DAYS)
    assert any({"t1p0", "t2p0"} <= set(part) for part in parts)


def test_peers_stay_together_while_a_fairness_rule_is_hard():
    prob = teams(2)
    # Team skills differ, so nobody has a peer in the other team: the teams stay apart.
    hard_fair = (RuleConfig(name="fair_hours", hard=True),)
    assert (
        len(partition(hard_rules_only(dataclasses.replace(prob, rules=hard_fair)), PART_DAYS)) == 2
    )
    # The same skills in both teams make peers of them: one part.
    same = tuple(dataclasses.replace(p, skills=frozenset({"t1"})) for p in prob.staff)
    alike = dataclasses.replace(prob, staff=same, rules=hard_fair)
    assert len(partition(hard_rules_only(alike), PART_DAYS)) == 1


@pytest.mark.parametrize(
    ("total", "weights"),
    [(5, [2, 2]), (25, [20] * 10), (7, [3, 0, 5]), (3, [1, 1, 1, 1]), (0, [4])],
)
def test_shares_add_up_to_the_total_in_proportion(total, weights):
    parts = shares(total, weights)
    assert sum(parts) == total
    whole = sum(weights)
    for share, weight in zip(parts, weights, strict=True):
        assert abs(share - total * weight / whole) < 1  # the floor or the ceiling of its quota


def test_split_lines_add_up_to_the_requirement_on_every_day():
    prob = teams(3, lead_people=5)
    parts = split(hard_rules_only(prob), PART_DAYS)
    assert parts is not None and len(parts) == 3
    (lead,) = [line for line in prob.coverage if line.skill == "lead"]
    for day in range(3):
        pieces = [
            line.min_people
            for part in parts
            for line in part.coverage
            if line.skill == "lead" and day in line.days
        ]
        assert sum(pieces) == lead.min_people
        assert max(pieces) - min(pieces) <= 1  # alike teams: alike shares
    # Each team's own lines stay whole in its part.
    for number, part in enumerate(parts, start=1):
        own = [line for line in part.coverage if line.skill == f"t{number}"]
        assert own == [line for line in prob.coverage if line.skill == f"t{number}"]


def test_shift_demands_are_split_too():
    prob = dataclasses.replace(
        teams(2), demands=tuple(ShiftDemand(day=d, shift_code="D", people=3) for d in range(7))
    )
    parts = split(hard_rules_only(prob), PART_DAYS)
    assert parts is not None
    for day in range(7):
        assert sum(d.people for part in parts for d in part.demands if d.day == day) == 3


def test_the_merged_roster_holds_every_hard_rule():
    prob = teams(3)
    found = first_roster(hard_rules_only(prob), prob.settings, 10, **SMALL)
    assert found is not None
    status, roster = found
    assert status == cp_model.FEASIBLE and roster is not None
    report = check(prob, roster)
    assert report.valid, [v.message for v in report.hard_violations]
    assert {a.staff_id for a in roster.assignments} == {p.id for p in prob.staff}


def test_the_same_problem_gives_the_same_roster():
    prob = hard_rules_only(teams(2))
    first = first_roster(prob, prob.settings, 10, **SMALL)
    assert first is not None
    assert first == first_roster(prob, prob.settings, 10, **SMALL)


def test_small_problems_are_solved_whole():
    prob = hard_rules_only(teams(2))
    assert person_days(prob) <= DECOMPOSE_PERSON_DAYS
    assert first_roster(prob, prob.settings, 10, max_part_person_days=PART_DAYS) is None


def infeasible_share() -> Problem:
    """Feasible as a whole, but not split: team 2's leaders work no day at all (a limit the split
    does not see), so the lead line's share of team 2 cannot be met, while team 1's two leaders
    meet the whole line."""
    prob = teams(2)
    staff = tuple(
        dataclasses.replace(p, max_days_per_week=0) if p.id in ("t2p0", "t2p1") else p
        for p in prob.staff
    )
    return dataclasses.replace(prob, staff=staff)


def test_a_part_without_a_roster_gives_none():
    prob = hard_rules_only(infeasible_share())
    assert first_roster(prob, prob.settings, 10, **SMALL) is None


def test_when_a_part_fails_the_whole_problem_is_searched(monkeypatch):
    prob = infeasible_share()
    tried = []

    def spy(*args, **kwargs):  # roster.engine.search's first_roster, with the small size limit
        tried.append(decompose.first_roster(*args, **SMALL))
        return tried[-1]

    monkeypatch.setattr(search, "first_roster", spy)
    outcome = search.search(prob, build_model(prob))
    assert tried == [None]  # the parts were tried and gave no roster
    assert outcome.status in (OPTIMAL, FEASIBLE) and outcome.roster is not None
    report = check(prob, outcome.roster)
    assert report.valid, [v.message for v in report.hard_violations]


def test_no_split_when_a_share_could_leave_a_slot_short():
    # 22:00-24:00 only the remote shift R is on duty; team 2 may not work from home, so its
    # share of a line both teams serve could not be met by it: no decomposition.
    shifts = (*SHIFTS, shift("R", "22:00", "24:00", location="remote"))
    prob = teams(2)
    staff = tuple(
        dataclasses.replace(p, remote_ok=False) if p.id.startswith("t2") else p for p in prob.staff
    )
    late = cover("22:00", "24:00", 2)  # no skill: everybody serves it
    prob = dataclasses.replace(prob, shifts=shifts, staff=staff, coverage=(*prob.coverage, late))
    assert split(hard_rules_only(prob), PART_DAYS) is None


def test_every_rule_says_whose_days_it_ties_together():
    assert all(rule.scope in {"person", "peers", "lines"} for rule in REGISTRY)


def test_a_rule_that_ties_everybody_stops_the_decomposition(monkeypatch):
    assert split(hard_rules_only(teams(2)), PART_DAYS) is not None
    min_rest = next(rule for rule in REGISTRY if rule.name == "min_rest")
    monkeypatch.setattr(min_rest, "scope", "everyone")
    assert split(hard_rules_only(teams(2)), PART_DAYS) is None

"""rotation: rotation group members work the group's pattern, one pattern week further each week.

Also the cyclic pattern itself: rules about one person's days hold across the wrap from the
last pattern week back to the first.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from builder import cover, only_rules, person, problem, shift, solve_and_check

from roster.check import check
from roster.domain import Assignment, Request, Roster, RotationGroup, RuleConfig
from roster.rotation import strictest_contract

A = shift("A", "09:00", "17:00")
LATE = shift("L", "15:00", "23:00")
EARLY = shift("E", "06:00", "14:00")


def rotating(prob, members=("P1", "P2"), weeks=None):  # type: ignore[no-untyped-def]
    group = RotationGroup(
        name="team", staff_ids=tuple(members), pattern_weeks=weeks or len(members)
    )
    return dataclasses.replace(prob, rotations=(group,))


def test_every_member_works_the_pattern_shifted_by_a_week():
    prob = rotating(
        problem(
            shifts=[A],
            staff=[person("P1", max_days_per_week=5), person("P2", max_days_per_week=5)],
            coverage=[cover("09:00", "17:00", weeks=2)],
            weeks=2,
            rules=only_rules("coverage", "max_days_per_week", "rotation"),
        )
    )
    outcome, _ = solve_and_check(prob)
    assert outcome.status == "optimal" and outcome.objective == 0
    cells = outcome.roster.by_person_day()
    for day in range(7):
        assert cells.get(("P1", day)) == cells.get(("P2", day + 7))
        assert cells.get(("P2", day)) == cells.get(("P1", day + 7))
    pattern_days = {a.day for a in outcome.roster.pattern}
    # 2 pattern weeks; at least 7 shifts (an 8th is free: nothing here counts overstaffing)
    assert len(pattern_days) >= 7 and max(pattern_days) < 14


def test_a_rest_rule_broken_only_across_the_wrap_is_caught():
    # Pattern week 2 ends with a late shift on Sunday, week 1 starts with an early Monday.
    # Within the calendar horizon (1 week) nobody passes from week 2 to week 1.
    prob = rotating(
        problem(
            shifts=[EARLY, LATE],
            staff=[person("P1"), person("P2")],
            weeks=1,
            rules=only_rules("min_rest", "rotation"),
        )
    )
    pattern = Roster(
        assignments=frozenset(),
        pattern=frozenset(
            {
                Assignment(staff_id="pattern team", day=0, shift_code="E"),  # week 1 Monday
                Assignment(staff_id="pattern team", day=13, shift_code="L"),  # week 2 Sunday
            }
        ),
    )
    calendar = frozenset(
        {
            Assignment(staff_id="P1", day=0, shift_code="E"),
            Assignment(staff_id="P2", day=6, shift_code="L"),
        }
    )
    report = check(prob, dataclasses.replace(pattern, assignments=calendar))
    (broken,) = report.hard_violations
    assert broken.rule == "min_rest" and broken.pattern == "team"
    assert "L on Sun of pattern week 2 and E on Mon of pattern week 1" in broken.message
    assert broken.amount == 11 * 60 - (6 * 60 + 60)  # 23:00 to 06:00 is 7 h
    # and the solver, asked for that pattern, finds it impossible
    fixed = [("P1", 0, "E", True), ("P2", 6, "L", True)]
    outcome, _ = solve_and_check(
        dataclasses.replace(prob, rules=only_rules("min_rest", rotation=_hard())), fixed
    )
    assert outcome.status == "infeasible"


def _hard() -> RuleConfig:
    return RuleConfig(name="rotation", hard=True)


def leave_on_both_wednesdays(**rotation: RuleConfig):  # type: ignore[no-untyped-def]
    """P1 is on leave on Wednesday of both weeks: pattern weeks 1 and 2 by P1's rotation, so
    whichever of them keeps Wednesday for P2 sends P1 to work on a day of leave."""
    return rotating(
        problem(
            shifts=[A],
            staff=[person("P1"), person("P2")],
            coverage=[cover("09:00", "17:00", weeks=2)],
            requests=[
                Request(staff_id="P1", day=2, kind="leave", note="dentist"),
                Request(staff_id="P1", day=9, kind="leave", note="dentist"),
            ],
            weeks=2,
            rules=only_rules(
                "coverage", "availability", "one_shift_per_day", "rotation", **rotation
            ),
        )
    )


def test_leave_breaks_the_rotation_only_where_it_must_and_says_why():
    outcome, report = solve_and_check(leave_on_both_wednesdays())
    deviations = [v for v in report.violations if v.rule == "rotation"]
    assert outcome.objective == 50 * 2  # two Wednesdays, one person off the pattern on each
    assert sorted(v.day for v in deviations) == [2, 9]
    for deviation in deviations:
        if deviation.staff_id == "P1":  # the pattern works Wednesday: P1 is off, on leave
            assert "works nothing on" in deviation.message
            assert deviation.message.endswith(
                "instead of the pattern's A (pattern week "
                f"{deviation.day // 7 + 1}): leave: dentist"
            )
        else:  # the pattern is off on Wednesday: P2 comes in for the coverage
            assert "instead of the pattern's day off" in deviation.message
            assert deviation.message.endswith(": no leave or request that day")


def test_hard_rotation_with_leave_the_pattern_cannot_absorb_is_infeasible():
    outcome, _ = solve_and_check(leave_on_both_wednesdays(rotation=_hard()))
    assert outcome.status == "infeasible"


def test_the_pattern_keeps_the_strictest_contract_of_the_group():
    prob = rotating(
        problem(
            shifts=[A],
            staff=[person("P1", max_days_per_week=5), person("P2", max_days_per_week=3)],
            coverage=[cover("09:00", "17:00", weeks=2)],
            weeks=2,
            rules=only_rules("coverage", "max_days_per_week", "rotation"),
        )
    )
    # Two people covering 7 days a week need 7 shifts a week from two pattern weeks of at most
    # 3 days each (P2's contract binds the pattern): impossible without leaving the pattern.
    outcome, report = solve_and_check(prob)
    assert outcome.status == "optimal"
    assert outcome.objective > 0
    assert report.violations and all(v.rule == "rotation" for v in report.violations)
    assert all(v.message.endswith(": no leave or request that day") for v in report.violations)


def test_the_pattern_keeps_the_highest_minimum_and_a_weekly_target_its_members_share():
    def member(staff_id, days, hours):  # type: ignore[no-untyped-def]
        limits = {"min_days_per_week": days, "contract_hours_per_week": hours * 60}
        return person(staff_id, limits=MappingProxyType(limits))

    pattern = strictest_contract("pattern team", [member("P1", 4, 40), member("P2", 5, 40)])
    assert dict(pattern.limits) == {"min_days_per_week": 5, "contract_hours_per_week": 2400}
    mixed = strictest_contract("pattern team", [member("P1", 4, 40), member("P2", 3, 20)])
    assert dict(mixed.limits) == {"min_days_per_week": 4}  # no one target fits both

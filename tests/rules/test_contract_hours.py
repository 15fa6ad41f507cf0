"""Rule `contract_hours`: each week a person is paid the contract's weekly target (the Staff
column `contract_hours_per_week`, read into `Staff.limits`); every hour short or over costs the
weight, counted in whole hours rounded up, a whole day of leave credited at the target over the
contract's days; in rotating mode every pattern week is held to it too."""

import dataclasses
from types import MappingProxyType

from builder import cover, only_rules, person, pinned, problem, roster, shift, solve_and_check

from roster.check import check
from roster.domain import Assignment, Request, RotationGroup, RuleConfig

DAY = shift("D", "09:00", "17:00")  # 8 h
HALF = shift("H", "13:00", "17:00")  # 4 h
SHORT_DAY = dataclasses.replace(shift("S", "09:00", "17:00"), paid_minutes=7 * 60 + 30)
CODES = ("D", "H", "S")
WEIGHT = 5  # the rule's default: a unit is an hour off the target


def contract(staff_id="P1", target=40, days=5):
    limits = MappingProxyType({"contract_hours_per_week": target * 60})
    return person(staff_id, max_days_per_week=days, limits=limits)


def found(report):
    return [(v.staff_id, v.day, v.amount, v.message) for v in report.violations]


def solve(fixed, staff=None, requests=(), rules=None, coverage=(), weeks=2):
    prob = problem(
        shifts=[DAY, HALF, SHORT_DAY],
        staff=staff or [contract()],
        coverage=coverage,
        requests=requests,
        weeks=weeks,
        rules=rules or only_rules("contract_hours"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_the_target_in_every_week_costs_nothing():
    fixed = pinned(CODES, P1="D D D D D . . D D D D H H .")  # 40 h, then 32 + 8 = 40 h
    outcome, report = solve(fixed)
    assert outcome.objective == 0 and report.violations == ()


def test_each_hour_short_or_over_costs_the_weight():
    fixed = pinned(CODES, P1="D D D D . . . D D D D D H .")  # 32 h, then 44 h
    outcome, report = solve(fixed)
    assert outcome.objective == WEIGHT * (8 + 4)
    assert found(report) == [
        (
            "P1",
            0,
            8,
            "P1 Person P1 is paid 32 h in week 1 (2026-12-07 to 2026-12-13); the contract pays "
            "for 40 h: 8 h short",
        ),
        (
            "P1",
            7,
            4,
            "P1 Person P1 is paid 44 h in week 2 (2026-12-14 to 2026-12-20); the contract pays "
            "for 40 h: 4 h over",
        ),
    ]
    assert all(v.cost == WEIGHT * v.amount and not v.hard for v in report.violations)


def test_part_of_an_hour_counts_as_a_whole_hour():
    fixed = pinned(CODES, P1="S S S S S . .")  # 5 x 7.5 h = 37.5 h
    outcome, report = solve(fixed, weeks=1)
    assert outcome.objective == WEIGHT * 3
    assert found(report)[0][2:] == (
        3,
        "P1 Person P1 is paid 37.5 h in week 1 (2026-12-07 to 2026-12-13); the contract pays "
        "for 40 h: 2.5 h short, counted as 3 h",
    )


def test_a_day_of_leave_counts_the_target_over_the_contract_days():
    leave = [Request(staff_id="P1", day=0, kind="leave")]
    outcome, report = solve(pinned(CODES, P1=". D D D D . ."), requests=leave, weeks=1)
    assert outcome.objective == 0 and report.violations == ()
    # A part-timer's 20 h over 3 days: a day of leave counts 6 h 40 min.
    part_time = [contract(target=20, days=3)]
    outcome, report = solve(
        pinned(CODES, P1=". D . . H . ."), staff=part_time, requests=leave, weeks=1
    )
    assert outcome.objective == WEIGHT * 2  # 12 h + 6 h 40 min = 18 h 40 min: 1 h 20 min short
    assert found(report)[0][3].endswith(
        "the contract pays for 20 h (6.67 h of it credited for 1 day of leave): "
        "1.33 h short, counted as 2 h"
    )


def test_people_without_a_target_are_not_judged():
    staff = [contract("P1"), person("P2", max_days_per_week=5)]
    fixed = pinned(CODES, P1="D D D D D . .", P2="D . . . . . .")
    outcome, report = solve(fixed, staff=staff, weeks=1)
    assert outcome.objective == 0 and report.violations == ()


def test_the_solver_gives_everyone_their_target_beyond_the_coverage():
    """One person a day is all the coverage needs; the contracts still get their hours."""
    staff = [contract("P1"), contract("P2"), contract("P3", target=20, days=3)]
    rules = only_rules("coverage", "contract_hours", "max_days_per_week", "one_shift_per_day")
    outcome, report = solve([], staff=staff, rules=rules, coverage=[cover("09:00", "17:00")])
    assert outcome.objective == 0 and report.violations == ()
    paid = {p.id: 0 for p in staff}
    for a in outcome.roster.assignments:
        paid[a.staff_id] += {"D": 480, "H": 240, "S": 450}[a.shift_code]
    assert paid == {"P1": 2 * 40 * 60, "P2": 2 * 40 * 60, "P3": 2 * 20 * 60}


def test_hard_the_target_is_exact():
    rules = only_rules(contract_hours=RuleConfig(name="contract_hours", hard=True))
    assert solve(pinned(CODES, P1="D D D D D"), rules=rules, weeks=1)[0].status == "optimal"
    assert solve(pinned(CODES, P1="D D D D S"), rules=rules, weeks=1)[0].status == "infeasible"


def test_every_pattern_week_is_held_to_the_target():
    group = RotationGroup(name="team", staff_ids=("P1", "P2"), pattern_weeks=2)
    prob = dataclasses.replace(
        problem(
            shifts=[DAY, HALF],
            staff=[contract("P1"), contract("P2")],
            weeks=2,
            rules=only_rules("contract_hours", "rotation"),
        ),
        rotations=(group,),
    )
    # The pattern's weeks are paid 48 h and 32 h: 40 h on average, yet each week is off by 8 h.
    weeks = {0: "DDDDDD", 7: "DDDD"}
    planned = [
        Assignment(staff_id="pattern team", day=first + i, shift_code=code)
        for first, codes in weeks.items()
        for i, code in enumerate(codes)
    ]
    worked = roster(*((p, d, "D") for p in ("P1", "P2") for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)))
    report = check(prob, dataclasses.replace(worked, pattern=frozenset(planned)))
    off = [(v.pattern, v.day, v.amount) for v in report.violations if v.rule == "contract_hours"]
    assert off == [("team", 0, 8), ("team", 7, 8)]
    assert (
        sum(v.amount for v in report.violations if v.pattern is None and v.rule == "contract_hours")
        == 0
    )

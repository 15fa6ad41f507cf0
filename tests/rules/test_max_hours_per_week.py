"""Rule `max_hours_per_week`: paid minutes per week within the contract (minutes over)."""

import dataclasses

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

DAY = shift("D", "09:00", "17:00")
NIGHT = shift("N", "22:00", "06:00")
FORTY_HOURS = person("P1", max_minutes_per_week=40 * 60)


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "max_hours_per_week"
    )


def on(days, code="D", staff_id="P1"):
    return [(staff_id, day, code, True) for day in days]


def solve(fixed, rules=None, shifts=(DAY, NIGHT), staff=(FORTY_HOURS,), weeks=2):
    prob = problem(
        shifts=shifts, staff=staff, weeks=weeks, rules=rules or only_rules("max_hours_per_week")
    )
    return solve_and_check(prob, fixed=fixed)


def test_up_to_the_limit_is_feasible():
    outcome, report = solve(on(range(5)) + on(range(7, 12)))
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_over_the_limit_is_infeasible():
    assert solve(on(range(6)))[0].status == "infeasible"
    assert solve(on(range(9, 14)) + on([7], "N"))[0].status == "infeasible"


def test_paid_minutes_count_not_shift_length():
    long_day = dataclasses.replace(shift("X", "08:00", "17:00"), paid_minutes=8 * 60)
    outcome, _ = solve(on(range(5), "X"), shifts=[long_day], weeks=1)  # 45 h on site, 40 paid
    assert outcome.status == "optimal"


def test_night_shift_counts_in_the_week_it_starts():
    # Sunday's night runs into week 2, yet all 8 h belong to week 1.
    outcome, report = solve(on(range(4)) + on([6], "N") + on(range(7, 12)))
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_soft_penalty_is_minutes_over_per_week():
    rules = only_rules(
        max_hours_per_week=RuleConfig(name="max_hours_per_week", hard=False, weight=2)
    )
    four_hours = person("P2", max_minutes_per_week=4 * 60)
    outcome, report = solve(
        on(range(6)) + on([8], staff_id="P2"), rules, staff=(FORTY_HOURS, four_hours)
    )
    assert outcome.status == "optimal"
    assert outcome.objective == 2 * (8 * 60 + 4 * 60)
    assert found(report) == [("P1", 0, 480), ("P2", 7, 240)]
    assert all(not v.hard and v.cost == 2 * v.amount for v in report.violations)

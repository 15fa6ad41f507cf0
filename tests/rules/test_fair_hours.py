"""Rule `fair_hours`: peers (same contract) are paid for about as many hours as each other."""

import dataclasses

from builder import cover, only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig

A = shift("A", "09:00", "17:00")  # 8 h
H = shift("H", "18:00", "19:30")  # 1.5 h
N = dataclasses.replace(shift("N", "22:00", "06:00"), paid_minutes=7 * 60)  # 8 h, 7 h paid
CODES = ("A", "H", "N")


def full_time(staff_id):
    return person(staff_id, max_minutes_per_week=40 * 60, max_days_per_week=5)


def found(report):
    return [(v.amount, v.message) for v in report.violations if v.rule == "fair_hours"]


def solve(staff, fixed, rules=None, coverage=()):
    prob = problem(
        shifts=[A, H, N],
        staff=staff,
        coverage=coverage,
        rules=rules or only_rules("fair_hours"),
    )
    return solve_and_check(prob, fixed=fixed)


def config(**kwargs):
    return only_rules(fair_hours=RuleConfig(name="fair_hours", **kwargs))


def soft(max_spread):
    return config(hard=False, weight=1, params={"max_spread": max_spread})


def test_one_day_shift_apart_is_free():
    fixed = pinned(CODES, P1="A A A . . . .", P2="A A . . . . .")
    outcome, report = solve([full_time("P1"), full_time("P2")], fixed)
    assert outcome.objective == 0
    assert report.violations == ()


def test_each_hour_beyond_max_spread_costs_the_weight():
    fixed = pinned(CODES, P1="A A A A . . .", P2="A . . . . . .", P3="A A . . . . .")
    outcome, report = solve([full_time(p) for p in ("P1", "P2", "P3")], fixed)
    assert outcome.objective == 1 * (24 - 8)
    assert found(report) == [
        (
            16,
            "Paid hours: P1 Person P1 works 32 h, P2 Person P2 8 h (spread 24 h, at most 8 h "
            "wanted) among 3 people on a 40 h / 5-day contract",
        )
    ]


def test_paid_hours_count_not_the_length():
    fixed = pinned(CODES, P1="N . . . . . .", P2=". . . . . . .")
    outcome, report = solve([full_time("P1"), full_time("P2")], fixed, soft(0))
    assert outcome.objective == 7
    assert [amount for amount, _ in found(report)] == [7]


def test_a_spread_is_counted_in_whole_hours_rounded_up():
    fixed = pinned(CODES, P1="H . . . . . .", P2=". . . . . . .")  # 90 minutes apart
    staff = [full_time("P1"), full_time("P2")]
    outcome, report = solve(staff, fixed, soft(0))
    assert outcome.objective == 2
    assert found(report) == [
        (
            2,
            "Paid hours: P1 Person P1 works 1.5 h, P2 Person P2 0 h (spread 1.5 h, counted as "
            "2 h, at most 0 h wanted) among 2 people on a 40 h / 5-day contract",
        )
    ]
    assert solve(staff, fixed, soft(1))[0].objective == 1
    assert solve(staff, fixed, config(params={"max_spread": 1}))[0].status == "infeasible"
    assert solve(staff, fixed, config(params={"max_spread": 2}))[0].status == "optimal"


def test_people_on_other_contracts_are_not_compared():
    part_time = person("P2", max_minutes_per_week=20 * 60, max_days_per_week=5)
    fixed = pinned(CODES, P1="A A A A A . .", P2=". . . . . . .")
    outcome, report = solve([full_time("P1"), part_time], fixed)
    assert outcome.objective == 0
    assert report.violations == ()


def test_the_solver_evens_the_hours_out():
    days = [cover("09:00", "17:00", days=range(4)), cover("18:00", "19:30", days=range(4))]
    rules = only_rules(
        "coverage",
        fair_hours=RuleConfig(name="fair_hours", hard=False, weight=1, params={"max_spread": 0}),
    )
    outcome, report = solve([full_time("P1"), full_time("P2")], [], rules, days)
    assert outcome.objective == 0
    assert report.violations == ()


def test_hard_setting_is_used():
    staff = [full_time("P1"), full_time("P2")]
    fixed = pinned(CODES, P1="A A A A . . .", P2=". . . . . . .")
    assert solve(staff, fixed, config(params={"max_spread": 31}))[0].status == "infeasible"
    assert solve(staff, fixed, config(params={"max_spread": 32}))[0].status == "optimal"
    assert solve(staff, [], config(params={"max_spread": 0}))[0].status == "optimal"

"""Rule `min_days_off_per_week`: at least the contract's days off per week (default 1)."""

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

DAY = shift("D", "09:00", "17:00")
NIGHT = shift("N", "22:00", "06:00")
DEFAULT, TWO_OFF = person("P1"), person("P2", min_days_off_per_week=2)


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount)
        for v in report.violations
        if v.rule == "min_days_off_per_week"
    )


def on(days, staff_id="P1", code="D"):
    return [(staff_id, day, code, True) for day in days]


def solve(fixed, rules=None, shifts=(DAY,), weeks=1):
    prob = problem(
        shifts=shifts,
        staff=[DEFAULT, TWO_OFF],
        weeks=weeks,
        rules=rules or only_rules("min_days_off_per_week"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_default_one_day_off_is_feasible_and_none_is_infeasible():
    outcome, report = solve(on(range(6)))
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()
    assert solve(on(range(7)))[0].status == "infeasible"


def test_contract_value_overrides_the_default():
    assert solve(on(range(5), "P2"))[0].status == "optimal"
    assert solve(on(range(6), "P2"))[0].status == "infeasible"


def test_default_days_parameter_is_used():
    rules = only_rules(
        min_days_off_per_week=RuleConfig(name="min_days_off_per_week", params={"default_days": 2})
    )
    assert solve(on(range(6)), rules)[0].status == "infeasible"
    assert solve(on(range(5)), rules)[0].status == "optimal"
    rules = only_rules(
        min_days_off_per_week=RuleConfig(
            name="min_days_off_per_week", hard=False, weight=1, params={"default_days": 2}
        )
    )
    outcome, report = solve(on(range(6)), rules)
    assert outcome.objective == 1
    assert found(report) == [("P1", 0, 1)]


def test_each_week_is_counted_on_its_own():
    # Day 0 and day 13 off: one day off in each week.
    outcome, _ = solve(on(range(1, 13)), weeks=2)
    assert outcome.status == "optimal"
    assert solve(on(range(1, 14)), weeks=2)[0].status == "infeasible"


def test_day_a_night_shift_ends_on_is_still_a_day_off():
    # Nights Monday to Saturday: Sunday from 06:00 is free and counts as the day off.
    outcome, _ = solve(on(range(6), code="N"), shifts=[NIGHT])
    assert outcome.status == "optimal"


def test_soft_penalty_counts_days_off_short():
    rules = only_rules(
        min_days_off_per_week=RuleConfig(name="min_days_off_per_week", hard=False, weight=4)
    )
    outcome, report = solve(
        on(range(7)) + on(range(7), "P2") + on(range(7, 12), "P2"), rules, weeks=2
    )
    assert outcome.status == "optimal"
    assert outcome.objective == 4 * (1 + 2)
    assert found(report) == [("P1", 0, 1), ("P2", 0, 2)]
    assert all(not v.hard and v.cost == 4 * v.amount for v in report.violations)

"""Rule `max_days_per_week`: nobody works more days in a week than their contract allows."""

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

DAY = shift("D", "09:00", "17:00")
EVENING = shift("V", "18:00", "22:00")
NIGHT = shift("N", "22:00", "06:00")


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "max_days_per_week"
    )


def on(days, code="D", staff_id="P1", works=True):
    return [(staff_id, day, code, works) for day in days]


def solve(fixed, rules=None, shifts=(DAY,), staff=None, weeks=2):
    prob = problem(
        shifts=shifts,
        staff=staff or [person("P1", max_days_per_week=5)],
        weeks=weeks,
        rules=rules or only_rules("max_days_per_week"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_five_days_in_a_week_is_feasible():
    outcome, report = solve(on(range(5)) + on(range(7, 12)))
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_six_days_in_a_week_is_infeasible():
    assert solve(on(range(6)))[0].status == "infeasible"
    assert solve(on(range(8, 14)))[0].status == "infeasible"


def test_weeks_are_blocks_from_the_start_date_not_sliding_windows():
    # Thursday to the next Wednesday: 7 days in a row, but 4 + 3 in the two weeks.
    outcome, report = solve(on(range(3, 10)))
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_two_shifts_on_one_day_count_as_one_day():
    outcome, _ = solve(on(range(5)) + on(range(5), "V"), shifts=[DAY, EVENING], weeks=1)
    assert outcome.status == "optimal"


def test_night_shift_counts_on_its_start_day_only():
    outcome, _ = solve(on(range(5), "N"), shifts=[NIGHT], weeks=1)
    assert outcome.status == "optimal"


def test_person_without_a_limit_is_unconstrained():
    outcome, report = solve(
        on(range(7), staff_id="P2"), staff=[person("P1", max_days_per_week=5), person("P2")]
    )
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_soft_penalty_counts_days_over_per_week():
    rules = only_rules(max_days_per_week=RuleConfig(name="max_days_per_week", hard=False, weight=3))
    outcome, report = solve(on(range(7)) + on(range(7, 13)), rules)
    assert outcome.status == "optimal"
    assert outcome.objective == 3 * (2 + 1)
    assert found(report) == [("P1", 0, 2), ("P1", 7, 1)]
    assert all(not v.hard and v.cost == 3 * v.amount for v in report.violations)

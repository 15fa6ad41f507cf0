"""Rule `max_consecutive_days`: nobody works more days in a row than their contract allows."""

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

DAY = shift("D", "09:00", "17:00")


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "max_consecutive_days"
    )


def on(days, staff_id="P1"):
    return [(staff_id, day, "D", True) for day in days]


def solve(fixed, rules=None, limit=3, weeks=2):
    staff = [person("P1", max_consecutive_days=limit), person("P2")]
    prob = problem(
        shifts=[DAY], staff=staff, weeks=weeks, rules=rules or only_rules("max_consecutive_days")
    )
    return solve_and_check(prob, fixed=fixed)


def test_runs_up_to_the_limit_are_feasible():
    outcome, report = solve(on([0, 1, 2, 4, 5, 6, 8, 9, 10]))
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_one_day_more_is_infeasible():
    assert solve(on([0, 1, 2, 3]))[0].status == "infeasible"


def test_runs_carry_across_the_week_boundary():
    # Saturday to Tuesday: two days in each week, four in a row.
    assert solve(on([5, 6, 7, 8]))[0].status == "infeasible"


def test_person_without_a_limit_and_limit_beyond_the_horizon_are_unconstrained():
    outcome, report = solve(on(range(14), "P2"))
    assert outcome.status == "optimal"
    outcome, report = solve(on(range(7)), limit=7, weeks=1)
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_soft_penalty_counts_days_over_per_window():
    # Five days in a row with a limit of 3: the windows ending Thursday and Friday each hold 4.
    rules = only_rules(
        max_consecutive_days=RuleConfig(name="max_consecutive_days", hard=False, weight=2)
    )
    outcome, report = solve(on(range(5)), rules)
    assert outcome.status == "optimal"
    assert outcome.objective == 2 * 2
    assert found(report) == [("P1", 3, 1), ("P1", 4, 1)]
    assert all(not v.hard and v.cost == 2 for v in report.violations)

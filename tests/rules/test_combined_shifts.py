"""Rule `combined_shifts`: each day with a declared double duty (e.g. A+C) costs `weight`."""

from builder import cover, only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

A = shift("A", "07:00", "15:00", combinable="C")
B = shift("B", "09:00", "17:00")
C = shift("C", "15:00", "23:00")
DOUBLE = [("P1", 0, "A", True), ("P1", 0, "C", True)]


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "combined_shifts"
    )


def solve(fixed, rules=None, shifts=(A, C), staff=("P1",), coverage=()):
    prob = problem(
        shifts=shifts,
        staff=[person(s) for s in staff],
        coverage=coverage,
        rules=rules or only_rules("combined_shifts", "one_shift_per_day"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_double_duty_costs_the_default_weight():
    outcome, report = solve(DOUBLE)
    assert outcome.status == "optimal"
    assert outcome.objective == 5
    assert found(report) == [("P1", 0, 1)]
    assert not report.violations[0].hard


def test_pair_declared_on_either_shift_counts_in_any_shift_order():
    # Only A names C; the solver sees the shifts as C, A and the checker sorts them A, C.
    outcome, report = solve(DOUBLE, shifts=(C, A))
    assert outcome.objective == 5
    assert found(report) == [("P1", 0, 1)]
    c_names_a = shift("C", "15:00", "23:00", combinable="A")
    outcome, report = solve(DOUBLE, shifts=(shift("A", "07:00", "15:00"), c_names_a))
    assert outcome.objective == 5
    assert found(report) == [("P1", 0, 1)]


def test_the_pair_on_different_days_is_free():
    outcome, report = solve([("P1", 0, "A", True), ("P1", 1, "C", True)])
    assert outcome.objective == 0
    assert report.violations == ()


def test_undeclared_same_day_pair_is_not_a_double_duty():
    outcome, report = solve(
        [("P1", 0, "A", True), ("P1", 0, "B", True)],
        only_rules("combined_shifts"),
        shifts=(A, B, C),
    )
    assert outcome.objective == 0
    assert report.violations == ()


def test_weight_and_hard_setting_are_used():
    weighted = only_rules(
        "one_shift_per_day",
        combined_shifts=RuleConfig(name="combined_shifts", hard=False, weight=2),
    )
    outcome, report = solve([*DOUBLE, ("P1", 4, "A", True), ("P1", 4, "C", True)], weighted)
    assert outcome.objective == 2 * 2
    assert found(report) == [("P1", 0, 1), ("P1", 4, 1)]
    hard = only_rules("one_shift_per_day", combined_shifts=RuleConfig(name="combined_shifts"))
    assert solve(DOUBLE, hard)[0].status == "infeasible"


def test_double_duty_only_when_coverage_needs_it():
    line = [cover("07:00", "23:00", days=[0])]
    rules = only_rules("combined_shifts", "one_shift_per_day", "coverage")
    outcome, _ = solve([], rules, staff=("P1", "P2"), coverage=line)
    assert outcome.objective == 0
    outcome, report = solve([], rules, staff=("P1",), coverage=line)
    assert outcome.objective == 5
    assert found(report) == [("P1", 0, 1)]

"""Rule `fixed_assignments`: a shift fixed for a person on a day is worked that day."""

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import Request, RuleConfig

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
FIXED = Request(staff_id="P1", day=1, kind="fixed", shift_code="E")


def soft(weight: int) -> RuleConfig:
    return RuleConfig(name="fixed_assignments", hard=False, weight=weight)


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "fixed_assignments"
    )


def solve(fixed, rules, requests=(FIXED,)):
    prob = problem(
        shifts=[EARLY, LATE], staff=[person("P1"), person("P2")], requests=requests, rules=rules
    )
    return solve_and_check(prob, fixed=fixed)


def test_fixed_shift_is_worked():
    outcome, report = solve([], only_rules("fixed_assignments"))
    assert outcome.status == "optimal"
    assert outcome.roster.shifts_of("P1", 1) == ("E",)
    assert report.violations == ()


def test_fixed_shift_not_worked_is_infeasible():
    outcome, _ = solve([("P1", 1, "E", False)], only_rules("fixed_assignments"))
    assert outcome.status == "infeasible"


def test_fixed_shift_excludes_another_shift_that_day_with_one_shift_per_day():
    outcome, _ = solve([("P1", 1, "L", True)], only_rules("fixed_assignments", "one_shift_per_day"))
    assert outcome.status == "infeasible"


def test_another_person_on_the_shift_does_not_meet_it():
    outcome, _ = solve(
        [("P1", 1, "E", False), ("P2", 1, "E", True)], only_rules("fixed_assignments")
    )
    assert outcome.status == "infeasible"


def test_soft_penalty_counts_fixed_shifts_not_worked():
    requests = [FIXED, Request(staff_id="P2", day=3, kind="fixed", shift_code="L")]
    # P1 works the other shift on the fixed day: that does not meet the fixed shift either.
    fixed = [("P1", 1, "E", False), ("P1", 1, "L", True), ("P2", 3, "L", False)]
    outcome, report = solve(fixed, only_rules(fixed_assignments=soft(6)), requests)
    assert outcome.status == "optimal"
    assert outcome.objective == 6 * 2
    assert found(report) == [("P1", 1, 1), ("P2", 3, 1)]
    assert all(not v.hard and v.cost == 6 for v in report.violations)


def test_fixed_shift_on_a_day_of_leave():
    requests = [FIXED, Request(staff_id="P1", day=1, kind="leave")]
    assert (
        solve([], only_rules("fixed_assignments", "availability"), requests)[0].status
        == "infeasible"
    )
    # Soft, the fixed shift has no variable at all (leave forbids it): a constant penalty.
    outcome, report = solve([], only_rules("availability", fixed_assignments=soft(3)), requests)
    assert outcome.status == "optimal"
    assert outcome.objective == 3
    assert found(report) == [("P1", 1, 1)]

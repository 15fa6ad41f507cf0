"""Rule `remote_shifts`: a shift worked from home goes only to staff allowed to work remotely."""

from builder import cover, only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

ONSITE = shift("O", "09:00", "17:00")
REMOTE = shift("R", "09:00", "17:00", location="remote")
OFFICE_ONLY, HOME_OK = person("P1", remote_ok=False), person("P2", remote_ok=True)


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "remote_shifts"
    )


def solve(fixed, rules=None, coverage=()):
    prob = problem(
        shifts=[ONSITE, REMOTE],
        staff=[OFFICE_ONLY, HOME_OK],
        coverage=coverage,
        rules=rules or only_rules("remote_shifts"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_remote_shift_for_remote_ok_staff_and_onsite_shift_for_anyone():
    outcome, report = solve([("P2", 0, "R", True), ("P1", 1, "O", True)])
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_remote_shift_for_onsite_only_staff_is_infeasible():
    assert solve([("P1", 0, "R", True)])[0].status == "infeasible"


def test_soft_penalty_counts_remote_shifts_given_to_onsite_only_staff():
    rules = only_rules(remote_shifts=RuleConfig(name="remote_shifts", hard=False, weight=2))
    outcome, report = solve(
        [("P1", 0, "R", True), ("P1", 3, "R", True), ("P2", 3, "R", True)], rules
    )
    assert outcome.status == "optimal"
    assert outcome.objective == 2 * 2
    assert found(report) == [("P1", 0, 1), ("P1", 3, 1)]
    assert all(not v.hard and v.cost == 2 for v in report.violations)


def test_coverage_by_a_remote_shift_falls_to_remote_ok_staff():
    remote_only = [shift("R", "09:00", "17:00", location="remote")]
    line = [cover("09:00", "17:00", days=[0])]
    prob = problem(
        shifts=remote_only,
        staff=[OFFICE_ONLY, HOME_OK],
        coverage=line,
        rules=only_rules("coverage", "remote_shifts"),
    )
    assert solve_and_check(prob, fixed=[("P2", 0, "R", False)])[0].status == "infeasible"
    # With only on-site staff the remote-only window cannot be covered: a structural gap.
    prob = problem(
        shifts=remote_only,
        staff=[OFFICE_ONLY],
        coverage=line,
        rules=only_rules("coverage", "remote_shifts"),
    )
    outcome, report = solve_and_check(prob)
    assert outcome.status == "optimal"
    assert report.violations == ()

"""Rule `availability`: nobody works on leave, nor a shift or day they are unavailable for."""

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import Request, RuleConfig

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
NIGHT = shift("N", "22:00", "06:00")


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "availability"
    )


def solve(requests, fixed, rules=None, shifts=(EARLY, LATE)):
    prob = problem(
        shifts=shifts,
        staff=[person("P1"), person("P2")],
        requests=requests,
        rules=rules or only_rules("availability"),
    )
    return solve_and_check(prob, fixed=fixed)


LEAVE = Request(staff_id="P1", day=2, kind="leave")
NOT_LATE = Request(staff_id="P1", day=2, kind="unavailable", shift_code="L")
NOT_AT_ALL = Request(staff_id="P1", day=2, kind="unavailable")


def test_working_other_days_than_the_leave_is_feasible():
    outcome, report = solve(
        [LEAVE], [("P1", 1, "E", True), ("P1", 3, "L", True), ("P2", 2, "E", True)]
    )
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_any_shift_on_leave_is_infeasible():
    assert solve([LEAVE], [("P1", 2, "E", True)])[0].status == "infeasible"
    assert solve([LEAVE], [("P1", 2, "L", True)])[0].status == "infeasible"


def test_unavailable_for_one_shift_blocks_only_that_shift():
    outcome, report = solve([NOT_LATE], [("P1", 2, "E", True)])
    assert outcome.status == "optimal"
    assert report.violations == ()
    assert solve([NOT_LATE], [("P1", 2, "L", True)])[0].status == "infeasible"


def test_unavailable_without_a_shift_blocks_the_whole_day():
    assert solve([NOT_AT_ALL], [("P1", 2, "E", True)])[0].status == "infeasible"
    assert solve([NOT_AT_ALL], [("P1", 2, "L", True)])[0].status == "infeasible"


def test_night_shift_belongs_to_its_start_day():
    # Leave on Wednesday (day 2): Tuesday's night into Wednesday is allowed, Wednesday's is not.
    outcome, _ = solve([LEAVE], [("P1", 1, "N", True)], shifts=[NIGHT])
    assert outcome.status == "optimal"
    assert solve([LEAVE], [("P1", 2, "N", True)], shifts=[NIGHT])[0].status == "infeasible"


def test_soft_penalty_counts_shifts_worked_while_away():
    requests = [LEAVE, Request(staff_id="P1", day=4, kind="unavailable", shift_code="L")]
    rules = only_rules(availability=RuleConfig(name="availability", hard=False, weight=7))
    fixed = [("P1", 2, "E", True), ("P1", 4, "L", True), ("P1", 5, "E", True)]
    outcome, report = solve(requests, fixed, rules)
    assert outcome.status == "optimal"
    assert outcome.objective == 7 * 2
    assert found(report) == [("P1", 2, 1), ("P1", 4, 1)]
    assert all(not v.hard and v.cost == 7 for v in report.violations)

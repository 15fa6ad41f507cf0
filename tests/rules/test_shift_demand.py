"""Rule `shift_demand`: each shift of a day with a demand line gets at least its head count."""

from builder import only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig, ShiftDemand

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
CODES = ["E", "L"]
TWO_EARLY_MONDAY = ShiftDemand(day=0, shift_code="E", people=2, under_weight=5)


def soft(weight: int) -> RuleConfig:
    return RuleConfig(name="shift_demand", hard=False, weight=weight)


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "shift_demand"
    )


def solve(demands, fixed=(), rules=None, staff=("P1", "P2", "P3")):
    prob = problem(
        shifts=[EARLY, LATE],
        staff=[person(s) for s in staff],
        demands=demands,
        rules=rules or only_rules("shift_demand"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_demand_met_is_feasible_and_free():
    outcome, report = solve([TWO_EARLY_MONDAY, ShiftDemand(day=1, shift_code="L", people=1)])
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()
    cells = outcome.roster.by_person_day()
    assert sum("E" in cells.get((s, 0), ()) for s in ("P1", "P2", "P3")) >= 2
    assert sum("L" in cells.get((s, 1), ()) for s in ("P1", "P2", "P3")) >= 1


def test_one_person_short_is_infeasible_when_hard():
    outcome, report = solve([TWO_EARLY_MONDAY], [("P1", 0, "E", False), ("P2", 0, "E", False)])
    assert outcome.status == "infeasible"
    assert report is None


def test_more_demanded_than_staff_is_infeasible():
    assert solve([ShiftDemand(day=0, shift_code="E", people=4)])[0].status == "infeasible"


def test_another_shift_that_day_does_not_count():
    # Everybody works the late shift on Monday: the early demand is still short.
    fixed = pinned(CODES, P1="L", P2="L", P3="L")
    assert solve([TWO_EARLY_MONDAY], fixed)[0].status == "infeasible"


def test_more_people_than_demanded_and_days_without_a_line_are_not_this_rules_business():
    fixed = pinned(CODES, P1="E . .", P2="E . .", P3="E . .")
    outcome, report = solve([TWO_EARLY_MONDAY, ShiftDemand(day=2, shift_code="E", people=0)], fixed)
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_soft_penalty_is_people_short_times_line_weight_times_rule_weight():
    # Monday early: 1 of 2 (1 short x 5); Tuesday late: 0 of 3 (3 short x 1).
    demands = [TWO_EARLY_MONDAY, ShiftDemand(day=1, shift_code="L", people=3)]
    fixed = pinned(CODES, P1="E .", P2="L .", P3=". E")
    outcome, report = solve(demands, fixed, only_rules(shift_demand=soft(2)))
    assert outcome.status == "optimal"
    assert outcome.objective == 2 * (1 * 5 + 3 * 1)
    assert found(report) == [(None, 0, 5), (None, 1, 3)]
    assert sorted(v.cost for v in report.violations) == [2 * 3, 2 * 5]


def test_soft_solver_fills_the_heavier_line_first():
    # Two people, two lines wanting both of them on Monday: early (weight 5) wins over late.
    demands = [TWO_EARLY_MONDAY, ShiftDemand(day=0, shift_code="L", people=2)]
    rules = only_rules("one_shift_per_day", shift_demand=soft(1))
    outcome, report = solve(demands, rules=rules, staff=("P1", "P2"))
    assert outcome.objective == 2 * 1
    assert found(report) == [(None, 0, 2)]
    assert outcome.roster.shifts_of("P1", 0) == outcome.roster.shifts_of("P2", 0) == ("E",)

"""Rule `overstaffing`: no shift of a day with a demand line has more people than it asks for."""

from builder import only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig, ShiftDemand

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
CODES = ["E", "L"]
ONE_EARLY_MONDAY = ShiftDemand(day=0, shift_code="E", people=1, under_weight=3, over_weight=4)


def found(report, rule="overstaffing"):
    return sorted((v.staff_id, v.day, v.amount) for v in report.violations if v.rule == rule)


def solve(demands, fixed=(), rules=None):
    prob = problem(
        shifts=[EARLY, LATE],
        staff=[person("P1"), person("P2"), person("P3")],
        demands=demands,
        rules=rules or only_rules("overstaffing"),
    )
    return solve_and_check(prob, fixed=fixed)


def test_soft_by_default_and_costs_people_over_times_line_weight():
    fixed = pinned(CODES, P1="E", P2="E", P3="E")
    outcome, report = solve([ONE_EARLY_MONDAY], fixed)
    assert outcome.status == "optimal"
    assert outcome.objective == 2 * 4  # rule weight 1
    assert found(report) == [(None, 0, 8)]
    assert all(not v.hard for v in report.violations)


def test_rule_weight_multiplies_the_line_weight():
    rules = only_rules(overstaffing=RuleConfig(name="overstaffing", hard=False, weight=3))
    outcome, report = solve([ONE_EARLY_MONDAY], pinned(CODES, P1="E", P2="E"), rules)
    assert outcome.objective == 3 * 1 * 4
    assert found(report) == [(None, 0, 4)]
    assert [v.cost for v in report.violations] == [12]


def test_at_or_below_the_demand_and_other_shifts_and_days_cost_nothing():
    # One on Monday's early shift, nobody on Tuesday's; late shifts and Wednesday have no line.
    demands = [ONE_EARLY_MONDAY, ShiftDemand(day=1, shift_code="E", people=1, over_weight=4)]
    fixed = pinned(CODES, P1="E+L . E", P2="L . E", P3="L . E")
    outcome, report = solve(demands, fixed)
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_hard_overstaffing_is_infeasible_above_the_demand():
    rules = only_rules(overstaffing=RuleConfig(name="overstaffing", hard=True))
    assert solve([ONE_EARLY_MONDAY], pinned(CODES, P1="E", P2="E"), rules)[0].status == (
        "infeasible"
    )
    assert solve([ONE_EARLY_MONDAY], pinned(CODES, P1="E"), rules)[0].status == "optimal"


def test_with_shift_demand_the_solver_meets_the_head_count_exactly():
    rules = only_rules(
        overstaffing=RuleConfig(name="overstaffing", hard=False, weight=1),
        shift_demand=RuleConfig(name="shift_demand", hard=False, weight=1),
    )
    demand = ShiftDemand(day=0, shift_code="E", people=2, under_weight=3, over_weight=4)
    outcome, report = solve([demand], rules=rules)
    assert outcome.objective == 0
    assert sum("E" in outcome.roster.shifts_of(s, 0) for s in ("P1", "P2", "P3")) == 2
    # one over costs the over weight, one short the under weight, each under its own rule
    outcome, report = solve([demand], pinned(CODES, P1="E", P2="E", P3="E"), rules)
    assert outcome.objective == 4
    assert found(report) == [(None, 0, 4)] and found(report, "shift_demand") == []
    outcome, report = solve([demand], pinned(CODES, P1="E", P2=".", P3="."), rules)
    assert outcome.objective == 3
    assert found(report) == [] and found(report, "shift_demand") == [(None, 0, 3)]

"""Rule `fair_preferences`: among peers who made wishes, the refused wishes are shared out."""

from builder import cover, only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import Request, RuleConfig

E = shift("E", "07:00", "15:00")
L = shift("L", "15:00", "23:00")
CODES = ("E", "L")
# P1 wishes for E on Monday, a free Tuesday and no L on Wednesday; P2 for a free Monday.
WISHES = [
    Request(staff_id="P1", day=0, kind="prefer", shift_code="E"),
    Request(staff_id="P1", day=1, kind="prefer_off"),
    Request(staff_id="P1", day=2, kind="prefer_off", shift_code="L"),
    Request(staff_id="P2", day=0, kind="prefer_off"),
]
P1_REFUSED = "L E L . . . ."  # all three of P1's wishes refused
P1_GRANTED = "E . E . . . ."


def full_time(staff_id):
    return person(staff_id, max_minutes_per_week=40 * 60, max_days_per_week=5)


def found(report):
    return [(v.amount, v.message) for v in report.violations if v.rule == "fair_preferences"]


def solve(staff, fixed, rules=None, requests=WISHES, coverage=()):
    prob = problem(
        shifts=[E, L],
        staff=staff,
        requests=requests,
        coverage=coverage,
        rules=rules or only_rules("fair_preferences"),
    )
    return solve_and_check(prob, fixed=fixed)


def config(**kwargs):
    return only_rules(fair_preferences=RuleConfig(name="fair_preferences", **kwargs))


def test_refusals_beyond_max_spread_cost_the_weight_among_people_who_wished():
    # P3 made no wish: not compared, or the spread would be 3 (P1) against 0 (P3).
    fixed = pinned(CODES, P1=P1_REFUSED, P2="E . . . . . .", P3=". . . . . . .")
    outcome, report = solve([full_time(p) for p in ("P1", "P2", "P3")], fixed)
    assert outcome.objective == 5 * 1  # 3 refused against 1, one allowed
    assert found(report) == [
        (
            1,
            "Wishes not granted: P1 Person P1 has 3, P2 Person P2 1 (spread 2, at most 1 "
            "wanted) among 2 people who wished on a 40 h / 5-day contract",
        )
    ]


def test_every_kind_of_wish_counts_as_the_preferences_rule_reads_it():
    staff = [full_time("P1"), full_time("P2")]
    zero = config(weight=1, hard=False, params={"max_spread": 0})
    outcome, report = solve(staff, pinned(CODES, P1=P1_GRANTED, P2=". . . . . . ."), zero)
    assert outcome.objective == 0
    assert report.violations == ()
    outcome, report = solve(staff, pinned(CODES, P1=P1_REFUSED, P2=". . . . . . ."), zero)
    assert outcome.objective == 3
    assert [amount for amount, _ in found(report)] == [3]


def test_people_on_other_contracts_are_not_compared():
    staff = [full_time("P1"), person("P2", max_minutes_per_week=24 * 60, max_days_per_week=3)]
    outcome, report = solve(staff, pinned(CODES, P1=P1_REFUSED, P2=". . . . . . ."))
    assert outcome.objective == 0
    assert report.violations == ()


def test_the_solver_refuses_wishes_in_turn():
    # One of P1 and P2 must work each day; both wish for Monday and Tuesday off.
    both = [Request(staff_id=p, day=day, kind="prefer_off") for p in ("P1", "P2") for day in (0, 1)]
    rules = only_rules(
        "coverage",
        "preferences",
        fair_preferences=RuleConfig(
            name="fair_preferences", hard=False, weight=5, params={"max_spread": 0}
        ),
    )
    line = [cover("07:00", "15:00", days=[0, 1])]
    outcome, report = solve([full_time("P1"), full_time("P2")], [], rules, both, line)
    assert outcome.objective == 2 * 10  # two wishes refused, one each
    assert sorted(v.staff_id for v in report.violations) == ["P1", "P2"]


def test_weight_max_spread_and_hard_setting_are_used():
    staff = [full_time("P1"), full_time("P2")]
    fixed = pinned(CODES, P1=P1_REFUSED, P2=". . . . . . .")
    outcome, _ = solve(staff, fixed, config(hard=False, weight=4, params={"max_spread": 1}))
    assert outcome.objective == 4 * 2
    assert solve(staff, fixed, config(params={"max_spread": 2}))[0].status == "infeasible"
    assert solve(staff, fixed, config(params={"max_spread": 3}))[0].status == "optimal"
    assert solve(staff, [], config(params={"max_spread": 0}))[0].status == "optimal"

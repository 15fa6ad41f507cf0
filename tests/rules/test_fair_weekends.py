"""Rule `fair_weekends`: peers (same contract) work about as many weekend days as each other."""

from builder import cover, only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig

A = shift("A", "09:00", "17:00")
C = shift("C", "20:00", "22:00")
CODES = ("A", "C")
#          Mo Tu We Th Fr Sa  Su  | Mo Tu We Th Fr Sa Su
EVERY = ". . . . . A   A   . . . . . A A"
DOUBLE = ". . . . . A+C A+C . . . . . . ."  # two shifts on a day count once
NONE = ". . . . . .   .   . . . . . . ."
WEEKDAYS = "A A A A A .   .   A A A A A . ."


def full_time(staff_id):
    return person(staff_id, max_minutes_per_week=40 * 60, max_days_per_week=5)


def found(report):
    return [(v.amount, v.message) for v in report.violations if v.rule == "fair_weekends"]


def solve(staff, fixed, rules=None, coverage=()):
    prob = problem(
        shifts=[A, C],
        staff=staff,
        coverage=coverage,
        rules=rules or only_rules("fair_weekends"),
        weeks=2,
    )
    return solve_and_check(prob, fixed=fixed)


def config(**kwargs):
    return only_rules(fair_weekends=RuleConfig(name="fair_weekends", **kwargs))


def test_weekdays_do_not_count_and_one_day_apart_is_free():
    fixed = pinned(CODES, P1=WEEKDAYS, P2=". . . . . A . . . . . . . .")
    outcome, report = solve([full_time("P1"), full_time("P2")], fixed)
    assert outcome.objective == 0
    assert report.violations == ()


def test_each_weekend_day_beyond_max_spread_costs_the_weight():
    fixed = pinned(CODES, P1=EVERY, P2=NONE, P3=DOUBLE)
    outcome, report = solve([full_time(p) for p in ("P1", "P2", "P3")], fixed)
    assert outcome.objective == 10 * 3  # spread 4, one allowed
    assert found(report) == [
        (
            3,
            "Weekend days: P1 Person P1 works 4, P2 Person P2 0 (spread 4, at most 1 wanted) "
            "among 3 people on a 40 h / 5-day contract",
        )
    ]


def test_two_shifts_on_a_weekend_day_count_as_one_day():
    fixed = pinned(CODES, P1=DOUBLE, P2=NONE)
    outcome, report = solve([full_time("P1"), full_time("P2")], fixed)
    assert outcome.objective == 10 * 1  # 2 days, not 4 shifts
    assert [amount for amount, _ in found(report)] == [1]


def test_people_on_other_contracts_are_not_compared():
    part_time = person("P2", max_minutes_per_week=20 * 60, max_days_per_week=5)
    fixed = pinned(CODES, P1=EVERY, P2=NONE)
    outcome, report = solve([full_time("P1"), part_time], fixed)
    assert outcome.objective == 0
    assert report.violations == ()
    # No limits at all is a contract too: two such people are peers.
    fixed = pinned(CODES, P1=EVERY, P2=NONE)
    outcome, report = solve([person("P1"), person("P2")], fixed)
    assert "among 2 people without weekly limits" in found(report)[0][1]


def test_the_solver_shares_the_weekends_out():
    weekends = [cover("09:00", "17:00", days=[5, 6, 12, 13])]
    rules = only_rules(
        "coverage",
        fair_weekends=RuleConfig(
            name="fair_weekends", hard=False, weight=10, params={"max_spread": 0}
        ),
    )
    outcome, _ = solve([full_time("P1"), full_time("P2")], [], rules, weekends)
    assert outcome.objective == 0
    worked = [
        len([d for d in (5, 6, 12, 13) if outcome.roster.shifts_of(p, d)]) for p in ["P1", "P2"]
    ]
    assert worked == [2, 2]


def test_weight_max_spread_and_hard_setting_are_used():
    staff = [full_time("P1"), full_time("P2")]
    fixed = pinned(CODES, P1=EVERY, P2=NONE)
    outcome, _report = solve(staff, fixed, config(hard=False, weight=3, params={"max_spread": 2}))
    assert outcome.objective == 3 * 2
    assert solve(staff, fixed, config(params={"max_spread": 3}))[0].status == "infeasible"
    assert solve(staff, fixed, config(params={"max_spread": 4}))[0].status == "optimal"
    assert solve(staff, [], config(params={"max_spread": 0}))[0].status == "optimal"

"""Rule `fair_shift_counts`: peers (same contract) work each shift code about equally often."""

from builder import cover, only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig

A = shift("A", "09:00", "17:00")
C = shift("C", "20:00", "22:00", location="remote")
CODES = ("A", "C")


def full_time(staff_id, **extra):
    return person(staff_id, max_minutes_per_week=40 * 60, max_days_per_week=5, **extra)


def part_time(staff_id):
    return person(staff_id, max_minutes_per_week=24 * 60, max_days_per_week=3)


def found(report):
    return [(v.amount, v.message) for v in report.violations if v.rule == "fair_shift_counts"]


def solve(staff, fixed, rules=None, coverage=()):
    prob = problem(
        shifts=[A, C],
        staff=staff,
        coverage=coverage,
        rules=rules or only_rules("fair_shift_counts"),
    )
    return solve_and_check(prob, fixed=fixed)


def config(**kwargs):
    return only_rules(fair_shift_counts=RuleConfig(name="fair_shift_counts", **kwargs))


def test_a_spread_of_max_spread_is_free():
    fixed = pinned(CODES, P1="C A . . . . .", P2="C A A . . . .", P3="A C . . . . .")
    outcome, report = solve([full_time(p) for p in ("P1", "P2", "P3")], fixed)
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_each_shift_beyond_max_spread_costs_the_weight_for_every_code():
    # C: P1 works 4, P2 0 (spread 4, 3 over); A: P2 works 3, P1 0 (spread 3, 2 over).
    fixed = pinned(CODES, P1="C C C C . . .", P2="A A A . . . .", P3="C A . . . . .")
    outcome, report = solve([full_time(p) for p in ("P1", "P2", "P3")], fixed)
    assert outcome.objective == 5 * (3 + 2)
    assert found(report) == [
        (
            2,
            "A shifts: P2 Person P2 works 3, P1 Person P1 0 (spread 3, at most 1 wanted) "
            "among 3 people on a 40 h / 5-day contract",
        ),
        (
            3,
            "C shifts: P1 Person P1 works 4, P2 Person P2 0 (spread 4, at most 1 wanted) "
            "among 3 people on a 40 h / 5-day contract",
        ),
    ]
    assert all(v.staff_id is None and v.day is None and not v.hard for v in report.violations)


def test_people_on_other_contracts_are_not_compared():
    # P3 alone on a part-time contract works no C; P1 and P2 are the only peers.
    fixed = pinned(CODES, P1="C C C . . . .", P2="C C . . . . .", P3=". . . . . . .")
    staff = [full_time("P1"), full_time("P2"), part_time("P3")]
    outcome, report = solve(staff, fixed)
    assert outcome.objective == 0
    assert report.violations == ()
    part_timers = [part_time("P1"), part_time("P2"), full_time("P3")]
    fixed = pinned(CODES, P1="C C C C . . .", P2=". . . . . . .", P3="C C C C C C C")
    outcome, report = solve(part_timers, fixed)
    assert outcome.objective == 5 * 3
    assert [amount for amount, _ in found(report)] == [3]
    assert "among 2 people on a 24 h / 3-day contract" in found(report)[0][1]


def test_a_remote_shift_is_compared_only_among_people_allowed_to_work_remotely():
    fixed = pinned(CODES, P1="C C C . . . .", P2="C C . . . . .", P3=". . . . . . .")
    staff = [full_time("P1"), full_time("P2"), full_time("P3", remote_ok=False)]
    outcome, report = solve(staff, fixed)
    assert outcome.objective == 0  # P3 may not work C: 3 and 2 are within max_spread
    assert report.violations == ()


def test_the_solver_shares_a_shift_out_when_it_is_free_to():
    evenings = [cover("20:00", "22:00", days=range(6))]  # 6 C shifts for 2 people
    rules = only_rules(
        "coverage",
        fair_shift_counts=RuleConfig(
            name="fair_shift_counts", hard=False, weight=5, params={"max_spread": 0}
        ),
    )
    outcome, _report = solve([full_time("P1"), full_time("P2")], [], rules, evenings)
    assert outcome.objective == 0
    counts = [
        sum("C" in outcome.roster.shifts_of(p, day) for day in range(7)) for p in ("P1", "P2")
    ]
    assert counts == [3, 3]


def test_weight_max_spread_and_hard_setting_are_used():
    staff = [full_time(p) for p in ("P1", "P2")]
    fixed = pinned(CODES, P1="C C C C . . .", P2=". . . . . . .")
    outcome, report = solve(staff, fixed, config(hard=False, weight=2, params={"max_spread": 2}))
    assert outcome.objective == 2 * 2
    assert [amount for amount, _ in found(report)] == [2]
    assert solve(staff, fixed, config(params={"max_spread": 3}))[0].status == "infeasible"
    assert solve(staff, fixed, config(params={"max_spread": 4}))[0].status == "optimal"
    assert solve(staff, [], config(params={"max_spread": 0}))[0].status == "optimal"

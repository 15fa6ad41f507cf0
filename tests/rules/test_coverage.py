"""Rule `coverage`: at every minute of a window enough people are at work (person-minutes short)."""

from builder import cover, only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig
from roster.slots import coverage_slots

A = shift("A", "09:00", "17:00")
B = shift("B", "12:00", "20:00")
NIGHT = shift("N", "22:00", "06:00")


def soft(weight: int) -> RuleConfig:
    return RuleConfig(name="coverage", hard=False, weight=weight)


def found(report):
    return sorted((v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "coverage")


def test_window_worked_by_one_person_is_feasible():
    prob = problem(
        shifts=[A],
        staff=[person("P1")],
        coverage=[cover("09:00", "17:00", days=[0])],
        rules=only_rules("coverage"),
    )
    outcome, report = solve_and_check(prob, fixed=[("P1", 0, "A", True)])
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_window_left_empty_is_infeasible_when_hard():
    prob = problem(
        shifts=[A],
        staff=[person("P1")],
        coverage=[cover("09:00", "17:00", days=[0])],
        rules=only_rules("coverage"),
    )
    outcome, report = solve_and_check(prob, fixed=[("P1", 0, "A", False)])
    assert outcome.status == "infeasible"
    assert report is None


def test_window_is_cut_into_slots_at_shift_boundaries():
    prob = problem(
        shifts=[A, B], staff=[person("P1")], coverage=[cover("09:00", "20:00", days=[0])]
    )
    slots = [(s.clock(), s.on_duty) for s in coverage_slots(prob)]
    assert slots == [
        ((540, 720), ((0, "A"),)),
        ((720, 1020), ((0, "A"), (0, "B"))),
        ((1020, 1200), ((0, "B"),)),
    ]


def test_slots_are_evaluated_on_time_so_both_overlapping_shifts_are_needed():
    # 09:00-20:00 with A 09-17 and B 12-20: neither shift alone covers the whole window.
    def solve(fixed):
        prob = problem(
            shifts=[A, B],
            staff=[person("P1"), person("P2")],
            coverage=[cover("09:00", "20:00", days=[0])],
            rules=only_rules("coverage", "one_shift_per_day"),
        )
        return solve_and_check(prob, fixed=fixed)

    only_a = [(p, 0, "B", False) for p in ("P1", "P2")]
    only_b = [(p, 0, "A", False) for p in ("P1", "P2")]
    assert solve(only_a)[0].status == "infeasible"
    assert solve(only_b)[0].status == "infeasible"
    outcome, report = solve([("P1", 0, "A", True), ("P2", 0, "B", True)])
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_soft_penalty_is_person_minutes_short_per_slot():
    # Two people wanted 09:00-20:00; only P1 works, on A 09-17.
    prob = problem(
        shifts=[A, B],
        staff=[person("P1"), person("P2")],
        coverage=[cover("09:00", "20:00", 2, days=[0])],
        rules=only_rules("one_shift_per_day", coverage=soft(3)),
    )
    fixed = [
        ("P1", 0, "A", True),
        ("P1", 0, "B", False),
        ("P2", 0, "A", False),
        ("P2", 0, "B", False),
    ]
    outcome, report = solve_and_check(prob, fixed=fixed)
    short = 1 * 180 + 1 * 300 + 2 * 180  # 09-12: 1 short, 12-17: 1 short, 17-20: 2 short
    assert outcome.status == "optimal"
    assert outcome.objective == 3 * short
    assert found(report) == [(None, 0, 180), (None, 0, 300), (None, 0, 2 * 180)]
    assert all(not v.hard and v.cost == 3 * v.amount for v in report.violations)


def test_night_shift_covers_the_next_mornings_window():
    # 00:00-06:00 on Tuesday (day 1) is covered only by the night shift that starts on Monday.
    def solve(fixed, *rules):
        prob = problem(
            shifts=[NIGHT],
            staff=[person("P1")],
            coverage=[cover("00:00", "06:00", days=[1])],
            rules=rules or only_rules("coverage"),
        )
        return solve_and_check(prob, fixed=fixed), prob

    (outcome, report), prob = solve([("P1", 0, "N", True)])
    assert [s.on_duty for s in coverage_slots(prob)] == [((0, "N"),)]
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    # Tuesday's own night shift starts at 22:00 and does not help.
    (outcome, _), _ = solve([("P1", 0, "N", False), ("P1", 1, "N", True)])
    assert outcome.status == "infeasible"
    (outcome, report), _ = solve([("P1", 0, "N", False)], *only_rules(coverage=soft(2)))
    assert outcome.objective == 2 * 360
    assert found(report) == [(None, 1, 360)]


def test_window_past_midnight_needs_late_and_night_shift():
    late = shift("L", "14:00", "22:00")
    prob = problem(
        shifts=[late, NIGHT],
        staff=[person("P1"), person("P2")],
        coverage=[cover("20:00", "02:00", days=[0])],
        rules=only_rules("one_shift_per_day", coverage=soft(1)),
    )
    outcome, report = solve_and_check(
        prob, fixed=[("P1", 0, "L", True), ("P2", 0, "N", False), ("P1", 0, "N", False)]
    )
    assert outcome.objective == 4 * 60  # 22:00-02:00 nobody at work
    assert found(report) == [(None, 0, 240)]
    assert "22:00-26:00" in report.violations[0].message


def test_window_no_shift_covers_is_a_structural_gap_not_infeasible():
    prob = problem(
        shifts=[A],
        staff=[person("P1")],
        coverage=[cover("06:00", "09:00", days=[0]), cover("07:00", "17:00", days=[1])],
        rules=only_rules("coverage"),
    )
    outcome, report = solve_and_check(prob, fixed=[("P1", 0, "A", False), ("P1", 1, "A", True)])
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()
    # The coverable part (09:00-17:00 of day 1) is still enforced.
    outcome, _ = solve_and_check(prob, fixed=[("P1", 1, "A", False)])
    assert outcome.status == "infeasible"


def test_requirement_beyond_the_headcount_counts_only_what_can_be_covered():
    prob = problem(
        shifts=[A],
        staff=[person("P1"), person("P2")],
        coverage=[cover("09:00", "17:00", 3, days=[0])],
        rules=only_rules(coverage=soft(1)),
    )
    outcome, report = solve_and_check(prob, fixed=[("P1", 0, "A", True), ("P2", 0, "A", False)])
    assert outcome.objective == 480  # 1 short of the 2 coverable, not 2 short of 3
    assert found(report) == [(None, 0, 480)]


def test_one_person_on_two_shifts_at_once_counts_once():
    # With one_shift_per_day off, P1 on both A and a parallel A2 is still one person at work.
    a2 = shift("A2", "09:00", "17:00")
    fixed = [
        ("P1", 0, "A", True),
        ("P1", 0, "A2", True),
        ("P2", 0, "A", False),
        ("P2", 0, "A2", False),
    ]

    def solve(rules):
        prob = problem(
            shifts=[A, a2],
            staff=[person("P1"), person("P2")],
            coverage=[cover("09:00", "17:00", 2, days=[0])],
            rules=rules,
        )
        return solve_and_check(prob, fixed=fixed)

    assert solve(only_rules("coverage"))[0].status == "infeasible"
    outcome, report = solve(only_rules(coverage=soft(1)))
    assert outcome.objective == 480
    assert found(report) == [(None, 0, 480)]

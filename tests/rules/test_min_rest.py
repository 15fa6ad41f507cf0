"""Rule `min_rest`: between shifts on different days a person rests `hours` (minutes short)."""

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

NIGHT = shift("N", "22:00", "06:00")
DAY = shift("D", "09:00", "17:00")
EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "14:00", "22:00")


def rest(hours: float, *, weight: int | None = None) -> tuple[RuleConfig, ...]:
    hard = weight is None
    return only_rules(
        min_rest=RuleConfig(name="min_rest", hard=hard, weight=weight or 1, params={"hours": hours})
    )


def found(report):
    return sorted((v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "min_rest")


def solve(fixed, rules=None, shifts=(NIGHT, DAY, EARLY, LATE)):
    prob = problem(shifts=shifts, staff=[person("P1")], rules=rules or only_rules("min_rest"))
    return solve_and_check(prob, fixed=fixed)


def test_default_is_eleven_hours():
    # L ends 22:00, D starts 09:00: exactly 11 h.
    outcome, report = solve([("P1", 0, "L", True), ("P1", 1, "D", True)])
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()
    # L ends 22:00, E starts 07:00: 9 h.
    assert solve([("P1", 0, "L", True), ("P1", 1, "E", True)])[0].status == "infeasible"


def test_night_shift_then_a_morning_shift_breaks_the_rest():
    # N ends Tuesday 06:00, D starts Tuesday 09:00: 3 h of rest.
    assert solve([("P1", 0, "N", True), ("P1", 1, "D", True)])[0].status == "infeasible"
    outcome, report = solve([("P1", 0, "N", True), ("P1", 2, "D", True)])
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_hours_parameter_is_used():
    outcome, _ = solve([("P1", 0, "L", True), ("P1", 1, "E", True)], rest(9))
    assert outcome.status == "optimal"
    assert solve([("P1", 0, "L", True), ("P1", 1, "E", True)], rest(9.5))[0].status == "infeasible"


def test_rest_longer_than_a_day_reaches_two_days_ahead():
    # N ends Tuesday 06:00, D starts Wednesday 09:00: 27 h, short of 30 h by 3 h.
    fixed = [("P1", 0, "N", True), ("P1", 2, "D", True)]
    assert solve(fixed, rest(30))[0].status == "infeasible"
    outcome, report = solve(fixed, rest(30, weight=1))
    assert outcome.objective == 180
    assert found(report) == [("P1", 2, 180)]


def test_shifts_on_the_same_day_are_not_a_rest_question():
    outcome, report = solve([("P1", 0, "E", True), ("P1", 0, "L", True)])
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_soft_penalty_is_minutes_of_rest_short():
    fixed = [
        ("P1", 0, "N", True),
        ("P1", 1, "D", True),  # 3 h rest: 480 min short
        ("P1", 3, "L", True),
        ("P1", 4, "E", True),
    ]  # 9 h rest: 120 min short
    outcome, report = solve(fixed, rest(11, weight=2))
    assert outcome.status == "optimal"
    assert outcome.objective == 2 * (480 + 120)
    assert found(report) == [("P1", 1, 480), ("P1", 4, 120)]
    assert all(not v.hard and v.cost == 2 * v.amount for v in report.violations)


def test_overlapping_shifts_count_the_overlap_as_negative_rest():
    # N Mon 22:00 - Tue 06:00 and M Tue 05:00: rest is -1 h, so 12 h short of 11 h.
    morning = shift("M", "05:00", "13:00")
    outcome, report = solve(
        [("P1", 0, "N", True), ("P1", 1, "M", True)], rest(11, weight=1), shifts=[NIGHT, morning]
    )
    assert outcome.objective == 12 * 60
    assert found(report) == [("P1", 1, 720)]

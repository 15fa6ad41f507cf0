"""Rule `one_shift_per_day`: one shift a day (two only if combinable), never two at once."""

from builder import only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
NIGHT = shift("N", "22:00", "06:00")
MORNING = shift("M", "05:00", "13:00")
DAY = shift("D", "06:00", "14:00")


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "one_shift_per_day"
    )


def solve(shifts, fixed, rules=None):
    prob = problem(
        shifts=shifts, staff=[person("P1")], rules=rules or only_rules("one_shift_per_day")
    )
    return solve_and_check(prob, fixed=fixed)


def test_one_shift_each_day_is_feasible():
    outcome, report = solve([EARLY, LATE], [("P1", 0, "E", True), ("P1", 1, "L", True)])
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_two_shifts_the_same_day_are_infeasible():
    outcome, _ = solve([EARLY, LATE], [("P1", 0, "E", True), ("P1", 0, "L", True)])
    assert outcome.status == "infeasible"


def test_combinable_shifts_may_share_a_day():
    early = shift("E", "07:00", "15:00", combinable="L")
    outcome, report = solve([early, LATE], [("P1", 0, "E", True), ("P1", 0, "L", True)])
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_combinable_declared_on_the_other_shift_counts_too():
    late = shift("L", "15:00", "23:00", combinable="E")
    outcome, _ = solve([EARLY, late], [("P1", 0, "E", True), ("P1", 0, "L", True)])
    assert outcome.status == "optimal"


def test_night_shift_overlapping_next_mornings_shift_is_infeasible():
    # N Mon 22:00 - Tue 06:00 and M Tue 05:00-13:00 overlap for an hour.
    outcome, _ = solve([NIGHT, MORNING], [("P1", 0, "N", True), ("P1", 1, "M", True)])
    assert outcome.status == "infeasible"


def test_night_shift_ending_when_the_next_shift_starts_is_no_clash():
    outcome, report = solve([NIGHT, DAY], [("P1", 0, "N", True), ("P1", 1, "D", True)])
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_soft_penalty_counts_each_clashing_pair():
    rules = only_rules(one_shift_per_day=RuleConfig(name="one_shift_per_day", hard=False, weight=4))
    fixed = [
        ("P1", 0, "N", True),
        ("P1", 1, "M", True),  # overlap across midnight
        ("P1", 3, "E", True),
        ("P1", 3, "L", True),
    ]  # two shifts on Thursday
    outcome, report = solve([EARLY, LATE, NIGHT, MORNING], fixed, rules)
    assert outcome.status == "optimal"
    assert outcome.objective == 4 * 2
    assert found(report) == [("P1", 0, 1), ("P1", 3, 1)]
    assert all(not v.hard and v.cost == 4 for v in report.violations)


def test_three_combinable_shifts_may_share_a_day():
    # The redundant count "shifts worked = 1 + double duties" is an equality only when at most
    # two shifts can share a day; with three pairwise combinable ones it must still allow all three.
    early = shift("E", "06:00", "10:00", combinable="M L")
    mid = shift("M", "11:00", "15:00", combinable="L")
    late = shift("L", "16:00", "20:00")
    trio = [("P1", 0, code, True) for code in "EML"]
    outcome, report = solve([early, mid, late], trio)
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_counting_double_duties_keeps_single_shifts_and_pairs_possible():
    early = shift("E", "07:00", "15:00", combinable="L")
    for fixed in (
        [("P1", 0, "E", True), ("P1", 0, "L", True)],  # a pair
        [("P1", 0, "E", True), ("P1", 0, "L", False)],  # one shift
        [("P1", 0, "E", False), ("P1", 0, "L", False)],  # a day off
    ):
        outcome, _ = solve([early, LATE], fixed)
        assert outcome.status == "optimal", fixed

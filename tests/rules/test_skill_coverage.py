"""Rule `skill_coverage`: a coverage line naming a skill counts only people who have it."""

from builder import cover, only_rules, person, problem, shift, solve_and_check

from roster.domain import RuleConfig

A = shift("A", "09:00", "17:00")
NIGHT = shift("N", "22:00", "06:00")
PLAIN, MEDIC = person("P1"), person("P2", skills=frozenset({"med"}))


def soft(weight: int) -> RuleConfig:
    return RuleConfig(name="skill_coverage", hard=False, weight=weight)


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "skill_coverage"
    )


def skilled_problem(rules, people=1, staff=(PLAIN, MEDIC), shifts=(A,)):
    return problem(
        shifts=shifts,
        staff=staff,
        coverage=[cover("09:00", "17:00", people, days=[0], skill="med")],
        rules=rules,
    )


def test_person_with_the_skill_meets_the_line():
    prob = skilled_problem(only_rules("skill_coverage"))
    outcome, report = solve_and_check(prob, fixed=[("P2", 0, "A", True), ("P1", 0, "A", False)])
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_person_without_the_skill_does_not_count():
    prob = skilled_problem(only_rules("skill_coverage"))
    outcome, _ = solve_and_check(prob, fixed=[("P1", 0, "A", True), ("P2", 0, "A", False)])
    assert outcome.status == "infeasible"


def test_plain_coverage_leaves_skill_lines_to_this_rule():
    prob = skilled_problem(only_rules("coverage"))
    outcome, report = solve_and_check(prob, fixed=[("P1", 0, "A", False), ("P2", 0, "A", False)])
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_soft_penalty_counts_skilled_person_minutes_short():
    medic2 = person("P3", skills=frozenset({"med", "it"}))
    prob = skilled_problem(
        only_rules(skill_coverage=soft(4)), people=2, staff=(PLAIN, MEDIC, medic2)
    )
    fixed = [("P1", 0, "A", True), ("P2", 0, "A", True), ("P3", 0, "A", False)]
    outcome, report = solve_and_check(prob, fixed=fixed)
    assert outcome.status == "optimal"
    assert outcome.objective == 4 * 1 * 480  # one medic short for 8 h; P1 does not count
    assert found(report) == [(None, 0, 480)]
    assert "1 of 2 people at work" in report.violations[0].message


def test_nobody_with_the_skill_is_a_structural_gap():
    prob = problem(
        shifts=[A],
        staff=[PLAIN, MEDIC],
        coverage=[cover("09:00", "17:00", days=[0], skill="pharma")],
        rules=only_rules("skill_coverage"),
    )
    outcome, report = solve_and_check(prob, fixed=[("P1", 0, "A", False), ("P2", 0, "A", False)])
    assert outcome.status == "optimal"
    assert report.violations == ()


def test_night_shift_of_a_skilled_person_covers_the_next_morning():
    prob = problem(
        shifts=[NIGHT],
        staff=[PLAIN, MEDIC],
        coverage=[cover("00:00", "06:00", days=[3], skill="med")],
        rules=only_rules(skill_coverage=soft(1)),
    )
    outcome, report = solve_and_check(prob, fixed=[("P2", 2, "N", True)])
    assert outcome.objective == 0
    outcome, report = solve_and_check(prob, fixed=[("P2", 2, "N", False), ("P1", 2, "N", True)])
    assert outcome.objective == 360
    assert found(report) == [(None, 3, 360)]

from builder import cover, only_rules, person, problem, shift, solve_and_check


def test_one_person_covers_a_day_shift():
    prob = problem(
        shifts=[shift("A", "09:00", "17:00")],
        staff=[person("P1")],
        coverage=[cover("09:00", "17:00")],
        rules=only_rules("coverage"),
    )
    outcome, _ = solve_and_check(prob)
    assert outcome.status == "optimal"
    assert len(outcome.roster.assignments) >= 7

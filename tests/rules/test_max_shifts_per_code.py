"""Rule `max_shifts_per_code`: over the horizon nobody works a shift code more than allowed."""

from builder import only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import RuleConfig
from roster.engine.model import build_model

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
NIGHT = shift("N", "23:00", "07:00")
CODES = ["E", "L", "N"]
LIMITS = (("N", 2), ("E", 0))


def found(report):
    return sorted(
        (v.staff_id, v.day, v.amount) for v in report.violations if v.rule == "max_shifts_per_code"
    )


def make(rules=None, weeks=1):
    return problem(
        shifts=[EARLY, LATE, NIGHT],
        staff=[person("P1", max_shifts_by_code=LIMITS), person("P2")],
        weeks=weeks,
        rules=rules or only_rules("max_shifts_per_code"),
    )


def solve(fixed, rules=None, weeks=1):
    return solve_and_check(make(rules, weeks), fixed=fixed)


def test_up_to_the_limit_is_feasible_and_other_codes_and_people_are_free():
    outcome, report = solve(pinned(CODES, P1="N L L N L L L", P2="E+N N N N N N N"))
    assert outcome.status == "optimal"
    assert outcome.objective == 0
    assert report.violations == ()


def test_one_more_than_the_limit_is_infeasible():
    assert solve(pinned(CODES, P1="N . N . N . ."))[0].status == "infeasible"


def test_the_limit_is_over_the_whole_horizon_not_per_week():
    # one night in week 1, two in week 2
    fixed = [("P1", day, "N", True) for day in (5, 8, 12)]
    assert solve(fixed, weeks=2)[0].status == "infeasible"


def test_limit_zero_forbids_the_code_entirely():
    built = build_model(make())
    assert all(built.works.get("P1", day, "E") is None for day in range(7))
    assert all(built.works.get("P2", day, "E") is not None for day in range(7))
    assert solve([("P1", 6, "E", True)])[0].status == "infeasible"


def test_soft_penalty_counts_shifts_over_per_code():
    # Five nights (3 over) and one early although none is allowed (1 over).
    rules = only_rules(
        max_shifts_per_code=RuleConfig(name="max_shifts_per_code", hard=False, weight=2)
    )
    outcome, report = solve(pinned(CODES, P1="N N N N N E ."), rules)
    assert outcome.status == "optimal"
    assert outcome.objective == 2 * (3 + 1)
    assert found(report) == [("P1", None, 1), ("P1", None, 3)]
    assert sorted(v.cost for v in report.violations) == [2, 6]
    # soft, a limit of 0 keeps the variables: the solver avoids the code, it is not removed
    assert build_model(make(rules)).works.get("P1", 0, "E") is not None

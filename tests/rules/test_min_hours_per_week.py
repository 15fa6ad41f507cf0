"""Rule `min_hours_per_week`: a person is paid at least the contract's hours each week (minutes
short), a whole day of leave credited at the minimum over the contract's days (the Staff
column, read into `Staff.limits`); in rotating mode every pattern week holds it too."""

import dataclasses
from types import MappingProxyType

from builder import only_rules, person, pinned, problem, roster, shift, solve_and_check

from roster.check import check
from roster.domain import Assignment, Request, RotationGroup, RuleConfig
from roster.engine.model import build_model
from roster.engine.solver import optimise_model

DAY = shift("D", "09:00", "17:00")  # 8 h
HALF = shift("H", "13:00", "17:00")  # 4 h
CODES = ("D", "H")


def contract(staff_id="P1", least=40, days=5):
    limits = MappingProxyType({"min_hours_per_week": least * 60})
    return person(staff_id, max_days_per_week=days, limits=limits)


def solve(fixed, staff=None, requests=(), rules=None, weeks=2):
    prob = problem(
        shifts=[DAY, HALF],
        staff=staff or [contract()],
        requests=requests,
        weeks=weeks,
        rules=rules or only_rules("min_hours_per_week"),
    )
    return solve_and_check(prob, fixed=fixed)


def soft(weight=1):
    return only_rules(
        min_hours_per_week=RuleConfig(name="min_hours_per_week", hard=False, weight=weight)
    )


def leave(*days, staff_id="P1"):
    return [Request(staff_id=staff_id, day=day, kind="leave") for day in days]


def test_the_minimum_in_every_week_is_feasible():
    fixed = pinned(CODES, P1="D D D D D . . D D D D H H H")  # 40 h, then 32 + 12 = 44 h
    outcome, report = solve(fixed)
    assert outcome.status == "optimal" and report.violations == ()


def test_an_hour_short_in_any_week_is_infeasible():
    assert solve(pinned(CODES, P1="D D D D H . ."))[0].status == "infeasible"  # 36 h in week 1
    late = pinned(CODES, P1=". . . . . . . D D D D H . .")  # 36 h in week 2
    assert solve(late)[0].status == "infeasible"
    assert solve(pinned(CODES, P1="D D D D"))[0].status == "optimal"  # Friday is still free


def test_a_day_of_leave_counts_the_minimum_over_the_contract_days():
    # 40 h over 5 days: a day of leave counts 8 h, so four days of 8 h make the week.
    fixed = pinned(CODES, P1=". D D D D . .")
    outcome, report = solve(fixed, requests=leave(0), weeks=1)
    assert outcome.status == "optimal" and report.violations == ()
    # Of 36 h over 4 days, a day of leave counts 9 h: 28 h worked make it; over 5 days, 7.2 h.
    fixed = pinned(CODES, P1=". D D D H . .")
    four_days, five_days = [contract(least=36, days=4)], [contract(least=36, days=5)]
    assert solve(fixed, staff=four_days, requests=leave(0), weeks=1)[0].status == "optimal"
    assert solve(fixed, staff=five_days, requests=leave(0), weeks=1)[0].status == "infeasible"


def test_a_week_of_leave_asks_nothing():
    fixed = pinned(CODES, P1=". . . . . . .")
    outcome, report = solve(fixed, requests=leave(*range(5)), weeks=1)
    assert outcome.status == "optimal" and report.violations == ()


def test_the_checker_names_the_hours_paid_the_leave_credited_and_the_minutes_short():
    fixed = pinned(CODES, P1=". D D H . . . D D D D D . .")
    outcome, report = solve(fixed, requests=leave(0), rules=soft(weight=2))
    # week 1: 20 h worked + 8 h of leave against 40 h: 12 h short
    assert outcome.objective == 2 * 12 * 60
    (short,) = report.violations
    assert (short.staff_id, short.day, short.amount, short.cost) == ("P1", 0, 720, 1440)
    assert short.message == (
        "P1 Person P1 is paid 20 h in week 1 (2026-12-07 to 2026-12-13); the contract gives at "
        "least 40 h (8 h of it credited for 1 day of leave): 12 h short"
    )


def test_the_solver_finds_the_hours_by_itself():
    staff = [contract("P1", least=20, days=3), contract("P2", least=36, days=5)]
    outcome, report = solve([], staff=staff, rules=only_rules("min_hours_per_week"), weeks=1)
    assert outcome.status == "optimal" and report.violations == ()
    paid = {p: 0 for p in ("P1", "P2")}
    for a in outcome.roster.assignments:
        paid[a.staff_id] += {"D": 8, "H": 4}[a.shift_code]
    assert paid["P1"] >= 20 and paid["P2"] >= 36


def rotating(least=40):
    group = RotationGroup(name="team", staff_ids=("P1", "P2"), pattern_weeks=2)
    prob = problem(
        shifts=[DAY, HALF],
        staff=[contract("P1", least=least), contract("P2", least=least)],
        weeks=2,
        rules=only_rules("min_hours_per_week", "rotation"),
    )
    return dataclasses.replace(prob, rotations=(group,))


def test_every_pattern_week_holds_the_minimum():
    prob = rotating()
    week_one = [Assignment(staff_id="pattern team", day=d, shift_code="D") for d in range(5)]
    # Both people are paid 40 h a week, but the pattern's second week has a single day.
    calendar = roster(
        *((p, d, "D") for p in ("P1", "P2") for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11))
    )
    lonely = Assignment(staff_id="pattern team", day=7, shift_code="D")
    pattern = dataclasses.replace(calendar, pattern=frozenset([*week_one, lonely]))
    (short,) = check(prob, pattern).hard_violations
    assert (short.rule, short.pattern, short.day, short.amount) == (
        "min_hours_per_week",
        "team",
        7,
        32 * 60,
    )
    # and the solver never makes such a pattern
    built = build_model(prob)
    for code, var in built.patterns["team"].on_day("pattern team", 7):
        built.model.add(var == int(code == "D"))
    for day in range(8, 14):
        for _, var in built.patterns["team"].on_day("pattern team", day):
            built.model.add(var == 0)
    assert optimise_model(built, prob.settings).status == "infeasible"

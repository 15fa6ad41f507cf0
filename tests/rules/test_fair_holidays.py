"""Rule `fair_holidays`: peers (same contract) work about as many public holidays as each other."""

import dataclasses

from builder import only_rules, person, pinned, problem, shift, solve_and_check

from roster.domain import CalendarDay, RuleConfig

A = shift("A", "09:00", "17:00")
C = shift("C", "20:00", "22:00")
CODES = ("A", "C")
# Tuesday to Thursday are public holidays; Saturday is a make-up working day, still a weekend.
CALENDAR = (
    *(CalendarDay(day=day, name="Festival", kind="holiday") for day in (1, 2, 3)),
    CalendarDay(day=5, name="make-up working day", kind="workday"),
)
#              Mo Tu  We Th Fr Sa Su
ALL_THREE = "A  A+C A  A  .  .  ."
ORDINARY = "A  .   .  .  A  A  A"  # Monday, Friday and the weekend are no holidays


def full_time(staff_id):
    return person(staff_id, max_minutes_per_week=40 * 60, max_days_per_week=5)


def found(report):
    return [(v.amount, v.message) for v in report.violations if v.rule == "fair_holidays"]


def solve(staff, fixed, rules=None, calendar=CALENDAR):
    prob = problem(shifts=[A, C], staff=staff, rules=rules or only_rules("fair_holidays"))
    return solve_and_check(dataclasses.replace(prob, calendar=calendar), fixed=fixed)


def config(**kwargs):
    return only_rules(fair_holidays=RuleConfig(name="fair_holidays", **kwargs))


def test_each_holiday_beyond_max_spread_costs_the_weight_once_a_day():
    fixed = pinned(CODES, P1=ALL_THREE, P2=ORDINARY)
    outcome, report = solve([full_time("P1"), full_time("P2")], fixed)
    assert outcome.objective == 20 * 2  # 3 holidays against none, one allowed
    assert found(report) == [
        (
            2,
            "Public holidays: P1 Person P1 works 3, P2 Person P2 0 (spread 3, at most 1 "
            "wanted) among 2 people on a 40 h / 5-day contract",
        )
    ]


def test_without_public_holidays_nothing_is_counted():
    fixed = pinned(CODES, P1=ALL_THREE, P2=ORDINARY)
    outcome, report = solve([full_time("P1"), full_time("P2")], fixed, calendar=())
    assert outcome.objective == 0
    assert report.violations == ()


def test_people_on_other_contracts_are_not_compared():
    part_time = person("P2", max_minutes_per_week=24 * 60, max_days_per_week=3)
    outcome, report = solve([full_time("P1"), part_time], pinned(CODES, P1=ALL_THREE))
    assert outcome.objective == 0
    assert report.violations == ()


def test_weight_max_spread_and_hard_setting_are_used():
    staff = [full_time("P1"), full_time("P2")]
    fixed = pinned(CODES, P1=ALL_THREE, P2=ORDINARY)
    outcome, _report = solve(staff, fixed, config(hard=False, weight=7, params={"max_spread": 0}))
    assert outcome.objective == 7 * 3
    assert solve(staff, fixed, config(params={"max_spread": 2}))[0].status == "infeasible"
    assert solve(staff, fixed, config(params={"max_spread": 3}))[0].status == "optimal"
    assert solve(staff, [], config(params={"max_spread": 0}))[0].status == "optimal"

"""The pre-solve analysis: a catalogue of inputs whose rules cannot hold (or leave gaps), each
explained in the supervisor's own arithmetic before any solve.

Each case asserts the analysis's message; for the infeasible ones, `solve` refuses at once with
that message as its reason. Not detectable here, and so not in the catalogue: rules that clash
only through one person's sequence of days (11 h rest making C then A impossible).
"""

from __future__ import annotations

import dataclasses
import random
import sys
from pathlib import Path
from types import MappingProxyType

import pytest
from builder import cover, only_rules, person, problem, shift

from roster import api
from roster.analysis import Finding, analyse
from roster.domain import Problem, Request, RuleConfig, SolveSettings
from roster.engine.model import build_model
from roster.engine.solver import INFEASIBLE, optimise_model
from roster.errors import InfeasibleError
from roster.rulebook import configured

ROOT = Path(__file__).parent.parent
FAST = SolveSettings(time_limit_seconds=10, seed=0, workers=1)
A = shift("A", "09:00", "17:00")
B = shift("B", "12:00", "20:00")
C = shift("C", "20:00", "22:00", location="remote")


def leave(staff_id: str, *days: int, kind: str = "leave", code: str | None = None) -> list[Request]:
    return [Request(staff_id=staff_id, day=d, kind=kind, shift_code=code) for d in days]


def findings(prob: Problem, severity: str) -> list[str]:
    return [f.message for f in analyse(prob) if f.severity == severity]


def assert_infeasible(prob: Problem, expected: str) -> None:
    """`expected` is the analysis's only infeasible finding, and why `solve` refuses."""
    assert findings(prob, "infeasible") == [expected]
    with pytest.raises(InfeasibleError) as raised:
        api.solve(prob, FAST)
    assert raised.value.reasons == (expected,)


# --- Weekly capacity: shifts against working days -------------------------------------------


def test_four_people_five_days_against_21_shifts_without_a_double_duty():
    prob = problem(
        shifts=[A, B, C],
        staff=[person(f"P{i}", max_days_per_week=5) for i in range(1, 5)],
        coverage=[cover("09:00", "22:00")],
    )
    assert_infeasible(
        prob,
        "Weekly demand is 21 shifts (the fewest that meet the coverage in week 1); "
        "4 people x 5 days = 20 working days, and at most 1 shift a day each. "
        "Allow more working days, declare a same-day pair of shifts, or add 1 person.",
    )


def test_a_declared_pair_turns_the_same_arithmetic_into_information():
    prob = problem(
        shifts=[shift("A", "09:00", "17:00", combinable="C"), B, C],
        staff=[person(f"P{i}", max_days_per_week=5) for i in range(1, 5)],
        coverage=[cover("09:00", "22:00")],
    )
    assert findings(prob, "infeasible") == []
    (tight,) = findings(prob, "info")
    assert "so on at least 1 day a week someone works a same-day pair (A+C)" in tight


def test_max_days_per_week_zero_for_everyone():
    prob = problem(
        shifts=[A],
        staff=[person(f"P{i}", max_days_per_week=0) for i in range(1, 4)],
        coverage=[cover("09:00", "17:00")],
    )
    assert_infeasible(
        prob,
        "Weekly demand is 7 shifts (the fewest that meet the coverage in week 1); "
        "3 people x 0 days = 0 working days, and at most 1 shift a day each. "
        "Allow working days (max_days_per_week, min_days_off_per_week), or add people.",
    )


def test_the_limit_of_a_rule_switched_off_does_not_count():
    prob = problem(
        shifts=[A],
        staff=[person(f"P{i}", max_days_per_week=0) for i in range(1, 4)],
        coverage=[cover("09:00", "17:00")],
        rules=(RuleConfig(name="max_days_per_week", enabled=False),),
    )
    assert findings(prob, "infeasible") == []


def test_soft_coverage_is_never_infeasible():
    prob = problem(
        shifts=[A],
        staff=[person(f"P{i}", max_days_per_week=0) for i in range(1, 4)],
        coverage=[cover("09:00", "17:00")],
        rules=(RuleConfig(name="coverage", hard=False, weight=1),),
    )
    assert findings(prob, "infeasible") == []


def test_a_week_of_leave_leaves_that_week_short():
    prob = problem(
        shifts=[A],
        staff=[person(f"P{i}", max_days_per_week=5) for i in range(1, 4)],
        coverage=[cover("09:00", "17:00", 2, weeks=2)],
        requests=leave("P3", *range(7, 12)),
        weeks=2,
    )
    assert_infeasible(
        prob,
        "Weekly demand is 14 shifts (the fewest that meet the coverage in week 2); "
        "3 people x 5 days - 3 days away (P3) = 12 working days, and at most 1 shift a day each. "
        "Allow more working days, declare a same-day pair of shifts, or add 1 person.",
    )


# --- Weekly hours ------------------------------------------------------------------------------


def test_contract_hours_below_what_the_coverage_needs():
    nine_hours = shift("D", "09:00", "18:00")
    staff = [person(f"P{i}", max_days_per_week=5, max_minutes_per_week=40 * 60) for i in (1, 2, 3)]
    prob = problem(shifts=[nine_hours], staff=staff, coverage=[cover("09:00", "18:00", 2)])
    # 14 shifts fit in 15 working days; their 126 hours do not fit in 120.
    assert_infeasible(
        prob,
        "Week 1 needs at least 126 paid hours to meet the coverage; "
        "3 people x max 40 h = 120 h. Raise a contract's hours or add 1 person.",
    )


def test_one_person_without_an_hours_limit_makes_the_hours_unbounded():
    nine_hours = shift("D", "09:00", "18:00")
    staff = [person(f"P{i}", max_days_per_week=5, max_minutes_per_week=40 * 60) for i in (1, 2)]
    staff.append(person("P3", max_days_per_week=5))
    prob = problem(shifts=[nine_hours], staff=staff, coverage=[cover("09:00", "18:00", 2)])
    assert findings(prob, "infeasible") == []


def test_hours_count_the_cheapest_shifts_that_meet_the_coverage():
    """A 4-hour shift covers the evening more cheaply than a second day shift."""
    long_day = shift("L", "08:00", "20:00")
    evening = shift("E", "16:00", "20:00")
    staff = [person(f"P{i}", max_minutes_per_week=20 * 60) for i in (1, 2, 3, 4)]
    prob = problem(
        shifts=[long_day, evening],
        staff=staff,
        coverage=[cover("08:00", "20:00"), cover("16:00", "20:00", 2)],
    )
    assert findings(prob, "infeasible") == [
        "Week 1 needs at least 112 paid hours to meet the coverage; "
        "4 people x max 20 h = 80 h. Raise a contract's hours or add 2 people."
    ]


# --- Contracted hours: weekly targets and minimums ---------------------------------------------

EARLY, LATE, NIGHT = (
    shift("A", "06:00", "14:00"),
    shift("B", "14:00", "22:00"),
    shift("C", "22:00", "06:00"),
)


def contracted(
    staff_id: str, target: int | None = 40, most: int = 40, days: int = 5, least: int | None = None
):  # type: ignore[no-untyped-def]
    limits = {"contract_hours_per_week": target, "min_hours_per_week": least}
    hours = {key: value * 60 for key, value in limits.items() if value is not None}
    return person(
        staff_id,
        max_days_per_week=days,
        max_minutes_per_week=most * 60,
        limits=MappingProxyType(hours),
    )


def round_the_clock(staff, weeks: int = 1) -> Problem:  # type: ignore[no-untyped-def]
    """Three 8-hour shifts a day, one person at every hour: 168 paid hours a week."""
    return problem(
        shifts=[EARLY, LATE, NIGHT],
        staff=staff,
        coverage=[cover("06:00", "06:00", weeks=weeks)],
        weeks=weeks,
    )


def test_contracts_paying_more_than_the_coverage_needs_leave_a_surplus_for_extra_cover():
    prob = round_the_clock([contracted(f"P{i}") for i in range(1, 7)], weeks=4)
    assert findings(prob, "info") == [
        "Contracts pay for 240 h a week (6 people x 40 h); the coverage needs at least 168 h a "
        "week: 72 h of surplus will be rostered as extra cover."
    ]


def test_contracts_paying_less_than_the_coverage_needs_ask_for_overtime():
    prob = round_the_clock([contracted(f"P{i}", most=48, days=6) for i in range(1, 5)])
    assert findings(prob, "warning") == [
        "Contracts pay for 160 h a week (4 people x 40 h); the coverage needs at least 168 h a "
        "week: short by 8 h. Add a person or allow overtime (max_hours_per_week above the "
        "contract's hours)."
    ]
    assert findings(prob, "infeasible") == []  # the 8 h fit in the contracts' most


def test_people_without_a_target_may_make_up_a_shortfall_but_not_a_surplus():
    free = [contracted(p, target=None, most=168, days=7) for p in ("P3", "P4")]
    staff = [contracted("P1"), contracted("P2"), *free]
    assert [f.kind for f in analyse(round_the_clock(staff))] == []
    more = [contracted(f"P{i}") for i in range(1, 6)] + [contracted("P6", target=None)]
    assert findings(round_the_clock(more), "info") == [
        "The contracts of 5 people pay for 200 h a week (5 people x 40 h); the coverage needs "
        "at least 168 h a week: 32 h of surplus will be rostered as extra cover."
    ]


def test_a_target_that_no_week_of_shifts_comes_to_is_charged_every_week():
    staff = [contracted(f"P{i}") for i in range(1, 6)]
    staff += [
        contracted("P6", target=20, most=24, days=3),
        contracted("P7", target=20, most=24, days=3),
    ]
    assert findings(round_the_clock(staff), "warning") == [
        "P6, P7: the contract pays for 20 h a week, but no week of their shifts comes to that: at "
        "most 3 days a week of A (8 h), B (8 h) or C (8 h) make 16 h or 24 h at the nearest, so "
        "every week is charged the difference. Add a shift of the missing length, or set a "
        "target the shifts make."
    ]
    half = shift("H", "10:00", "14:00")  # 8 + 8 + 4 = 20
    prob = dataclasses.replace(round_the_clock(staff), shifts=(EARLY, LATE, NIGHT, half))
    assert findings(prob, "warning") == []


def test_a_weekly_minimum_beyond_the_days_and_the_shifts_is_infeasible():
    staff = [contracted(f"P{i}") for i in range(1, 6)] + [contracted("P6", least=36, days=4)]
    assert_infeasible(
        round_the_clock(staff),
        "P6 must be paid at least 36 h a week, but at most 4 days a week of A (8 h), B (8 h) or "
        "C (8 h) make at most 32 h. Allow more working days or longer shifts, or lower the "
        "minimum.",
    )


def test_a_weekly_minimum_is_not_judged_for_someone_away_every_week():
    staff = [contracted(f"P{i}") for i in range(1, 6)] + [contracted("P6", least=36, days=4)]
    prob = dataclasses.replace(round_the_clock(staff), requests=tuple(leave("P6", 0)))
    assert findings(prob, "infeasible") == []  # a day of leave counts 9 h: 32 h + 9 h is enough


# --- Per skill -----------------------------------------------------------------------------------


def test_too_few_people_with_the_skill_each_week():
    staff = [person("L1", skills=frozenset({"leader"}), max_days_per_week=5)]
    staff += [person(f"P{i}", max_days_per_week=5) for i in (1, 2, 3)]
    prob = problem(shifts=[A], staff=staff, coverage=[cover("09:00", "17:00", skill="leader")])
    assert_infeasible(
        prob,
        "Skill leader: week 1 needs at least 7 shifts by people with skill leader "
        "(coverage 'test 09:00-17:00'); the 1 person with skill leader (L1) can give "
        "1 person x 5 days = 5 working days, at most 1 shift a day each. Give skill leader to "
        "1 more person, allow more working days, or lower the requirement.",
    )


def test_nobody_with_the_skill_is_a_gap_not_a_capacity_problem():
    prob = problem(
        shifts=[A],
        staff=[person("P1"), person("P2")],
        coverage=[cover("09:00", "17:00", skill="nurse")],
    )
    assert findings(prob, "infeasible") == []
    (gap,) = findings(prob, "warning")
    assert "but nobody has the skill nurse, so 1 place stays empty" in gap


# --- Per location ------------------------------------------------------------------------------


def test_remote_shifts_need_more_days_than_remote_staff_have():
    staff = [person("R1", max_days_per_week=5)]
    staff += [person(f"O{i}", remote_ok=False, max_days_per_week=5) for i in (1, 2)]
    prob = problem(
        shifts=[A, C],
        staff=staff,
        coverage=[cover("09:00", "17:00"), cover("20:00", "22:00")],
    )
    assert_infeasible(
        prob,
        "Week 1 needs at least 7 remote shifts (C: only remote shifts cover 20:00-22:00); "
        "the 1 person with permission to work remotely (R1) can give 1 person x 5 days = "
        "5 working days, at most 1 shift a day each. Allow remote work for 1 more person "
        "(on-site only: O1, O2), or add an on-site shift at that time.",
    )


def test_remote_shift_with_nobody_allowed_remote_is_a_structural_gap():
    prob = problem(
        shifts=[A, C],
        staff=[person(f"O{i}", remote_ok=False) for i in (1, 2)],
        coverage=[cover("09:00", "17:00"), cover("20:00", "22:00")],
    )
    assert findings(prob, "infeasible") == []
    assert findings(prob, "warning") == [
        "Coverage 'test 20:00-22:00' asks for 1 person from 20:00 to 22:00 on every day of the "
        "1-week horizon (7 days), but every shift then is remote and nobody who counts may work "
        "remotely, so 1 place stays empty whatever the roster. Add staff with what is missing, "
        "or lower the requirement."
    ]
    assert api.solve(prob, FAST).report.valid


# --- Structural gaps ---------------------------------------------------------------------------


def test_a_coverage_window_outside_every_shift_is_a_warning_and_the_rest_is_rostered():
    prob = problem(
        shifts=[A],
        staff=[person("P1"), person("P2")],
        coverage=[cover("06:00", "17:00")],
    )
    assert findings(prob, "infeasible") == []
    (gap,) = findings(prob, "warning")
    assert "asks for 1 person from 06:00 to 09:00 on every day" in gap
    assert "but no shift covers that time" in gap
    assert "add a shift covering 06:00-09:00" in gap
    result = api.solve(prob, FAST)
    assert result.report.valid and result.warnings == (
        Finding(kind="structural_gap", severity="warning", message=gap),
    )


# --- Per date ------------------------------------------------------------------------------------


def test_everyone_on_leave_one_day():
    prob = problem(
        shifts=[A],
        staff=[person("P1"), person("P2")],
        coverage=[cover("09:00", "17:00")],
        requests=leave("P1", 2) + leave("P2", 2),
    )
    assert_infeasible(
        prob,
        "On 2026-12-09 09:00-17:00 the coverage 'test 09:00-17:00' needs 1 person; "
        "all 2 people (P1, P2) are on leave that day. Move 1 of these absences to another day, "
        "or lower the requirement.",
    )


def test_the_skilled_are_away_on_a_date():
    staff = [person(f"L{i}", skills=frozenset({"leader"})) for i in (1, 2)]
    staff += [person(f"P{i}") for i in (1, 2)]
    prob = problem(
        shifts=[A, shift("B", "13:00", "21:00")],
        staff=staff,
        coverage=[cover("09:00", "21:00"), cover("13:00", "17:00", skill="leader", days=[3])],
        requests=leave("L1", 3) + leave("L2", 3, kind="unavailable"),
    )
    assert_infeasible(
        prob,
        "On 2026-12-10 13:00-17:00 the coverage 'test 13:00-17:00' needs 1 person with skill "
        "leader; all 2 people with skill leader (L1, L2) are away (L1 on leave; L2 unavailable) "
        "that day. Move 1 of these absences to another day, give skill leader to someone at "
        "work, or lower the requirement.",
    )


def test_absences_over_several_days_name_who_is_left():
    staff = [person(f"L{i}", skills=frozenset({"leader"})) for i in (1, 2, 3)]
    prob = problem(
        shifts=[A],
        staff=staff,
        coverage=[cover("09:00", "17:00", 2, skill="leader", days=range(5))],
        requests=leave("L1", 1, 2, 3) + leave("L2", 1, 2, 3),
    )
    assert_infeasible(
        prob,
        "On 2026-12-08 to 2026-12-10 09:00-17:00 the coverage 'test 09:00-17:00' needs 2 people "
        "with skill leader; only 1 of the 3 people with skill leader can be at work (L3): "
        "L1, L2 are on leave those days. Move 1 of these absences to another day, give skill "
        "leader to someone at work, or lower the requirement.",
    )


def test_unavailable_for_one_shift_only_leaves_the_other_shift_open():
    prob = problem(
        shifts=[A, B],
        staff=[person("P1"), person("P2"), person("P3")],
        coverage=[cover("09:00", "20:00")],
        requests=[r for p in ("P1", "P2", "P3") for r in leave(p, 4, kind="unavailable", code="A")],
    )
    # 12:00-20:00 B is still open to all three; 09:00-12:00 only A covers.
    assert findings(prob, "infeasible") == [
        "On 2026-12-11 09:00-12:00 the coverage 'test 09:00-20:00' needs 1 person; all 3 people "
        "(P1, P2, P3) are unavailable that day. Move 1 of these absences to another day, or "
        "lower the requirement."
    ]


def test_a_night_shift_is_missed_for_leave_on_the_day_it_starts():
    night = shift("N", "22:00", "06:00")
    prob = problem(
        shifts=[night],
        staff=[person("P1"), person("P2")],
        coverage=[cover("00:00", "06:00", days=[1])],
        requests=leave("P1", 0) + leave("P2", 0),
    )
    assert_infeasible(
        prob,
        "On 2026-12-08 00:00-06:00 the coverage 'test 00:00-06:00' needs 1 person; all 2 people "
        "(P1, P2) are on leave the day before. Move 1 of these absences to another day, or lower "
        "the requirement.",
    )
    # Leave on the morning's own date does not keep anyone from the night shift before it.
    later = dataclasses.replace(prob, requests=tuple(leave("P1", 1) + leave("P2", 1)))
    assert findings(later, "infeasible") == []


def test_a_remote_evening_when_the_only_one_allowed_remote_work_is_away():
    prob = problem(
        shifts=[A, C],
        staff=[person("R1"), person("O1", remote_ok=False)],
        coverage=[cover("20:00", "22:00", days=[2])],
        requests=leave("R1", 2),
    )
    assert_infeasible(
        prob,
        "On 2026-12-09 20:00-22:00 the coverage 'test 20:00-22:00' needs 1 person; the only "
        "person allowed to work remotely (R1) is on leave that day. Move 1 of these absences to "
        "another day, or lower the requirement.",
    )
    # With remote_shifts soft, O1 may take the evening at a cost: no proof of infeasibility.
    soft = RuleConfig(name="remote_shifts", hard=False, weight=1)
    assert findings(dataclasses.replace(prob, rules=(soft,)), "infeasible") == []


def test_availability_switched_off_forgives_the_leave():
    prob = problem(
        shifts=[A],
        staff=[person("P1"), person("P2")],
        coverage=[cover("09:00", "17:00")],
        requests=leave("P1", 2) + leave("P2", 2),
        rules=only_rules("coverage", "one_shift_per_day"),
    )
    assert findings(prob, "infeasible") == []


def test_the_call_center_team_with_all_leaders_on_leave_one_day():
    prob = api.load_problem(ROOT / "sample_inputs" / "call_center_team.xlsx")
    away = tuple(Request(staff_id=s, day=3, kind="leave") for s in ("T01", "T02", "T03"))
    assert_infeasible(
        dataclasses.replace(prob, requests=prob.requests + away),
        "On 2026-12-10 09:00-20:00 the coverage 'daily 09:00-20:00' needs 1 person with skill "
        "leader; all 3 people with skill leader (T01, T02, T03) are on leave that day. Move 1 of "
        "these absences to another day, give skill leader to someone at work, or lower the "
        "requirement.",
    )


def test_the_bundled_samples_raise_nothing_new():
    for file in ("call_center.xlsx", "call_center_team.xlsx"):
        prob = api.load_problem(ROOT / "sample_inputs" / file)
        kinds = sorted(f.kind for f in analyse(prob))
        assert kinds == (["structural_gap", "tight"] if file == "call_center.xlsx" else [])


# --- Soundness ---------------------------------------------------------------------------------


def random_problem(rng: random.Random) -> Problem:
    """A small random problem: overnight and remote shifts, a declared pair, skills, limits
    (weekly minimums of hours too), leave and unavailability, and now and then a hard rule made
    soft or switched off."""
    pool = [A, B, C, shift("N", "22:00", "06:00"), shift("E", "06:00", "14:00", combinable="C")]
    weeks = rng.choice([1, 2])
    shifts = rng.sample(pool, rng.randint(2, 4))
    staff = []
    for i in range(rng.randint(2, 6)):
        contract: dict[str, object] = {"remote_ok": rng.random() < 0.7}
        if rng.random() < 0.7:
            contract["max_days_per_week"] = rng.randint(0, 6)
        if rng.random() < 0.5:
            contract["max_minutes_per_week"] = rng.choice([16, 32, 40]) * 60
        if rng.random() < 0.4:
            contract["skills"] = frozenset({"lead"})
        if rng.random() < 0.3:
            least = rng.choice([8, 16, 32, 40, 48]) * 60
            contract["limits"] = MappingProxyType({"min_hours_per_week": least})
        staff.append(person(f"P{i}", **contract))
    windows = [("09:00", "17:00"), ("09:00", "22:00"), ("20:00", "22:00"), ("22:00", "06:00")]
    coverage = [
        cover(
            *rng.choice(windows),
            rng.randint(1, 2),
            weeks=weeks,
            skill="lead" if rng.random() < 0.3 else None,
        )
        for _ in range(rng.randint(1, 3))
    ]
    requests = [
        Request(
            staff_id=p.id,
            day=day,
            kind=rng.choice(["leave", "unavailable"]),
            shift_code=rng.choice([None, shifts[0].code]),
        )
        for p in staff
        for day in range(weeks * 7)
        if rng.random() < 0.08
    ]
    requests = [r for r in requests if r.kind == "unavailable" or r.shift_code is None]
    rules = []
    for _, config in configured():
        if not config.hard or rng.random() < 0.05:
            rules.append(dataclasses.replace(config, enabled=False))  # soft rules only slow it
        elif rng.random() < 0.1:
            rules.append(dataclasses.replace(config, hard=False))
        else:
            rules.append(config)
    return problem(
        shifts=shifts,
        staff=staff,
        coverage=coverage,
        requests=requests,
        rules=tuple(rules),
        weeks=weeks,
    )


def test_every_infeasible_finding_is_confirmed_by_the_solver():
    rng = random.Random(5)
    claims = 0
    for _ in range(150):
        prob = random_problem(rng)
        reasons = findings(prob, "infeasible")
        if reasons:
            claims += 1
            outcome = optimise_model(build_model(prob), FAST)
            assert outcome.status == INFEASIBLE, reasons
    assert claims >= 40  # the catalogue above is not the only thing exercised


# --- Scale (the time is measured by benchmarks/analysis_speed.py, not asserted here) -----------


def test_200_people_over_6_weeks_are_analysed_without_false_alarms():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import analysis_speed

    result = analyse(analysis_speed.build())
    assert not [f for f in result if f.severity == "infeasible"]

"""A roster that follows on from an earlier one: the rules that look back read the days before
its first (`Problem.history`), in the model and in the independent checker alike."""

import dataclasses

from builder import cover, only_rules, person, problem, roster, shift, solve_and_check
from test_living_workbook import needs_libreoffice, recalculated

from roster import api
from roster.analysis import analyse
from roster.check import check
from roster.domain import Assignment, History, RuleConfig
from roster.slots import coverage_slots
from roster.views import coverage_rows

A = shift("A", "06:00", "14:00")
C = shift("C", "22:00", "06:00", not_followed_by="A")
LATE = shift("L", "14:00", "22:00")
P1, P2 = "P1 Person P1", "P2 Person P2"  # as messages name them


def history(*cells: tuple[str, int, str], days: int = 7) -> History:
    return History(
        days=days,
        assignments=frozenset(Assignment(staff_id=s, day=d, shift_code=c) for s, d, c in cells),
    )


def after(prob, *cells, days=7):
    return dataclasses.replace(prob, history=history(*cells, days=days))


def messages(report, rule):
    return [v.message for v in report.violations if v.rule == rule]


def test_rest_after_the_previous_rosters_last_night_is_kept():
    prob = after(
        problem(shifts=[A, LATE], staff=[person("P1")], rules=only_rules("min_rest")),
        ("P1", -1, "L"),  # Sunday 14:00-22:00: Monday's A at 06:00 leaves 8 h
    )
    pinned_a = [("P1", 0, "A", True)]
    assert solve_and_check(prob, pinned_a)[0].status == "infeasible"
    # Without the history the same Monday is legal: the rule really reads it.
    fresh = dataclasses.replace(prob, history=None)
    assert solve_and_check(fresh, pinned_a)[0].status == "optimal"
    report = check(prob, roster(("P1", 0, "A")))
    assert messages(report, "min_rest") == [
        f"{P1} rests 8 h between L on Sun 2026-12-06 and A on Mon 2026-12-07; the minimum is 11 h"
    ]


def test_a_succession_across_the_boundary_is_refused_and_named_with_both_dates():
    prob = after(
        problem(shifts=[A, C], staff=[person("P1")], rules=only_rules("shift_successions")),
        ("P1", -1, "C"),
    )
    assert solve_and_check(prob, [("P1", 0, "A", True)])[0].status == "infeasible"
    report = check(prob, roster(("P1", 0, "A")))
    assert messages(report, "shift_successions") == [
        f"{P1} works A on Mon 2026-12-07 right after C on Sun 2026-12-06 (the previous roster), "
        "which it may not follow"
    ]
    # A shift of the history followed by one inside it is the past's, not this roster's.
    inside = after(prob, ("P1", -2, "C"), ("P1", -1, "A"))
    assert check(inside, roster()).violations == ()


def test_a_sixth_day_in_a_row_across_the_boundary_is_refused_and_named():
    five = person("P1", max_consecutive_days=5)
    prob = after(
        problem(shifts=[A], staff=[five], rules=only_rules("max_consecutive_days")),
        *[("P1", day, "A") for day in range(-5, 0)],
    )
    assert solve_and_check(prob, [("P1", 0, "A", True)])[0].status == "infeasible"
    outcome, report = solve_and_check(prob, [("P1", 1, "A", True)])
    assert outcome.status == "optimal" and report.violations == ()
    report = check(prob, roster(("P1", 0, "A"), ("P1", 1, "A")))
    assert messages(report, "max_consecutive_days") == [
        f"{P1} works 6 days in a row up to Mon 2026-12-07, counted from Wed 2026-12-02 in the "
        "previous roster; the contract allows 5",
        f"{P1} works 6 days in a row up to Tue 2026-12-08, counted from Thu 2026-12-03 in the "
        "previous roster; the contract allows 5",
    ]


def test_a_run_of_work_begun_in_the_previous_roster_is_made_long_enough():
    two = person("P1", min_consecutive_days=2)
    prob = after(
        problem(shifts=[A], staff=[two], rules=only_rules("min_consecutive_days")),
        ("P1", -1, "A"),  # Saturday off, Sunday worked: Monday must be worked too
    )
    assert solve_and_check(prob, [("P1", 0, "A", False)])[0].status == "infeasible"
    report = check(prob, roster())
    assert messages(report, "min_consecutive_days") == [
        f"{P1} has 1 working days in a row from Sun 2026-12-06 (the previous roster); "
        "at least 2 needed"
    ]


def test_a_history_beyond_its_known_days_is_not_judged():
    # The run's first day is the history's first: the days before it are unknown.
    two = person("P1", min_consecutive_days=2)
    prob = after(
        problem(shifts=[A], staff=[two], rules=only_rules("min_consecutive_days")),
        ("P1", -1, "A"),
        days=1,
    )
    assert check(prob, roster()).violations == ()


def test_fairness_counts_the_weekends_of_the_look_back():
    strict = RuleConfig(name="fair_weekends", hard=False, weight=10, params={"max_spread": 0})
    prob = problem(
        shifts=[A], staff=[person("P1"), person("P2")], rules=only_rules(fair_weekends=strict)
    )
    # P1 worked both days of the last weekend: this weekend is P2's, both days.
    prob = after(prob, ("P1", -2, "A"), ("P1", -1, "A"))
    fixed = [("P1", 5, "A", False), ("P1", 6, "A", False)]
    outcome, report = solve_and_check(prob, [*fixed, ("P2", 5, "A", True), ("P2", 6, "A", True)])
    assert outcome.objective == 0 and report.violations == ()
    outcome, report = solve_and_check(prob, fixed)
    assert outcome.objective == 0
    assert {(a.staff_id, a.day) for a in outcome.roster.assignments} >= {("P2", 5), ("P2", 6)}
    report = check(prob, roster())
    assert messages(report, "fair_weekends") == [
        f"Weekend days (with the 7 days before Mon 2026-12-07): {P1} works 2, {P2} 0 "
        "(spread 2, at most 0 wanted) among 2 people without weekly limits"
    ]


def test_a_swap_is_judged_across_the_boundary():
    five = [person("P1", max_consecutive_days=5), person("P2", max_consecutive_days=5)]
    prob = after(
        problem(shifts=[A], staff=five, rules=only_rules("max_consecutive_days")),
        *[("P2", day, "A") for day in range(-5, 0)],
    )
    verdict = api.judge_swap(prob, roster(("P1", 0, "A")), api.Swap(giver="P1", day=0, taker="P2"))
    assert not verdict.legal
    assert [v.message for v in verdict.broken] == [
        f"{P2} works 6 days in a row up to Mon 2026-12-07, counted from Wed 2026-12-02 in the "
        "previous roster; the contract allows 5"
    ]
    fresh = dataclasses.replace(prob, history=None)
    assert api.judge_swap(fresh, roster(("P1", 0, "A")), verdict.swap).legal


NIGHT = shift("N", "22:00", "06:00")


def nights(*cells: tuple[str, int, str]):
    prob = problem(
        shifts=[A, NIGHT],
        staff=[person("P1"), person("P2")],
        coverage=[cover("00:00", "06:00", days=[0])],
        rules=only_rules("coverage"),
    )
    return after(prob, *cells) if cells else prob


def test_the_previous_rosters_last_night_covers_the_first_morning():
    # Monday 00:00-06:00 only Sunday's night shift can cover: without a history no roster can.
    (alone,) = coverage_slots(nights())
    assert alone.on_duty == () and alone.enforceable == 0
    covered = nights(("P2", -1, "N"))
    (slot,) = coverage_slots(covered)
    assert slot.past and slot.on_duty == ((-1, "N"),) and slot.enforceable == 1
    outcome, report = solve_and_check(covered)
    assert outcome.objective == 0 and report.violations == ()
    assert [row.scheduled for row in coverage_rows(covered, outcome.roster)] == [1]
    assert not [f for f in analyse(covered) if f.kind == "structural_gap"]


def test_a_first_morning_the_previous_roster_left_short_is_its_gap_not_this_ones():
    short = nights(("P2", -2, "N"))  # Saturday's night, not Sunday's: Monday 00:00 uncovered
    outcome, report = solve_and_check(short)  # not infeasible: nothing now can change it
    assert outcome.status == "optimal" and report.violations == ()
    (gap,) = [f.message for f in analyse(short) if f.kind == "structural_gap"]
    assert "but the previous roster has only 0 at work then" in gap
    assert "That roster is published; this one starts after it." in gap


@needs_libreoffice
def test_the_coverage_sheet_counts_the_previous_rosters_night(tmp_path):
    covered = nights(("P2", -1, "N"))
    path = tmp_path / "roster.xlsx"
    api.solve(covered).to_excel(path)
    rows = list(recalculated(path, tmp_path)["Coverage"].iter_rows(values_only=True))
    header, (first, *_) = rows[0], rows[1:]
    assert first[header.index("scheduled")] == 1
    assert first[header.index("short")] == 0

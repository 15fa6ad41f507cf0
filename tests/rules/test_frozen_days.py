"""Rule `frozen_days`: before the first day that may change, every cell keeps the baseline's
shifts exactly; later days are free (keep_roster prices them)."""

import dataclasses

from builder import only_rules, person, problem, roster, shift, solve_and_check

from roster.check import check
from roster.domain import Request

EARLY = shift("E", "07:00", "15:00")
LATE = shift("L", "15:00", "23:00")
BASELINE = roster(("P1", 0, "E"), ("P1", 1, "L"), ("P2", 1, "E"), ("P2", 3, "L"))


def frozen(days: int, rules=None, requests=()):  # type: ignore[no-untyped-def]
    prob = problem(
        shifts=[EARLY, LATE],
        staff=[person("P1"), person("P2")],
        requests=requests,
        rules=rules or only_rules("frozen_days"),
    )
    return dataclasses.replace(prob, baseline=BASELINE, frozen_days=days)


def test_frozen_cells_keep_their_shifts_and_later_ones_may_change():
    # Pinned: P1 off on day 0 (frozen) cannot be; P2 off on day 3 (not frozen) can.
    assert solve_and_check(frozen(2), [("P1", 0, "E", False)])[0].status == "infeasible"
    outcome, report = solve_and_check(frozen(2), [("P2", 3, "L", False), ("P1", 4, "E", True)])
    assert outcome.status == "optimal"
    for day in (0, 1):
        for person_id in ("P1", "P2"):
            assert outcome.roster.shifts_of(person_id, day) == BASELINE.shifts_of(person_id, day)
    assert report.valid


def test_without_frozen_days_or_a_baseline_nothing_is_kept():
    outcome, _ = solve_and_check(frozen(0), [("P1", 0, "E", False), ("P1", 1, "L", False)])
    assert outcome.status == "optimal"
    unkept = dataclasses.replace(frozen(7), baseline=None)
    assert solve_and_check(unkept, [("P1", 0, "E", False)])[0].status == "optimal"


def test_the_checker_names_each_frozen_cell_that_changed():
    changed = roster(("P1", 0, "L"), ("P1", 1, "L"), ("P2", 1, "E"), ("P1", 5, "E"))
    broken = check(frozen(2), changed).hard_violations
    assert [(v.rule, v.staff_id, v.day) for v in broken] == [("frozen_days", "P1", 0)]
    assert broken[0].message == (
        "P1 Person P1 works L on Mon 2026-12-07, a day that may no longer change, instead of E "
        "as published"
    )


def test_leave_on_a_frozen_working_day_cannot_hold_but_on_a_later_day_can():
    leave = Request(staff_id="P1", day=1, kind="leave")
    rules = only_rules("frozen_days", "availability")
    assert solve_and_check(frozen(2, rules, [leave]))[0].status == "infeasible"
    assert solve_and_check(frozen(1, rules, [leave]))[0].status == "optimal"

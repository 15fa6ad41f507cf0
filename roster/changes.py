"""Changes to a published roster: the cells that differ between two rosters, absences to repair
it for, and swaps between colleagues judged against every rule by the checker.

A swap `Swap(giver, day, taker, taker_day)` moves the giver's shifts on `day` to the taker and
the taker's shifts on `taker_day` (the same day unless given) to the giver: on one day it is an
exchange (or a give-away when the taker is off), on two days a trade of days.
"""

from __future__ import annotations

from dataclasses import dataclass

from roster.check import CheckReport, Violation, check
from roster.domain import Assignment, Problem, Roster

TRADE_DAYS = 7  # how far from the day a suggested trade may look for the shift given back


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One cell of a roster that a repair or swap changes: a person's shifts on a day (empty:
    off)."""

    staff_id: str
    day: int
    old: tuple[str, ...]
    new: tuple[str, ...]


def changed_cells(problem: Problem, before: Roster, after: Roster) -> tuple[Change, ...]:
    """The cells (person and day) whose shifts differ between two rosters, in roster order."""
    old, new = before.by_person_day(), after.by_person_day()
    return tuple(
        Change(staff_id=person.id, day=day, old=old.get(key, ()), new=new.get(key, ()))
        for person in problem.staff
        for day in problem.days
        if set(old.get(key := (person.id, day), ())) != set(new.get(key, ()))
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Absence:
    """A person who cannot work from `first` to `last` (days of the horizon, both included)."""

    staff_id: str
    first: int
    last: int
    note: str = "absent"


@dataclass(frozen=True, slots=True, kw_only=True)
class Swap:
    giver: str
    day: int
    taker: str
    taker_day: int | None = None  # None: the same day, an exchange

    @property
    def back_day(self) -> int:
        """The day whose shifts the taker gives back."""
        return self.day if self.taker_day is None else self.taker_day


@dataclass(frozen=True, slots=True, kw_only=True)
class SwapVerdict:
    swap: Swap
    roster: Roster  # the roster with the swap made
    changes: tuple[Change, ...]
    broken: tuple[Violation, ...]  # hard-rule violations the swap adds
    report: CheckReport  # the checker's report of the swapped roster
    cost_before: int  # soft-rule cost of the roster before the swap

    @property
    def legal(self) -> bool:
        return not self.broken

    @property
    def cost_after(self) -> int:
        return self.report.score


def swapped(roster: Roster, swap: Swap) -> Roster:
    """The roster with the swap made (whether or not the rules allow it)."""
    given = {a for a in roster.assignments if (a.staff_id, a.day) == (swap.giver, swap.day)}
    back = {a for a in roster.assignments if (a.staff_id, a.day) == (swap.taker, swap.back_day)}
    moved = {Assignment(staff_id=swap.taker, day=a.day, shift_code=a.shift_code) for a in given}
    moved |= {Assignment(staff_id=swap.giver, day=a.day, shift_code=a.shift_code) for a in back}
    return Roster(assignments=(roster.assignments - given - back) | moved, pattern=roster.pattern)


def judge_swap(
    problem: Problem, roster: Roster, swap: Swap, before: CheckReport | None = None
) -> SwapVerdict:
    """The swap checked against every rule: the hard-rule violations it adds (not those the
    roster had already) and the soft-rule cost after it."""
    before = before or check(problem, roster)
    after_roster = swapped(roster, swap)
    report = check(problem, after_roster)
    known = {_identity(v) for v in before.hard_violations}
    return SwapVerdict(
        swap=swap,
        roster=after_roster,
        changes=changed_cells(problem, roster, after_roster),
        broken=tuple(v for v in report.hard_violations if _identity(v) not in known),
        report=report,
        cost_before=before.score,
    )


def suggest_swaps(
    problem: Problem, roster: Roster, staff_id: str, day: int, earliest: int = 0
) -> list[SwapVerdict]:
    """For each colleague who could take `staff_id`'s shifts on `day` without breaking a hard
    rule, the best way: taking them (an exchange if the colleague works that day), else a
    trade with one of the colleague's days within `TRADE_DAYS`, not before `earliest` (today:
    the past cannot be traded), that `staff_id` has free. Best first: the lowest soft-rule cost
    after it, then the fewest changed cells."""
    before = check(problem, roster)
    cells = roster.by_person_day()
    best: list[SwapVerdict] = []
    for colleague in problem.staff:
        if colleague.id == staff_id:
            continue
        options = [Swap(giver=staff_id, day=day, taker=colleague.id)]
        options += [
            Swap(giver=staff_id, day=day, taker=colleague.id, taker_day=other)
            for other in _trade_days(problem, day, earliest)
            if (colleague.id, other) in cells and (staff_id, other) not in cells
        ]
        legal = [v for v in (judge_swap(problem, roster, s, before) for s in options) if v.legal]
        if legal:
            best.append(min(legal, key=_rank))
    return sorted(best, key=_rank)


def _trade_days(problem: Problem, day: int, earliest: int) -> range:
    first = max(0, earliest, day - TRADE_DAYS)
    return range(first, min(problem.num_days, day + TRADE_DAYS + 1))


def _rank(verdict: SwapVerdict) -> tuple[int, int, int]:
    distance = abs(verdict.swap.back_day - verdict.swap.day)
    return verdict.cost_after, len(verdict.changes), distance


def _identity(violation: Violation) -> tuple[str, str | None, int | None, str]:
    return violation.rule, violation.staff_id, violation.day, violation.message

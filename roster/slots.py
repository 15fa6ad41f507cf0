"""Coverage time slots: each coverage window cut at every shift boundary inside it.

Within one slot the same shifts are on duty from its first to its last minute, so counting the
people at work in each slot checks the coverage rule at every moment, with no "one per shift"
shortcut. Shared by the model, the checker, the pre-solve analysis and the output sheets.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from roster.domain import MINUTES_PER_DAY, CoverageLine, Problem


@dataclass(frozen=True, slots=True, kw_only=True)
class Slot:
    line: CoverageLine
    day: int  # the day the coverage window belongs to
    start: int  # minutes from the horizon start
    end: int
    on_duty: tuple[tuple[int, str], ...]  # (day, shift code) of every shift covering the slot
    eligible: frozenset[str]  # staff who count for this line (the skill, if the line has one)
    coverable: int  # most people the shift definitions, skills and locations allow, leave aside

    @property
    def required(self) -> int:
        return self.line.min_people

    @property
    def enforceable(self) -> int:
        """The part of the requirement a roster can meet at all; the rest is a structural gap."""
        return min(self.required, self.coverable)

    @property
    def past(self) -> bool:
        """Only shifts before the horizon cover it (a roster that follows on from another, the
        night before its first day): what the previous roster did decides it."""
        return _before_start(self.on_duty)

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def clock(self) -> tuple[int, int]:
        """Start and end in minutes after the window day's midnight (end may pass 1440)."""
        offset = self.day * MINUTES_PER_DAY
        return self.start - offset, self.end - offset


def coverage_slots(problem: Problem) -> list[Slot]:
    slots: list[Slot] = []
    for line in problem.coverage:
        eligible = frozenset(
            p.id for p in problem.staff if line.skill is None or line.skill in p.skills
        )
        for day in sorted(line.days):
            if 0 <= day < problem.num_days:
                slots.extend(_line_slots(problem, line, day, eligible))
    return slots


def _line_slots(
    problem: Problem, line: CoverageLine, day: int, eligible: frozenset[str]
) -> list[Slot]:
    offset = day * MINUTES_PER_DAY
    window_start, window_end = offset + line.start, offset + line.end
    first_known = problem.days_back(1).start  # the day before the start, if a history has it
    spans = [
        (shift_day, shift.code, *shift.span_on(shift_day))
        for shift_day in range(max(day - 1, first_known), min(day + 3, problem.num_days))
        for shift in problem.shifts
    ]
    cuts = {window_start, window_end}
    for *_, start, end in spans:
        cuts.update(t for t in (start, end) if window_start < t < window_end)
    points = sorted(cuts)
    slots = []
    for start, end in pairwise(points):
        on_duty = tuple((d, code) for d, code, s, e in spans if s <= start and end <= e)
        remote_only = all(problem.shift(code).location == "remote" for _, code in on_duty)
        coverable = sum(
            1 for p in eligible if on_duty and (problem.person(p).remote_ok or not remote_only)
        )
        if _before_start(on_duty):  # decided already: who the history has on duty
            coverable = sum(1 for p in eligible if _on_duty_before(problem, p, on_duty))
        slots.append(
            Slot(
                line=line,
                day=day,
                start=start,
                end=end,
                on_duty=on_duty,
                eligible=eligible,
                coverable=coverable,
            )
        )
    return slots


def _before_start(on_duty: tuple[tuple[int, str], ...]) -> bool:
    return bool(on_duty) and all(day < 0 for day, _ in on_duty)


def _on_duty_before(problem: Problem, staff_id: str, on_duty: tuple[tuple[int, str], ...]) -> bool:
    history = problem.history
    return history is not None and any(code in history.codes(staff_id, d) for d, code in on_duty)

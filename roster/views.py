"""Plain tables derived from a result: coverage per slot and per-person summary.

Both the Excel writer and the terminal use these, so what the two show cannot drift apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from roster.calendar import DEFAULT_NAMES, HOLIDAY, WORKDAY
from roster.domain import WEEKDAY_NAMES, CalendarDay, Problem, Roster, hhmm
from roster.rulebook import contracted_minutes
from roster.slots import Slot, coverage_slots


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageRow:
    day: int
    start: int  # minutes after the day's midnight
    end: int
    line_label: str
    skill: str | None
    required: int
    scheduled: int
    note: str

    @property
    def short(self) -> int:
        return max(0, self.required - self.scheduled)


def coverage_rows(problem: Problem, roster: Roster) -> list[CoverageRow]:
    working: dict[tuple[int, str], set[str]] = defaultdict(set)  # (day, shift) -> who
    before = problem.history.assignments if problem.history is not None else frozenset()
    for assignment in roster.assignments | before:  # the night before the start may cover
        working[(assignment.day, assignment.shift_code)].add(assignment.staff_id)
    rows = []
    for slot in ordered_slots(problem):
        at_work = set().union(*(working.get(duty, ()) for duty in slot.on_duty))
        scheduled = len(at_work.intersection(slot.eligible))
        start, end = slot.clock()
        rows.append(
            CoverageRow(
                day=slot.day,
                start=start,
                end=end,
                line_label=f"{slot.line.label} {slot.line.window}",
                skill=slot.line.skill,
                required=slot.required,
                scheduled=scheduled,
                note=_slot_note(slot, scheduled),
            )
        )
    return rows


def ordered_slots(problem: Problem) -> list[Slot]:
    """The coverage slots by date, time and line: the Coverage sheet's and view's row order."""
    return sorted(
        coverage_slots(problem),
        key=lambda s: (s.day, s.clock()[0], f"{s.line.label} {s.line.window}"),
    )


def _slot_note(slot: Slot, scheduled: int) -> str:
    if slot.coverable < slot.required and scheduled < slot.required:
        return structural_note(slot)
    if scheduled < slot.required:
        return "short"
    return ""


def structural_note(slot: Slot) -> str:
    """Why no roster can fill a slot, or nothing when one could."""
    if slot.coverable >= slot.required:
        return ""
    if slot.past:
        return f"the previous roster has {slot.coverable} at work then"
    if not slot.on_duty:
        return "no shift covers this time"
    if slot.coverable == 0:
        return "nobody who counts here can work the shifts then"
    return f"only {slot.coverable} people could ever cover this"


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonSummary:
    staff_id: str
    name: str
    paid_minutes: int
    shifts: dict[str, int]
    days_worked: int
    days_off: int
    weekend_days_worked: int
    holiday_days_worked: int
    wishes: int
    wishes_granted: int
    # What the contract pays for over the horizon: its weekly target times the weeks (None: no
    # weekly target)
    contracted_minutes: int | None


def contracted_over_horizon(problem: Problem) -> dict[str, int]:
    """The paid minutes each contract with a weekly target pays for over the horizon."""
    return {staff_id: m * problem.weeks for staff_id, m in contracted_minutes(problem).items()}


def person_summaries(
    problem: Problem, roster: Roster, days: range | None = None
) -> list[PersonSummary]:
    """Each person's tallies over the horizon, or over `days`."""
    days = problem.days if days is None else days
    cells = roster.by_person_day()
    contracted = contracted_over_horizon(problem)
    summaries = []
    for person in problem.staff:
        worked = {day: cells[(person.id, day)] for day in days if (person.id, day) in cells}
        counts = {s.code: 0 for s in problem.shifts}
        for codes in worked.values():
            for code in codes:
                counts[code] += 1
        wishes = [
            r for r in problem.requests_of(("prefer_off", "prefer")) if r.staff_id == person.id
        ]
        summaries.append(
            PersonSummary(
                staff_id=person.id,
                name=person.name,
                paid_minutes=sum(
                    problem.shift(code).paid_minutes for codes in worked.values() for code in codes
                ),
                shifts=counts,
                days_worked=len(worked),
                days_off=len(days) - len(worked),
                weekend_days_worked=sum(1 for day in worked if problem.is_weekend(day)),
                holiday_days_worked=sum(1 for day in worked if problem.holiday_name(day)),
                wishes=len(wishes),
                wishes_granted=sum(
                    1 for r in wishes if granted(r, cells.get((r.staff_id, r.day), ()))
                ),
                contracted_minutes=contracted.get(person.id),
            )
        )
    return summaries


def granted(request, codes: tuple[str, ...]) -> bool:  # type: ignore[no-untyped-def]
    """Whether a wish (prefer, prefer_off) holds for a person whose day holds `codes`."""
    if request.kind == "prefer":
        return request.shift_code in codes
    if request.shift_code:
        return request.shift_code not in codes
    return not codes


def day_header(problem: Problem, day: int) -> str:
    return problem.date(day).isoformat()


def weekday_short(problem: Problem, day: int) -> str:
    return WEEKDAY_NAMES[problem.weekday(day)][:3]


def day_label(problem: Problem, day: int) -> str:
    """`Thu`, or with the calendar's word for the day: `Thu, National Day`."""
    note = calendar_note(problem, day)
    return f"{weekday_short(problem, day)}, {note}" if note else weekday_short(problem, day)


def calendar_note(problem: Problem, day: int) -> str:
    """`National Day`, `make-up working day (National Day)`, or empty for an ordinary day."""
    entry = problem.calendar_day(day)
    return _entry_text(entry) if entry else ""


def _entry_text(entry: CalendarDay) -> str:
    makeup = DEFAULT_NAMES[WORKDAY]
    if entry.kind == HOLIDAY or entry.name == makeup:
        return entry.name
    return f"{makeup} ({entry.name})"


def calendar_lines(problem: Problem) -> list[str]:
    """The calendar's days in the horizon, runs of one name joined: `2026-10-01 to 2026-10-07
    National Day`, `2026-10-10 make-up working day (National Day)`."""
    runs: list[list[CalendarDay]] = []
    horizon = (c for c in problem.calendar if c.day in problem.days)  # not a history's days
    for entry in sorted(horizon, key=lambda c: c.day):
        last = runs[-1][-1] if runs else None
        if last and (last.day + 1, last.kind, last.name) == (entry.day, entry.kind, entry.name):
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return [f"{_span(problem, run[0].day, run[-1].day)} {_entry_text(run[0])}" for run in runs]


def _span(problem: Problem, first: int, last: int) -> str:
    if first == last:
        return problem.date(first).isoformat()
    return f"{problem.date(first).isoformat()} to {problem.date(last).isoformat()}"


def slot_text(row: CoverageRow) -> str:
    return f"{hhmm(row.start)}-{hhmm(row.end)}"


@dataclass(frozen=True, slots=True, kw_only=True)
class FairnessRow:
    measure: str
    most: tuple[str, float]  # (who, value)
    fewest: tuple[str, float]

    @property
    def spread(self) -> float:
        return self.most[1] - self.fewest[1]


def summaries_before(problem: Problem) -> list[PersonSummary]:
    """Each person's tallies over the history's days before the start (none without one)."""
    history = problem.history
    if history is None or history.days == 0:
        return []
    before = Roster(assignments=history.assignments)
    return person_summaries(problem, before, range(-history.days, 0))


Measure = tuple[str, Callable[[PersonSummary], float]]
WISHES_NOT_GRANTED = "wishes not granted"


def measures(problem: Problem) -> list[Measure]:
    """The burdens and benefits compared among people, by their Summary sheet header; all but
    the wishes are counted over the history's days too (the fairness rules look back)."""
    return [
        *((f"{s.code} shifts", _count_of(s.code)) for s in problem.shifts),
        ("weekend days worked", lambda p: p.weekend_days_worked),
        ("holiday days worked", lambda p: p.holiday_days_worked),
        ("paid hours", lambda p: p.paid_minutes / 60),
        (WISHES_NOT_GRANTED, lambda p: p.wishes - p.wishes_granted),
    ]


def fairness_rows(problem: Problem, summaries: list[PersonSummary]) -> list[FairnessRow]:
    """Who has the most and who the fewest of each burden or benefit, over the horizon."""
    rows = []
    for measure, value in measures(problem):
        ranked = sorted(summaries, key=lambda p: (value(p), p.staff_id))
        if ranked:
            low, high = ranked[0], ranked[-1]
            rows.append(
                FairnessRow(
                    measure=measure,
                    most=(_who(high), value(high)),
                    fewest=(_who(low), value(low)),
                )
            )
    return rows


def _count_of(code: str) -> Callable[[PersonSummary], float]:
    return lambda p: p.shifts[code]


def _who(summary: PersonSummary) -> str:
    return f"{summary.staff_id} {summary.name}".strip()

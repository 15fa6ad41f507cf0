"""Pre-solve analysis: what the rules force or forbid, in the supervisor's own arithmetic.

- Structural gaps: coverage that no shift definition (or nobody with the skill) can ever meet.
- Weekly capacity: the fewest shifts the coverage needs against the working days the contracts give.
- Calendar: years of the horizon with no official holiday calendar (never guessed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from roster.domain import DAYS_PER_WEEK, WEEKDAY_NAMES, Problem, hhmm
from roster.slots import Slot, coverage_slots


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    kind: str  # "structural_gap", "capacity", "tight", "calendar"
    severity: str  # "warning" (the roster is still produced), "info", or "infeasible"
    message: str


def analyse(problem: Problem) -> list[Finding]:
    slots = coverage_slots(problem)
    return (
        structural_gaps(problem, slots) + weekly_capacity(problem, slots) + calendar_gaps(problem)
    )


def calendar_gaps(problem: Problem) -> list[Finding]:
    """Years the holiday calendar has no official data for: their days count as ordinary."""
    return [
        Finding(kind="calendar", severity="warning", message=message)
        for message in problem.calendar_warnings
    ]


def structural_gaps(problem: Problem, slots: list[Slot]) -> list[Finding]:
    """Group the slots no roster can fill by coverage line and clock window, listing the days."""
    gaps: dict[tuple[int, int, int, int, str], list[int]] = defaultdict(list)
    for slot in slots:
        if slot.coverable < slot.required:
            start, end = slot.clock()
            line_index = problem.coverage.index(slot.line)
            cause = _gap_cause(problem, slot)
            gaps[(line_index, start, end, slot.required - slot.coverable, cause)].append(slot.day)
    findings = []
    for (line_index, start, end, missing, cause), days in _merge_adjacent(gaps).items():
        line = problem.coverage[line_index]
        who = f"{line.min_people} {'person' if line.min_people == 1 else 'people'}"
        if line.skill:
            who += f" with skill {line.skill}"
        findings.append(
            Finding(
                kind="structural_gap",
                severity="warning",
                message=(
                    f"Coverage '{line.label} {line.window}' asks for {who} from {hhmm(start)} to "
                    f"{hhmm(end)} on {_days_text(problem, days)}, but {cause}, so {missing} "
                    f"{'place stays' if missing == 1 else 'places stay'} empty whatever the "
                    f"roster. {_gap_fix(problem, start, end, cause)}"
                ),
            )
        )
    return findings


def _gap_cause(problem: Problem, slot: Slot) -> str:
    if not slot.on_duty:
        return "no shift covers that time"
    if not slot.eligible:
        return f"nobody has the skill {slot.line.skill}"
    if slot.coverable == 0:
        return "every shift then is remote and nobody who counts may work remotely"
    return f"only {slot.coverable} of the staff can ever be at work then"


def _gap_fix(problem: Problem, start: int, end: int, cause: str) -> str:
    if cause != "no shift covers that time":
        return "Add staff with what is missing, or lower the requirement."
    before = [s for s in problem.shifts if s.end % 1440 == start % 1440 or s.end == start]
    extend = f", extend {before[0].code} to end at {hhmm(end)}" if before else ""
    return (
        f"To fix it, add a shift covering {hhmm(start)}-{hhmm(end)}{extend}, "
        f"or end the coverage window at {hhmm(start)}."
    )


def _merge_adjacent(
    gaps: dict[tuple[int, int, int, int, str], list[int]],
) -> dict[tuple[int, int, int, int, str], list[int]]:
    """Join windows of one line that touch and have the same days and cause (22-23 + 23-24)."""
    merged: dict[tuple[int, int, int, int, str], list[int]] = {}
    for key in sorted(gaps):
        line, start, end, missing, cause = key
        days = gaps[key]
        for other in list(merged):
            o_line, o_start, o_end, o_missing, o_cause = other
            same = (o_line, o_missing, o_cause, merged[other]) == (line, missing, cause, days)
            if same and o_end == start:
                merged[(line, o_start, end, missing, cause)] = merged.pop(other)
                break
        else:
            merged[key] = days
    return merged


def _days_text(problem: Problem, days: list[int]) -> str:
    days = sorted(set(days))
    if len(days) == problem.num_days:
        return f"every day of the {problem.weeks}-week horizon ({len(days)} days)"
    weekdays = {problem.weekday(d) for d in days}
    if len(days) == len(weekdays) * problem.weeks and len(weekdays) < DAYS_PER_WEEK:
        return "every " + ", ".join(WEEKDAY_NAMES[w] for w in sorted(weekdays))
    shown = ", ".join(problem.date(d).isoformat() for d in days[:5])
    return shown + (f" and {len(days) - 5} more days" if len(days) > 5 else "")


def weekly_capacity(problem: Problem, slots: list[Slot]) -> list[Finding]:
    """The fewest shifts that meet the coverage each week, against the working days on offer."""
    needed = fewest_shifts(problem, slots)
    if needed is None:
        return []
    findings = []
    worst_week = max(range(problem.weeks), key=lambda w: needed[w])
    demand = needed[worst_week]
    days_on_offer = sum(_max_working_days(p) for p in problem.staff)
    per_day = _max_shifts_per_day(problem)
    pairs = _combinable_pairs(problem)
    arithmetic = (
        f"Weekly demand is {demand} shifts (the fewest that meet the coverage in week "
        f"{worst_week + 1}); {_supply_text(problem)} = {days_on_offer} working days"
    )
    if demand > days_on_offer * per_day:
        findings.append(
            Finding(
                kind="capacity",
                severity="infeasible",
                message=(
                    f"{arithmetic}, and at most {per_day} shift a day each. "
                    f"Allow more working days, declare a same-day pair of shifts, "
                    f"or add {_people_short(problem, demand - days_on_offer * per_day)}."
                ),
            )
        )
    elif demand > days_on_offer:
        findings.append(
            Finding(
                kind="tight",
                severity="info",
                message=(
                    f"{arithmetic}, so on at least {_days(demand - days_on_offer)} a week someone "
                    f"works a same-day pair ({', '.join(pairs)}). Without that pair the rules "
                    f"could not all hold: it would take a working day more for someone, or "
                    f"another person."
                ),
            )
        )
    return findings


def _supply_text(problem: Problem) -> str:
    counts: dict[int, int] = defaultdict(int)
    for person in problem.staff:
        counts[_max_working_days(person)] += 1
    parts = [
        f"{n} {'person' if n == 1 else 'people'} x {d} days" for d, n in sorted(counts.items())
    ]
    return " + ".join(parts)


def _people_short(problem: Problem, shifts_short: int) -> str:
    per_person = max((_max_working_days(p) for p in problem.staff), default=DAYS_PER_WEEK)
    people = -(-shifts_short // max(per_person, 1))
    return f"{people} {'person' if people == 1 else 'people'}"


def _max_working_days(person) -> int:  # type: ignore[no-untyped-def]
    limits = [DAYS_PER_WEEK]
    if person.max_days_per_week is not None:
        limits.append(person.max_days_per_week)
    if person.min_days_off_per_week is not None:
        limits.append(DAYS_PER_WEEK - person.min_days_off_per_week)
    return max(0, min(limits))


def _combinable_pairs(problem: Problem) -> list[str]:
    pairs = set()
    for shift in problem.shifts:
        for other in shift.combinable_with:
            pairs.add("+".join(sorted((shift.code, other))))
    return sorted(pairs)


def _max_shifts_per_day(problem: Problem) -> int:
    return 2 if _combinable_pairs(problem) else 1


def fewest_shifts(problem: Problem, slots: list[Slot]) -> list[int] | None:
    """Per week, the fewest shift assignments meeting every enforceable slot (a tiny CP-SAT)."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    most = max((s.enforceable for s in slots), default=0)
    if most == 0:
        return None
    count = {
        (day, shift.code): model.new_int_var(0, most, f"n[{day},{shift.code}]")
        for day in problem.days
        for shift in problem.shifts
    }
    for slot in slots:
        if slot.enforceable:
            model.add(sum(count[key] for key in slot.on_duty) >= slot.enforceable)
    model.minimize(sum(count.values()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    solver.parameters.num_workers = 1
    if solver.solve(model) != cp_model.OPTIMAL:
        return None
    return [
        sum(solver.value(count[(day, s.code)]) for day in week for s in problem.shifts)
        for week in problem.week_days()
    ]


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"

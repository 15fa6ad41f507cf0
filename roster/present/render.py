"""The roster and its verdicts as plain text for the terminal."""

from __future__ import annotations

from roster.calendar import HOLIDAY, WORKDAY
from roster.domain import WEEKDAY_NAMES, Problem, Roster
from roster.views import calendar_lines, coverage_rows

CELL = 4  # "A+C" plus a space
DAY_MARKS = {HOLIDAY: "*", WORKDAY: "!"}  # after the weekday letters: Th* or Sa!


def roster_grid(problem: Problem, roster: Roster) -> str:
    cells = roster.by_person_day()
    label_width = max(len(_label(p.id, p.name)) for p in problem.staff) + 2
    weeks = [range(w * 7, min((w + 1) * 7, problem.num_days)) for w in range(problem.weeks)]
    title = " " * label_width + " | ".join(
        f"week {i + 1} from {problem.date(week[0]).isoformat()}".ljust(CELL * len(week) - 1)
        for i, week in enumerate(weeks)
    )
    days = " " * label_width + " | ".join(
        "".join(_day_head(problem, d).ljust(CELL) for d in week)
        .rstrip()
        .ljust(CELL * len(week) - 1)
        for week in weeks
    )
    lines = [title, days]
    for person in problem.staff:
        row = " | ".join(
            "".join(("+".join(cells.get((person.id, d), ())) or ".").ljust(CELL) for d in week)
            .rstrip()
            .ljust(CELL * len(week) - 1)
            for week in weeks
        )
        lines.append(_label(person.id, person.name).ljust(label_width) + row)
    legend = ", ".join(f"{s.code} {s.window}" for s in problem.shifts)
    lines.append(f"Shifts: {legend}; . = day off")
    if calendar_lines(problem):
        lines.append(
            "Calendar (* public holiday, ! make-up working day): "
            + "; ".join(calendar_lines(problem))
        )
    return "\n".join(line.rstrip() for line in lines)


def demand_verdict(problem: Problem, roster: Roster) -> str:
    """How the head counts compare with the shift demand lines."""
    cells = roster.by_person_day()
    short = over = people_short = people_over = 0
    for demand in problem.demands:
        people = sum(demand.shift_code in cells.get((p.id, demand.day), ()) for p in problem.staff)
        short, people_short = (
            short + (people < demand.people),
            people_short + max(0, demand.people - people),
        )
        over, people_over = (
            over + (people > demand.people),
            people_over + max(0, people - demand.people),
        )
    if not short and not over:
        return f"Shift demand: met exactly on all {len(problem.demands)} shift-days."
    return (
        f"Shift demand: {short} of {len(problem.demands)} shift-days short ({people_short} "
        f"people in all), {over} over ({people_over} people)."
    )


def _day_head(problem: Problem, day: int) -> str:
    entry = problem.calendar_day(day)
    mark = DAY_MARKS[entry.kind] if entry else ""
    return WEEKDAY_NAMES[problem.weekday(day)][:2] + mark


def _label(staff_id: str, name: str) -> str:
    return f"{staff_id} {name}".strip()


def coverage_verdict(problem: Problem, roster: Roster) -> str:
    rows = coverage_rows(problem, roster)
    short = [r for r in rows if r.short]
    if not short:
        return f"Coverage: met in all {len(rows)} time slots."
    structural = [r for r in short if r.note and r.note != "short"]
    coverable = [r for r in short if r.note == "short"]
    parts = []
    if coverable:
        parts.append(f"{len(coverable)} slots short of staff that could have been covered")
    if structural:
        windows = sorted(
            {
                f"{r.line_label}: {r.start // 60:02d}:{r.start % 60:02d}-"
                f"{r.end // 60:02d}:{r.end % 60:02d} ({r.note})"
                for r in structural
            }
        )
        parts.append(f"{len(structural)} slots that no roster can cover [{'; '.join(windows)}]")
    return "Coverage: " + "; ".join(parts) + "."

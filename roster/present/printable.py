"""A roster to print: team pages for the wall and a page per person, as one HTML file.

Each team page is a grid (a row per person, a column per date) for one week or one calendar
month; each person page is a Mon..Sun calendar of that person's shifts for the same period. The
file is self-contained (inline CSS; no fonts, images or scripts fetched) and prints on A4
landscape, one page per sheet. Shifts wear the workbook's colours (`shift_fills`) so print and
workbook look alike, and their codes are always written out, so a black-and-white print reads
the same.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from jinja2 import Environment, PackageLoader, StrictUndefined
from openpyxl.styles import PatternFill

from roster.domain import WEEKDAY_NAMES, Problem, Roster, Shift, Staff
from roster.io.choices import PERIODS, VIEWS
from roster.io.xlsx import HEADER_FILL, WEEKEND_FILL, write_atomically
from roster.present.roster_workbook import (
    HOLIDAY_FILL,
    HOLIDAY_HEADER_FILL,
    WEEKEND_HEADER_FILL,
    WORKDAY_HEADER_FILL,
    shift_fills,
)
from roster.views import calendar_note, weekday_short

TEMPLATE = "printable.html.j2"
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
AT_HOME = "at home, on call"
CALENDAR_HEIGHT_MM = 126  # for the rows of a person's calendar, on an A4 landscape sheet
TALLEST_DAY_MM = 40
TEAM_ROWS_HEIGHT_MM = 110  # for the rows of a team grid: a small team gets taller rows
TEAM_ROW_MM = (6, 11)  # the lowest and the tallest row
# A calendar this many rows high leaves out the shift names (the legend has them); this many
# more writes each shift on one line
COMPACT_FROM_WEEKS = 5
DENSE_FROM_WEEKS = 7


# What the template shows: plain values, worked out here so the template only lays them out.


@dataclass(frozen=True, slots=True)
class Period:
    """The horizon days one page shows: whole 7-day blocks of the horizon. `counted` are the
    days its totals count: all of them for a week, the month's own days for a month."""

    label: str
    totals_label: str
    days: tuple[int, ...]
    counted: frozenset[int]


@dataclass(frozen=True, slots=True)
class DayHead:
    date: str  # ISO, for machines: data-date
    weekday: str  # "Mon"
    label: str  # "7 Dec"
    note: str  # the holiday's name or the make-up working day, else empty
    classes: str  # weekend, holiday, workday, other-month


@dataclass(frozen=True, slots=True)
class TeamCell:
    date: str
    text: str  # "A+C", "leave" or empty for a day off
    background: str  # CSS, empty for none
    classes: str


@dataclass(frozen=True, slots=True)
class TeamRow:
    staff_id: str
    name: str
    cells: tuple[TeamCell, ...]


@dataclass(frozen=True, slots=True)
class TeamGroup:
    name: str  # empty when the team is not split into rotation groups
    rows: tuple[TeamRow, ...]


@dataclass(frozen=True, slots=True)
class HeadCount:
    code: str
    background: str
    counts: tuple[int, ...]  # people on the shift, per column


@dataclass(frozen=True, slots=True)
class TeamPage:
    kind: ClassVar[str] = "team"
    period: Period
    heads: tuple[DayHead, ...]
    groups: tuple[TeamGroup, ...]
    head_counts: tuple[HeadCount, ...]
    row_height_mm: int


@dataclass(frozen=True, slots=True)
class Duty:
    """One shift on a person's calendar."""

    code: str
    name: str
    times: str
    where: str
    background: str


@dataclass(frozen=True, slots=True)
class PersonDay:
    date: str
    label: str
    note: str  # the holiday's name or the make-up working day
    duties: tuple[Duty, ...]
    status: str  # "Off" or "Leave" when there is no duty, else empty
    leave_note: str  # the person's words on the leave request
    classes: str


@dataclass(frozen=True, slots=True)
class Totals:
    shifts: int
    by_code: str  # "A 3, B 2"
    hours: str
    weekends: int


@dataclass(frozen=True, slots=True)
class PersonPage:
    kind: ClassVar[str] = "person"
    staff_id: str
    name: str
    period: Period
    weeks: tuple[tuple[PersonDay | None, ...], ...]  # Mon..Sun; None outside the period
    totals: Totals
    day_height_mm: int
    density: str  # "", "compact" or "dense": how tightly the calendar's days are written


@dataclass(frozen=True, slots=True)
class Sources:
    """What every page draws on: the problem, the roster's cells, leave, the shift colours."""

    problem: Problem
    cells: dict[tuple[str, int], tuple[str, ...]]
    leave: dict[tuple[str, int], str]  # (staff id, day): the request's note
    colours: dict[str, str]  # shift code: "#RRGGBB"


# The public functions


def write_printable(
    problem: Problem,
    roster: Roster,
    path: Path,
    *,
    view: str = "both",
    period: str = "week",
    staff_ids: Sequence[str] | None = None,
) -> None:
    """Write the printable roster to `path` as UTF-8 HTML, atomically: the file is either the
    old one or the whole new one, never half written."""
    text = printable_html(problem, roster, view=view, period=period, staff_ids=staff_ids)
    write_atomically(Path(path), text.encode("utf-8"))


def printable_html(
    problem: Problem,
    roster: Roster,
    *,
    view: str = "both",
    period: str = "week",
    staff_ids: Sequence[str] | None = None,
) -> str:
    """The printable roster as HTML text: team pages ("team"), person pages ("person") or
    both, one per week or calendar month (`period`), for everybody or only `staff_ids`."""
    _check_choice("view", view, VIEWS)
    _check_choice("period", period, PERIODS)
    people = _chosen_staff(problem, staff_ids)
    sources = _sources(problem, roster)
    periods = _week_periods(problem) if period == "week" else _month_periods(problem)
    pages: list[TeamPage | PersonPage] = []
    if view in ("team", "both"):
        pages += [_team_page(sources, people, p) for p in periods]
    if view in ("person", "both"):
        pages += [_person_page(sources, person, p) for person in people for p in periods]
    return (
        _environment()
        .get_template(TEMPLATE)
        .render(
            title=document_title(problem),
            site=problem.site,
            time_zone=problem.time_zone,
            weekdays=WEEKDAY_NAMES,
            legend=_legend(sources),
            palette=_palette(),
            pages=pages,
        )
    )


def document_title(problem: Problem) -> str:
    """`call_center: 2026-12-07 to 2026-12-27`."""
    first, last = problem.date(0), problem.date(problem.num_days - 1)
    return f"{problem.name or 'Roster'}: {first.isoformat()} to {last.isoformat()}"


# Checking the arguments


def _check_choice(what: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}, not {value!r}")


def _chosen_staff(problem: Problem, staff_ids: Sequence[str] | None) -> tuple[Staff, ...]:
    """Everybody, or the people `staff_ids` names, in the problem's order."""
    if staff_ids is None:
        return problem.staff
    wanted = {staff_ids} if isinstance(staff_ids, str) else set(staff_ids)
    known = {p.id for p in problem.staff}
    if unknown := sorted(wanted - known):
        raise ValueError(
            f"staff_ids holds ids not in the roster: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known))})"
        )
    if not wanted:
        raise ValueError("staff_ids is empty: give at least one id, or None for everybody")
    return tuple(p for p in problem.staff if p.id in wanted)


def _sources(problem: Problem, roster: Roster) -> Sources:
    return Sources(
        problem=problem,
        cells=roster.by_person_day(),
        leave={(r.staff_id, r.day): r.note for r in problem.requests_of(("leave",))},
        colours={code: _hex(fill) for code, fill in shift_fills(problem).items()},
    )


def _hex(fill: PatternFill) -> str:
    return f"#{str(fill.fgColor.rgb)[-6:]}"


# Periods


def _week_periods(problem: Problem) -> list[Period]:
    return [
        Period(
            label=f"Week {number} · {_span(problem, block[0], block[-1])}",
            totals_label="this week",
            days=tuple(block),
            counted=frozenset(block),
        )
        for number, block in enumerate(problem.week_days(), start=1)
    ]


def _month_periods(problem: Problem) -> list[Period]:
    """A page per calendar month the horizon touches, showing the horizon's weeks with a day
    in that month; the days of those weeks in another month are shown but not counted."""
    months = sorted({_month_of(problem, day) for day in problem.days})
    periods = []
    for year, month in months:
        blocks = [
            b for b in problem.week_days() if any(_month_of(problem, d) == (year, month) for d in b)
        ]
        days = tuple(day for block in blocks for day in block)
        name = f"{MONTH_NAMES[month - 1]} {year}"
        periods.append(
            Period(
                label=f"{name} · weeks {_span(problem, days[0], days[-1])}",
                totals_label=f"in {name}",
                days=days,
                counted=frozenset(d for d in days if _month_of(problem, d) == (year, month)),
            )
        )
    return periods


def _month_of(problem: Problem, day: int) -> tuple[int, int]:
    date = problem.date(day)
    return date.year, date.month


def _span(problem: Problem, first: int, last: int) -> str:
    return f"{problem.date(first).isoformat()} to {problem.date(last).isoformat()}"


# Days


def _short_date(date: dt.date) -> str:
    return f"{date.day} {MONTH_NAMES[date.month - 1][:3]}"


def _day_classes(problem: Problem, day: int, period: Period) -> list[str]:
    classes = ["weekend"] if problem.is_weekend(day) else []
    entry = problem.calendar_day(day)
    if entry is not None:
        classes.append(entry.kind)  # holiday or workday
    if day not in period.counted:
        classes.append("other-month")
    return classes


def _day_head(problem: Problem, day: int, period: Period) -> DayHead:
    return DayHead(
        date=problem.date(day).isoformat(),
        weekday=weekday_short(problem, day),
        label=_short_date(problem.date(day)),
        note=calendar_note(problem, day),
        classes=" ".join(_day_classes(problem, day, period)),
    )


def _background(sources: Sources, codes: tuple[str, ...]) -> str:
    """The shift's colour; two shifts on a day side by side."""
    colours = [sources.colours[code] for code in codes]
    if len(colours) <= 1:
        return colours[0] if colours else ""
    share = 100 / len(colours)
    stops = ", ".join(
        f"{colour} {i * share:g}% {(i + 1) * share:g}%" for i, colour in enumerate(colours)
    )
    return f"linear-gradient(to right, {stops})"


# Team pages


def _team_page(sources: Sources, people: tuple[Staff, ...], period: Period) -> TeamPage:
    problem = sources.problem
    groups = tuple(
        TeamGroup(name=name, rows=tuple(_team_row(sources, person, period) for person in members))
        for name, members in _groups(problem, people)
    )
    return TeamPage(
        period=period,
        heads=tuple(_day_head(problem, day, period) for day in period.days),
        groups=groups,
        head_counts=_head_counts(sources, people, period),
        row_height_mm=_team_row_height(len(people) + len(groups)),
    )


def _team_row_height(rows: int) -> int:
    lowest, tallest = TEAM_ROW_MM
    return max(lowest, min(tallest, TEAM_ROWS_HEIGHT_MM // max(rows, 1)))


def _groups(problem: Problem, people: tuple[Staff, ...]) -> list[tuple[str, list[Staff]]]:
    """The people by rotation group (in each group's order, the ungrouped last) when there are
    several groups; else one unnamed group in the problem's order."""
    if len(problem.rotations) < 2:
        return [("", list(people))]
    chosen = {p.id: p for p in people}
    groups = [
        (group.name, [chosen[i] for i in group.staff_ids if i in chosen])
        for group in problem.rotations
    ]
    grouped = {i for group in problem.rotations for i in group.staff_ids}
    groups.append(("Not in a rotation", [p for p in people if p.id not in grouped]))
    return [(name, members) for name, members in groups if members]


def _team_row(sources: Sources, person: Staff, period: Period) -> TeamRow:
    return TeamRow(
        staff_id=person.id,
        name=person.name,
        cells=tuple(_team_cell(sources, person.id, day, period) for day in period.days),
    )


def _team_cell(sources: Sources, staff_id: str, day: int, period: Period) -> TeamCell:
    codes = sources.cells.get((staff_id, day), ())
    on_leave = not codes and (staff_id, day) in sources.leave
    state = "on" if codes else "leave" if on_leave else "off"
    return TeamCell(
        date=sources.problem.date(day).isoformat(),
        text="+".join(codes) or ("leave" if on_leave else ""),
        background=_background(sources, codes),
        classes=" ".join([*_day_classes(sources.problem, day, period), state]),
    )


def _head_counts(
    sources: Sources, people: tuple[Staff, ...], period: Period
) -> tuple[HeadCount, ...]:
    return tuple(
        HeadCount(
            code=shift.code,
            background=sources.colours[shift.code],
            counts=tuple(
                sum(shift.code in sources.cells.get((p.id, day), ()) for p in people)
                for day in period.days
            ),
        )
        for shift in sources.problem.shifts
    )


# Person pages


def _person_page(sources: Sources, person: Staff, period: Period) -> PersonPage:
    weeks = tuple(
        tuple(None if day is None else _person_day(sources, person.id, day, period) for day in week)
        for week in _calendar_weeks(sources.problem, period.days)
    )
    return PersonPage(
        staff_id=person.id,
        name=person.name,
        period=period,
        weeks=weeks,
        totals=_totals(sources, person.id, period),
        day_height_mm=min(TALLEST_DAY_MM, CALENDAR_HEIGHT_MM // len(weeks)),
        density=_density(len(weeks)),
    )


def _density(rows: int) -> str:
    if rows >= DENSE_FROM_WEEKS:
        return "compact dense"
    return "compact" if rows >= COMPACT_FROM_WEEKS else ""


def _calendar_weeks(problem: Problem, days: tuple[int, ...]) -> list[list[int | None]]:
    """`days` (consecutive) laid out in rows Monday to Sunday, None before the first and after
    the last."""
    before = [None] * problem.weekday(days[0])
    after = [None] * (6 - problem.weekday(days[-1]))
    slots: list[int | None] = [*before, *days, *after]
    return [slots[i : i + 7] for i in range(0, len(slots), 7)]


def _person_day(sources: Sources, staff_id: str, day: int, period: Period) -> PersonDay:
    problem = sources.problem
    codes = sources.cells.get((staff_id, day), ())
    on_leave = (staff_id, day) in sources.leave
    status = "" if codes else "Leave" if on_leave else "Off"
    return PersonDay(
        date=problem.date(day).isoformat(),
        label=f"{weekday_short(problem, day)} {_short_date(problem.date(day))}",
        note=calendar_note(problem, day),
        duties=tuple(_duty(sources, problem.shift(code)) for code in codes),
        status=status,
        leave_note=sources.leave.get((staff_id, day), "") if on_leave else "",
        classes=" ".join([*_day_classes(problem, day, period), status.lower() or "on"]),
    )


def _duty(sources: Sources, shift: Shift, *, name_site: bool = False) -> Duty:
    """A shift as a calendar box or a legend line (`name_site`: where on site, if known)."""
    site = sources.problem.site if name_site else ""
    return Duty(
        code=shift.code,
        name=shift.name,
        times=_times(shift),
        where=AT_HOME
        if shift.location == "remote"
        else (f"on site at {site}" if site else "on site"),
        background=sources.colours[shift.code],
    )


def _times(shift: Shift) -> str:
    return f"{shift.window} (next day)" if shift.end > 24 * 60 else shift.window


def _totals(sources: Sources, staff_id: str, period: Period) -> Totals:
    problem = sources.problem
    worked = {day: sources.cells.get((staff_id, day), ()) for day in sorted(period.counted)}
    codes = [code for day_codes in worked.values() for code in day_codes]
    minutes = sum(problem.shift(code).paid_minutes for code in codes)
    weekends = [[day for day in weekend if day in period.counted] for weekend in problem.weekends()]
    return Totals(
        shifts=len(codes),
        by_code=", ".join(
            f"{s.code} {codes.count(s.code)}" for s in problem.shifts if s.code in codes
        ),
        hours=f"{minutes / 60:g}",
        weekends=sum(1 for weekend in weekends if any(worked[day] for day in weekend)),
    )


# The legend, colours and the template


def _legend(sources: Sources) -> tuple[Duty, ...]:
    return tuple(_duty(sources, shift, name_site=True) for shift in sources.problem.shifts)


def _palette() -> dict[str, str]:
    """The workbook's fills for headers, weekends and calendar days, as CSS colours."""
    fills = {
        "header": HEADER_FILL,
        "weekend_header": WEEKEND_HEADER_FILL,
        "holiday_header": HOLIDAY_HEADER_FILL,
        "workday_header": WORKDAY_HEADER_FILL,
        "weekend": WEEKEND_FILL,
        "holiday": HOLIDAY_FILL,
    }
    return {name: _hex(fill) for name, fill in fills.items()}


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("roster.present", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )

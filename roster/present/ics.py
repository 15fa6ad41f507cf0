"""Writes one iCalendar (.ics, RFC 5545) file per person: their shifts, leave and public holidays.

Each file is a calendar a person can import or subscribe to: one timed event per shift worked, in
the site's time zone (a shift past midnight ends the next day), and all-day events for the
public holidays and make-up working days of the horizon and for the person's own leave.

UIDs depend only on what an event is (person, date and shift for a shift), never on when the
file was written, so importing a re-exported roster updates the events instead of doubling them.
The same roster with the same `stamp` gives byte-identical files.

Files are named `<staff id>-<name>.ics` (S01-Wang-Fang.ics, S02-王芳.ics): both parts keep
letters and digits of any script and `_`, every other run of characters (spaces, slashes, dots,
quotes) becomes one `-`, and a part with nothing left is dropped (`person.ics` when both are).
Windows device names get a `_` (CON_.ics); names that would clash, also apart from case on
case-insensitive file systems, get `-2`, `-3`... in Staff order.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import unicodedata
import uuid
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from icalendar import Calendar, Event, Timezone

from roster.domain import MINUTES_PER_DAY, Assignment, Problem, Roster, Shift, Staff
from roster.errors import InputError, InputIssue
from roster.io.xlsx import write_atomically

PRODID = "-//roster-cpsat//Shift roster//EN"
UID_NAMESPACE = uuid.UUID("5b0c6f0e-6d1a-4c57-9a43-2f4f5bb5d7a1")  # fixed: UIDs stay stable
UID_DOMAIN = "roster-cpsat"
OFFICE = "Office"  # where on-site shifts are, when the problem names no site
AT_HOME = "Home (on call)"
ALL_DAY_TITLES = {"holiday": "Public holiday", "workday": "Make-up working day"}
LEAVE_TITLE = "Leave"
TIME_ZONE_EXAMPLE = "an IANA time zone name such as Asia/Shanghai, Europe/Berlin or UTC"
MAX_NAME_CHARACTERS = 60  # of the name part of a file name
# Names Windows keeps for devices, whatever the extension
WINDOWS_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{d}{n}" for d in ("COM", "LPT") for n in "123456789"
}


@dataclass(frozen=True, slots=True)
class _Entry:
    """One event, with the key that orders the events of a file."""

    sort_key: tuple[dt.date, int, str]
    event: Event


def one_line(text: str) -> str:
    """Text as one line: a name typed with Alt+Enter in Excel holds a line break, which a
    calendar's title or name may not."""
    return " ".join(text.split())


def write_calendars(
    problem: Problem,
    roster: Roster,
    directory: Path,
    *,
    time_zone: str | None = None,
    stamp: dt.datetime | None = None,
    staff_ids: Sequence[str] = (),
) -> list[Path]:
    """Write one .ics file per person (of `staff_ids`; by default everybody) into `directory`
    (made if missing) and return the paths, in Staff order.

    `time_zone` (an IANA name) overrides the problem's; without either, an InputError says
    how to give one. `stamp` is the DTSTAMP of every event (default: now); a naive one is
    taken as UTC.
    """
    problem, roster = _only(problem, roster, staff_ids)
    zone_name = _time_zone_name(problem, time_zone)
    zone = zoneinfo.ZoneInfo(zone_name)
    vtimezone = _vtimezone(problem, zone, zone_name)
    stamp = _utc(stamp or dt.datetime.now(dt.UTC))
    directory = Path(directory)
    contents = {  # every calendar made before the folder is touched
        directory / file_name: _person_calendar(
            problem, roster, person, zone, zone_name, vtimezone, stamp
        ).to_ical()
        for person, file_name in zip(problem.staff, _file_names(problem.staff), strict=True)
    }
    directory.mkdir(parents=True, exist_ok=True)
    for path, content in contents.items():
        write_atomically(path, content)
    return list(contents)


def _only(problem: Problem, roster: Roster, staff_ids: Sequence[str]) -> tuple[Problem, Roster]:
    """The problem and roster of `staff_ids` alone (everybody when empty)."""
    if not staff_ids:
        return problem, roster
    staff = tuple(p for p in problem.staff if p.id in staff_ids)
    kept = frozenset(a for a in roster.assignments if a.staff_id in staff_ids)
    return dataclasses.replace(problem, staff=staff), Roster(assignments=kept)


# The time zone


def _time_zone_name(problem: Problem, given: str | None) -> str:
    """The IANA name to use, as the time zone database spells it."""
    if given is not None and given.strip():
        return _known_zone(given, file="--time-zone")
    if problem.time_zone:
        return _known_zone(problem.time_zone, file=_workbook(problem), sheet="Settings")
    raise InputError(
        [
            InputIssue(
                file=_workbook(problem),
                sheet="Settings",
                problem="no time zone is given, and calendar files need the site's time zone",
                expected=f"a time_zone row with {TIME_ZONE_EXAMPLE}",
                hint="Add a time_zone row (e.g. Asia/Shanghai) to the Settings sheet of the "
                "input workbook, or pass --time-zone Asia/Shanghai",
            )
        ]
    )


def _known_zone(name: str, *, file: str, sheet: str | None = None) -> str:
    """`name` as the time zone database spells it (asia/shanghai: Asia/Shanghai), or an
    InputError, located at `file` and `sheet`, that suggests the closest name."""
    known = {zone.lower(): zone for zone in zoneinfo.available_timezones()}
    wanted = name.strip().lower()
    if wanted in known:
        return known[wanted]
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.6)
    hint = f"Did you mean {known[close[0]]}?" if close else ""
    raise InputError(
        [
            InputIssue(
                file=file,
                sheet=sheet,
                problem="is not a time zone the time zone database knows",
                value=name,
                expected=TIME_ZONE_EXAMPLE,
                hint=hint,
            )
        ]
    )


def _workbook(problem: Problem) -> str:
    return problem.name or "the input workbook"


def _vtimezone(problem: Problem, zone: zoneinfo.ZoneInfo, zone_name: str) -> Timezone:
    """The VTIMEZONE for `zone` over whole years round the horizon (a shift of the last day may
    end the next morning)."""
    first = dt.date(problem.start_date.year, 1, 1)
    last = dt.date(problem.date(problem.num_days).year + 1, 1, 1)
    return Timezone.from_tzinfo(zone, tzid=zone_name, first_date=first, last_date=last)


def _utc(stamp: dt.datetime) -> dt.datetime:
    aware = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=dt.UTC)
    return aware.astimezone(dt.UTC).replace(microsecond=0)


# One person's calendar


def _person_calendar(
    problem: Problem,
    roster: Roster,
    person: Staff,
    zone: zoneinfo.ZoneInfo,
    zone_name: str,
    vtimezone: Timezone,
    stamp: dt.datetime,
) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(f"Roster: {person.id} {person.name}"))
    calendar.add("x-wr-timezone", zone_name)
    calendar.add_component(vtimezone)
    entries = [
        *_shift_entries(problem, roster, person, zone),
        *_calendar_day_entries(problem),
        *_leave_entries(problem, person),
    ]
    for entry in sorted(entries, key=lambda e: e.sort_key):
        entry.event.add("dtstamp", stamp)
        calendar.add_component(entry.event)
    return calendar


def _shift_entries(
    problem: Problem, roster: Roster, person: Staff, zone: zoneinfo.ZoneInfo
) -> Iterator[_Entry]:
    for assignment in roster.assignments:
        if assignment.staff_id == person.id:
            shift = problem.shift(assignment.shift_code)
            date = problem.date(assignment.day)
            event = _shift_event(problem, assignment, shift, zone)
            yield _Entry((date, shift.start, shift.code), event)


def _shift_event(
    problem: Problem, assignment: Assignment, shift: Shift, zone: zoneinfo.ZoneInfo
) -> Event:
    date = problem.date(assignment.day)
    where = _location(problem, shift)
    event = Event()
    event.add("uid", _uid("shift", assignment.staff_id, date.isoformat(), shift.code))
    event.add("dtstart", _local_time(date, shift.start, zone))
    event.add("dtend", _local_time(date, shift.end, zone))
    event.add("summary", one_line(_shift_summary(problem, assignment.day, shift)))
    event.add("location", one_line(where))
    event.add("categories", [shift.code])
    event.add("description", one_line(f"{shift.name}, {where}. Roster: {_roster_name(problem)}"))
    event.add("transp", "OPAQUE")
    return event


def _local_time(date: dt.date, minutes: int, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The wall-clock time `minutes` after midnight of `date` (1440 and later: a later date)."""
    days, minute = divmod(minutes, MINUTES_PER_DAY)
    clock = dt.time(minute // 60, minute % 60)
    return dt.datetime.combine(date + dt.timedelta(days=days), clock, tzinfo=zone)


def _shift_summary(problem: Problem, day: int, shift: Shift) -> str:
    """`A (Early) 09:00-17:00`; the name alone when it is the code or starts with it."""
    if shift.name == shift.code or shift.name.startswith(f"{shift.code} "):
        title = shift.name
    else:
        title = f"{shift.code} ({shift.name})"
    summary = f"{title} {shift.window}"
    holiday = problem.holiday_name(day)
    return f"{summary} - public holiday: {holiday}" if holiday else summary


def _location(problem: Problem, shift: Shift) -> str:
    if shift.location == "remote":
        return AT_HOME
    return problem.site or OFFICE


def _roster_name(problem: Problem) -> str:
    return problem.name or "roster"


def _calendar_day_entries(problem: Problem) -> Iterator[_Entry]:
    """Public holidays and make-up working days of the horizon, the same in every file."""
    for calendar_day in problem.calendar:
        if calendar_day.day in problem.days and calendar_day.kind in ALL_DAY_TITLES:
            date = problem.date(calendar_day.day)
            title = f"{ALL_DAY_TITLES[calendar_day.kind]}: {calendar_day.name}"
            uid = _uid(calendar_day.kind, date.isoformat(), calendar_day.name)
            yield _Entry((date, -1, title), _all_day_event(uid, date, title, "TRANSPARENT"))


def _leave_entries(problem: Problem, person: Staff) -> Iterator[_Entry]:
    """The person's leave days, one all-day event each; busy, since the person is away."""
    leave_days = {r.day for r in problem.requests_of(("leave",)) if r.staff_id == person.id} & set(
        problem.days
    )
    for day in sorted(leave_days):
        date = problem.date(day)
        uid = _uid("leave", person.id, date.isoformat())
        yield _Entry((date, -1, LEAVE_TITLE), _all_day_event(uid, date, LEAVE_TITLE, "OPAQUE"))


def _all_day_event(uid: str, date: dt.date, summary: str, transparency: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstart", date)
    event.add("dtend", date + dt.timedelta(days=1))
    event.add("summary", one_line(summary))
    event.add("transp", transparency)
    return event


def _uid(*parts: str) -> str:
    """A UID that depends only on `parts`: the same event gets the same UID in every export."""
    key = "\x1f".join(parts)  # a separator no part contains
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@{UID_DOMAIN}"


# Files


def _file_names(staff: tuple[Staff, ...]) -> list[str]:
    """`<id>-<name>.ics` for each person, made unique apart from case."""
    names, taken = [], set()
    for person in staff:
        stem = "-".join(part for part in (_slug(person.id), _slug(person.name)) if part)
        stem = stem or "person"
        if stem.upper() in WINDOWS_DEVICES:
            stem += "_"
        unique, count = stem, 1
        while unique.casefold() in taken:
            count += 1
            unique = f"{stem}-{count}"
        taken.add(unique.casefold())
        names.append(f"{unique}.ics")
    return names


def _slug(text: str) -> str:
    """Letters and digits of any script and `_` kept, every other run made one `-`."""
    normal = unicodedata.normalize("NFC", text)
    slug = re.sub(r"[^\w]+", "-", normal).strip("-")
    return slug[:MAX_NAME_CHARACTERS].rstrip("-")

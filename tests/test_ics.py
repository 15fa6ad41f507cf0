"""One iCalendar file per person: `roster.present.ics.write_calendars`, read back by two parsers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from builder import person, problem, roster, shift
from icalendar import Calendar, Event

from roster import api
from roster.domain import CalendarDay, Problem, Request, Roster, SolveSettings, Staff
from roster.errors import InputError
from roster.io import xlsx
from roster.present import ics
from roster.present.ics import write_calendars

SHANGHAI = ZoneInfo("Asia/Shanghai")
STAMP = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
EARLY = shift("A", "09:00", "17:00")
ON_CALL = shift("C", "20:00", "22:00", location="remote")
NIGHT = shift("N", "22:00", "06:00")
UNSAFE_IN_FILE_NAMES = re.compile(r'[\s<>:"/\\|?*\x00-\x1f]')


@pytest.fixture(scope="module")
def sample() -> api.Result:
    settings = SolveSettings(time_limit_seconds=20, seed=0, workers=2)
    return api.solve(api.load_problem(), settings)


@pytest.fixture(scope="module")
def sample_files(sample: api.Result, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    directory = tmp_path_factory.mktemp("ics") / "not yet there"
    return write_calendars(sample.problem, sample.roster, directory, stamp=STAMP)


def tiny(*shifts: object, staff: tuple[Staff, ...] = (), **fields: object) -> Problem:
    """A one-week problem in Shanghai (Monday 2026-12-07) with P1 and P2, unless told."""
    made = problem(shifts=shifts or (EARLY, ON_CALL), staff=staff or (person("P1"), person("P2")))
    return dataclasses.replace(made, **{"time_zone": "Asia/Shanghai", **fields})  # type: ignore[arg-type]


def export(prob: Problem, rost: Roster, directory: Path, **options: object) -> list[Path]:
    return write_calendars(prob, rost, directory, stamp=STAMP, **options)  # type: ignore[arg-type]


def calendar_of(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(path: Path) -> list[Event]:
    return list(calendar_of(path).walk("VEVENT"))


def timed(path: Path) -> list[Event]:
    return [e for e in events(path) if isinstance(e.decoded("DTSTART"), dt.datetime)]


def all_day(path: Path) -> list[Event]:
    return [e for e in events(path) if not isinstance(e.decoded("DTSTART"), dt.datetime)]


def only(found: list[Event]) -> Event:
    assert len(found) == 1, [str(e["SUMMARY"]) for e in found]
    return found[0]


def wall_clock(date: dt.date, minutes: int) -> dt.datetime:
    """Minutes after midnight of `date` on Shanghai's clock (no daylight saving there)."""
    return dt.datetime(date.year, date.month, date.day, tzinfo=SHANGHAI) + dt.timedelta(
        minutes=minutes
    )


# The bundled sample, round trip


def test_every_assignment_comes_back_once_with_its_times_in_the_site_zone(
    sample: api.Result, sample_files: list[Path]
) -> None:
    prob = sample.problem
    expected = Counter()
    for a in sample.roster.assignments:
        s, date = prob.shift(a.shift_code), prob.date(a.day)
        expected[
            (a.staff_id, date, a.shift_code, wall_clock(date, s.start), wall_clock(date, s.end))
        ] += 1
    found = Counter()
    for p, path in zip(prob.staff, sample_files, strict=True):
        assert str(calendar_of(path)["X-WR-CALNAME"]) == f"Roster: {p.id} {p.name}"
        for event in timed(path):
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            (code,) = event["CATEGORIES"].cats
            found[(p.id, start.date(), code, start, end)] += 1
    assert found == expected
    assert all(start.utcoffset() == dt.timedelta(hours=8) for *_, start, _ in found)


def test_a_double_duty_gives_two_events_on_its_day(
    sample: api.Result, sample_files: list[Path]
) -> None:
    prob = sample.problem
    doubles = [(s, d) for (s, d), codes in sample.roster.by_person_day().items() if len(codes) > 1]
    if not doubles:
        pytest.skip("this solve of the sample has no double duty")
    staff_id, day = doubles[0]
    path = sample_files[[p.id for p in prob.staff].index(staff_id)]
    on_day = [e for e in timed(path) if e.decoded("DTSTART").date() == prob.date(day)]
    summaries = sorted(str(e["SUMMARY"]) for e in on_day)
    assert summaries == ["A day shift (office) 09:00-17:00", "C evening on call (home) 20:00-22:00"]
    assert on_day[0].decoded("DTSTART") == dt.datetime.combine(
        prob.date(day), dt.time(9), tzinfo=SHANGHAI
    )


def test_one_file_per_person_in_staff_order_in_a_new_directory(
    sample: api.Result, sample_files: list[Path]
) -> None:
    assert [p.name for p in sample_files] == [
        "S01-Wang-Fang.ics",
        "S02-Li-Na.ics",
        "S03-Zhang-Wei.ics",
        "S04-Liu-Yang.ics",
    ]
    assert sorted(p.name for p in sample_files[0].parent.iterdir()) == sorted(
        p.name for p in sample_files
    )  # and no temporary file left behind


def test_the_calendar_says_what_it_is(sample_files: list[Path]) -> None:
    calendar = calendar_of(sample_files[0])
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == ics.PRODID
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Shanghai"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Shanghai"
    assert calendar.subcomponents[0] is zone  # before the events that use it


def test_shift_events_say_where_and_are_busy(sample: api.Result, sample_files: list[Path]) -> None:
    for event in timed(sample_files[0]):
        (code,) = event["CATEGORIES"].cats
        where = "Home (on call)" if code == "C" else "Customer service centre, 3rd floor"
        assert str(event["LOCATION"]) == where
        assert str(event["TRANSP"]) == "OPAQUE"
        assert str(event["DESCRIPTION"]).endswith(f"{where}. Roster: call_center")


# RFC 5545 hygiene, checked on the bytes


def content_lines(path: Path) -> list[bytes]:
    data = path.read_bytes()
    assert data.endswith(b"\r\n")
    lines = data[:-2].split(b"\r\n")
    assert not any(b"\n" in line or b"\r" in line for line in lines), "a bare LF or CR"
    return lines


def unfolded(path: Path) -> list[str]:
    logical: list[bytes] = []
    for line in content_lines(path):
        if line.startswith(b" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return [line.decode("utf-8") for line in logical]


def test_lines_end_in_crlf_and_fold_at_75_octets_between_characters(tmp_path: Path) -> None:
    long_name = "王芳" * 40  # three octets a character: folding must not split one
    staff = (Staff(id="S01", name=long_name),)
    paths = export(tiny(staff=staff), roster(("S01", 0, "A")), tmp_path)
    lines = content_lines(paths[0])
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines), "nothing was long enough to fold"
    for line in lines:
        line.decode("utf-8")  # each physical line is whole characters
    assert f"X-WR-CALNAME:Roster: S01 {long_name}" in unfolded(paths[0])


def test_every_event_has_a_uid_unique_in_its_file_and_a_utc_dtstamp(
    sample_files: list[Path],
) -> None:
    for path in sample_files:
        found = events(path)
        assert found
        uids = [str(e["UID"]) for e in found]
        assert len(set(uids)) == len(uids)
        assert {e.decoded("DTSTAMP") for e in found} == {STAMP}
        lines = unfolded(path)
        assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == len(found)
        assert lines.count("DTSTAMP:20261130T080000Z") == len(found)


def test_a_second_parser_reads_the_same_events(sample_files: list[Path]) -> None:
    vobject = pytest.importorskip(
        "vobject", reason="vobject (an independent iCalendar parser) is not installed"
    )
    for path in sample_files:
        parsed = vobject.readOne(path.read_text(encoding="utf-8"))
        theirs = {
            (v.uid.value, v.summary.value, v.dtstart.value, v.dtend.value)
            for v in parsed.vevent_list
        }
        ours = {
            (str(e["UID"]), str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND"))
            for e in events(path)
        }
        assert theirs == ours
        assert len(parsed.vevent_list) == len(ours)
        assert parsed.vevent_list[0].dtstart.value.utcoffset() == dt.timedelta(hours=8)


# Determinism and stable identities


def test_same_roster_and_stamp_give_identical_bytes(
    sample: api.Result, sample_files: list[Path], tmp_path: Path
) -> None:
    again = write_calendars(sample.problem, sample.roster, tmp_path, stamp=STAMP)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in sample_files]


def test_uids_follow_the_shift_not_the_export(tmp_path: Path) -> None:
    prob = tiny()
    first = export(prob, roster(("P1", 0, "A"), ("P1", 1, "A")), tmp_path / "one")
    later = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    second = write_calendars(
        prob, roster(("P1", 1, "A"), ("P1", 2, "C")), tmp_path / "two", stamp=later
    )

    def uid_by_start(path: Path) -> dict[dt.datetime, str]:
        return {e.decoded("DTSTART"): str(e["UID"]) for e in timed(path)}

    before, after = uid_by_start(first[0]), uid_by_start(second[0])
    tuesday = dt.datetime(2026, 12, 8, 9, tzinfo=SHANGHAI)
    assert before[tuesday] == after[tuesday]
    assert len(set(before.values()) | set(after.values())) == 3
    assert {e.decoded("DTSTAMP") for e in events(second[0])} == {later}


def test_a_published_roster_exports_the_same_events(
    sample: api.Result, sample_files: list[Path], tmp_path: Path
) -> None:
    """Re-exporting from the roster workbook keeps every UID, time and place (the roster's
    name, in DESCRIPTION, is the workbook's)."""
    sample.to_excel(tmp_path / "published.xlsx")
    prob, rost = api.load_published(tmp_path / "published.xlsx")
    again = write_calendars(prob, rost, tmp_path / "again", stamp=STAMP)

    def shown(path: Path) -> list[tuple[object, ...]]:
        keys = ("UID", "SUMMARY", "LOCATION", "DTSTART", "DTEND")
        return [tuple(e.decoded(k) for k in keys) for e in events(path)]

    assert [p.name for p in again] == [p.name for p in sample_files]
    assert [shown(p) for p in again] == [shown(p) for p in sample_files]


def test_the_stamp_defaults_to_now_in_utc(tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    (path, _) = write_calendars(tiny(), roster(("P1", 0, "A")), tmp_path)
    stamp = only(events(path)).decoded("DTSTAMP")
    assert stamp.utcoffset() == dt.timedelta(0)
    assert before <= stamp <= dt.datetime.now(dt.UTC)


# Times


def test_a_shift_past_midnight_ends_the_next_morning(tmp_path: Path) -> None:
    (path, _) = export(tiny(NIGHT), roster(("P1", 6, "N")), tmp_path)
    event = only(events(path))
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 13, 22, tzinfo=SHANGHAI)
    assert event.decoded("DTEND") == dt.datetime(2026, 12, 14, 6, tzinfo=SHANGHAI)
    assert str(event["SUMMARY"]) == "N 22:00-06:00"
    assert "DTEND;TZID=Asia/Shanghai:20261214T060000" in unfolded(path)


def test_a_night_across_the_end_of_daylight_saving_keeps_its_wall_clock(tmp_path: Path) -> None:
    # Berlin's clocks go back at 03:00 on Sunday 2026-10-25: the night lasts nine hours
    prob = tiny(NIGHT, start_date=dt.date(2026, 10, 19))
    (path, _) = export(prob, roster(("P1", 5, "N")), tmp_path, time_zone="Europe/Berlin")
    event = only(events(path))
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, end.hour, end.date()) == (22, 6, dt.date(2026, 10, 25))
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=9)
    (zone,) = calendar_of(path).walk("VTIMEZONE")
    assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


# Holidays, make-up working days and leave


HOLIDAYS = (
    CalendarDay(day=2, name="Founders' Day", kind="holiday"),
    CalendarDay(day=5, name="Founders' Day", kind="workday"),
    CalendarDay(day=9, name="After the horizon", kind="holiday"),
)


def test_holidays_and_make_up_days_are_all_day_and_free(tmp_path: Path) -> None:
    paths = export(tiny(calendar=HOLIDAYS), roster(("P1", 0, "A")), tmp_path)
    for path in paths:  # in everybody's file, worked or not
        days = {str(e["SUMMARY"]): e for e in all_day(path)}
        assert set(days) == {"Public holiday: Founders' Day", "Make-up working day: Founders' Day"}
        holiday = days["Public holiday: Founders' Day"]
        assert holiday.decoded("DTSTART") == dt.date(2026, 12, 9)
        assert holiday.decoded("DTEND") == dt.date(2026, 12, 10)
        assert str(holiday["TRANSP"]) == "TRANSPARENT"
        assert "DTSTART;VALUE=DATE:20261209" in unfolded(path)
    uids = [{str(e["UID"]) for e in all_day(path)} for path in paths]
    assert uids[0] == uids[1]  # one holiday, whoever's calendar it is in


def test_a_shift_on_a_public_holiday_says_so(tmp_path: Path) -> None:
    (path, _) = export(tiny(calendar=HOLIDAYS), roster(("P1", 2, "A"), ("P1", 5, "A")), tmp_path)
    summaries = sorted(str(e["SUMMARY"]) for e in timed(path))
    assert summaries == ["A 09:00-17:00", "A 09:00-17:00 - public holiday: Founders' Day"]
    on_holiday = next(e for e in timed(path) if "holiday" in str(e["SUMMARY"]))
    assert on_holiday.decoded("DTSTART").date() == dt.date(2026, 12, 9)


def test_leave_is_in_the_own_calendar_only(tmp_path: Path) -> None:
    requests = (
        Request(staff_id="P1", day=3, kind="leave"),
        Request(staff_id="P1", day=4, kind="prefer_off"),
        Request(staff_id="P1", day=12, kind="leave"),  # after the horizon
    )
    own, other = export(tiny(requests=requests), roster(), tmp_path)
    leave = only(all_day(own))
    assert str(leave["SUMMARY"]) == "Leave"
    assert (leave.decoded("DTSTART"), leave.decoded("DTEND")) == (
        dt.date(2026, 12, 10),
        dt.date(2026, 12, 11),
    )
    assert events(other) == []


# Where


@pytest.mark.parametrize(
    ("site", "code", "where"),
    [
        ("Tower B, 12th floor", "A", "Tower B, 12th floor"),
        ("", "A", "Office"),
        ("Tower B, 12th floor", "C", "Home (on call)"),
    ],
)
def test_location_is_the_site_or_home(tmp_path: Path, site: str, code: str, where: str) -> None:
    (path, _) = export(tiny(site=site), roster(("P1", 0, code)), tmp_path)
    assert str(only(events(path))["LOCATION"]) == where


# The time zone


def test_no_time_zone_anywhere_says_how_to_give_one(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        export(tiny(time_zone=""), roster(("P1", 0, "A")), tmp_path / "out")
    (issue,) = error.value.issues
    text = str(issue)
    assert "time_zone row" in text and "Settings sheet" in text and "--time-zone" in text
    assert "Asia/Shanghai" in text
    assert not (tmp_path / "out").exists()


def test_an_explicit_time_zone_overrides_the_problems(tmp_path: Path) -> None:
    (path, _) = export(
        tiny(time_zone=""), roster(("P1", 0, "A")), tmp_path, time_zone="Europe/Berlin"
    )
    start = only(events(path)).decoded("DTSTART")
    assert start == dt.datetime(2026, 12, 7, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    assert str(calendar_of(path)["X-WR-TIMEZONE"]) == "Europe/Berlin"


def test_a_time_zone_in_other_case_is_spelt_as_the_database_does(tmp_path: Path) -> None:
    (path, _) = export(tiny(), roster(("P1", 0, "A")), tmp_path, time_zone="asia/SHANGHAI")
    assert "DTSTART;TZID=Asia/Shanghai:20261207T090000" in unfolded(path)


@pytest.mark.parametrize("given", ["Asia/Shanghia", "Mars/Olympus_Mons", "../etc/passwd"])
def test_an_unknown_explicit_time_zone_is_a_clear_error(tmp_path: Path, given: str) -> None:
    with pytest.raises(InputError) as error:
        export(tiny(), roster(("P1", 0, "A")), tmp_path, time_zone=given)
    (issue,) = error.value.issues
    assert issue.file == "--time-zone"
    assert repr(given) in str(issue) and "IANA time zone name" in str(issue)
    if given == "Asia/Shanghia":
        assert str(issue).endswith("Did you mean Asia/Shanghai?")


def test_an_unknown_time_zone_in_the_problem_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as error:
        export(tiny(time_zone="Asia/Peking", name="team"), roster(), tmp_path)
    (issue,) = error.value.issues
    assert str(issue).startswith("team, sheet Settings: is not a time zone")


# Files


def test_file_names_are_safe_and_distinct(tmp_path: Path) -> None:
    staff = (
        Staff(id="S01", name="王芳"),
        Staff(id="a/b", name='Who? "Me" <x>'),
        Staff(id="a b", name="Who Me x"),
        Staff(id="s01", name="王芳"),
        Staff(id="CON", name=""),
        Staff(id="..", name="."),
    )
    paths = export(tiny(staff=staff), roster(), tmp_path)
    names = [p.name for p in paths]
    assert names == [
        "S01-王芳.ics",
        "a-b-Who-Me-x.ics",
        "a-b-Who-Me-x-2.ics",
        "s01-王芳-2.ics",
        "CON_.ics",
        "person.ics",
    ]
    assert not any(UNSAFE_IN_FILE_NAMES.search(n) for n in names)
    assert len({n.casefold() for n in names}) == len(names)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path, _) = export(tiny(), roster(("P1", 0, "A")), tmp_path)
    old = path.read_bytes()

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(xlsx.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        export(tiny(), roster(("P1", 1, "A")), tmp_path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["P1-Person-P1.ics", "P2-Person-P2.ics"]


def test_a_person_with_no_shift_still_gets_a_valid_calendar(tmp_path: Path) -> None:
    (_, path) = export(tiny(), roster(("P1", 0, "A")), tmp_path)
    calendar = calendar_of(path)
    assert events(path) == []
    assert [c.name for c in calendar.subcomponents] == ["VTIMEZONE"]

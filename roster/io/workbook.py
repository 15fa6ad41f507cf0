"""Reads the canonical input workbook (Shifts, Staff, Coverage, Demand, Availability, Holidays,
Rules, Settings).

Every problem found is collected and raised at once as an `InputError`; nothing is half-read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import zipfile
import zoneinfo
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

import openpyxl
from openpyxl.utils import get_column_letter

from roster.calendar import (
    COUNTRY_EXAMPLES,
    DAY_KEYWORDS,
    DEFAULT_NAMES,
    HOLIDAY,
    NO_CALENDAR,
    country_code,
    roster_calendar,
)
from roster.constraints import RULES_BY_NAME
from roster.domain import (
    DAYS_PER_WEEK,
    LOOKBACK_WEEKS,
    MINUTES_PER_DAY,
    WEEKDAY_NAMES,
    Assignment,
    CalendarDay,
    CoverageLine,
    History,
    Problem,
    Request,
    RotationGroup,
    RuleConfig,
    Shift,
    ShiftDemand,
    SolveSettings,
    Staff,
)
from roster.errors import InputError, InputIssue
from roster.io.cells import (
    BadValue,
    Row,
    Table,
    did_you_mean,
    normalise_header,
    number_text,
    one_of,
    parse_date,
    parse_number,
    split_list,
)
from roster.io.requests import Horizon, StaffFinder, contradictions, read_requests
from roster.io.schema import (
    AVAILABILITY,
    COVERAGE,
    DAYS_EXPECTED,
    DEMAND,
    HISTORY,
    HOLIDAYS,
    MAX_SHIFTS_EXPECTED,
    RULES,
    SETTING_ROWS,
    SETTINGS,
    SHEET_NAMES,
    SHEETS,
    SHIFTS,
    STAFF,
    Sheet,
    setting_row,
    text_id,
)

ROSTER_SHEET = "Roster"  # the sheet of an output workbook that `roster check` reads back
INPUT_PREFIX = "Input "  # an output workbook's copies of the input sheets: "Input Staff"

_WEEKDAY_WORDS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAY_WORDS.update({name[:3].lower(): i for i, name in enumerate(WEEKDAY_NAMES)})
_DAY_GROUPS = {
    "daily": range(7),
    "every day": range(7),
    "weekdays": range(5),
    "weekends": range(5, 7),
    "weekend": range(5, 7),
}


@dataclass(frozen=True, slots=True)
class FollowOn:
    """What a roster that follows on from earlier ones takes from them instead of the workbook's
    own start date, History sheet and rotation week (`roster solve --after`)."""

    start: dt.date
    history: History  # every day the earlier rosters know, cut to the look-back when read
    rotation_week: int | None  # 1 for the pattern's first week; None: the workbook's own


def read_problem(
    path: str | Path,
    *,
    weeks: int | None = None,
    mode: str | None = None,
    prefix: str = "",
    follow_on: FollowOn | None = None,
) -> Problem:
    """Read an input workbook; `weeks` and `mode` replace the Settings sheet's values, and
    `follow_on` the start, History and rotation week. With a `prefix`, the input sheets are those
    whose names start with it (`INPUT_PREFIX`: the inputs a roster workbook carries)."""
    path = Path(path)
    sheets = _open(path, _titled(prefix))
    return problem_from(sheets, path, weeks=weeks, mode=mode, prefix=prefix, follow_on=follow_on)


def problem_from(
    sheets: dict[str, list[tuple[object, ...]]],
    path: Path,
    *,
    weeks: int | None = None,
    mode: str | None = None,
    prefix: str = "",
    follow_on: FollowOn | None = None,
) -> Problem:
    """The problem in the sheets `_open` read from `path` (see `read_problem`)."""
    if prefix:
        sheets = _unprefixed(sheets, prefix)
    file = path.name
    missing = [s.name for s in SHEETS if s.name not in sheets and not s.optional]
    if missing:
        found = ", ".join(sheets) or "none"
        optional = [s.name for s in SHEETS if s.optional]
        expected = f"sheets {', '.join(SHEET_NAMES)} ({one_of(optional)} may be left out)"
        hint = (
            f"Sheets found: {found}. Add the sheet with its header row, or rename the sheet "
            "that holds it"
        )
        if prefix:
            expected = f"a roster workbook written by `roster solve`, with sheets {prefix}Shifts"
            hint = (
                f"Sheets found: {found}. A roster written by an earlier version carries no "
                "inputs: give the input workbook it was solved from with --input"
            )
        raise InputError(
            [
                InputIssue(
                    file=file,
                    problem=f"sheet '{prefix}{name}' is missing",
                    expected=expected,
                    hint=hint,
                )
                for name in missing
            ]
        )
    issues: list[InputIssue] = []

    notices: list[str] = []

    def table(sheet: Sheet) -> Table:
        rows = sheets.get(sheet.name, [sheet.headers])  # a left-out sheet: no rows
        read = Table(file, prefix + sheet.name, rows, sheet.columns, issues)
        notices.extend(read.ignored_columns())
        return read

    sheet = _settings(table(SETTINGS))
    settings, start, sheet_weeks, country = sheet.solve, sheet.start, sheet.weeks, sheet.country
    rotation_week = sheet.rotation_week
    if follow_on is not None:
        start, rotation_week = follow_on.start, follow_on.rotation_week or rotation_week
    weeks = weeks or sheet_weeks
    rotating = (mode or sheet.mode) == "rotating"
    shifts, codes = _shifts(table(SHIFTS))
    staff = _staff(table(STAFF), codes)
    if follow_on is not None:
        history: History | None = _carried(follow_on.history, sheet.lookback_weeks, staff, codes)
        notices.extend(_left_out(follow_on.history, staff))
        issues.extend(_unknown_codes(follow_on.history, codes))
    else:
        history = _history(table(HISTORY), start, staff, codes)
    listed = _holidays(table(HOLIDAYS), start)
    dates = _dated_horizon(start, weeks, country, listed, history.days if history else 0)
    coverage = _coverage(table(COVERAGE), dates)
    demands = _demands(table(DEMAND), dates, codes)
    # Another horizon than the sheet's: lines outside it are dropped
    clip = weeks != sheet_weeks or start != sheet.start
    availability = table(AVAILABILITY)
    requests = _availability(availability, start, weeks, staff, codes, clip=clip)
    rules = _rules(table(RULES))
    if issues:
        order = [prefix + name for name in SHEET_NAMES]
        raise InputError(sorted(issues, key=lambda issue: order.index(issue.sheet or "")))
    assert start is not None and weeks is not None and dates is not None
    return Problem(
        name=path.stem,
        start_date=start,
        weeks=weeks,
        shifts=shifts,
        staff=staff,
        coverage=coverage,
        demands=demands,
        requests=requests,
        rules=rules,
        settings=settings,
        calendar=dates.calendar,
        holiday_country=country,
        calendar_warnings=dates.calendar_warnings,
        input_warnings=tuple(notices),
        rotations=rotation_groups(staff, sheet.pattern_weeks, rotation_week) if rotating else (),
        time_zone=sheet.time_zone,
        site=sheet.site,
        history=history,
        lookback_weeks=sheet.lookback_weeks,
    )


# What a roster's workbook can need, with room to spare; beyond it a file is refused, not read.
# Rows: each input sheet's own limit (schema.py), the Roster sheet's, and any other sheet's.
ROSTER_ROWS = 20_001  # a header and 20,000 people
MAX_ROWS = 250_000  # any other sheet, e.g. an HR file's: 5,000 people, 50 lines each
MAX_COLUMNS = 1_000  # columns read of one sheet: a year of dates and a few more
MAX_PART_BYTES = 200_000_000  # one part of the workbook (a sheet's XML), unpacked
MAX_TOTAL_BYTES = 500_000_000  # every part together, unpacked
MAX_SHARED_STRINGS = 1_000_000  # distinct texts in the workbook's shared-string table
_STRING_COUNT = re.compile(rb'uniqueCount="(\d+)"|count="(\d+)"')


def _refuse_oversized(path: Path, handle: BinaryIO) -> None:
    """A small file can unpack into a huge one (a zip bomb) or declare millions of texts: the
    limits are checked on the zip's directory before anything is parsed."""
    try:
        archive = zipfile.ZipFile(handle)
    except zipfile.BadZipFile:
        handle.seek(0)
        return  # not a zip: the parser says what it is
    parts = archive.infolist()
    biggest = max(parts, key=lambda part: part.file_size, default=None)
    total = sum(part.file_size for part in parts)
    if biggest is not None and biggest.file_size > MAX_PART_BYTES:
        raise _too_big(
            path,
            f"its part {biggest.filename} unpacks to {biggest.file_size:,} bytes",
            f"at most {MAX_PART_BYTES:,} bytes a part",
        )
    if total > MAX_TOTAL_BYTES:
        raise _too_big(path, f"it unpacks to {total:,} bytes", f"at most {MAX_TOTAL_BYTES:,}")
    if "xl/sharedStrings.xml" in archive.namelist():
        with archive.open("xl/sharedStrings.xml") as strings:
            head = strings.read(400)
        counts = [int(a or b) for a, b in _STRING_COUNT.findall(head)]
        if counts and max(counts) > MAX_SHARED_STRINGS:
            raise _too_big(
                path,
                f"it declares {max(counts):,} distinct texts",
                f"at most {MAX_SHARED_STRINGS:,}",
            )
    handle.seek(0)


def _row_limit(title: str) -> int:
    """The most rows a sheet of this title may have (its header included)."""
    key = normalise_header(title).removeprefix(normalise_header(INPUT_PREFIX) + "_")
    return _ROW_LIMITS.get(key, MAX_ROWS)


_ROW_LIMITS = {normalise_header(s.name): s.max_rows + 1 for s in SHEETS}
_ROW_LIMITS[normalise_header(ROSTER_SHEET)] = ROSTER_ROWS


def _rows(path: Path, ws: Any, limit: int) -> list[tuple[object, ...]]:
    """A sheet's rows, read as far as its cells go: the size it declares is not trusted."""
    ws.reset_dimensions()
    rows: list[tuple[object, ...]] = []
    for row in ws.iter_rows(values_only=True):
        if len(rows) == limit:
            raise _too_big(
                path,
                f"sheet {ws.title} has more than {limit - 1:,} rows below its header",
                f"at most {limit - 1:,} on that sheet",
            )
        if len(row) > MAX_COLUMNS:
            where = f"{get_column_letter(len(row))}{len(rows) + 1}"
            raise _too_big(
                path,
                f"sheet {ws.title} has a cell at {where}, beyond column "
                f"{get_column_letter(MAX_COLUMNS)}",
                f"at most {MAX_COLUMNS:,} columns (clear the cells far to the right)",
            )
        rows.append(row)
    return rows


def _too_big(path: Path, problem: str, expected: str) -> InputError:
    return InputError(
        [
            InputIssue(
                file=path.name,
                problem=f"is too large to be a roster's workbook: {problem}",
                expected=expected,
                hint="Remove what the roster does not need (unused sheets, rows far below the "
                "data) and save it again",
            )
        ]
    )


def _refuse_twin_sheets(path: Path, titles: list[str]) -> None:
    """Two sheets whose names differ only in case or spaces (`Staff` and `Staff `): which one
    is meant cannot be told, so neither is read."""
    first: dict[str, str] = {}
    issues = []
    for title in titles:
        key = normalise_header(title)
        if key in first:
            issues.append(
                InputIssue(
                    file=path.name,
                    sheet=title,
                    problem=f"has the same name as sheet '{first[key]}' apart from case and "
                    "spaces, so which one to read cannot be told",
                    expected="each sheet once",
                    hint="Delete or rename one of the two",
                )
            )
        else:
            first[key] = title
    if issues:
        raise InputError(issues)


def _titled(prefix: str) -> Callable[[str], bool]:
    """Whether a sheet's title is one of the input sheets named with `prefix`."""
    start = normalise_header(prefix)
    return lambda title: normalise_header(title).startswith(start)


def _open(
    path: Path, wanted: Callable[[str], bool] | None = None
) -> dict[str, list[tuple[object, ...]]]:
    """The rows of every sheet as tuples of values (of those whose title is not `wanted`, none),
    keyed by the canonical sheet name when one matches the title apart from case and spaces; a
    file Excel cannot open is one clear issue."""

    def fail(problem: str, hint: str = "") -> InputError:
        return InputError(
            [
                InputIssue(
                    file=path.name, problem=problem, expected="an Excel workbook (.xlsx)", hint=hint
                )
            ]
        )

    if not path.exists():
        raise fail("file not found", f"Looked for {path.absolute()}")
    if path.is_dir():
        numbers = " (an Apple Numbers document? export it from Numbers as Excel)"
        raise fail("is a folder, not a file" + (numbers if path.suffix == ".numbers" else ""))
    if path.stat().st_size == 0:
        raise fail("the file is empty (0 bytes)", "Save the workbook again from Excel")
    canonical = {normalise_header(name): name for name in (*SHEET_NAMES, ROSTER_SHEET)}
    try:  # from an open file, so that the content decides, not the file name's extension
        with path.open("rb") as handle:
            _refuse_oversized(path, handle)
            book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
            _refuse_twin_sheets(path, book.sheetnames)
            return {
                canonical.get(normalise_header(ws.title), ws.title): (
                    _rows(path, ws, _row_limit(ws.title))
                    if wanted is None or wanted(ws.title)
                    else []
                )  # a sheet not wanted is named, for messages, but not read
                for ws in book
            }
    except OSError as error:
        raise fail("cannot be read", error.strerror or str(error)) from None
    except InputError:
        raise
    except Exception:  # a corrupt or hostile file may fail anywhere inside the parser
        raise fail("cannot be read as an Excel workbook", _unreadable_hint(path)) from None


def _unprefixed(
    sheets: dict[str, list[tuple[object, ...]]], prefix: str
) -> dict[str, list[tuple[object, ...]]]:
    """The sheets whose names start with `prefix`, by their canonical names without it."""
    canonical = {normalise_header(name): name for name in SHEET_NAMES}
    start = normalise_header(prefix) + "_"
    return {
        canonical.get(key[len(start) :], key[len(start) :]): rows
        for title, rows in sheets.items()
        if (key := normalise_header(title)).startswith(start)
    }


def _unreadable_hint(path: Path) -> str:
    """Why a file is not a workbook, told from its first bytes."""
    with path.open("rb") as handle:
        head = handle.read(8)
    if head == bytes.fromhex("d0cf11e0a1b11ae1"):
        return (
            "It is a password-protected workbook or an old Excel 97-2003 (.xls) file: open it "
            "in Excel, remove the password, and save it as Excel Workbook (.xlsx)"
        )
    if head.startswith(b"PK"):
        return _zip_hint(path)
    return (
        "It is not a workbook (perhaps text or CSV renamed to .xlsx): open it in Excel and "
        "save it as Excel Workbook (.xlsx)"
    )


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _zip_hint(path: Path) -> str:
    """Why a zip archive is not an Excel workbook: another program's spreadsheet, or damage."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        names, mimetype = set(), b""
    if mimetype.startswith(ODS_MIMETYPE):
        return (
            "It is an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice): open it "
            "there and use File > Save As > Excel 2007-365 (.xlsx)"
        )
    if any(name.startswith("Index/") and name.endswith(".iwa") for name in names):
        return (
            "It is an Apple Numbers document: open it in Numbers and use File > Export To > "
            "Excel, then give the .xlsx file"
        )
    return (
        "It is damaged, or a zip archive that is not a workbook: open it in Excel and save "
        "it again as Excel Workbook (.xlsx)"
    )


@dataclass(frozen=True, slots=True)
class SheetSettings:
    solve: SolveSettings
    start: dt.date | None
    weeks: int | None
    country: str
    mode: str
    pattern_weeks: int | None
    rotation_week: int
    lookback_weeks: int
    time_zone: str
    site: str


def _settings(table: Table) -> SheetSettings:
    names = [row.name for row in SETTING_ROWS]
    rows: dict[str, Row] = {}
    for row in table:
        key = normalise_header(row.raw("setting"))
        if key not in names:
            row.issue(
                "setting",
                "is not a known setting",
                value=row.raw("setting"),
                expected=one_of(names),
                hint=did_you_mean(key, names),
            )
        elif key in rows:
            _twice(row, "setting", row.raw("setting"), rows[key], "each setting once")
        else:
            rows[key] = row

    def setting(key: str, default: object = None, parse=None):  # type: ignore[no-untyped-def]
        described = setting_row(key)
        if key not in rows:
            if described.required:
                table.issue(
                    problem=f"setting '{key}' is missing",
                    expected=f"{described.meaning} {described.valid_values}",
                    hint="Add a row with this setting and its value",
                )
            return default
        return rows[key].get("value", parse or described.read, default)

    defaults = SolveSettings()
    weeks = setting("weeks")
    return SheetSettings(
        solve=SolveSettings(
            time_limit_seconds=setting("time_limit_seconds", defaults.time_limit_seconds),
            seed=setting("seed", defaults.seed),
            workers=setting("workers", defaults.workers),
        ),
        start=setting("start_date"),
        weeks=weeks,
        country=setting("holidays", NO_CALENDAR, _country),
        mode=setting("mode", "plain"),
        pattern_weeks=setting("pattern_weeks"),
        rotation_week=setting("rotation_week", 1),
        lookback_weeks=setting("lookback_weeks", LOOKBACK_WEEKS),
        time_zone=setting("time_zone", "", _time_zone),
        site=setting("site", "", lambda value: str(value).strip()),
    )


def rotation_groups(
    staff: tuple[Staff, ...], pattern_weeks: int | None, rotation_week: int = 1
) -> tuple[RotationGroup, ...]:
    """The rotation groups in Staff sheet order; with no group named, everybody rotates as one.
    Each group's first person starts on pattern week `rotation_week` (1: the first)."""
    named = [p for p in staff if p.rotation]
    members: dict[str, list[str]] = {}
    for person in named or staff:
        members.setdefault(person.rotation or "all", []).append(person.id)
    groups = []
    for name, ids in members.items():
        weeks = pattern_weeks or len(ids)
        groups.append(
            RotationGroup(
                name=name,
                staff_ids=tuple(ids),
                pattern_weeks=weeks,
                first_week=rotation_week - 1,
            )
        )
    return tuple(groups)


def _time_zone(value: object) -> str:
    """An IANA time zone name, spelt as the time zone database spells it (utc: UTC)."""
    name = str(value).strip()
    try:
        zoneinfo.ZoneInfo(name)
        return name
    except (ValueError, KeyError, OSError):  # not found is a KeyError; a folder, an OSError
        pass
    known = {zone.lower(): zone for zone in zoneinfo.available_timezones()}
    if name.lower() in known:
        return known[name.lower()]
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    guess = f" (did you mean {known[close[0]]}?)" if close else ""
    raise BadValue(f"an IANA time zone name such as Asia/Shanghai, Europe/Berlin or UTC{guess}")


def _country(value: object) -> str:
    code = country_code(str(value))
    if code is None:
        raise BadValue(
            f"a country code such as {COUNTRY_EXAMPLES} (any that the holidays package knows), "
            f"or {NO_CALENDAR}"
        )
    return code


def _holidays(table: Table, start: dt.date | None) -> list[CalendarDay]:
    """The Holidays sheet's days, numbered from `start`; also those outside the roster."""
    days: list[CalendarDay] = []
    seen: dict[dt.date, Row] = {}
    for row in table:
        date = row.value("date")
        kind = row.value("kind", HOLIDAY)
        if date is None:
            continue
        if date in seen:
            _twice(row, "date", date.isoformat(), seen[date], "each date once")
            continue
        seen[date] = row
        if start is not None:
            name = str(row.raw("name") or DEFAULT_NAMES[kind])
            days.append(CalendarDay(day=(date - start).days, name=name, kind=kind))
    return days


def _history(
    table: Table, start: dt.date | None, staff: tuple[Staff, ...], codes: set[str]
) -> History | None:
    """The History sheet's days before the start (None: the sheet is empty or absent)."""
    ids = {p.id for p in staff}
    assignments: set[Assignment] = set()
    earliest = 0
    seen: dict[tuple[str, dt.date], Row] = {}
    for row in table:
        date, staff_id = row.value("date"), text_id(row.value("staff_id"))
        if date is None or start is None or not staff_id:
            continue  # a blank date or id is an issue already, a start date's absence too
        day = (date - start).days
        if day >= 0:
            row.issue(
                "date",
                "is not before the roster's start date",
                value=date.isoformat(),
                expected=f"a date before {start.isoformat()}: the History sheet holds the days "
                "before the roster",
            )
        elif staff_id not in ids:
            row.issue(
                "staff_id",
                "is not a staff id of the Staff sheet",
                value=staff_id,
                expected="an id from the Staff sheet (someone no longer on it: leave the line out)",
                hint=did_you_mean(staff_id, sorted(ids)),
            )
        elif (staff_id, date) in seen:
            _twice(
                row, "date", date.isoformat(), seen[staff_id, date], "one line per person and day"
            )
        else:
            seen[staff_id, date] = row
            earliest = min(earliest, day)
            for code in split_list(row.raw("shifts")):
                if code in codes:
                    assignments.add(Assignment(staff_id=staff_id, day=day, shift_code=code))
                else:
                    row.issue(
                        "shifts",
                        "is not a shift code",
                        value=row.raw("shifts"),
                        expected=f"{one_of(sorted(codes))}, several joined with +",
                    )
    if not seen:
        return None
    return History(days=-earliest, assignments=frozenset(assignments))


def _carried(
    history: History, lookback_weeks: int, staff: tuple[Staff, ...], codes: set[str]
) -> History:
    """The earlier rosters' days within the look-back, of the people and shifts still known
    (the rest, successions and runs rules look back a few days; fairness, the whole look-back)."""
    days = min(history.days, lookback_weeks * DAYS_PER_WEEK)
    ids = {p.id for p in staff}
    kept = frozenset(
        a
        for a in history.assignments
        if -days <= a.day and a.staff_id in ids and a.shift_code in codes
    )
    return dataclasses.replace(history, days=days, assignments=kept)


def _left_out(history: History, staff: tuple[Staff, ...]) -> list[str]:
    """A notice naming the people of the earlier rosters who are no longer on the Staff sheet."""
    ids = {p.id for p in staff}
    gone = sorted({a.staff_id for a in history.assignments} - ids)
    if not gone:
        return []
    return [
        f"{', '.join(history.sources)}: {len(gone)} of the people in it are not on the Staff "
        f"sheet ({', '.join(gone[:10])}{', ...' if len(gone) > 10 else ''}): their days are "
        "not carried over"
    ]


def _unknown_codes(history: History, codes: set[str]) -> list[InputIssue]:
    """The earlier rosters' shift codes the Shifts sheet no longer defines: rest and
    successions could not be judged after them."""
    unknown = sorted({a.shift_code for a in history.assignments} - codes)
    return [
        InputIssue(
            file=", ".join(history.sources),
            sheet=ROSTER_SHEET,
            problem=f"has shift {code}, which the input's Shifts sheet does not define",
            expected=one_of(sorted(codes)),
            hint=f"Add shift {code} to the Shifts sheet as it was, so the rest after it counts",
        )
        for code in unknown
    ]


def _dated_horizon(
    start: dt.date | None,
    weeks: int | None,
    country: str,
    listed: list[CalendarDay],
    days_before: int = 0,
) -> Problem | None:
    """The roster's days with their calendar: what the coverage `days` select from. The
    calendar also covers the `days_before` the start that a history holds."""
    if start is None or weeks is None:
        return None
    first = start - dt.timedelta(days=days_before)
    earlier = [dataclasses.replace(c, day=c.day + days_before) for c in listed]
    span = weeks * DAYS_PER_WEEK + days_before
    calendar, warnings = roster_calendar(country, first, span, earlier)
    calendar = tuple(dataclasses.replace(c, day=c.day - days_before) for c in calendar)
    return Problem(
        start_date=start,
        weeks=weeks,
        shifts=(),
        staff=(),
        coverage=(),
        calendar=calendar,
        holiday_country=country,
        calendar_warnings=warnings,
    )


def _twice(row: Row, field: str, value: object, first: Row, expected: str) -> None:
    row.issue(
        field,
        "is used twice",
        value=value,
        expected=expected,
        hint=f"Row {first.number} has it already",
    )


def _shifts(table: Table) -> tuple[tuple[Shift, ...], set[str]]:
    """The valid shifts, and every code the sheet names (also on rows with an error)."""
    shifts: list[Shift] = []
    seen: dict[str, Row] = {}
    combos: list[tuple[int, str, list[str]]] = []
    successions: list[tuple[int, str, list[str]]] = []
    for row in table:
        code = row.value("code")
        start = row.value("start")
        end = row.value("end")
        location = row.value("location", "onsite")
        paid = row.value("paid_hours")  # every column is read, so that all its issues show
        if not code:
            continue
        if code in seen:
            _twice(row, "code", code, seen[code], "a unique shift code")
            continue
        seen[code] = row
        combos.append((row.number, code, split_list(row.raw("combinable_with"))))
        successions.append(
            (row.number, code, [text_id(c) for c in split_list(row.raw("not_followed_by"))])
        )
        if start is None or end is None:
            continue
        if start >= MINUTES_PER_DAY:
            row.issue(
                "start",
                "is not valid",
                value=row.raw("start"),
                expected="a start time from 00:00 to 23:59",
            )
            continue
        if end == start:
            row.issue(
                "end",
                "equals the start: the shift would last zero minutes",
                value=row.raw("end"),
                expected="an end after the start, or before it for a shift past midnight",
            )
            continue
        if end < start:
            end += MINUTES_PER_DAY  # crosses midnight
        paid = (end - start) / 60 if paid is None else paid
        shifts.append(
            Shift(
                code=code,
                name=str(row.raw("name") or code),
                start=start,
                end=end,
                location=location,
                paid_minutes=round(paid * 60),
            )
        )
    combined = _with_combinations(table, shifts, combos, set(seen))
    return _with_successions(table, combined, successions, set(seen)), set(seen)


def _with_combinations(
    table: Table, shifts: list[Shift], combos: list[tuple[int, str, list[str]]], named: set[str]
) -> tuple[Shift, ...]:
    by_code = {s.code: s for s in shifts}
    allowed: dict[str, set[str]] = {s.code: set() for s in shifts}
    for row_number, code, others in combos:
        for other in others:
            where = {
                "row": row_number,
                "column": table.column_label("combinable_with"),
                "value": other,
            }
            if other not in by_code:
                if other not in named:  # a named shift with a bad row is reported on its row
                    table.issue(
                        **where,
                        problem="is not a shift code",
                        expected=f"codes from column {table.column_label('code')}: "
                        f"{', '.join(sorted(named))}",
                    )
            elif code not in by_code:
                continue  # the row's own error is reported; its pairs wait for a valid shift
            elif other == code:
                table.issue(
                    **where,
                    problem=f"combines shift {code} with itself",
                    expected=f"other shifts that {code} may share a day with",
                )
            elif _overlap(by_code[code], by_code[other]):
                table.issue(
                    **where,
                    problem=f"shifts {code} ({by_code[code].window}) and {other} "
                    f"({by_code[other].window}) overlap in time, so one person cannot "
                    "work both",
                    expected="shifts that do not overlap",
                )
            else:
                allowed[code].add(other)
                allowed[other].add(code)
    return tuple(dataclasses.replace(s, combinable_with=frozenset(allowed[s.code])) for s in shifts)


def _with_successions(
    table: Table,
    shifts: tuple[Shift, ...],
    successions: list[tuple[int, str, list[str]]],
    named: set[str],
) -> tuple[Shift, ...]:
    """The shifts with their `not_followed_by` codes; an unknown code is an issue on its row."""
    known = {s.code for s in shifts}
    followers: dict[str, set[str]] = {code: set() for code in known}
    for row_number, code, others in successions:
        for other in others:
            if other in known:
                followers.setdefault(code, set()).add(other)
            elif other not in named:  # a named shift with a bad row is reported on its row
                table.issue(
                    row=row_number,
                    column=table.column_label("not_followed_by"),
                    value=other,
                    problem="is not a shift code",
                    expected=f"codes from column {table.column_label('code')}: "
                    f"{', '.join(sorted(named))}",
                    hint=code_hint(other, named),
                )
    return tuple(
        dataclasses.replace(s, not_followed_by=frozenset(followers[s.code])) for s in shifts
    )


def code_hint(code: str, codes: Iterable[str]) -> str:
    """`Did you mean N?` for a shift code typed in the wrong case or nearly right, else nothing."""
    same = [c for c in codes if c.lower() == code.lower()]
    return f"Did you mean {same[0]}?" if same else did_you_mean(code, codes)


def _overlap(a: Shift, b: Shift) -> bool:
    return a.start < b.end and b.start < a.end


def _staff(table: Table, codes: set[str]) -> tuple[Staff, ...]:
    """The Staff sheet; `codes` are the shift codes `max_shifts` may name."""
    staff: list[Staff] = []
    seen: dict[str, Row] = {}
    for row in table:
        values = {c.name: row.value(c.name) for c in STAFF.columns if c.name != "max_shifts"}
        values["max_shifts"] = _max_shifts(row, codes)
        _more_than_allowed(row, table, values)
        staff_id = values["id"]
        if not staff_id:
            continue
        if staff_id in seen:
            _twice(row, "id", staff_id, seen[staff_id], "a unique staff id")
            continue
        seen[str(staff_id)] = row
        staff.append(_person(values))
    if not staff and table.complete:
        table.issue(problem="has no staff", expected="one row per person below the header row")
    return tuple(staff)


def _person(values: dict[str, object]) -> Staff:
    """A Staff row as a person: a column the domain names is its attribute, and any other
    column (a limit only its rule reads) goes to `Staff.limits` under the column's name."""
    attributes: dict[str, object] = {}
    limits: dict[str, object] = {}
    for column in STAFF.columns:
        value = values[column.name]
        if value is None or value == ():
            continue
        if column.staff_attribute:
            attributes[column.staff_attribute] = value
        else:
            limits[column.name] = value
    return Staff(**attributes, limits=MappingProxyType(limits))  # type: ignore[arg-type]


def _more_than_allowed(row: Row, table: Table, values: dict[str, object]) -> None:
    """An issue on each column whose value exceeds a column it may not exceed (the first one it
    exceeds, in the order the schema lists them)."""
    for column in STAFF.columns:
        least = values[column.name]
        if least is None:
            continue
        limits = ((other, values[other]) for other in column.at_most)
        other = next((o for o, most in limits if most is not None and least > most), None)  # type: ignore[operator]
        if other is None:
            continue
        unit = getattr(STAFF.column(other).kind, "unit", "")
        row.issue(
            column.name,
            f"is more than column {table.column_label(other)} allows",
            value=row.raw(column.name),
            expected=f"at most {number_text(float(row.raw(other)))} {unit}, "  # type: ignore[arg-type]
            f"or a higher {other}",
            hint=column.at_most_hint,
        )


_ITEM_SEPARATORS = re.compile(r"[,;、，]")


def _max_shifts(row: Row, codes: set[str]) -> tuple[tuple[str, int], ...]:
    """`C=8, N=0`: the most shifts of each code over the horizon, in the order typed."""
    text = str(row.raw("max_shifts") or "")
    limits: dict[str, int] = {}
    for item in filter(None, (part.strip() for part in _ITEM_SEPARATORS.split(text))):
        code, equals, number = (part.strip() for part in item.partition("="))
        code = text_id(code)
        if not equals or not code:
            row.issue(
                "max_shifts",
                f"'{item}' is not a shift code and a number",
                value=text,
                expected=MAX_SHIFTS_EXPECTED,
            )
        elif code not in codes:
            row.issue(
                "max_shifts",
                f"'{code}' is not a shift code",
                value=text,
                expected=f"a code from the Shifts sheet: {', '.join(sorted(codes))}",
                hint=code_hint(code, codes),
            )
        elif code in limits:
            row.issue(
                "max_shifts",
                f"names shift {code} twice",
                value=text,
                expected="each shift code once",
            )
        else:
            try:
                limits[code] = int(parse_number(number, low=0, high=366, integer=True))
            except BadValue as bad:
                row.issue(
                    "max_shifts",
                    f"the limit of {code} is not valid",
                    value=text,
                    expected=f"{code}=<{bad}>, e.g. {code}=8",
                )
    return tuple(limits.items())


def _coverage(table: Table, dates: Problem | None) -> tuple[CoverageLine, ...]:
    lines = []
    for row in table:
        days = row.get("days", _parse_days, dates=dates)
        start = row.value("from")
        end = row.value("to")
        people = row.value("min_people")
        skill = row.raw("skill")
        if days is None or start is None or end is None or people is None:
            continue
        if start >= MINUTES_PER_DAY:
            row.issue(
                "from", "is not valid", value=row.raw("from"), expected="a time from 00:00 to 23:59"
            )
            continue
        if end == start:
            row.issue(
                "to",
                "equals 'from': the window would last zero minutes",
                value=row.raw("to"),
                expected="an end after the start, or before it for a window past midnight",
            )
            continue
        label, day_set = days
        lines.append(
            CoverageLine(
                label=label,
                days=day_set,
                start=start,
                end=end if end > start else end + MINUTES_PER_DAY,
                min_people=int(people),
                skill=str(skill) if skill is not None else None,
                source_row=row.number,
            )
        )
    return tuple(lines)


def _demands(table: Table, dates: Problem | None, codes: set[str]) -> tuple[ShiftDemand, ...]:
    """The Demand sheet as one line per shift and day its `days` select, in row order; a shift
    and day that two rows ask for is an issue on the second."""
    demands: list[ShiftDemand] = []
    first: dict[tuple[str, int], Row] = {}
    for row in table:
        days = row.get("days", _parse_days, dates=dates)
        code = row.value("shift")
        people = row.value("people")
        under = row.value("under_weight", 1)
        over = row.value("over_weight", 1)
        if code and code not in codes:
            row.issue(
                "shift",
                "is not a shift code",
                value=code,
                expected=f"a code from the Shifts sheet: {', '.join(sorted(codes))}",
                hint=code_hint(code, codes),
            )
            continue
        if days is None or not code or people is None or dates is None:
            continue
        again = sorted(day for day in days[1] if (code, day) in first)
        if again:
            others = len(again) - 1
            more = f" and {others} more day{'s' if others > 1 else ''}" if others else ""
            row.issue(
                "days",
                f"asks again for shift {code} on {dates.date(again[0]).isoformat()}{more}",
                value=row.raw("days"),
                expected="each shift on each day in one row only",
                hint=f"Row {first[(code, again[0])].number} asks for it already",
            )
            continue
        for day in sorted(days[1]):
            first[(code, day)] = row
            demands.append(
                ShiftDemand(
                    day=day,
                    shift_code=code,
                    people=int(people),
                    under_weight=int(under),
                    over_weight=int(over),
                )
            )
    return tuple(demands)


def _parse_days(value: object, *, dates: Problem | None) -> tuple[str, frozenset[int]]:
    if dates is None:
        return str(value), frozenset()  # the Settings issue is reported already
    text = str(value).strip().lower() if not isinstance(value, dt.date) else ""
    words = [text] if text in _DAY_GROUPS else split_list(text)
    if words and all(w in _WEEKDAY_WORDS or w in _DAY_GROUPS or w in DAY_KEYWORDS for w in words):
        _needs_calendar(words, dates)
        days = frozenset(d for d in dates.days if any(_day_is(w, dates, d) for w in words))
        return str(value).strip(), days
    try:
        date = parse_date(value)
    except BadValue:
        raise BadValue(DAYS_EXPECTED) from None
    day = (date - dates.start_date).days
    if day not in dates.days:
        horizon = _horizon_text(dates.start_date, dates.num_days)
        raise BadValue(f"a date inside the roster, {horizon}")
    return date.isoformat(), frozenset({day})


def _day_is(word: str, dates: Problem, day: int) -> bool:
    """Whether `day` is one of the days `word` names (Mon, weekends, holiday, ...)."""
    if word in DAY_KEYWORDS:
        return DAY_KEYWORDS[word](dates, day)
    weekdays = _DAY_GROUPS.get(word) or (_WEEKDAY_WORDS[word],)
    return dates.weekday(day) in weekdays


def _needs_calendar(words: list[str], dates: Problem) -> None:
    keyword = next((w for w in words if w in DAY_KEYWORDS), None)
    if keyword and dates.holiday_country == NO_CALENDAR and not dates.calendar:
        raise BadValue(
            f"a holiday calendar for '{keyword}': set the Settings row 'holidays' to a country "
            "code such as CN, or list the days in the Holidays sheet"
        )


def _horizon_text(start: dt.date, count: int) -> str:
    return f"{start.isoformat()} to {(start + dt.timedelta(days=count - 1)).isoformat()}"


def _availability(
    table: Table,
    start: dt.date | None,
    weeks: int | None,
    staff: tuple[Staff, ...],
    codes: set[str],
    *,
    clip: bool,
) -> tuple[Request, ...]:
    """The Availability lines; with `clip` (a horizon other than the sheet's), lines outside
    the horizon are left out instead of being errors."""
    horizon = Horizon(start, weeks) if start and weeks else None
    requests = read_requests(table, horizon, StaffFinder(staff), codes, clip=clip)
    if horizon is not None:
        table.issues.extend(contradictions(requests, horizon))
    return tuple(requests)


def _rules(table: Table) -> tuple[RuleConfig, ...]:
    configs = []
    seen: dict[str, Row] = {}
    for row in table:
        name = str(row.raw("rule") or "").strip()
        rule = RULES_BY_NAME.get(name)
        if rule is None:
            row.issue(
                "rule",
                "is not a known rule",
                value=name,
                expected=one_of(RULES_BY_NAME),
                hint=did_you_mean(name, RULES_BY_NAME),
            )
            continue
        if name in seen:
            _twice(row, "rule", name, seen[name], "each rule on one row")
            continue
        seen[name] = row
        enabled = row.value("enabled", True)
        hard_text = str(row.raw("hard") or ("hard" if rule.hard else "soft")).strip().lower()
        if hard_text not in ("hard", "soft"):
            row.issue("hard", "is not valid", value=row.raw("hard"), expected="hard or soft")
        weight = row.value("weight", rule.weight)
        params = _params(row, name, rule.params)
        relaxable = row.value("relaxable", rule.relaxable)
        configs.append(
            RuleConfig(
                name=name,
                enabled=enabled,
                hard=hard_text == "hard",
                weight=int(weight),
                params=MappingProxyType(params),
                relaxable=relaxable,
            )
        )
    return tuple(configs)


def _params(row: Row, rule: str, known: Mapping[str, float]) -> dict[str, float]:
    """`hours=11, default_days=1` for the rule's known parameters."""
    text = str(row.raw("parameters") or "")
    expected = ", ".join(f"{k}=<number>" for k in known) or "nothing: this rule has no parameters"
    params = {}
    for item in filter(None, (part.strip() for part in text.replace(";", ",").split(","))):
        key, _, value = item.partition("=")
        key = key.strip()
        if key not in known:
            row.issue(
                "parameters",
                f"'{key}' is not a parameter of rule {rule}",
                value=text,
                expected=expected,
                hint=did_you_mean(key, known),
            )
            continue
        try:
            params[key] = parse_number(value, low=0, high=1e6)
        except BadValue:
            row.issue(
                "parameters",
                f"'{key}' needs a number",
                value=text,
                expected=f"{key}=<number from 0 to 1000000>, e.g. {key}={known[key]:g}",
            )
    return params

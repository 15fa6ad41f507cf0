"""Reads the canonical input workbook (Shifts, Staff, Coverage, Availability, Rules, Settings).

Every problem found is collected and raised at once as an `InputError`; nothing is half-read.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from types import MappingProxyType

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from constraints import RULES_BY_NAME
from roster.domain import (
    AVAILABILITY_KINDS,
    DAYS_PER_WEEK,
    LOCATIONS,
    MINUTES_PER_DAY,
    WEEKDAY_NAMES,
    CoverageLine,
    Problem,
    Request,
    RuleConfig,
    Shift,
    SolveSettings,
    Staff,
)
from roster.errors import InputError, InputIssue
from roster.io.cells import (
    BadValue,
    Column,
    Table,
    normalise_header,
    parse_date,
    parse_flag,
    parse_number,
    parse_time,
    split_list,
)

SHEETS = ("Shifts", "Staff", "Coverage", "Availability", "Rules", "Settings")
OPTIONAL_SHEETS = ("Availability", "Rules")

SHIFT_COLUMNS = (
    Column("code", required=True),
    Column("name"),
    Column("start", required=True),
    Column("end", required=True),
    Column("location"),
    Column("paid_hours"),
    Column("combinable_with"),
)
STAFF_COLUMNS = (
    Column("id", required=True, aliases=("staff_id",)),
    Column("name"),
    Column("skills"),
    Column("remote", aliases=("remote_ok",)),
    Column("max_hours_per_week"),
    Column("max_days_per_week"),
    Column("max_consecutive_days"),
    Column("min_days_off_per_week"),
)
COVERAGE_COLUMNS = (
    Column("days", required=True, aliases=("day",)),
    Column("from", required=True, aliases=("start",)),
    Column("to", required=True, aliases=("end",)),
    Column("min_people", required=True, aliases=("people", "minimum")),
    Column("skill"),
)
AVAILABILITY_COLUMNS = (
    Column("staff_id", required=True, aliases=("id", "staff")),
    Column("date", required=True, aliases=("from",)),
    Column("until", aliases=("to", "end_date")),
    Column("kind", required=True, aliases=("type",)),
    Column("shift"),
    Column("note"),
)
RULE_COLUMNS = (
    Column("rule", required=True, aliases=("name",)),
    Column("enabled", aliases=("on",)),
    Column("hard", aliases=("hard_soft", "type")),
    Column("weight"),
    Column("parameters", aliases=("params",)),
)
SETTING_COLUMNS = (Column("setting", required=True, aliases=("key",)), Column("value", required=True))

_WEEKDAY_WORDS = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}
_WEEKDAY_WORDS.update({name[:3].lower(): i for i, name in enumerate(WEEKDAY_NAMES)})
_DAY_GROUPS = {
    "daily": range(7),
    "every day": range(7),
    "weekdays": range(5),
    "weekends": range(5, 7),
    "weekend": range(5, 7),
}
DAYS_EXPECTED = (
    "daily, weekdays, weekends, weekday names (Monday or Mon, several joined by commas), "
    "or a date YYYY-MM-DD"
)


def read_problem(path: str | Path) -> Problem:
    path = Path(path)
    sheets = _open(path)
    file = path.name
    issues: list[InputIssue] = []
    for name in SHEETS:
        if name not in sheets and name not in OPTIONAL_SHEETS:
            issues.append(
                InputIssue(
                    file=file,
                    problem=f"sheet '{name}' is missing",
                    expected=f"sheets {', '.join(SHEETS)} (Availability and Rules may be left out)",
                    hint=f"Sheets found: {', '.join(sheets) or 'none'}. "
                    "`roster template` writes a workbook with every sheet",
                )
            )
    if issues:
        raise InputError(issues)

    def table(name: str, columns: tuple[Column, ...]) -> Table:
        return Table(file, name, sheets.get(name, [tuple(c.field for c in columns)]), columns, issues)

    settings, start, weeks = _settings(table("Settings", SETTING_COLUMNS))
    shifts = _shifts(table("Shifts", SHIFT_COLUMNS))
    staff = _staff(table("Staff", STAFF_COLUMNS))
    horizon = (start, weeks) if start and weeks else None
    coverage = _coverage(table("Coverage", COVERAGE_COLUMNS), horizon)
    codes = {s.code for s in shifts}
    requests = _requests(table("Availability", AVAILABILITY_COLUMNS), horizon, staff, codes)
    rules = _rules(table("Rules", RULE_COLUMNS))
    if issues:
        raise InputError(issues)
    assert start is not None and weeks is not None
    return Problem(
        name=path.stem,
        start_date=start,
        weeks=weeks,
        shifts=shifts,
        staff=staff,
        coverage=coverage,
        requests=requests,
        rules=rules,
        settings=settings,
    )


def _open(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet's rows as tuples of values; a file Excel cannot open is one clear issue."""
    def fail(problem: str, hint: str = "") -> InputError:
        return InputError(
            [InputIssue(file=path.name, problem=problem, expected="an Excel workbook (.xlsx)", hint=hint)]
        )

    if not path.exists():
        raise fail("file not found", f"Looked for {path}")
    if path.stat().st_size == 0:
        raise fail("the file is empty")
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        hint = (
            "If it is password-protected, save a copy without a password"
            if _is_ole(path)
            else f"openpyxl said: {error}"
        )
        raise fail("cannot be read as an Excel workbook", hint) from None
    except Exception as error:  # a corrupt or hostile file may fail anywhere inside the parser
        raise fail("cannot be read as an Excel workbook", f"{type(error).__name__}: {error}") from None
    try:
        return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in book}
    finally:
        book.close()


def _is_ole(path: Path) -> bool:
    """Encrypted .xlsx and old .xls files are OLE compound documents, not zip files."""
    with path.open("rb") as handle:
        return handle.read(8) == bytes.fromhex("d0cf11e0a1b11ae1")


def _settings(table: Table) -> tuple[SolveSettings, dt.date | None, int | None]:
    values: dict[str, object] = {}
    rows = {}
    for row in table:
        key = normalise_header(row.raw("setting"))
        values[key] = row.raw("value")
        rows[key] = row
    known = {
        "start_date": "the first day of the roster, YYYY-MM-DD",
        "weeks": "the number of weeks, 1 to 52",
        "time_limit_seconds": "seconds the solver may take, e.g. 30",
        "seed": "a whole number; the same seed gives the same roster",
        "workers": "solver threads, 1 to 64",
    }
    for key, row in rows.items():
        if key not in known:
            row.issue("setting", "is not a known setting", value=row.raw("setting"),
                      expected=", ".join(known))

    def setting(key: str, parse, default=None, **options):  # type: ignore[no-untyped-def]
        if key not in rows:
            if default is None:
                table.issues.append(
                    InputIssue(file=table.file, sheet=table.sheet, problem=f"setting '{key}' is missing",
                               expected=known[key], hint="Add a row with this setting and its value")
                )
            return default
        return rows[key].get("value", parse, default, **options)

    start = setting("start_date", parse_date)
    weeks = setting("weeks", parse_number, low=1, high=52, integer=True)
    defaults = SolveSettings()
    settings = SolveSettings(
        time_limit_seconds=setting(
            "time_limit_seconds", parse_number, defaults.time_limit_seconds, low=0.1, high=86400
        ),
        seed=int(setting("seed", parse_number, defaults.seed, low=0, high=2**31 - 1, integer=True)),
        workers=int(setting("workers", parse_number, defaults.workers, low=1, high=64, integer=True)),
    )
    return settings, start, int(weeks) if weeks is not None else None


def _shifts(table: Table) -> tuple[Shift, ...]:
    shifts: list[Shift] = []
    seen: dict[str, int] = {}
    combos: list[tuple[int, str, list[str]]] = []
    for row in table:
        code = str(row.get("code", str) or "")
        start = row.get("start", parse_time)
        end = row.get("end", parse_time)
        location = row.get("location", _choice, "onsite", choices=LOCATIONS)
        if not code:
            continue
        if code in seen:
            row.issue("code", f"is used twice (first on row {seen[code]})", value=code,
                      expected="a unique shift code")
            continue
        seen[code] = row.number
        if start is None or end is None:
            continue
        if start >= MINUTES_PER_DAY:
            row.issue("start", "is not valid", value=row.raw("start"),
                      expected="a start time from 00:00 to 23:59")
            continue
        if end == start:
            row.issue("end", "equals the start: the shift would last zero minutes",
                      value=row.raw("end"),
                      expected="an end after the start, or before it for a shift past midnight")
            continue
        if end < start:
            end += MINUTES_PER_DAY  # crosses midnight
        paid = row.get("paid_hours", parse_number, (end - start) / 60, low=0, high=24)
        combos.append((row.number, code, split_list(row.raw("combinable_with"))))
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
    return _with_combinations(table, shifts, combos)


def _with_combinations(
    table: Table, shifts: list[Shift], combos: list[tuple[int, str, list[str]]]
) -> tuple[Shift, ...]:
    by_code = {s.code: s for s in shifts}
    allowed: dict[str, set[str]] = {s.code: set() for s in shifts}
    for row_number, code, others in combos:
        for other in others:
            where = {"file": table.file, "sheet": table.sheet, "row": row_number,
                     "column": table.column_label("combinable_with")}
            if other not in by_code:
                table.issues.append(InputIssue(**where, problem="names an unknown shift code",
                                               value=other, expected=", ".join(by_code)))
            elif other == code or _overlap(by_code[code], by_code[other]):
                table.issues.append(InputIssue(
                    **where, problem=f"shifts {code} and {other} overlap in time, so one person "
                    "cannot work both", value=other, expected="shifts that do not overlap"))
            else:
                allowed[code].add(other)
                allowed[other].add(code)
    return tuple(
        Shift(code=s.code, name=s.name, start=s.start, end=s.end, location=s.location,
              paid_minutes=s.paid_minutes, combinable_with=frozenset(allowed[s.code]))
        for s in shifts
    )


def _overlap(a: Shift, b: Shift) -> bool:
    return a.start < b.end and b.start < a.end


def _choice(value: object, *, choices: tuple[str, ...]) -> str:
    text = str(value).strip().lower()
    if text not in choices:
        raise BadValue(" or ".join(choices))
    return text


def _staff(table: Table) -> tuple[Staff, ...]:
    staff: list[Staff] = []
    seen: dict[str, int] = {}
    for row in table:
        staff_id = _text_id(row.get("id", str))
        hours = row.get("max_hours_per_week", parse_number, low=0, high=168)
        days = row.get("max_days_per_week", parse_number, low=0, high=7, integer=True)
        run = row.get("max_consecutive_days", parse_number, low=1, high=366, integer=True)
        off = row.get("min_days_off_per_week", parse_number, low=0, high=7, integer=True)
        remote = row.get("remote", parse_flag, True)
        if not staff_id:
            continue
        if staff_id in seen:
            row.issue("id", f"is used twice (first on row {seen[staff_id]})", value=staff_id,
                      expected="a unique staff id")
            continue
        seen[staff_id] = row.number
        staff.append(
            Staff(
                id=staff_id,
                name=str(row.raw("name") or ""),
                skills=frozenset(split_list(row.raw("skills"))),
                remote_ok=remote,
                max_minutes_per_week=round(hours * 60) if hours is not None else None,
                max_days_per_week=int(days) if days is not None else None,
                max_consecutive_days=int(run) if run is not None else None,
                min_days_off_per_week=int(off) if off is not None else None,
            )
        )
    if not staff and table.complete:
        table.issues.append(InputIssue(file=table.file, sheet=table.sheet, problem="has no staff",
                                       expected="one row per person"))
    return tuple(staff)


def _text_id(value: object) -> str:
    """Ids typed as numbers come back as floats (7.0): keep them as the user sees them ("7")."""
    if value is None:
        return ""
    text = str(value).strip()
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def _coverage(table: Table, horizon: tuple[dt.date, int] | None) -> tuple[CoverageLine, ...]:
    lines = []
    for row in table:
        days = row.get("days", _parse_days, horizon=horizon)
        start = row.get("from", parse_time)
        end = row.get("to", parse_time)
        people = row.get("min_people", parse_number, low=0, high=10000, integer=True)
        skill = row.raw("skill")
        if days is None or start is None or end is None or people is None:
            continue
        if start >= MINUTES_PER_DAY:
            row.issue("from", "is not valid", value=row.raw("from"), expected="a time from 00:00 to 23:59")
            continue
        if end == start:
            row.issue("to", "equals 'from': the window would last zero minutes", value=row.raw("to"),
                      expected="an end after the start, or before it for a window past midnight")
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


def _parse_days(value: object, *, horizon: tuple[dt.date, int] | None) -> tuple[str, frozenset[int]]:
    if horizon is None:
        return str(value), frozenset()  # the Settings issue is reported already
    start, weeks = horizon
    count = weeks * DAYS_PER_WEEK
    text = str(value).strip().lower() if not isinstance(value, dt.date) else ""
    if text in _DAY_GROUPS or all(w in _WEEKDAY_WORDS for w in split_list(text)) and text:
        weekdays = set(_DAY_GROUPS.get(text, ())) or {_WEEKDAY_WORDS[w] for w in split_list(text)}
        days = frozenset(d for d in range(count) if (start.weekday() + d) % 7 in weekdays)
        return str(value).strip(), days
    try:
        date = parse_date(value)
    except BadValue:
        raise BadValue(DAYS_EXPECTED) from None
    day = (date - start).days
    if not 0 <= day < count:
        raise BadValue(f"a date inside the roster, {_horizon_text(start, count)}")
    return date.isoformat(), frozenset({day})


def _horizon_text(start: dt.date, count: int) -> str:
    return f"{start.isoformat()} to {(start + dt.timedelta(days=count - 1)).isoformat()}"


def _requests(
    table: Table, horizon: tuple[dt.date, int] | None, staff: tuple[Staff, ...], codes: set[str]
) -> tuple[Request, ...]:
    ids = {p.id for p in staff}
    names = {p.name: p.id for p in staff if p.name}
    requests = []
    for row in table:
        raw_id = _text_id(row.raw("staff_id"))
        first = row.get("date", parse_date)
        last = row.get("until", parse_date, first)
        kind = row.get("kind", _choice, choices=AVAILABILITY_KINDS)
        code = _text_id(row.raw("shift")) or None
        staff_id = raw_id if raw_id in ids else names.get(raw_id)
        if raw_id and staff_id is None:
            row.issue("staff_id", "is not on the Staff sheet", value=raw_id,
                      expected=f"one of {', '.join(sorted(ids)[:10])}{' ...' if len(ids) > 10 else ''}")
        if code is not None and code not in codes:
            row.issue("shift", "is not a shift code", value=code, expected=", ".join(sorted(codes)))
            continue
        if kind in ("prefer", "fixed") and code is None:
            row.issue("shift", f"is empty, but kind '{kind}' needs a shift",
                      expected=", ".join(sorted(codes)))
            continue
        if None in (staff_id, first, last, kind) or horizon is None:
            continue
        if last < first:
            row.issue("until", "is before the start date", value=last.isoformat(),
                      expected=f"a date on or after {first.isoformat()}")
            continue
        start, weeks = horizon
        count = weeks * DAYS_PER_WEEK
        first_day, last_day = (first - start).days, (last - start).days
        if last_day < 0 or first_day >= count:
            row.issue("date", "is outside the roster", value=first.isoformat(),
                      expected=f"a date from {_horizon_text(start, count)}")
            continue
        for day in range(max(first_day, 0), min(last_day, count - 1) + 1):
            requests.append(Request(staff_id=staff_id, day=day, kind=kind, shift_code=code,
                                    note=str(row.raw("note") or "")))
    return tuple(requests)


def _rules(table: Table) -> tuple[RuleConfig, ...]:
    configs = []
    for row in table:
        name = str(row.raw("rule") or "").strip()
        rule = RULES_BY_NAME.get(name)
        if rule is None:
            row.issue("rule", "is not a known rule", value=name, expected=", ".join(RULES_BY_NAME))
            continue
        enabled = row.get("enabled", parse_flag, True, true="on", false="off")
        hard_text = str(row.raw("hard") or ("hard" if rule.hard else "soft")).strip().lower()
        if hard_text not in ("hard", "soft"):
            row.issue("hard", "is not valid", value=row.raw("hard"), expected="hard or soft")
        weight = row.get("weight", parse_number, rule.weight, low=0, high=1_000_000, integer=True)
        params = _params(row, rule.params)
        configs.append(
            RuleConfig(name=name, enabled=enabled, hard=hard_text == "hard", weight=int(weight),
                       params=MappingProxyType(params))
        )
    return tuple(configs)


def _params(row, known) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """`hours=11, default_days=1` for the rule's known parameters."""
    text = str(row.raw("parameters") or "")
    params = {}
    for item in filter(None, (part.strip() for part in text.replace(";", ",").split(","))):
        key, _, value = item.partition("=")
        key = key.strip()
        expected = ", ".join(f"{k}=<number>" for k in known) or "nothing: this rule has no parameters"
        if key not in known:
            row.issue("parameters", f"'{key}' is not a parameter of this rule", value=text,
                      expected=expected)
            continue
        try:
            params[key] = parse_number(value, low=0, high=1e6)
        except BadValue:
            row.issue("parameters", f"'{key}' needs a number", value=text, expected=expected)
    return params

"""HR's own availability files: a grid (person x date) or a list (one request a row).

Both come as .xlsx or .csv (UTF-8, UTF-8 with BOM, or GBK as Chinese Excel saves it), with
English or Chinese headers in any order. The shape and the encoding are detected from the file.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from roster.domain import Problem, Request
from roster.errors import InputError, InputIssue
from roster.io.cells import BadValue, Row, Table, normalise_header, parse_date
from roster.io.requests import (
    KIND_WORDS,
    Horizon,
    StaffFinder,
    contradictions,
    read_requests,
    request_cells,
)
from roster.io.schema import AVAILABILITY, Column, text_id
from roster.io.template import write_sheet
from roster.io.workbook import _open
from roster.io.xlsx import save_atomically

ENCODINGS = ("utf-8-sig", "gb18030")  # gb18030 reads all of GBK; UTF-8 is tried first
GRID_WHO = (
    AVAILABILITY.column("staff_id"),
    AVAILABILITY.column("name"),
)  # staff_id and name, by their aliases
_WEEKDAYS = {
    **{w: i for i, w in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{
        w: i
        for i, w in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{
        f"{prefix}{d}": i
        for prefix in ("周", "星期", "礼拜")
        for i, d in enumerate("一二三四五六日")
    },
    "周天": 6,
    "星期天": 6,
}
_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*$")
_NOT_SHIFT = re.compile(r"^\s*(?:!|！|不要|不上|no\s+)(\S+)\s*$", re.IGNORECASE)
GRID_CODES = (
    "休/OFF (day off wanted), 假/年假/病假/LEAVE (leave), a shift code, "
    "!C or 不要C (not that shift), or empty (available)"
)


@dataclass(frozen=True, slots=True)
class Imported:
    requests: tuple[Request, ...]
    notices: tuple[str, ...]  # things ignored or clipped, worth a look but not errors


def read_availability(
    path: str | Path, problem: Problem, *, shape: str | None = None, shifts_as: str = "prefer"
) -> Imported:
    """Read an HR availability file against `problem`'s staff, shifts and dates."""
    path = Path(path)
    sheet, rows = _load(path)
    rows = [row for row in rows if any(_filled(v) for v in row)]
    issues: list[InputIssue] = []
    notices: list[str] = []
    chosen = shape or _detect_shape(path.name, sheet, rows)
    horizon = Horizon(problem.start_date, problem.weeks)
    codes = {s.code for s in problem.shifts}
    finder = StaffFinder(problem.staff)
    if chosen == "list":
        table = Table(path.name, sheet, rows, AVAILABILITY.columns, issues)
        requests = read_requests(table, horizon, finder, codes)
        notices += _ignored_columns(path.name, rows[0] if rows else (), AVAILABILITY.columns)
    else:
        requests = _read_grid(
            path.name, sheet, rows, horizon, finder, codes, shifts_as, issues, notices
        )
    issues += contradictions([*problem.requests, *requests], horizon)
    if issues:
        raise InputError(issues)
    return Imported(requests=tuple(requests), notices=tuple(notices))


def merge(problem: Problem, imported: Imported) -> Problem:
    """The problem with the imported requests added (exact repeats of a line are dropped)."""
    known = set(problem.requests)
    new = tuple(dict.fromkeys(r for r in imported.requests if r not in known))
    return dataclasses.replace(problem, requests=problem.requests + new)


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _load(path: Path) -> tuple[str, list[tuple[object, ...]]]:
    """The rows of the file's availability sheet (the first non-empty one), or of the CSV."""
    if path.suffix.lower() in (".csv", ".txt"):
        return path.stem, _read_csv(path)
    sheets = _open(path)
    for name, rows in sheets.items():
        if any(any(_filled(v) for v in row) for row in rows):
            return name, rows
    raise _file_error(path.name, "has no filled-in sheet")


def _read_csv(path: Path) -> list[tuple[object, ...]]:
    if not path.exists():
        raise _file_error(path.name, "file not found", f"Looked for {path.absolute()}")
    data = path.read_bytes()
    if not data.strip():
        raise _file_error(path.name, "the file is empty")
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _file_error(path.name, "is not text in UTF-8 or GBK", "Save it from Excel as CSV")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    try:
        rows: list[tuple[object, ...]] = [
            tuple(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)
        ]
    except csv.Error as error:
        raise _file_error(path.name, f"is not a readable CSV file ({error})") from None
    _refuse_swallowed_lines(path.name, rows, dialect.delimiter)
    return rows


def _refuse_swallowed_lines(file: str, rows: Sequence[tuple[object, ...]], delimiter: str) -> None:
    """A quote that is never closed makes the lines after it one cell's text: a cell whose
    line breaks are followed by whole rows (as many delimiters as the header) is refused."""
    columns = len(rows[0]) if rows else 0
    for number, row in enumerate(rows, start=1):
        for position, cell in enumerate(row):
            later = [line for line in str(cell).split("\n")[1:] if line.strip()]
            if columns > 1 and any(line.count(delimiter) >= columns - 1 for line in later):
                raise InputError(
                    [
                        InputIssue(
                            file=file,
                            row=number,
                            column=get_column_letter(position + 1),
                            value=str(cell)[:60] + "...",
                            problem=f'holds {len(later)} more lines of the file: a quote (") '
                            "opened in this cell is never closed, so the lines after it were "
                            "read as its text",
                            expected="a quote closed in the same cell, or no quote",
                            hint="Open the file in a text editor and close or remove the quote",
                        )
                    ]
                )


def _file_error(file: str, problem: str, hint: str = "") -> InputError:
    expected = "an availability file: .xlsx, or .csv in UTF-8 or GBK"
    return InputError([InputIssue(file=file, problem=problem, expected=expected, hint=hint)])


def _detect_shape(file: str, sheet: str, rows: list[tuple[object, ...]]) -> str:
    header = rows[0] if rows else ()
    if any(_header_day(h) is not None for h in header):
        return "grid"
    date_names = {normalise_header(a) for a in ("date", *AVAILABILITY.column("date").aliases)}
    if any(normalise_header(h) in date_names for h in header):
        return "list"
    raise InputError(
        [
            InputIssue(
                file=file,
                sheet=sheet,
                row=1,
                problem="is neither a grid nor a list of requests",
                value=", ".join(str(h) for h in header if _filled(h)) or None,
                expected=(
                    "a grid (id or name, then one column per date or weekday) or a list "
                    "(columns staff_id or name, date, kind, and optionally until, shift, note)"
                ),
                hint="Choose the shape with --shape if the headers are unusual",
            )
        ]
    )


def _header_day(value: object) -> dt.date | int | None:
    """A grid column's day: a date, or a weekday number 0-6 for a recurring week."""
    if isinstance(value, dt.date | dt.datetime):
        return parse_date(value)
    text = str(value or "").strip().lower()
    if text in _WEEKDAYS:
        return _WEEKDAYS[text]
    try:
        return parse_date(text)
    except BadValue:
        return _month_day(text)


def _month_day(text: str) -> dt.date | None:
    """`12月7日`: the year is settled against the roster's dates by the caller (year 1 here)."""
    match = _MONTH_DAY.match(text)
    if not match:
        return None
    try:
        return dt.date(1, int(match[1]), int(match[2]))
    except ValueError:
        return None


def _in_year_of(date: dt.date, horizon: Horizon) -> dt.date:
    """A year-less date placed in the year that puts it nearest the roster."""
    if date.year != 1:
        return date
    candidates = []
    for year in (horizon.start.year - 1, horizon.start.year, horizon.start.year + 1):
        try:
            candidates.append(date.replace(year=year))
        except ValueError:  # 29 February
            continue
    return min(candidates, key=lambda d: abs((d - horizon.start).days))


def _ignored_columns(file: str, header: Iterable[object], columns: Iterable[Column]) -> list[str]:
    known = {normalise_header(a) for c in columns for a in (c.name, *c.aliases)}
    ignored = [str(h) for h in header if _filled(h) and normalise_header(h) not in known]
    return [f"{file}: column '{h}' is not used and was ignored" for h in ignored]


def _read_grid(
    file: str,
    sheet: str,
    rows: list[tuple[object, ...]],
    horizon: Horizon,
    finder: StaffFinder,
    codes: set[str],
    shifts_as: str,
    issues: list[InputIssue],
    notices: list[str],
) -> list[Request]:
    header = rows[0]
    who = Table(file, sheet, [header], GRID_WHO, issues)  # finds the id / name columns
    if not who.index:
        who.issue(
            row=1,
            problem="has no column saying who (id/工号 or name/姓名)",
            expected="a first column with staff ids or names, then one column per date",
        )
        return []
    day_columns: dict[int, list[int]] = {}
    outside = 0
    for position, value in enumerate(header):
        if position in who.index.values() or not _filled(value):
            continue
        day = _header_day(value)
        if day is None:
            notices.append(f"{file}: column '{value}' is not a date and was ignored")
        elif isinstance(day, int):
            day_columns[position] = [
                d for d in range(horizon.num_days) if (horizon.start.weekday() + d) % 7 == day
            ]
        else:
            index = horizon.day(_in_year_of(day, horizon))
            if 0 <= index < horizon.num_days:
                day_columns[position] = [index]
            else:
                outside += 1
    if outside:
        notices.append(
            f"{file}: {outside} date column(s) outside the roster ({horizon.text()}) were ignored"
        )
    requests: list[Request] = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {f: values[p] if p < len(values) else None for f, p in who.index.items()}
        row = Row(who, number, cells)
        staff_id = next(
            (finder.find(row, f, t) for f in ("staff_id", "name") if (t := text_id(cells.get(f)))),
            None,
        )
        for position, days in day_columns.items():
            cell = values[position] if position < len(values) else None
            if not _filled(cell) or staff_id is None:
                continue
            parsed = _grid_cell(str(cell).strip(), codes, shifts_as)
            if parsed is None:
                who.issue(
                    row=number,
                    column=_column_name(position, header[position]),
                    problem="is not a grid code",
                    value=cell,
                    expected=_grid_expected(codes),
                )
                continue
            kind, code = parsed
            note = str(cell).strip() if kind == "leave" else ""  # keeps 年假 / 病假 apart
            requests += [
                Request(
                    staff_id=staff_id,
                    day=day,
                    kind=kind,
                    shift_code=code,
                    note=note,
                    source=(file, sheet, number),
                )
                for day in days
            ]
    return requests


def _column_name(position: int, title: object) -> str:
    return f"{get_column_letter(position + 1)} ({title})"


def _grid_expected(codes: set[str]) -> str:
    return GRID_CODES.replace("a shift code", f"a shift code ({', '.join(sorted(codes))})")


def _grid_cell(text: str, codes: set[str], shifts_as: str) -> tuple[str, str | None] | None:
    """(kind, shift) for one grid cell, or None when it is not a grid code."""
    if text in codes:
        return shifts_as, text
    match = _NOT_SHIFT.match(text)
    if match and match[1] in codes:
        return "unavailable", match[1]
    kind = KIND_WORDS.get(text.lower())
    if kind in ("leave", "unavailable", "prefer_off"):
        return kind, None
    return None


def write_into_workbook(problem: Problem, base: str | Path, output: str | Path) -> None:
    """Copy the input workbook `base` to `output` with its Availability sheet holding
    `problem.requests`, consecutive days of one request joined into a date range.

    The other sheets are copied as they are, formatting included.
    """
    book = openpyxl.load_workbook(base)
    title = next(
        (
            ws.title
            for ws in book
            if normalise_header(ws.title) == normalise_header(AVAILABILITY.name)
        ),
        None,
    )
    position = book.sheetnames.index(title) if title else len(book.sheetnames)
    if title:
        del book[title]
    sheet = book.create_sheet(AVAILABILITY.name, position)
    write_sheet(
        sheet,
        AVAILABILITY,
        (
            request_cells(
                r,
                problem.date(r.day),
                problem.date(last) if last != r.day else None,
            )
            for r, last in _ranges(problem.requests)
        ),
    )
    save_atomically(book, output)


def _ranges(requests: Iterable[Request]) -> list[tuple[Request, int]]:
    """(first request, last day) for each run of consecutive days with the same request."""
    runs: list[tuple[Request, int]] = []
    ordered = sorted(
        requests, key=lambda r: (r.staff_id, r.kind, r.shift_code or "", r.note, r.day)
    )
    for request in ordered:
        if runs:
            first, last = runs[-1]
            same = dataclasses.replace(first, day=request.day, source=None) == request and (
                first.note == request.note
            )
            if same and request.day == last + 1:
                runs[-1] = (first, request.day)
                continue
        runs.append((request, request.day))
    return sorted(runs, key=lambda run: (run[0].day, run[0].staff_id))

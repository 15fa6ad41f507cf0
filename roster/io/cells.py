"""Reading typed values out of spreadsheet cells, reporting each bad one where the user finds it."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter

from roster.errors import InputIssue

if TYPE_CHECKING:
    from roster.io.schema import Column

_TIME = re.compile(r"^\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$")
_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")
_CHINESE_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*$")
_TIME_EXPECTED = "a time of day as HH:MM between 00:00 and 24:00, e.g. 09:00 or 24:00"
CELL_LIMIT = 32_767  # characters an Excel cell holds
_TRUE = {"yes", "y", "true", "1", "on", "x", "hard"}
_FALSE = {"no", "n", "false", "0", "off", "", "soft"}


def normalise_header(text: object) -> str:
    return re.sub(r"[\s_\-/()]+", "_", str(text or "").strip().lower()).strip("_")


class BadValue(ValueError):
    """A cell that does not hold what its column needs; the message says what would be valid."""


def one_of(choices: Iterable[str]) -> str:
    """`a, b or c`."""
    items = list(choices)
    return ", ".join(items[:-1]) + " or " + items[-1] if len(items) > 1 else "".join(items)


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """`Did you mean x?` for a near miss of one of `choices`, else nothing."""
    close = difflib.get_close_matches(str(value), list(choices), n=1, cutoff=0.6)
    return f"Did you mean {close[0]}?" if close else ""


def parse_time(value: object) -> int:
    """Minutes after midnight from `HH:MM` text, an Excel time, or a fraction of a day.

    `24:00` is 1440; Excel stores it as a datetime on its day 1, which reads back as 1440 too.
    """
    if isinstance(value, dt.datetime):
        if value.year >= 1901:  # a calendar date, not a time Excel counts from its day 0
            raise BadValue(f"{_TIME_EXPECTED}, not a date (the cell holds {value.date()})")
        _no_seconds(value.second)
        days = (value.date() - dt.date(1899, 12, 31)).days
        return days * 1440 + value.hour * 60 + value.minute
    if isinstance(value, dt.time):
        _no_seconds(value.second)
        return value.hour * 60 + value.minute
    if isinstance(value, dt.timedelta):
        return int(value.total_seconds() // 60)
    if isinstance(value, bool):
        raise BadValue(_TIME_EXPECTED)
    if isinstance(value, int | float) and 0 <= value <= 1:
        return round(value * 1440)
    match = _TIME.match(str(value))
    if match:
        hours, minutes = int(match[1]), int(match[2])
        _no_seconds(int(match[3] or 0))
        if minutes < 60 and (hours < 24 or (hours == 24 and minutes == 0)):
            return hours * 60 + minutes
    raise BadValue(_TIME_EXPECTED)


def _no_seconds(seconds: int) -> None:
    """Shifts and windows are whole minutes: 23:59:59 is refused, not read as 23:59."""
    if seconds:
        raise BadValue(f"{_TIME_EXPECTED}, in whole minutes (no seconds)")


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.match(str(value)) or _CHINESE_DATE.match(str(value))
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise BadValue("a date as YYYY-MM-DD, e.g. 2026-12-07, or an Excel date")


def parse_number(value: object, *, low: float, high: float, integer: bool = False) -> float:
    if isinstance(value, bool):
        raise BadValue(f"a number from {number_text(low)} to {number_text(high)}")
    try:
        number = float(str(value).strip()) if not isinstance(value, int | float) else float(value)
    except ValueError:
        number = float("nan")
    if not (low <= number <= high) or (integer and number != int(number)):
        kind = "a whole number" if integer else "a number"
        raise BadValue(f"{kind} from {number_text(low)} to {number_text(high)}")
    return number


def number_text(number: float) -> str:
    """A number as a person writes it: 1000000, not 1e+06; 0.5 stays 0.5."""
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def parse_flag(value: object, *, true: str = "yes", false: str = "no") -> bool:
    text = str(value).strip().lower() if value is not None else ""
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadValue(f"{true} or {false}")


def split_list(value: object) -> list[str]:
    """`A, B`, `A+B`, `A;B` or `A B` as a list of items."""
    return [item for item in re.split(r"[,;+\s、，]+", str(value or "").strip()) if item]


def expected_of(parse, options: dict[str, object]) -> str:  # type: ignore[no-untyped-def]
    """What `parse` accepts, in its own words: the message it gives for a blank cell."""
    try:
        parse("", **options)
    except BadValue as bad:
        return str(bad)
    return ""


class Row:
    def __init__(self, table: Table, number: int, cells: dict[str, object]) -> None:
        self.table = table
        self.number = number
        self.cells = cells

    def raw(self, field: str) -> object:
        value = self.cells.get(field)
        if isinstance(value, str):
            value = value.strip()
        return None if value == "" else value

    def value(self, field: str, default: object = None) -> Any:
        """The cell read as its column's kind says, or `default` when blank."""
        return self.get(field, self.table.columns[field].read, default)

    def get(self, field: str, parse, default=None, **options):  # type: ignore[no-untyped-def]
        """The parsed value, or `default` when blank (an issue when the column is required)."""
        value = self.raw(field)
        if value is None:
            column = self.table.columns[field]
            if column.required:
                self.issue(
                    field,
                    "is empty",
                    expected=column.expected or expected_of(parse, options) or field,
                )
            return default
        try:
            return parse(value, **options)
        except BadValue as bad:
            self.issue(field, "is not valid", value=value, expected=str(bad))
            return default

    def issue(
        self,
        field: str | None,
        problem: str,
        *,
        value: object = None,
        expected: str = "",
        hint: str = "",
    ) -> None:
        self.table.issue(
            row=self.number,
            column=self.table.column_label(field) if field else None,
            problem=problem,
            value=value,
            expected=expected,
            hint=hint,
        )


class Table:
    """One sheet with a header row: finds the columns by name, yields the non-empty rows."""

    def __init__(
        self,
        file: str,
        sheet: str,
        rows: list[tuple[object, ...]],
        columns: Iterable[Column],
        issues: list[InputIssue],
    ) -> None:
        self.file, self.sheet, self.issues = file, sheet, issues
        columns = tuple(columns)
        self.columns = {c.name: c for c in columns if not c.for_people}
        self.for_people = {normalise_header(c.name) for c in columns if c.for_people}
        self.index: dict[str, int] = {}
        self.unknown: list[tuple[int, str]] = []  # (position, header) of the columns not read
        self._rows = rows
        self._find_header(rows)

    def issue(self, **fields) -> None:  # type: ignore[no-untyped-def]
        """Record an issue on this sheet; `fields` are those of `InputIssue`."""
        self.issues.append(InputIssue(file=self.file, sheet=self.sheet, **fields))

    def _find_header(self, rows: list[tuple[object, ...]]) -> None:
        names = {}
        for column in self.columns.values():
            for alias in (column.name, *column.aliases):
                names[normalise_header(alias)] = column.name
        header = rows[0] if rows else ()
        found = ", ".join(str(h) for h in header if h)
        for position, text in enumerate(header):
            field = names.get(normalise_header(text))
            if field in self.index:
                self.issue(
                    row=1,
                    column=get_column_letter(position + 1),
                    value=text,
                    problem=f"repeats the heading of column {self.column_label(field)}",
                    expected="each column once",
                    hint="Delete or rename one of the two",
                )
            elif field:
                self.index[field] = position
            elif str(text or "").strip() and normalise_header(text) not in self.for_people:
                self.unknown.append((position, str(text).strip()))
        for column in self.columns.values():
            if column.required and column.name not in self.index:
                self.issue(
                    row=1,
                    problem=f"column '{column.name}' is missing",
                    expected=f"a header row with {self.expected_headers()}",
                    hint=f"Headers found: {found or 'none'}",
                )

    def ignored_columns(self) -> list[str]:
        """A notice for each header that is no column of this sheet, naming a near miss."""
        names = [a for c in self.columns.values() for a in (c.name, *c.aliases)]
        notices = []
        for position, text in self.unknown:
            where = f"{self.file}, sheet {self.sheet}, column {get_column_letter(position + 1)}"
            ignored = f"{where} ('{text}') is not a column roster reads: it was ignored."
            notices.append(f"{ignored} {did_you_mean(text, names)}".strip())
        return notices

    def expected_headers(self) -> str:
        return ", ".join(
            c.name + ("" if c.required else " (optional)") for c in self.columns.values()
        )

    @property
    def complete(self) -> bool:
        return all(f in self.index for f, c in self.columns.items() if c.required)

    def column_label(self, field: str) -> str:
        position = self.index.get(field)
        if position is None:
            return field
        return f"{get_column_letter(position + 1)} ({field})"

    def __iter__(self) -> Iterator[Row]:
        if not self.complete:
            return
        for offset, values in enumerate(self._rows[1:], start=2):
            if all(v is None or str(v).strip() == "" for v in values):
                continue
            cells = {
                field: values[pos] if pos < len(values) else None
                for field, pos in self.index.items()
            }
            for field, value in cells.items():
                if isinstance(value, str) and len(value) > CELL_LIMIT:
                    self.issue(
                        row=offset,
                        column=self.column_label(field),
                        value=value[:40] + "...",
                        problem=f"holds {len(value):,} characters",
                        expected=f"at most {CELL_LIMIT:,}: more cannot be written back to a "
                        "workbook, and would be cut off",
                    )
            yield Row(self, offset, cells)

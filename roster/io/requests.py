"""Availability lines (leave, unavailability, wishes, fixed shifts), in English or Chinese.

Shared by the canonical workbook's Availability sheet and HR's own list files: one row per
request, staff by id or name, a date or a date range, a kind, an optional shift and note.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from roster.domain import AVAILABILITY_KINDS, DAYS_PER_WEEK, Request, Staff
from roster.errors import InputIssue
from roster.io.cells import BadValue, Row, Table, did_you_mean, one_of, parse_date
from roster.io.schema import AVAILABILITY, text_id

WISHES = ("prefer_off", "prefer")  # the kinds that are wishes: only they carry a weight


def request_cells(request: Request, first: dt.date, until: dt.date | None) -> tuple[object, ...]:
    """A request as a row of the Availability sheet, in the schema's column order: the person by
    id only (a name beside it could go stale), and the weight empty for the default 1 and on
    lines that are not wishes."""
    weight = request.weight if request.kind in WISHES and request.weight != 1 else None
    cells = {
        "staff_id": request.staff_id,
        "name": None,
        "date": first.isoformat(),
        "until": until.isoformat() if until else None,
        "kind": request.kind,
        "shift": request.shift_code,
        "note": request.note,
        "weight": weight,
    }
    return tuple(cells[header] for header in AVAILABILITY.headers)


# What HR writes for each kind, in English and Chinese; the canonical words map to themselves.
KIND_WORDS = {
    **{kind: kind for kind in AVAILABILITY_KINDS},
    "请假": "leave",
    "假": "leave",
    "休假": "leave",
    "年假": "leave",
    "病假": "leave",
    "事假": "leave",
    "婚假": "leave",
    "产假": "leave",
    "不可用": "unavailable",
    "没空": "unavailable",
    "不能上": "unavailable",
    "off": "prefer_off",
    "day_off": "prefer_off",
    "休": "prefer_off",
    "休息": "prefer_off",
    "想休": "prefer_off",
    "希望休息": "prefer_off",
    "想上": "prefer",
    "希望上": "prefer",
    "偏好": "prefer",
    "固定": "fixed",
    "指定": "fixed",
}


def parse_kind(value: object) -> str:
    kind = KIND_WORDS.get(str(value).strip().lower().replace(" ", "_"))
    if kind is None:
        raise BadValue(f"{one_of(AVAILABILITY_KINDS)} (or 请假, 年假, 病假, 休, 想上, 固定)")
    return kind


@dataclass(frozen=True, slots=True)
class Horizon:
    start: dt.date
    weeks: int

    @property
    def num_days(self) -> int:
        return self.weeks * DAYS_PER_WEEK

    @property
    def last(self) -> dt.date:
        return self.start + dt.timedelta(days=self.num_days - 1)

    def text(self) -> str:
        return f"{self.start.isoformat()} to {self.last.isoformat()}"

    def day(self, date: dt.date) -> int:
        return (date - self.start).days


class StaffFinder:
    """Finds a person by id or by exact name, and says why not (unknown, or a shared name)."""

    def __init__(self, staff: Iterable[Staff]) -> None:
        self.ids = {p.id for p in staff}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for person in staff:
            if person.name:
                self.by_name[person.name].append(person.id)

    def find(self, row: Row, field: str, text: str) -> str | None:
        if text in self.ids:
            return text
        matches = self.by_name.get(text, [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            row.issue(
                field,
                f"names {len(matches)} people ({', '.join(matches)})",
                value=text,
                expected="a staff id, or a name only one person has",
                hint="Use the id instead",
            )
            return None
        known = sorted(self.ids | set(self.by_name))
        row.issue(
            field,
            "is not on the Staff sheet",
            value=text,
            expected=f"an id (or name) from the Staff sheet: {first_few(sorted(self.ids))}",
            hint=did_you_mean(text, known),
        )
        return None


def first_few(items: list[str], count: int = 10) -> str:
    more = f" and {len(items) - count} more" if len(items) > count else ""
    return ", ".join(items[:count]) + more


def read_requests(
    table: Table,
    horizon: Horizon | None,
    finder: StaffFinder,
    codes: set[str],
    *,
    clip: bool = False,
) -> list[Request]:
    """Every row as one request per day; rows past the horizon's ends are clipped to it."""
    if table.complete and not {"staff_id", "name"} & set(table.index):
        table.issue(
            row=1,
            problem="has no column saying who (staff_id or name)",
            expected=f"a header row with {table.expected_headers()}",
        )
        return []
    requests: list[Request] = []
    for row in table:
        requests += _row_requests(table, row, horizon, finder, codes, clip)
    return requests


def _row_requests(
    table: Table,
    row: Row,
    horizon: Horizon | None,
    finder: StaffFinder,
    codes: set[str],
    clip: bool,
) -> list[Request]:
    staff_id = _who(row, finder)
    first = row.get("date", parse_date)
    last = row.get("until", parse_date, first)
    kind = row.get("kind", parse_kind)
    weight = row.value("weight")
    code = text_id(row.raw("shift")) or None
    shift_codes = f"a code from the Shifts sheet: {', '.join(sorted(codes))}"
    if code is not None and code not in codes:
        row.issue("shift", "is not a shift code", value=code, expected=shift_codes)
        return []
    if kind in ("prefer", "fixed") and code is None:
        row.issue("shift", f"is empty, but kind '{kind}' needs a shift", expected=shift_codes)
        return []
    if weight is not None and kind is not None and kind not in WISHES:
        row.issue(
            "weight",
            f"is set, but kind '{kind}' is not a wish",
            value=row.raw("weight"),
            expected=f"an empty cell: only wishes ({one_of(WISHES)}) have a weight",
        )
        return []
    if staff_id is None or first is None or last is None or kind is None or horizon is None:
        return []
    if last < first:
        row.issue(
            "until",
            f"is before the date in column {table.column_label('date')}",
            value=last,
            expected=f"a date on or after {first.isoformat()}, or empty for one day",
        )
        return []
    first_day, last_day = horizon.day(first), horizon.day(last)
    if (last_day < 0 or first_day >= horizon.num_days) and not clip:
        row.issue(
            "date",
            "is outside the roster",
            value=first,
            expected=f"a date from {horizon.text()}",
        )
        return []
    source = (table.file, table.sheet, row.number)
    note = str(row.raw("note") or "")
    return [
        Request(
            staff_id=staff_id,
            day=day,
            kind=kind,
            shift_code=code,
            weight=int(weight or 1),
            note=note,
            source=source,
        )
        for day in range(max(first_day, 0), min(last_day, horizon.num_days - 1) + 1)
    ]


def _who(row: Row, finder: StaffFinder) -> str | None:
    columns = [field for field in ("staff_id", "name") if field in row.cells]
    for field in columns:
        text = text_id(row.raw(field))
        if text:
            return finder.find(row, field, text)
    expected = (
        "a staff id from the Staff sheet" if columns == ["staff_id"] else "a staff id or name"
    )
    row.issue(columns[0], "is empty", expected=expected)
    return None


BLOCKING = ("leave", "unavailable")


def contradictions(requests: Iterable[Request], horizon: Horizon) -> list[InputIssue]:
    """Requests of one person and day that cannot all hold: away and fixed (or wished) to work."""
    by_cell: dict[tuple[str, int], list[Request]] = defaultdict(list)
    for request in requests:
        by_cell[(request.staff_id, request.day)].append(request)
    issues = []
    for (staff_id, day), cell in sorted(by_cell.items()):
        for away in (r for r in cell if r.kind in BLOCKING):
            for work in (r for r in cell if r.kind in ("fixed", "prefer")):
                if away.shift_code in (None, work.shift_code):
                    issues.append(_clash(staff_id, horizon.start + dt.timedelta(day), away, work))
    return issues


def _clash(staff_id: str, date: dt.date, away: Request, work: Request) -> InputIssue:
    what = away.kind + (f" for shift {away.shift_code}" if away.shift_code else "")
    file, sheet, row = work.source or ("input", None, None)
    return InputIssue(
        file=file,
        sheet=sheet,
        row=row,
        problem=(
            f"{staff_id} has a {work.kind} shift {work.shift_code} on {date.isoformat()} but is "
            f"marked {what} that day ({_where(away)})"
        ),
        expected="one of the two",
        hint="Delete the line that no longer holds",
    )


def _where(request: Request) -> str:
    if request.source is None:
        return "another line"
    file, sheet, row = request.source
    return f"{file}, sheet {sheet}, row {row}"

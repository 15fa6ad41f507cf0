"""Writes input workbooks: a problem as the canonical input workbook (the bundled samples are made
this way), the blank template a supervisor fills in by hand, and the availability grid HR fills in.

`write_problem` writes every column the reader reads, so a problem written and read back is the
same problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from roster.calendar import listed_days
from roster.domain import (
    DAYS_PER_WEEK,
    LOOKBACK_WEEKS,
    MINUTES_PER_DAY,
    Problem,
    RuleConfig,
    Staff,
    hhmm,
)
from roster.io.cells import number_text
from roster.io.requests import request_cells
from roster.io.schema import (
    AVAILABILITY,
    COVERAGE,
    DEMAND,
    ENTRY_ROWS,
    HISTORY,
    HOLIDAYS,
    RULES,
    SETTING_ROWS,
    SETTINGS,
    SHEETS,
    SHIFTS,
    STAFF,
    Column,
    Number,
    Sheet,
    setting_row,
)
from roster.io.xlsx import (
    CENTER,
    GRID,
    HEADER_FILL,
    HEADER_FONT,
    WEEKEND_FILL,
    append_row,
    print_one_page_wide,
    save_atomically,
    write_table,
)
from roster.rulebook import configured, effective_rules

if TYPE_CHECKING:
    from roster.rule import Rule


def write_problem(problem: Problem, path: str | Path) -> None:
    book = Workbook()
    book.remove(book.active)
    add_problem_sheets(book, problem)
    print_one_page_wide(book)
    save_atomically(book, path)


def add_problem_sheets(book: Workbook, problem: Problem, prefix: str = "") -> None:
    """The input sheets of `problem`, named with `prefix` (a roster workbook's copy of them)."""
    rows: dict[str, Iterable[Sequence[object]]] = {
        "Shifts": (
            in_order(
                SHIFTS,
                code=s.code,
                name=s.name,
                start=hhmm(s.start),
                end=_clock_end(s.end),
                location=s.location,
                paid_hours=s.paid_minutes / 60,
                combinable_with=", ".join(sorted(s.combinable_with)),
                not_followed_by=", ".join(sorted(s.not_followed_by)),
            )
            for s in problem.shifts
        ),
        "Staff": (staff_cells(p) for p in problem.staff),
        "Coverage": (
            in_order(
                COVERAGE,
                days=line.label,
                **{"from": hhmm(line.start), "to": _clock_end(line.end)},
                min_people=line.min_people,
                skill=line.skill,
            )
            for line in problem.coverage
        ),
        "Demand": (
            in_order(
                DEMAND,
                days=problem.date(d.day).isoformat(),
                shift=d.shift_code,
                people=d.people,
                under_weight=d.under_weight,
                over_weight=d.over_weight,
            )
            for d in problem.demands
        ),
        "Availability": (request_cells(r, problem.date(r.day), None) for r in problem.requests),
        "Holidays": (
            in_order(HOLIDAYS, date=problem.date(c.day).isoformat(), name=c.name, kind=c.kind)
            for c in listed_days(problem)
        ),
        "Rules": (rule_cells(rule, config) for rule, config in effective_rules(problem)),
        "Settings": (setting_cells(key, value) for key, value in _settings(problem)),
        "History": history_rows(problem),
    }
    for sheet in SHEETS:
        write_sheet(book.create_sheet(prefix + sheet.name), sheet, rows[sheet.name])


def write_sheet(ws: Worksheet, sheet: Sheet, rows: Iterable[Sequence[object]]) -> None:
    """A sheet's header row and widths from the schema, then `rows`."""
    widths = {i: max(c.width, len(c.name) + 2) for i, c in enumerate(sheet.columns, start=1)}
    write_table(ws, sheet.headers, rows, widths)


def in_order(sheet: Sheet, **cells: object) -> tuple[object, ...]:
    """One row's cells in the sheet's column order; `meaning` stands for `what it means`."""
    cells = {_SPELLED.get(key, key): value for key, value in cells.items()}
    unknown = set(cells) - set(sheet.headers)
    assert not unknown, f"{sheet.name} has no column {unknown}"
    return tuple(cells.get(header) for header in sheet.headers)


_SPELLED = {"meaning": "what it means"}


def staff_cells(person: Staff) -> tuple[object, ...]:
    """A person as a Staff row: each column from its attribute, or from `Staff.limits`."""
    cells = []
    for column in STAFF.columns:
        if column.staff_attribute:
            value = getattr(person, column.staff_attribute)
        else:
            value = person.limits.get(column.name)
        cells.append(column.kind.cell(value) if value is not None else None)
    return tuple(cells)


def rule_cells(rule: type[Rule], config: RuleConfig) -> tuple[object, ...]:
    return in_order(
        RULES,
        rule=config.name,
        enabled="on" if config.enabled else "off",
        hard="hard" if config.hard else "soft",
        weight=config.weight,
        parameters=", ".join(f"{k}={v:g}" for k, v in config.params.items()),
        relaxable="yes" if config.relaxable else "no",
        unit=rule.unit,
        meaning=rule.doc(),
    )


def setting_cells(key: str, value: object) -> tuple[object, ...]:
    described = setting_row(key)
    return in_order(
        SETTINGS, setting=key, value=value, meaning=f"{described.meaning} {described.help}"
    )


def _settings(problem: Problem) -> list[tuple[str, object]]:
    """The Settings rows of `problem`: those with a value."""
    settings = problem.settings
    lengths = {g.pattern_weeks for g in problem.rotations}
    one_per_person = lengths == {len(g.staff_ids) for g in problem.rotations}
    rows = [
        ("start_date", problem.start_date.isoformat()),
        ("weeks", problem.weeks),
        ("time_limit_seconds", settings.time_limit_seconds),
        ("seed", settings.seed),
        ("workers", settings.workers),
        ("holidays", problem.holiday_country),
        ("mode", "rotating" if problem.rotations else "plain"),
        ("pattern_weeks", lengths.pop() if lengths and not one_per_person else None),
        ("rotation_week", _rotation_week(problem)),
        (
            "lookback_weeks",
            problem.lookback_weeks if problem.lookback_weeks != LOOKBACK_WEEKS else None,
        ),
        ("time_zone", problem.time_zone),
        ("site", problem.site),
    ]
    return [(key, value) for key, value in rows if value not in (None, "")]


def _rotation_week(problem: Problem) -> int | None:
    """The pattern week the first members start on, when not the first (one for all groups)."""
    weeks = {group.first_week for group in problem.rotations}
    return weeks.pop() + 1 if len(weeks) == 1 and weeks != {0} else None


def history_rows(problem: Problem) -> list[tuple[object, ...]]:
    """The History sheet: a line per shift worked before the start, and on the history's first
    day a line for everyone, so that the sheet reaches back as far as the history does."""
    history = problem.history
    if history is None:
        return []
    rows = []
    for day in range(-history.days, 0):
        date = problem.date(day).isoformat()
        for person in problem.staff:
            codes = history.codes(person.id, day)
            if codes or day == -history.days:
                rows.append(
                    in_order(HISTORY, date=date, staff_id=person.id, shifts="+".join(codes))
                )
    return rows


def _clock_end(end: int) -> str:
    """24:00 stays 24:00; an end past midnight is written as the next morning's clock time."""
    return hhmm(end - MINUTES_PER_DAY) if end > MINUTES_PER_DAY else hhmm(end)


# --- The blank template a supervisor fills in by hand -------------------------------------------

EXAMPLE_FONT = Font(italic=True, color="808080")
TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True, size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
LISTS_SHEET = "Lists"  # hidden; holds drop-down values too long for an inline list
DEFAULT_WEEKS = 4
TEXT = "@"  # Excel's text format: ids such as 007 stay as typed


# Example rows: a real little team (an early and a late shift, three people, someone on duty from
# 07:00 to 23:00 and a leader on weekday mornings), so the template loads and solves as it is.
EXAMPLES: dict[str, tuple[tuple[object, ...], ...]] = {
    "Shifts": tuple(
        in_order(
            SHIFTS, code=code, name=name, start=start, end=end, location="onsite", paid_hours=8
        )
        for code, name, start, end in (
            ("E", "Early shift (example)", "07:00", "15:00"),
            ("L", "Late shift (example)", "15:00", "23:00"),
        )
    ),
    "Staff": tuple(
        in_order(
            STAFF,
            id=f"P0{n}",
            name=f"Example person {n}",
            skills=skills,
            remote=remote,
            max_hours_per_week=40,
            max_days_per_week=5,
            max_consecutive_days=6,
        )
        for n, skills, remote in ((1, "leader", "yes"), (2, None, "yes"), (3, None, "no"))
    ),
    "Coverage": (
        in_order(COVERAGE, days="daily", **{"from": "07:00", "to": "23:00"}, min_people=1),
        in_order(
            COVERAGE,
            days="weekdays",
            **{"from": "09:00", "to": "15:00"},
            min_people=1,
            skill="leader",
        ),
    ),
}


def next_monday(today: dt.date | None = None) -> dt.date:
    """The first Monday after `today`: the default start of a new roster."""
    today = today or dt.date.today()
    return today + dt.timedelta(days=DAYS_PER_WEEK - today.weekday())


def write_template(
    path: str | Path, start: dt.date | None = None, weeks: int = DEFAULT_WEEKS
) -> None:
    """A blank input workbook to fill in by hand: Instructions, then every input sheet with its
    headers, drop-downs and input messages. Shifts, Staff and Coverage hold a few example rows
    (grey italics) that are real data, so the workbook loads and solves as written; Rules lists
    every rule with its default, Settings the start, the weeks and the solver's settings."""
    start = start or next_monday()
    book = Workbook()
    _instructions(book.active, start)
    settings = {"start_date": start, "weeks": weeks, "time_limit_seconds": 30, "seed": 0}
    settings |= {"workers": 2, "holidays": "none"}
    rows: dict[str, Sequence[Sequence[object]]] = {
        **EXAMPLES,
        "Rules": [rule_cells(rule, config) for rule, config in configured()],
        "Settings": [setting_cells(key, value) for key, value in settings.items()],
    }
    for sheet in SHEETS:
        ws = _entry_sheet(book, sheet, rows.get(sheet.name, ()))
        if sheet.name in EXAMPLES:
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    cell.font = EXAMPLE_FONT
    book["Settings"]["B2"].number_format = setting_row("start_date").kind.format or "General"
    print_one_page_wide(book)
    save_atomically(book, path)


def _entry_sheet(book: Workbook, sheet: Sheet, rows: Sequence[Sequence[object]]) -> Worksheet:
    ws = book.create_sheet(sheet.name)
    write_sheet(ws, sheet, rows)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        if column.kind.format:
            ws.column_dimensions[letter].number_format = column.kind.format  # cells typed later
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = column.kind.format
        if not column.for_people:
            validation = _validation(book, column)
            validation.add(f"{letter}2:{letter}{ENTRY_ROWS + 1}")
            ws.add_data_validation(validation)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top")
    return ws


def _validation(book: Workbook, column: Column) -> DataValidation:
    """A drop-down, a number range, or only an input message, with the column's help text."""
    help_text = {
        "showInputMessage": True,
        "promptTitle": column.name[:32],
        "prompt": _clip(f"{column.meaning} {column.help}", 255),
        "allow_blank": True,
    }
    strict = column.strict and getattr(column.kind, "strict", True)
    error = {
        "showErrorMessage": strict,
        "errorStyle": "stop",
        "errorTitle": f"Not a valid {column.name}"[:32],
        "error": _clip(f"{column.name}: {column.help}", 225),
    }
    choices = column.drop_down
    if choices:
        formula = choices if isinstance(choices, str) else choices_formula(book, choices)
        return DataValidation(type="list", formula1=formula, **error, **help_text)
    if isinstance(column.kind, Number):
        number = column.kind
        return DataValidation(
            type="whole" if number.whole else "decimal",
            operator="between",
            formula1=number_text(number.low),
            formula2=number_text(number.high),
            **error,
            **help_text,
        )
    return DataValidation(**help_text)  # any value: only the input message


def choices_formula(book: Workbook, values: Sequence[str]) -> str:
    """A drop-down list's formula: inline `"a,b,c"` when Excel allows it (255 characters, no
    commas in values), else a column of the hidden Lists sheet."""
    inline = ",".join(values)
    if len(inline) <= 255 and not any("," in v or '"' in v for v in values):
        return f'"{inline}"'
    if LISTS_SHEET in book.sheetnames:
        ws = book[LISTS_SHEET]
        column = ws.max_column + 1
    else:
        ws = book.create_sheet(LISTS_SHEET)
        ws.sheet_state = "hidden"
        column = 1
    for row, value in enumerate(values, start=1):
        ws.cell(row, column).value = value
        ws.cell(row, column).data_type = "s"
    letter = get_column_letter(column)
    return f"{LISTS_SHEET}!${letter}$1:${letter}${len(values)}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _instructions(ws: Worksheet, start: dt.date) -> None:
    ws.title = "Instructions"
    _paragraphs(
        ws,
        f"""# How to fill in this roster input workbook

Fill in the sheets in this order, then let `roster` check the workbook and make the roster.
1. Settings: the first day of the roster (start_date, best a Monday) and the number of weeks.
2. Shifts: one row per shift, with its code and its start and end time.
3. Staff: one row per person, with their limits (hours, days a week, days in a row; and over the
   whole roster: hours, weekends, shifts of a code) and the hours a week their contract pays.
4. Coverage: how many people must be at work, on which days, from when to when.
5. Demand (may stay empty): how many people work a shift on which days, as a head count per
   shift instead of (or besides) the time windows of Coverage.
6. Availability (may stay empty): leave, days off wished for, shifts wished for or fixed.
7. Rules (may stay as it is): every rule with its default. Switch a rule off, make it soft
   (it may then be broken, at a cost), or change its weight or parameters.
8. Save the workbook and check it:   roster check input.xlsx
   It lists every problem with its sheet, row, column and what would be valid (exit status 2),
   says why the rules cannot all hold (exit status 3), or says the input is well-formed (0).
9. Make the roster:   roster solve input.xlsx -o roster.xlsx

## The example rows
The grey rows on Shifts, Staff and Coverage are examples: a small team with an early and a late
shift. They are real data, so roster check accepts this workbook and roster solve solves it as
it is. Type your own shifts, staff and coverage over them, and delete the example rows you do
not need (the grey colour does not matter). Demand and Availability have no example rows, since
their lines change the roster or name people and dates that you will change: see the example
lines at the end of this sheet.

## Typing values
Times: type 09:00, 17:30 or 24:00. The time columns are formatted as text, so Excel keeps 24:00
as typed instead of turning it into a date.
Dates: type {start.isoformat()} (or any date Excel understands).
Drop-down lists: click a cell to see the valid values; a box pops up saying what the column needs.
Keep the sheet names and the headers in row 1. Blank rows are skipped; a column roster does not
read is ignored, with a warning naming it (and the column you may have meant).

## The columns""",
    )
    _help_table(
        ws,
        ("sheet", "column", "what it means", "valid values", "example"),
        [
            (sheet.name, c.name, c.meaning, c.help, c.example)
            for sheet in SHEETS
            for c in sheet.columns
            if not c.for_people
        ]
        + [("Settings", f"setting {c.name}", c.meaning, c.help, c.example) for c in SETTING_ROWS],
    )
    _paragraphs(ws, "\n## Example lines for the Availability sheet")
    week_two = start + dt.timedelta(days=DAYS_PER_WEEK)
    wishes = (
        ("P02", week_two, week_two + dt.timedelta(4), "leave", None, "annual leave, a week", None),
        ("P03", start, None, "prefer_off", None, "a wish for the day off, weighing 3 wishes", 3),
        ("P03", start + dt.timedelta(2), None, "unavailable", "L", "evening class", None),
        ("P01", start, None, "fixed", "E", "team briefing: works the early shift", None),
        ("P02", start + dt.timedelta(3), None, "prefer", "L", "a wish for the late shift", None),
    )
    _help_table(
        ws,
        AVAILABILITY.headers,
        [
            in_order(
                AVAILABILITY,
                staff_id=who,
                date=day,
                until=until,
                kind=kind,
                shift=shift,
                note=note,
                weight=weight,
            )
            for who, day, until, kind, shift, note, weight in wishes
        ],
    )
    _paragraphs(ws, "\n## Example lines for the Demand sheet")
    demand: list[tuple[object, ...]] = [("weekdays", "E", 2, None, None)]
    demand += [("weekends", "E", 1, None, 5), (start + dt.timedelta(4), "L", 2, 10, None)]
    _help_table(ws, DEMAND.headers, demand)
    for letter, width in zip("ABCDEFGH", (16, 22, 48, 48, 22, 12, 36, 10), strict=True):
        ws.column_dimensions[letter].width = width
    ws.sheet_view.showGridLines = False


def _paragraphs(ws: Worksheet, text: str) -> None:
    """One line of `text` a row in column A; `# ` starts the title, `## ` a heading."""
    for line in text.splitlines():
        font = TITLE_FONT if line.startswith("# ") else HEADING_FONT if line[:3] == "## " else None
        append_row(ws, (line.lstrip("# ") if font else line,))
        if font:
            ws.cell(ws.max_row, 1).font = font


def _help_table(ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    append_row(ws, headers)
    for cell in ws[ws.max_row]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for row in rows:
        append_row(ws, row)
        for cell in ws[ws.max_row]:
            cell.alignment, cell.border = WRAP, GRID


# --- The availability grid HR fills in ----------------------------------------------------------

GRID_SHEET = "Availability"
GRID_OFF = ("休", "OFF")  # a wish for the day off
GRID_LEAVE = ("假", "年假", "病假", "LEAVE")  # leave: no work that day
GRID_NOT = "!"  # `!C`: not shift C that day
GRID_SPARE_ROWS = 30  # empty rows with drop-downs below the staff, for people added by hand
WEEKEND_HEADER_FILL = PatternFill("solid", fgColor="7F7F7F")
GRID_PROMPT = (
    "Empty: available. 休/OFF: day off wanted. 假/年假/病假/LEAVE: leave. "
    "A shift code: that shift wanted; !C: not shift C. "
    "空白：可以上班。休/OFF：希望休息。假/年假/病假/LEAVE：请假。"
    "班次代码：希望上该班；!C：不上 C 班。"
)


def grid_codes(shift_codes: Sequence[str] = ()) -> tuple[str, ...]:
    """Every code of the grid's drop-down."""
    return (*GRID_OFF, *GRID_LEAVE, *shift_codes, *(GRID_NOT + code for code in shift_codes))


def write_availability_grid(
    path: str | Path,
    start: dt.date,
    weeks: int,
    staff: Sequence[Staff] = (),
    shift_codes: Sequence[str] = (),
) -> None:
    """A grid for HR: sheet Availability with a header row `id`, `name`, then one ISO date per day,
    one row per person, and a drop-down of the grid codes in every day cell (empty: available);
    sheet Instructions explains the codes in English and Chinese."""
    dates = [start + dt.timedelta(days=d) for d in range(weeks * DAYS_PER_WEEK)]
    book = Workbook()
    ws = book.active
    ws.title = GRID_SHEET
    widths = {1: 10, 2: 20} | {column: 12 for column in range(3, len(dates) + 3)}
    write_table(
        ws, ("id", "name", *(d.isoformat() for d in dates)), [(p.id, p.name) for p in staff], widths
    )
    last_row = len(staff) + GRID_SPARE_ROWS + 1
    last_column = get_column_letter(len(dates) + 2)
    ws.column_dimensions["A"].number_format = TEXT  # ids such as 007 stay as typed
    for column, date in enumerate(dates, start=3):
        if date.weekday() >= 5:
            ws.cell(1, column).fill = WEEKEND_HEADER_FILL
            for row in range(2, last_row + 1):
                ws.cell(row, column).fill = WEEKEND_FILL
    for row in ws.iter_rows(min_row=2, max_row=last_row, max_col=len(dates) + 2):
        row[0].number_format = TEXT
        for cell in row:
            cell.border = GRID
            if cell.column > 2:
                cell.alignment = CENTER
    validation = DataValidation(
        type="list",
        formula1=choices_formula(book, grid_codes(shift_codes)),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",  # other entries are possible after a warning
        errorTitle="Not a grid code / 不是代码",
        error=_clip(
            f"Use one of {', '.join(grid_codes(shift_codes))}, or leave the cell empty. "
            "请使用下拉列表中的代码，或留空。",
            225,
        ),
        showInputMessage=True,
        promptTitle="Code / 代码",
        prompt=GRID_PROMPT,
    )
    validation.add(f"C2:{last_column}{last_row}")
    ws.add_data_validation(validation)
    ws.freeze_panes = "C2"
    _grid_instructions(book.create_sheet("Instructions"), dates, shift_codes)
    print_one_page_wide(book)
    save_atomically(book, path)


def _grid_instructions(ws: Worksheet, dates: Sequence[dt.date], shift_codes: Sequence[str]) -> None:
    first, last = dates[0].isoformat(), dates[-1].isoformat()
    weeks = len(dates) // DAYS_PER_WEEK
    _paragraphs(
        ws,
        f"""# Availability grid, {first} to {last} ({weeks} weeks)
# 排班可用性表：{first} 至 {last}（{weeks} 周）

On the Availability sheet: one row per person, one column per day (weekends in grey).
Fill in only the days that are not ordinary working days, with a code from the drop-down list
(or type it); leave every other cell empty.
Keep the header row (id, name, dates) as it is. Add people below it, with their staff id from
the Staff sheet of the roster input.

在 Availability 表中：每人一行，每天一列（周末为灰色）。
只填写特殊的日子：从下拉列表中选择代码（或直接输入）；其余单元格留空。
不要修改第一行（id、name、日期）。新增人员请填在下面，工号与排班输入表 Staff 表一致。
""",
    )
    codes = [
        ("(empty)", "available: may work any shift", "空白：可以上班"),
        ("休", "a day off wanted (a wish, granted when possible)", "希望休息（尽量满足）"),
        ("OFF", "the same as 休", "同“休”"),
        ("假", "leave: no work that day", "请假：当天不排班"),
        ("年假", "annual leave: no work that day", "年假：当天不排班"),
        ("病假", "sick leave: no work that day", "病假：当天不排班"),
        ("LEAVE", "the same as 假", "同“假”"),
    ]
    examples = shift_codes or ("C",)
    codes += [(code, f"shift {code} wanted that day", f"希望当天上 {code} 班") for code in examples]
    codes += [
        (GRID_NOT + c, f"not shift {c} that day (also: 不要{c})", f"当天不上 {c} 班（或：不要{c}）")
        for c in examples
    ]
    _help_table(ws, ("code / 代码", "meaning", "含义"), codes)
    if not shift_codes:
        _paragraphs(
            ws,
            "\nC stands for any shift code of the roster input (A, B, N, ...).\n"
            "C 代表排班输入表中的任一班次代码（A、B、N 等）。",
        )
    for letter, width in zip("ABC", (14, 48, 36), strict=True):
        ws.column_dimensions[letter].width = width
    ws.sheet_view.showGridLines = False

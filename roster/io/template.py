"""Writes input workbooks: a problem as the canonical input workbook (the bundled samples are made
this way), the blank template a supervisor fills in by hand, and the availability grid HR fills in.

`write_problem` writes every column the reader reads, so a problem written and read back is the
same problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from roster.calendar import listed_days
from roster.constraints import REGISTRY
from roster.domain import (
    AVAILABILITY_KINDS,
    DAYS_PER_WEEK,
    HOURS_PER_WEEK,
    LOCATIONS,
    MINUTES_PER_DAY,
    WEEKDAY_NAMES,
    Problem,
    Staff,
    hhmm,
)
from roster.io.cells import number_text, one_of
from roster.io.requests import AVAILABILITY_HEADERS, MAX_WISH_WEIGHT, weight_cell
from roster.io.workbook import MAX_HOURS_TOTAL, MAX_WEIGHT, SETTINGS
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


def write_problem(problem: Problem, path: str | Path) -> None:
    book = Workbook()
    book.remove(book.active)
    add_problem_sheets(book, problem)
    print_one_page_wide(book)
    save_atomically(book, path)


def add_problem_sheets(book: Workbook, problem: Problem, prefix: str = "") -> None:
    """The input sheets of `problem`, named with `prefix` (a roster workbook's copy of them)."""
    write_table(
        book.create_sheet(prefix + "Shifts"),
        (
            "code",
            "name",
            "start",
            "end",
            "location",
            "paid_hours",
            "combinable_with",
            "not_followed_by",
        ),
        (
            (
                s.code,
                s.name,
                hhmm(s.start),
                _clock_end(s.end),
                s.location,
                s.paid_minutes / 60,
                ", ".join(sorted(s.combinable_with)),
                ", ".join(sorted(s.not_followed_by)),
            )
            for s in problem.shifts
        ),
        widths={2: 24, 7: 18, 8: 17},
    )
    write_table(
        book.create_sheet(prefix + "Staff"),
        (
            "id",
            "name",
            "skills",
            "remote",
            "max_hours_per_week",
            "max_days_per_week",
            "max_consecutive_days",
            "min_days_off_per_week",
            "rotation",
            "max_shifts",
            "min_hours_total",
            "max_hours_total",
            "max_weekends",
            "min_consecutive_days",
            "min_consecutive_days_off",
        ),
        (
            (
                p.id,
                p.name,
                ", ".join(sorted(p.skills)),
                "yes" if p.remote_ok else "no",
                _hours(p.max_minutes_per_week),
                p.max_days_per_week,
                p.max_consecutive_days,
                p.min_days_off_per_week,
                p.rotation,
                ", ".join(f"{code}={limit}" for code, limit in p.max_shifts_by_code),
                _hours(p.min_minutes_total),
                _hours(p.max_minutes_total),
                p.max_weekends,
                p.min_consecutive_days,
                p.min_consecutive_days_off,
            )
            for p in problem.staff
        ),
        widths={2: 20, 3: 16, 10: 14, 11: 17, 12: 17, 13: 14, 14: 22, 15: 26},
    )
    write_table(
        book.create_sheet(prefix + "Coverage"),
        ("days", "from", "to", "min_people", "skill"),
        (
            (line.label, hhmm(line.start), _clock_end(line.end), line.min_people, line.skill)
            for line in problem.coverage
        ),
        widths={1: 22},
    )
    write_table(
        book.create_sheet(prefix + "Demand"),
        ("days", "shift", "people", "under_weight", "over_weight"),
        (
            (problem.date(d.day).isoformat(), d.shift_code, d.people, d.under_weight, d.over_weight)
            for d in problem.demands
        ),
        widths={1: 22, 4: 14, 5: 14},
    )
    write_table(
        book.create_sheet(prefix + "Availability"),
        AVAILABILITY_HEADERS,
        (
            (
                r.staff_id,
                problem.date(r.day).isoformat(),
                None,
                r.kind,
                r.shift_code,
                r.note,
                weight_cell(r),
            )
            for r in problem.requests
        ),
        widths={2: 12, 6: 30},
    )
    write_table(
        book.create_sheet(prefix + "Holidays"),
        ("date", "name", "kind"),
        ((problem.date(c.day).isoformat(), c.name, c.kind) for c in listed_days(problem)),
        widths={1: 12, 2: 24},
    )
    write_table(
        book.create_sheet(prefix + "Rules"),
        ("rule", "enabled", "hard", "weight", "parameters", "relaxable", "what it means"),
        (
            (
                config.name,
                "on" if config.enabled else "off",
                "hard" if config.hard else "soft",
                config.weight,
                ", ".join(f"{k}={v:g}" for k, v in config.params.items()),
                "yes" if config.relaxable else "no",
                rule.doc(),
            )
            for rule, config in effective_rules(problem)
        ),
        widths={1: 24, 5: 18, 7: 90},
    )
    settings = problem.settings
    write_table(
        book.create_sheet(prefix + "Settings"),
        ("setting", "value"),
        (
            ("start_date", problem.start_date.isoformat()),
            ("weeks", problem.weeks),
            ("time_limit_seconds", settings.time_limit_seconds),
            ("seed", settings.seed),
            ("workers", settings.workers),
            ("holidays", problem.holiday_country),
            ("mode", "rotating" if problem.rotations else "plain"),
            *_pattern_weeks_setting(problem),
            *_site_settings(problem),
        ),
        widths={1: 22, 2: 14},
    )


def _hours(minutes: int | None) -> float | None:
    return minutes / 60 if minutes is not None else None


def _clock_end(end: int) -> str:
    """24:00 stays 24:00; an end past midnight is written as the next morning's clock time."""
    return hhmm(end - MINUTES_PER_DAY) if end > MINUTES_PER_DAY else hhmm(end)


# --- The blank template a supervisor fills in by hand -------------------------------------------

ENTRY_ROWS = 500  # rows under each header that get the drop-downs, input messages and formats
TEXT = "@"  # Excel's text format: 09:00 and 24:00 stay as typed instead of becoming dates
DATE_FORMAT = "yyyy-mm-dd"
EXAMPLE_FONT = Font(italic=True, color="808080")
TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True, size=12)
WRAP = Alignment(wrap_text=True, vertical="top")
LISTS_SHEET = "Lists"  # hidden; holds drop-down values too long for an inline list
DAY_WORDS = ("daily", "weekdays", "weekends", *WEEKDAY_NAMES)
DEFAULT_WEEKS = 4


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a template sheet: its header, its help text, and what Excel checks."""

    header: str
    meaning: str
    valid: str
    example: str = ""
    width: int = 12
    format: str | None = None  # number format of the whole column
    # The drop-down: its values, or a cell range such as Shifts!$A$2:$A$501.
    choices: tuple[str, ...] | str = ()
    strict: bool = True  # Excel refuses other values; else the drop-down only suggests
    number: tuple[str, float, float] | None = None  # ("whole" or "decimal", lowest, highest)


def _column(sheet: str, fields: tuple[Field, ...], header: str) -> str:
    """The entry cells of one column, absolute, for a drop-down on another sheet."""
    letter = get_column_letter([f.header for f in fields].index(header) + 1)
    return f"{sheet}!${letter}$2:${letter}${ENTRY_ROWS + 1}"


SHIFT_FIELDS = (
    Field(
        "code",
        "Short name of the shift, used on the other sheets and in the roster.",
        "Required. Letters or digits, each code once.",
        "A",
        8,
    ),
    Field("name", "What the shift is called in the roster's legend.", "Any text.", "Day shift", 26),
    Field(
        "start",
        "When the shift starts.",
        "Required. A time HH:MM from 00:00 to 23:59.",
        "09:00",
        9,
        TEXT,
    ),
    Field(
        "end",
        "When the shift ends.",
        "Required. A time HH:MM; 24:00 is midnight; a time before the start ends next morning.",
        "17:00, 24:00 or 06:00",
        9,
        TEXT,
    ),
    Field(
        "location",
        "Where the shift is worked.",
        "onsite or remote (from home). Empty: onsite.",
        "onsite",
        10,
        choices=LOCATIONS,
    ),
    Field(
        "paid_hours",
        "Hours paid for the shift (they count towards the Staff sheet's hour limits).",
        "A number from 0 to 24. Empty: the length of the shift.",
        "8",
        11,
        number=("decimal", 0, 24),
    ),
    Field(
        "combinable_with",
        "Other shifts one person may also work on the same day.",
        "Shift codes joined by commas; the shifts must not overlap. Empty: one shift a day.",
        "C",
        18,
    ),
    Field(
        "not_followed_by",
        "Shifts nobody may work on the day after working this one (no early after a late).",
        "Shift codes joined by commas; this shift's own code forbids two in a row. Empty: any "
        "shift may follow.",
        "E",
        17,
    ),
)
STAFF_FIELDS = (
    Field("id", "The person's staff id.", "Required. Each id once.", "S01", 8, TEXT),
    Field("name", "The person's name.", "Any text.", "Wang Fang", 22),
    Field(
        "skills",
        "What the person can do, for coverage lines that need a skill.",
        "Words joined by commas. Empty: no special skill.",
        "leader, english",
        18,
    ),
    Field(
        "remote",
        "May the person work remote shifts (from home)?",
        "yes or no. Empty: yes.",
        "yes",
        9,
        choices=("yes", "no"),
    ),
    Field(
        "max_hours_per_week",
        "Most paid hours in each week of the roster.",
        f"A number from 0 to {HOURS_PER_WEEK}. Empty: no limit.",
        "40",
        20,
        number=("decimal", 0, HOURS_PER_WEEK),
    ),
    Field(
        "max_days_per_week",
        "Most working days in each week.",
        "A whole number from 0 to 7. Empty: no limit.",
        "5",
        19,
        number=("whole", 0, 7),
    ),
    Field(
        "max_consecutive_days",
        "Most working days in a row.",
        "A whole number from 1 to 366. Empty: no limit.",
        "6",
        21,
        number=("whole", 1, 366),
    ),
    Field(
        "min_days_off_per_week",
        "Fewest days off in each week.",
        "A whole number from 0 to 7. Empty: 1 (the legal minimum).",
        "1",
        22,
        number=("whole", 0, 7),
    ),
    Field(
        "max_shifts",
        "Most shifts of a code over the whole roster.",
        "Shift code=number, several joined by commas; N=0: never shift N. Empty: no limit.",
        "L=8",
        14,
    ),
    Field(
        "min_hours_total",
        "Fewest paid hours over the whole roster.",
        f"A number from 0 to {MAX_HOURS_TOTAL}. Empty: no minimum.",
        "64",
        17,
        number=("decimal", 0, MAX_HOURS_TOTAL),
    ),
    Field(
        "max_hours_total",
        "Most paid hours over the whole roster.",
        f"A number from 0 to {MAX_HOURS_TOTAL}. Empty: no limit.",
        "80",
        17,
        number=("decimal", 0, MAX_HOURS_TOTAL),
    ),
    Field(
        "max_weekends",
        "Most weekends worked (Saturday, Sunday or both) over the whole roster.",
        "A whole number from 0 to 52; 0: no weekend work. Empty: no limit.",
        "1",
        14,
        number=("whole", 0, 52),
    ),
    Field(
        "min_consecutive_days",
        "Fewest working days in a row between two days off (a run at the roster's start or "
        "end is not judged).",
        "A whole number from 1 to 366. Empty: no minimum.",
        "2",
        22,
        number=("whole", 1, 366),
    ),
    Field(
        "min_consecutive_days_off",
        "Fewest days off in a row between two working days.",
        "A whole number from 1 to 366. Empty: no minimum.",
        "2",
        26,
        number=("whole", 1, 366),
    ),
)
DAYS_FIELD = Field(
    "days",
    "The days this line applies to.",
    "daily, weekdays, weekends, a weekday (Saturday or Sat; several joined by commas: "
    "Mon, Tue), or a date YYYY-MM-DD.",
    "daily",
    22,
    choices=DAY_WORDS,
    strict=False,
)
COVERAGE_FIELDS = (
    DAYS_FIELD,
    Field("from", "Start of the time window.", "Required. A time HH:MM.", "09:00", 9, TEXT),
    Field(
        "to",
        "End of the time window.",
        "Required. A time HH:MM; 24:00 is midnight; a time before 'from' ends next morning.",
        "24:00",
        9,
        TEXT,
    ),
    Field(
        "min_people",
        "How many people must be at work at every moment of the window.",
        "Required. A whole number from 0 to 10000.",
        "2",
        12,
        number=("whole", 0, 10000),
    ),
    Field(
        "skill",
        "Only people with this skill count for this line.",
        "One skill from the Staff sheet's skills column. Empty: anyone counts.",
        "leader",
        12,
    ),
)
DEMAND_FIELDS = (
    DAYS_FIELD,
    Field(
        "shift",
        "The shift the line asks people for.",
        "Required. A code from the Shifts sheet.",
        "E",
        8,
        choices=_column("Shifts", SHIFT_FIELDS, "code"),
    ),
    Field(
        "people",
        "How many people work the shift on each of these days: at least this many (rule "
        "shift_demand), and more only at a cost (rule overstaffing).",
        "Required. A whole number from 0 to 10000.",
        "2",
        8,
        number=("whole", 0, 10000),
    ),
    Field(
        "under_weight",
        "The cost of each person short, times the weight of rule shift_demand when it is soft.",
        f"A whole number from 0 to {MAX_WEIGHT}. Empty: 1.",
        "1",
        14,
        number=("whole", 0, MAX_WEIGHT),
    ),
    Field(
        "over_weight",
        "The cost of each person more than people, times the weight of rule overstaffing.",
        f"A whole number from 0 to {MAX_WEIGHT}. Empty: 1.",
        "1",
        14,
        number=("whole", 0, MAX_WEIGHT),
    ),
)
AVAILABILITY_FIELDS = (
    Field(
        "staff_id",
        "Who the line is about.",
        "Required. An id from the Staff sheet (or the person's exact name).",
        "S01",
        10,
        TEXT,
        choices=_column("Staff", STAFF_FIELDS, "id"),
        strict=False,
    ),
    Field(
        "date",
        "The day, or the first day of a range.",
        "Required. A date, e.g. 2027-01-04.",
        "2027-01-04",
        12,
        DATE_FORMAT,
    ),
    Field(
        "until",
        "The last day of a range.",
        "A date. Empty: just the one day.",
        "2027-01-08",
        12,
        DATE_FORMAT,
    ),
    Field(
        "kind",
        "What the line says.",
        "leave or unavailable (no work; with a shift: not that shift), prefer_off (a wish for "
        "the day off, or with a shift, not that shift), prefer (a wish for the shift), "
        "fixed (the shift is worked).",
        "leave",
        12,
        choices=AVAILABILITY_KINDS,
        strict=False,
    ),
    Field(
        "shift",
        "The shift the line is about.",
        "A code from the Shifts sheet. Required for prefer and fixed; empty: the whole day.",
        "A",
        8,
        choices=_column("Shifts", SHIFT_FIELDS, "code"),
    ),
    Field("note", "Why (for people; the solver ignores it).", "Any text.", "annual leave", 30),
    Field(
        "weight",
        "How much a wish counts: a wish of weight 3 weighs as much as three of weight 1.",
        f"A whole number from 1 to {MAX_WISH_WEIGHT}, on prefer and prefer_off lines only. "
        "Empty: 1.",
        "3",
        8,
        number=("whole", 1, MAX_WISH_WEIGHT),
    ),
)
RULE_FIELDS = (
    Field(
        "rule",
        "The rule's name. Every rule is listed; a rule left out keeps its default.",
        "A rule name from the list.",
        "min_rest",
        24,
        choices=tuple(rule.name for rule in REGISTRY),
    ),
    Field(
        "enabled",
        "Is the rule used at all?",
        "on or off. Empty: on.",
        "on",
        9,
        choices=("on", "off"),
    ),
    Field(
        "hard",
        "hard: every roster must keep the rule. soft: it may be broken, at a cost.",
        "hard or soft. Empty: the rule's default.",
        "hard",
        8,
        choices=("hard", "soft"),
    ),
    Field(
        "weight",
        "For a soft rule, the cost of each unit of violation (see unit).",
        "A whole number from 0 to 1000000.",
        "10",
        8,
        number=("whole", 0, 1_000_000),
    ),
    Field(
        "parameters",
        "The rule's settings.",
        "name=number, several joined by commas. Empty: the defaults.",
        "hours=11",
        16,
    ),
    Field("unit", "One unit of violation, for reading (the solver ignores it).", "", "", 30),
    Field("what it means", "The rule in one sentence (the solver ignores it).", "", "", 90),
)
SETTING_FIELDS = (
    Field(
        "setting",
        "The name of the setting.",
        f"{one_of(SETTINGS)}.",
        "weeks",
        20,
        choices=tuple(SETTINGS),
    ),
    Field("value", "The setting's value.", "See 'what it means'.", "4", 14),
    Field("what it means", "What the setting does (the solver ignores this column).", "", "", 60),
)
HOLIDAY_FIELDS = (
    Field(
        "date",
        "A public holiday, or a weekend day that is an official working day (调休).",
        "Required. A date; it replaces what the holidays setting's calendar says of that day.",
        "2027-01-01",
        12,
        DATE_FORMAT,
    ),
    Field("name", "What the day is called.", "Any text.", "New Year's Day", 24),
    Field(
        "kind",
        "What the day is.",
        "holiday (a public holiday) or workday (a make-up working day on a weekend).",
        "holiday",
        10,
        choices=("holiday", "workday"),
    ),
)
TEMPLATE_SHEETS = (
    ("Shifts", SHIFT_FIELDS),
    ("Staff", STAFF_FIELDS),
    ("Coverage", COVERAGE_FIELDS),
    ("Demand", DEMAND_FIELDS),
    ("Availability", AVAILABILITY_FIELDS),
    ("Holidays", HOLIDAY_FIELDS),
    ("Rules", RULE_FIELDS),
    ("Settings", SETTING_FIELDS),
)

# Example rows: a real little team (an early and a late shift, three people, someone on duty from
# 07:00 to 23:00 and a leader on weekday mornings), so the template loads and solves as it is.
EXAMPLE_SHIFTS = (
    ("E", "Early shift (example)", "07:00", "15:00", "onsite", 8, None),
    ("L", "Late shift (example)", "15:00", "23:00", "onsite", 8, None),
)
EXAMPLE_STAFF = (
    ("P01", "Example person 1", "leader", "yes", 40, 5, 6, None),
    ("P02", "Example person 2", None, "yes", 40, 5, 6, None),
    ("P03", "Example person 3", None, "no", 40, 5, 6, None),
)
EXAMPLE_COVERAGE = (
    ("daily", "07:00", "23:00", 1, None),
    ("weekdays", "09:00", "15:00", 1, "leader"),
)


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
    examples = {"Shifts": EXAMPLE_SHIFTS, "Staff": EXAMPLE_STAFF, "Coverage": EXAMPLE_COVERAGE}
    rows: dict[str, Sequence[Sequence[object]]] = {
        **examples,
        "Rules": [
            (
                config.name,
                "on" if config.enabled else "off",
                "hard" if config.hard else "soft",
                config.weight,
                ", ".join(f"{k}={v:g}" for k, v in config.params.items()),
                rule.unit,
                rule.doc(),
            )
            for rule, config in configured()
        ],
        "Settings": [
            ("start_date", start, SETTINGS["start_date"]),
            ("weeks", weeks, SETTINGS["weeks"]),
            ("time_limit_seconds", 30, SETTINGS["time_limit_seconds"]),
            ("seed", 0, SETTINGS["seed"]),
            ("workers", 2, SETTINGS["workers"]),
            ("holidays", "none", SETTINGS["holidays"]),
        ],
    }
    for name, fields in TEMPLATE_SHEETS:
        ws = _entry_sheet(book, name, fields, rows.get(name, ()))
        if name in examples:
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    cell.font = EXAMPLE_FONT
    book["Settings"]["B2"].number_format = DATE_FORMAT
    print_one_page_wide(book)
    save_atomically(book, path)


def _entry_sheet(
    book: Workbook, name: str, fields: tuple[Field, ...], rows: Sequence[Sequence[object]]
) -> Worksheet:
    ws = book.create_sheet(name)
    widths = {index: field.width for index, field in enumerate(fields, start=1)}
    write_table(ws, [f.header for f in fields], rows, widths)
    for index, field in enumerate(fields, start=1):
        letter = get_column_letter(index)
        if field.format:
            ws.column_dimensions[letter].number_format = field.format  # cells typed later
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = field.format
        if field.valid:
            validation = _validation(book, field)
            validation.add(f"{letter}2:{letter}{ENTRY_ROWS + 1}")
            ws.add_data_validation(validation)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top")
    return ws


def _validation(book: Workbook, field: Field) -> DataValidation:
    """A drop-down, a number range, or only an input message, with the field's help text."""
    help_text = {
        "showInputMessage": True,
        "promptTitle": field.header[:32],
        "prompt": _clip(f"{field.meaning} {field.valid}", 255),
        "allow_blank": True,
    }
    error = {
        "showErrorMessage": field.strict,
        "errorStyle": "stop",
        "errorTitle": f"Not a valid {field.header}"[:32],
        "error": _clip(f"{field.header}: {field.valid}", 225),
    }
    if field.choices:
        choices = field.choices
        formula = choices if isinstance(choices, str) else choices_formula(book, choices)
        return DataValidation(type="list", formula1=formula, **error, **help_text)
    if field.number:
        kind, low, high = field.number
        return DataValidation(
            type=kind,
            operator="between",
            formula1=number_text(low),
            formula2=number_text(high),
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
   whole roster: hours, weekends, shifts of a code).
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
Keep the sheet names and the headers in row 1. Extra columns are ignored, and so are blank rows.

## The columns""",
    )
    _help_table(
        ws,
        ("sheet", "column", "what it means", "valid values", "example"),
        [
            (sheet, f.header, f.meaning, f.valid, f.example)
            for sheet, fields in TEMPLATE_SHEETS
            for f in fields
            if f.valid
        ],
    )
    _paragraphs(ws, "\n## Example lines for the Availability sheet")
    week_two = start + dt.timedelta(days=DAYS_PER_WEEK)
    _help_table(
        ws,
        AVAILABILITY_HEADERS,
        [
            ("P02", week_two, week_two + dt.timedelta(4), "leave", "", "annual leave, a week"),
            ("P03", start, "", "prefer_off", "", "a wish for the day off, weighing 3 wishes", 3),
            ("P03", start + dt.timedelta(2), "", "unavailable", "L", "evening class"),
            ("P01", start, "", "fixed", "E", "team briefing: works the early shift"),
            ("P02", start + dt.timedelta(3), "", "prefer", "L", "a wish for the late shift"),
        ],
    )
    _paragraphs(ws, "\n## Example lines for the Demand sheet")
    _help_table(
        ws,
        [f.header for f in DEMAND_FIELDS],
        [
            ("weekdays", "E", 2, None, None),
            ("weekends", "E", 1, None, 5),
            (start + dt.timedelta(4), "L", 2, 10, None),
        ],
    )
    for letter, width in zip("ABCDEFG", (16, 22, 48, 48, 22, 36, 10), strict=True):
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


def _site_settings(problem: Problem) -> list[tuple[str, object]]:
    """The time_zone and site rows, for those given."""
    given = (("time_zone", problem.time_zone), ("site", problem.site))
    return [(key, value) for key, value in given if value]


def _pattern_weeks_setting(problem: Problem) -> list[tuple[str, object]]:
    """The pattern_weeks row, when the groups' patterns are not one week per person."""
    lengths = {g.pattern_weeks for g in problem.rotations}
    if lengths and lengths != {len(g.staff_ids) for g in problem.rotations}:
        return [("pattern_weeks", lengths.pop())]
    return []

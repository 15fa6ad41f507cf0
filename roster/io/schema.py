"""Every sheet of the input workbook and every column, described once.

A column says what it is called (and the other names HR files use for it, English and Chinese),
what its cells mean, what is valid, what a blank means, an example, and how wide it is. From
this the reader parses and bounds the cells, the input writer and the blank template write the
headers, the template adds its drop-downs, number checks and input messages, its Instructions
sheet and `docs/input-workbook.md` list the columns (`python -m roster.io.schema` prints them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from roster.calendar import CALENDAR_KINDS, NO_CALENDAR
from roster.domain import (
    AVAILABILITY_KINDS,
    HOURS_PER_WEEK,
    LOCATIONS,
    WEEKDAY_NAMES,
    Staff,
    hhmm,
)
from roster.io.cells import (
    BadValue,
    number_text,
    one_of,
    parse_date,
    parse_flag,
    parse_number,
    parse_time,
    split_list,
)
from roster.io.choices import MODES, SETTING_RANGES

ENTRY_ROWS = 500  # rows under each header that get the template's drop-downs and formats
TEXT = "@"  # Excel's text format: 09:00 and 24:00 stay as typed instead of becoming dates
DATE_FORMAT = "yyyy-mm-dd"
MAX_HOURS_TOTAL = 366 * 24  # hours in a (leap) year: the longest horizon is 52 weeks
MAX_WEIGHT = 1_000_000  # the largest weight of a rule, a demand line or a wish
MAX_RUN = 366  # the longest run of days a limit can name
# What a whole day of leave counts towards a weekly number of hours (the rules' own arithmetic)
LEAVE_DAY_SHARE = "these hours divided by max_days_per_week, or by 5 without one"


# --- What a column holds ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    """Any text, stripped."""

    valid: str = "Any text."
    format: str | None = None

    def read(self, value: object) -> object:
        return text_id(value)

    def cell(self, value: object) -> object:
        return value


@dataclass(frozen=True, slots=True)
class Number:
    """A number from `low` to `high`; `per` converts the sheet's unit into the domain's (hours
    on the sheet, minutes in the domain: 60)."""

    low: float
    high: float
    whole: bool = False
    per: int = 1
    unit: str = ""  # for messages: "at most 120 hours"
    format: str | None = None

    @property
    def valid(self) -> str:
        kind = "A whole number" if self.whole else "A number"
        return f"{kind} from {number_text(self.low)} to {number_text(self.high)}."

    def read(self, value: object) -> object:
        number = parse_number(value, low=self.low, high=self.high, integer=self.whole)
        if self.per != 1:
            return round(number * self.per)
        return int(number) if self.whole else number

    def cell(self, value: object) -> object:
        if value is None or self.per == 1:
            return value
        assert isinstance(value, int | float)
        return value / self.per


@dataclass(frozen=True, slots=True)
class Choice:
    """One word of `choices`, in any case; `strict`: the template's drop-down refuses others."""

    choices: tuple[str, ...]
    strict: bool = True
    format: str | None = None

    @property
    def valid(self) -> str:
        return f"{one_of(self.choices)}."

    def read(self, value: object) -> object:
        text = str(value).strip().lower()
        if text not in self.choices:
            raise BadValue(one_of(self.choices))
        return text

    def cell(self, value: object) -> object:
        return value


@dataclass(frozen=True, slots=True)
class Flag:
    """yes or no (also true/false, 1/0, x)."""

    true: str = "yes"
    false: str = "no"
    format: str | None = None

    @property
    def valid(self) -> str:
        return f"{self.true} or {self.false}."

    @property
    def choices(self) -> tuple[str, ...]:
        return (self.true, self.false)

    def read(self, value: object) -> object:
        return parse_flag(value, true=self.true, false=self.false)

    def cell(self, value: object) -> object:
        return self.true if value else self.false


@dataclass(frozen=True, slots=True)
class Items:
    """Words joined by commas, as a set."""

    valid: str = "Words joined by commas."
    format: str | None = None

    def read(self, value: object) -> object:
        return frozenset(split_list(value))

    def cell(self, value: object) -> object:
        assert isinstance(value, Iterable)
        return ", ".join(sorted(value))


@dataclass(frozen=True, slots=True)
class Time:
    """A time of day, HH:MM, in minutes after midnight."""

    valid: str = "A time HH:MM."
    format: str | None = TEXT

    def read(self, value: object) -> object:
        return parse_time(value)

    def cell(self, value: object) -> object:
        assert isinstance(value, int)
        return hhmm(value)


@dataclass(frozen=True, slots=True)
class Date:
    """A date: an Excel date, or YYYY-MM-DD text."""

    valid: str = "A date YYYY-MM-DD."
    format: str | None = DATE_FORMAT

    def read(self, value: object) -> object:
        return parse_date(value)

    def cell(self, value: object) -> object:
        return value.isoformat() if isinstance(value, dt.date) else value


@dataclass(frozen=True, slots=True)
class CodeLimits:
    """`C=8, N=0`: a number per shift code; the reader checks the codes against the Shifts."""

    valid: str = "Shift code=number, several joined by commas."
    format: str | None = None

    def read(self, value: object) -> object:
        return str(value).strip()

    def cell(self, value: object) -> object:
        assert isinstance(value, Iterable)
        return ", ".join(f"{code}={limit}" for code, limit in value)


Kind = Text | Number | Choice | Flag | Items | Time | Date | CodeLimits


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """One column of a sheet (or one row of the Settings sheet)."""

    name: str
    meaning: str
    kind: Kind = field(default_factory=Text)
    valid: str = ""  # what is valid, when the kind's own words are not enough
    empty: str = ""  # what a blank cell means
    example: object = ""
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 12
    # The template's drop-down: the kind's choices, or a cell range such as Shifts!$A$2:$A$501;
    # `strict`: Excel refuses other values, else the drop-down only suggests.
    choices: tuple[str, ...] | str = ()
    strict: bool = True
    expected: str = ""  # what a blank required cell should hold, when the kind cannot say
    attribute: str = ""  # the domain's name for it, when not `name`
    at_most: tuple[str, ...] = ()  # other columns of the row this one may not exceed
    at_most_hint: str = ""  # why, when it is not plain
    for_people: bool = False  # help for people: the reader ignores it

    @property
    def staff_attribute(self) -> str | None:
        """The `Staff` attribute this Staff column is, or None: its value is in `Staff.limits`."""
        attribute = self.attribute or self.name
        return attribute if attribute in STAFF_FIELDS else None

    @property
    def valid_values(self) -> str:
        return self.valid or self.kind.valid

    @property
    def help(self) -> str:
        """What is valid, in the words the template's input message and the docs use."""
        parts = ["Required." if self.required else "", self.valid_values]
        if self.empty:
            parts.append(f"Empty: {self.empty}.")
        return " ".join(part for part in parts if part)

    @property
    def drop_down(self) -> tuple[str, ...] | str:
        return self.choices or getattr(self.kind, "choices", ())

    def read(self, value: object) -> object:
        return self.kind.read(value)


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    optional: bool = False
    max_rows: int = 1_000  # more is refused, not read: a hostile file can hold millions

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def range_of(self, name: str) -> str:
        """The entry cells of one column, absolute, for a drop-down on another sheet."""
        from openpyxl.utils import get_column_letter

        letter = get_column_letter(self.headers.index(name) + 1)
        return f"{self.name}!${letter}$2:${letter}${ENTRY_ROWS + 1}"


def text_id(value: object) -> str:
    """Ids typed as numbers come back as floats (7.0): keep them as the user sees them ("7").
    Text is NFC-normalised, so that `José` typed two ways (é, or e and a combining accent)
    is one name."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value).strip())
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


# --- The sheets ---------------------------------------------------------------------------------

END_VALID = "A time HH:MM; 24:00 is midnight; a time before the start ends next morning."
DAY_WORDS = ("daily", "weekdays", "weekends", *WEEKDAY_NAMES)
DAYS_EXPECTED = (
    "daily, weekdays, weekends, holiday (public holidays), workdays (official working days), "
    "restdays (weekends and holidays), weekday names (Monday or Mon), several of these joined "
    "by commas, or a date YYYY-MM-DD"
)
MAX_SHIFTS_EXPECTED = "shift code=most shifts, several joined by commas, e.g. C=8, N=0"

SHIFTS = Sheet(
    "Shifts",
    (
        Column(
            name="code",
            meaning="Short name of the shift, used on the other sheets and in the roster.",
            valid="Letters or digits, each code once.",
            example="A",
            required=True,
            aliases=("班次", "班次代码", "代码"),
            width=8,
            expected="a short shift code, e.g. A",
        ),
        Column(
            name="name",
            meaning="What the shift is called in the roster's legend.",
            empty="the code",
            example="Day shift",
            aliases=("名称", "班次名称"),
            width=26,
        ),
        Column(
            name="start",
            meaning="When the shift starts.",
            kind=Time(),
            valid="A time HH:MM from 00:00 to 23:59.",
            example="09:00",
            required=True,
            aliases=("开始", "开始时间"),
            width=9,
        ),
        Column(
            name="end",
            meaning="When the shift ends.",
            kind=Time(),
            valid=END_VALID,
            example="17:00, 24:00 or 06:00",
            required=True,
            aliases=("结束", "结束时间"),
            width=9,
        ),
        Column(
            name="location",
            meaning="Where the shift is worked.",
            kind=Choice(LOCATIONS),
            valid="onsite or remote (from home).",
            empty="onsite",
            example="onsite",
            aliases=("地点",),
            width=10,
        ),
        Column(
            name="paid_hours",
            meaning="Hours paid for the shift (they count towards the Staff sheet's hour limits).",
            kind=Number(0, 24),
            empty="the length of the shift",
            example=8,
            aliases=("计薪小时", "工时"),
            width=11,
        ),
        Column(
            name="combinable_with",
            meaning="Other shifts one person may also work on the same day.",
            kind=Items(),
            valid="Shift codes joined by commas; the shifts must not overlap.",
            empty="one shift a day",
            example="C",
            width=18,
        ),
        Column(
            name="not_followed_by",
            meaning="Shifts nobody may work on the day after working this one (no early after "
            "a late).",
            kind=Items(),
            valid="Shift codes joined by commas; this shift's own code forbids two in a row.",
            empty="any shift may follow",
            example="E",
            width=17,
        ),
    ),
)

STAFF = Sheet(
    "Staff",
    (
        Column(
            name="id",
            meaning="The person's staff id.",
            kind=Text(format=TEXT),
            valid="Each id once.",
            example="S01",
            required=True,
            aliases=("staff_id", "工号", "员工编号", "编号"),
            width=8,
            expected="a staff id, e.g. S01",
        ),
        Column(
            name="name",
            meaning="The person's name.",
            example="Wang Fang",
            aliases=("姓名", "名字"),
            width=22,
        ),
        Column(
            name="skills",
            meaning="What the person can do, for coverage lines that need a skill.",
            kind=Items(),
            empty="no special skill",
            example="leader, english",
            aliases=("技能",),
            width=18,
        ),
        Column(
            name="remote",
            meaning="May the person work remote shifts (from home)?",
            kind=Flag(),
            empty="yes",
            example="yes",
            aliases=("remote_ok", "可远程"),
            width=9,
            attribute="remote_ok",
        ),
        Column(
            name="max_hours_per_week",
            meaning="Most paid hours in each week of the roster.",
            kind=Number(0, HOURS_PER_WEEK, per=60, unit="hours"),
            empty="no limit",
            example=40,
            aliases=("每周最多小时",),
            width=20,
            attribute="max_minutes_per_week",
        ),
        Column(
            name="max_days_per_week",
            meaning="Most working days in each week.",
            kind=Number(0, 7, whole=True, unit="days"),
            empty="no limit",
            example=5,
            aliases=("每周最多天数",),
            width=19,
        ),
        Column(
            name="max_consecutive_days",
            meaning="Most working days in a row.",
            kind=Number(1, MAX_RUN, whole=True, unit="days"),
            empty="no limit",
            example=6,
            aliases=("最多连续上班天数",),
            width=21,
        ),
        Column(
            name="min_days_off_per_week",
            meaning="Fewest days off in each week.",
            kind=Number(0, 7, whole=True),
            empty="1 (the legal minimum)",
            example=1,
            aliases=("每周最少休息天数",),
            width=22,
        ),
        Column(
            name="rotation",
            meaning="The rotation group the person cycles with, in rotating mode.",
            valid="Any name; people with the same name rotate through one pattern.",
            empty="not rotating (with no group named on the sheet, everybody rotates as one group)",
            example="team A",
            aliases=("rotation_group", "轮班组"),
            width=12,
        ),
        Column(
            name="max_shifts",
            meaning="Most shifts of a code over the whole roster.",
            kind=CodeLimits(),
            valid="Shift code=number, several joined by commas; N=0: never shift N.",
            empty="no limit",
            example="L=8",
            aliases=("max_shifts_by_code",),
            width=14,
            attribute="max_shifts_by_code",
        ),
        Column(
            name="min_hours_total",
            meaning="Fewest paid hours over the whole roster.",
            kind=Number(0, MAX_HOURS_TOTAL, per=60, unit="hours"),
            empty="no minimum",
            example=64,
            width=17,
            attribute="min_minutes_total",
            at_most=("max_hours_total",),
        ),
        Column(
            name="max_hours_total",
            meaning="Most paid hours over the whole roster.",
            kind=Number(0, MAX_HOURS_TOTAL, per=60, unit="hours"),
            empty="no limit",
            example=80,
            width=17,
            attribute="max_minutes_total",
        ),
        Column(
            name="max_weekends",
            meaning="Most weekends worked (Saturday, Sunday or both) over the whole roster.",
            kind=Number(0, 52, whole=True),
            valid="A whole number from 0 to 52; 0: no weekend work.",
            empty="no limit",
            example=1,
            width=14,
        ),
        Column(
            name="min_consecutive_days",
            meaning="Fewest working days in a row between two days off (a run at the roster's "
            "start or end is not judged).",
            kind=Number(1, MAX_RUN, whole=True),
            empty="no minimum",
            example=2,
            width=22,
            at_most=("max_consecutive_days",),
            at_most_hint="No run of working days could be both long enough and short enough",
        ),
        Column(
            name="min_consecutive_days_off",
            meaning="Fewest days off in a row between two working days.",
            kind=Number(1, MAX_RUN, whole=True),
            empty="no minimum",
            example=2,
            width=26,
        ),
        Column(
            name="min_days_per_week",
            meaning="Fewest working days in each week (a day of leave counts as one).",
            kind=Number(0, 7, whole=True),
            empty="no minimum",
            example=5,
            aliases=("每周最少天数",),
            width=19,
            at_most=("max_days_per_week",),
        ),
        Column(
            name="contract_hours_per_week",
            meaning="Hours a week the contract pays for: each week is rostered as close to them "
            f"as it can be (a whole day of leave counts as {LEAVE_DAY_SHARE}).",
            kind=Number(0, HOURS_PER_WEEK, per=60, unit="hours"),
            empty="no target",
            example=40,
            aliases=("contracted_hours", "每周合同工时"),
            width=24,
            at_most=("max_hours_per_week",),
        ),
        Column(
            name="min_hours_per_week",
            meaning="Fewest paid hours in each week (a whole day of leave counts as "
            f"{LEAVE_DAY_SHARE}).",
            kind=Number(0, HOURS_PER_WEEK, per=60, unit="hours"),
            empty="no minimum",
            example=32,
            aliases=("每周最少小时",),
            width=20,
            at_most=("contract_hours_per_week", "max_hours_per_week"),
        ),
    ),
    max_rows=20_000,
)


def _days(meaning: str = "The days this line applies to.") -> Column:
    return Column(
        name="days",
        meaning=meaning,
        valid="daily, weekdays, weekends, a weekday (Saturday or Sat; several joined by commas: "
        "Mon, Tue), holiday, workdays, restdays (from the holiday calendar), or a date "
        "YYYY-MM-DD.",
        example="daily",
        required=True,
        aliases=("day", "星期"),
        width=22,
        choices=DAY_WORDS,
        strict=False,
        expected=DAYS_EXPECTED,
    )


COVERAGE = Sheet(
    "Coverage",
    (
        _days(),
        Column(
            name="from",
            meaning="Start of the time window.",
            kind=Time(),
            example="09:00",
            required=True,
            aliases=("start", "开始"),
            width=9,
        ),
        Column(
            name="to",
            meaning="End of the time window.",
            kind=Time(),
            valid="A time HH:MM; 24:00 is midnight; a time before 'from' ends next morning.",
            example="24:00",
            required=True,
            aliases=("end", "结束"),
            width=9,
        ),
        Column(
            name="min_people",
            meaning="How many people must be at work at every moment of the window.",
            kind=Number(0, 10000, whole=True),
            example=2,
            required=True,
            aliases=("people", "minimum", "人数", "最少人数"),
            width=12,
        ),
        Column(
            name="skill",
            meaning="Only people with this skill count for this line.",
            valid="One skill from the Staff sheet's skills column.",
            empty="anyone counts",
            example="leader",
            aliases=("技能",),
            width=12,
        ),
    ),
    max_rows=20_000,
)

DEMAND = Sheet(
    "Demand",
    (
        _days(),
        Column(
            name="shift",
            meaning="The shift the line asks people for.",
            valid="A code from the Shifts sheet.",
            example="E",
            required=True,
            aliases=("code", "shift_code", "班次"),
            width=8,
            choices=SHIFTS.range_of("code"),
            expected="a shift code",
        ),
        Column(
            name="people",
            meaning="How many people work the shift on each of these days: at least this many "
            "(rule shift_demand), and more only at a cost (rule overstaffing).",
            kind=Number(0, 10000, whole=True),
            example=2,
            required=True,
            aliases=("head_count", "demand", "人数"),
            width=8,
        ),
        Column(
            name="under_weight",
            meaning="The cost of each person short, times the weight of rule shift_demand when "
            "it is soft.",
            kind=Number(0, MAX_WEIGHT, whole=True),
            empty="1",
            example=1,
            aliases=("under",),
            width=14,
        ),
        Column(
            name="over_weight",
            meaning="The cost of each person more than people, times the weight of rule "
            "overstaffing.",
            kind=Number(0, MAX_WEIGHT, whole=True),
            empty="1",
            example=1,
            aliases=("over",),
            width=14,
        ),
    ),
    optional=True,
    max_rows=100_000,
)

AVAILABILITY = Sheet(
    "Availability",
    (
        Column(
            name="staff_id",
            meaning="Who the line is about.",
            kind=Text(format=TEXT),
            valid="An id from the Staff sheet, or the person's exact name.",
            example="S01",
            aliases=("id", "staff", "工号", "员工编号", "编号", "员工号"),
            width=10,
            choices=STAFF.range_of("id"),
            strict=False,
            expected="a staff id from the Staff sheet",
        ),
        Column(
            name="date",
            meaning="The day, or the first day of a range.",
            kind=Date(),
            example="2027-01-04",
            required=True,
            aliases=("from", "start", "日期", "开始", "开始日期"),
            width=12,
        ),
        Column(
            name="until",
            meaning="The last day of a range.",
            kind=Date(),
            empty="just the one day",
            example="2027-01-08",
            aliases=("to", "end", "end_date", "结束", "结束日期", "截止"),
            width=12,
        ),
        Column(
            name="kind",
            meaning="What the line says.",
            kind=Choice(AVAILABILITY_KINDS, strict=False),
            valid="leave or unavailable (no work; with a shift: not that shift), prefer_off (a "
            "wish for the day off, or with a shift, not that shift), prefer (a wish for the "
            "shift), fixed (the shift is worked); HR's Chinese words are read too (请假, 年假, "
            "病假, 休, 想上, 固定).",
            example="leave",
            required=True,
            aliases=("type", "类型", "类别", "种类"),
            width=12,
        ),
        Column(
            name="shift",
            meaning="The shift the line is about.",
            valid="A code from the Shifts sheet. Required for prefer and fixed.",
            empty="the whole day",
            example="A",
            aliases=("班次", "班"),
            width=8,
            choices=SHIFTS.range_of("code"),
        ),
        Column(
            name="note",
            meaning="Why (for people; the solver ignores it).",
            example="annual leave",
            aliases=("备注", "说明", "原因"),
            width=30,
        ),
        Column(
            name="weight",
            meaning="How much a wish counts: a wish of weight 3 weighs as much as three of "
            "weight 1.",
            kind=Number(1, MAX_WEIGHT, whole=True),
            valid=f"A whole number from 1 to {MAX_WEIGHT}, on prefer and prefer_off lines only.",
            empty="1",
            example=3,
            aliases=("权重",),
            width=8,
        ),
        Column(
            name="name",
            meaning="Who the line is about, by name (HR's lists often have no ids).",
            valid="A name from the Staff sheet that only one person has.",
            empty="the staff_id says who",
            example="Wang Fang",
            aliases=("姓名", "名字", "员工", "员工姓名"),
            width=16,
        ),
    ),
    optional=True,
    max_rows=250_000,
)

HOLIDAYS = Sheet(
    "Holidays",
    (
        Column(
            name="date",
            meaning="A public holiday, or a weekend day that is an official working day (调休).",
            kind=Date(),
            valid="A date; it replaces what the holidays setting's calendar says of that day.",
            example="2027-01-01",
            required=True,
            aliases=("日期",),
            width=12,
        ),
        Column(
            name="name",
            meaning="What the day is called.",
            empty="Public holiday, or Working day",
            example="New Year's Day",
            aliases=("holiday", "名称"),
            width=24,
        ),
        Column(
            name="kind",
            meaning="What the day is.",
            kind=Choice(CALENDAR_KINDS),
            valid="holiday (a public holiday) or workday (a make-up working day on a weekend).",
            empty="holiday",
            example="holiday",
            aliases=("type",),
            width=10,
        ),
    ),
    optional=True,
    max_rows=5_000,
)

HISTORY = Sheet(
    "History",
    (
        Column(
            name="date",
            meaning="A day before the roster's start, from the roster before it.",
            kind=Date(),
            valid="A date before start_date; the history reaches back to its earliest date.",
            example="2027-01-03",
            required=True,
            aliases=("日期",),
            width=12,
        ),
        Column(
            name="staff_id",
            meaning="Who worked that day.",
            kind=Text(format=TEXT),
            valid="An id from the Staff sheet.",
            example="S01",
            required=True,
            aliases=("id", "staff", "工号"),
            width=10,
            choices=STAFF.range_of("id"),
            expected="a staff id from the Staff sheet",
        ),
        Column(
            name="shifts",
            meaning="The shifts the person worked that day.",
            valid="Shift codes from the Shifts sheet, several joined with + (A+C).",
            empty="a day off (a date with no line for a person is a day off too)",
            example="C",
            aliases=("shift", "班次"),
            width=10,
        ),
    ),
    optional=True,
    max_rows=250_000,
)


def _rule_names() -> tuple[str, ...]:
    from roster.constraints import REGISTRY

    return tuple(rule.name for rule in REGISTRY)


RULES = Sheet(
    "Rules",
    (
        Column(
            name="rule",
            meaning="The rule's name. Every rule is listed; a rule left out keeps its default.",
            kind=Choice(_rule_names()),
            valid="A rule name from the list.",
            example="min_rest",
            required=True,
            aliases=("name",),
            width=24,
        ),
        Column(
            name="enabled",
            meaning="Is the rule used at all?",
            kind=Flag("on", "off"),
            empty="on",
            example="on",
            aliases=("on",),
            width=9,
        ),
        Column(
            name="hard",
            meaning="hard: every roster must keep the rule. soft: it may be broken, at a cost.",
            kind=Choice(("hard", "soft")),
            empty="the rule's default",
            example="hard",
            aliases=("hard_soft", "type"),
            width=8,
        ),
        Column(
            name="weight",
            meaning="For a soft rule, the cost of each unit of violation (see unit).",
            kind=Number(0, MAX_WEIGHT, whole=True),
            empty="the rule's default",
            example=10,
            width=8,
        ),
        Column(
            name="parameters",
            meaning="The rule's settings.",
            valid="name=number, several joined by commas.",
            empty="the defaults",
            example="hours=11",
            aliases=("params",),
            width=16,
        ),
        Column(
            name="relaxable",
            meaning="May a best-effort roster break this hard rule when the hard rules cannot "
            "all hold?",
            kind=Flag(),
            empty="the rule's default",
            example="no",
            width=10,
        ),
        Column(
            name="unit",
            meaning="One unit of violation, for reading (the solver ignores it).",
            width=30,
            for_people=True,
        ),
        Column(
            name="what it means",
            meaning="The rule in one sentence (the solver ignores it).",
            width=90,
            for_people=True,
        ),
    ),
    optional=True,
)


def _setting_number(name: str) -> Number:
    low, high, whole = SETTING_RANGES[name]
    return Number(low, high, whole=whole)


# The Settings sheet has a row per setting; each is described as a column would be.
SETTING_ROWS = (
    Column(
        name="start_date",
        meaning="The first day of the roster, best a Monday.",
        kind=Date(),
        valid="A date YYYY-MM-DD.",
        required=True,
        example="2027-01-04",
    ),
    Column(
        name="weeks",
        meaning="The number of weeks.",
        kind=_setting_number("weeks"),
        required=True,
        example=4,
    ),
    Column(
        name="time_limit_seconds",
        meaning="Seconds the solver may take.",
        kind=_setting_number("time_limit_seconds"),
        empty="30",
        example=30,
    ),
    Column(
        name="seed",
        meaning="The same seed gives the same roster.",
        kind=_setting_number("seed"),
        empty="0",
        example=0,
    ),
    Column(
        name="workers",
        meaning="Solver threads.",
        kind=_setting_number("workers"),
        empty="2",
        example=2,
    ),
    Column(
        name="mode",
        meaning="plain (everyone rostered freely) or rotating (rotation groups cycle through one "
        "pattern).",
        kind=Choice(MODES),
        empty="plain",
        example="plain",
    ),
    Column(
        name="pattern_weeks",
        meaning="Weeks in each rotation pattern.",
        kind=_setting_number("pattern_weeks"),
        empty="one week per person in the group",
        example=4,
    ),
    Column(
        name="rotation_week",
        meaning="The pattern week the first person of each rotation group works in the "
        "roster's first week (the next person the week after it, and so on).",
        kind=_setting_number("rotation_week"),
        empty="1; `roster solve --after` sets it to go on where the previous roster stopped",
        example=1,
    ),
    Column(
        name="lookback_weeks",
        meaning="Weeks of earlier rosters that `roster solve --after` carries over: the fairness "
        "rules count them with this roster's (who did the weekends last time is spared now).",
        kind=_setting_number("lookback_weeks"),
        empty="12",
        example=12,
    ),
    Column(
        name="holidays",
        meaning="A country code for public holidays and make-up working days.",
        valid=f"A country code such as CN, HK, US or DE, or {NO_CALENDAR}.",
        empty=NO_CALENDAR,
        example=NO_CALENDAR,
    ),
    Column(
        name="time_zone",
        meaning="The site's time zone (for calendar files).",
        valid="A name such as Asia/Shanghai or Europe/London.",
        empty="none",
        example="Asia/Shanghai",
    ),
    Column(
        name="site",
        meaning="Where on-site shifts are worked, e.g. the office's name or address (for "
        "calendar files).",
        empty="none",
        example="Customer service centre",
    ),
)
SETTINGS = Sheet(
    "Settings",
    (
        Column(
            name="setting",
            meaning="The name of the setting.",
            kind=Choice(tuple(row.name for row in SETTING_ROWS)),
            example="weeks",
            required=True,
            aliases=("key",),
            width=20,
        ),
        Column(
            name="value",
            meaning="The setting's value.",
            valid="See 'what it means'.",
            example=4,
            required=True,
            width=14,
        ),
        Column(
            name="what it means",
            meaning="What the setting does (the solver ignores this column).",
            width=60,
            for_people=True,
        ),
    ),
)

STAFF_FIELDS = frozenset(f.name for f in dataclasses.fields(Staff))
SHEETS = (SHIFTS, STAFF, COVERAGE, DEMAND, AVAILABILITY, HOLIDAYS, RULES, SETTINGS, HISTORY)
SHEET_NAMES = tuple(sheet.name for sheet in SHEETS)


def setting_row(name: str) -> Column:
    return next(row for row in SETTING_ROWS if row.name == name)


def reference() -> dict[str, str]:
    """Each sheet's columns (and the Settings sheet's rows) as a table of docs/input-workbook.md,
    headed by the marker `refresh` finds it by."""
    tables = {}
    for sheet in SHEETS:
        described = SETTING_ROWS if sheet is SETTINGS else sheet.columns
        first = "setting" if sheet is SETTINGS else "column"
        lines = [
            _marker(sheet.name),
            f"| {first} | what it means | valid values | example | also read as |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {c.name} | {c.meaning} | {c.help} | {_markdown(c.example)} | "
            f"{', '.join(c.aliases)} |"
            for c in described
            if not c.for_people
        ]
        tables[sheet.name] = "\n".join(lines)
    return tables


def refresh(text: str) -> str:
    """`text` with each generated table (from its marker to the next blank line) made anew."""
    for name, table in reference().items():
        start = text.find(_marker(name))
        if start >= 0:
            end = text.find("\n\n", start)
            text = text[:start] + table + text[end if end >= 0 else len(text) :]
    return text


def _marker(sheet: str) -> str:
    return f"<!-- {sheet} columns: generated by python -m roster.io.schema -->"


def _markdown(value: object) -> str:
    return str(value).replace("|", "\\|")


if __name__ == "__main__":  # python -m roster.io.schema [docs/input-workbook.md]: refresh it
    import sys
    from pathlib import Path

    if len(sys.argv) > 1:
        doc = Path(sys.argv[1])
        doc.write_text(refresh(doc.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print("\n\n".join(reference().values()))

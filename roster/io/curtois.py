"""Reads the Curtois & Qu shift scheduling benchmark's `.txt` instances into a `Problem`.

The benchmark's rules map onto ordinary roster rules (see the table in `curtois_rules`): its
cover grid becomes `ShiftDemand` lines, its days off unavailability, its on/off requests
weighted wishes, and its per-employee limits the contract fields of `Staff`. The objective of
a roster in the benchmark's own terms is then the checker's score.

The format has no dates: day 0 is a Monday, shown here as `START`. It has no start times
either (the `CannotFollow` lists already hold the rest rule), so every shift starts at 00:00.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from roster.check import CheckReport
from roster.domain import Problem, Request, RuleConfig, Shift, ShiftDemand, Staff
from roster.errors import InputError, InputIssue
from roster.rulebook import configured

START = dt.date(2024, 1, 1)  # a Monday
SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)
# The roster rules that state the benchmark's model; every other rule is switched off.
HARD_RULES = (
    "one_shift_per_day",
    "availability",
    "shift_successions",
    "max_shifts_per_code",
    "total_hours",
    "max_consecutive_days",
    "min_consecutive_days",
    "min_consecutive_days_off",
    "max_weekends",
)
SOFT_RULES = ("shift_demand", "overstaffing", "preferences")  # weight 1: the lines carry theirs
# How the benchmark's papers name each part of the objective
OBJECTIVE_TERMS = {
    "shift_demand": "cover under",
    "overstaffing": "cover over",
    "preferences": "shift on/off requests",
}


@dataclass(frozen=True, slots=True)
class _Line:
    number: int  # 1-based, as an editor shows it
    fields: list[str]


class _Reader:
    """Collects every issue of one file before raising them together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.issues: list[InputIssue] = []

    def issue(self, line: _Line, problem: str, expected: str = "") -> None:
        self.issues.append(
            InputIssue(
                file=str(self.path),
                line=line.number,
                problem=problem,
                value=",".join(line.fields),
                expected=expected,
            )
        )

    def number(self, line: _Line, text: str, what: str) -> int | None:
        try:
            value = int(text)
        except ValueError:
            self.issue(line, f"{what} is not a whole number", "a whole number such as 480")
            return None
        if value < 0:
            self.issue(line, f"{what} is negative", "0 or more")
            return None
        return value


def read_curtois(path: str | Path) -> Problem:
    """The instance in `path` as a problem whose rule costs add up to the benchmark objective."""
    path = Path(path)
    try:
        text = path.read_text(encoding="ascii")
    except UnicodeDecodeError as error:
        raise InputError(
            [InputIssue(file=str(path), problem=f"is not plain ASCII text ({error.reason})")]
        ) from None
    except OSError as error:
        unreadable = f"cannot be read ({error.strerror or error})"
        hint = "Give the path of an instance file such as Instance1.txt"
        raise InputError([InputIssue(file=str(path), problem=unreadable, hint=hint)]) from None
    reader = _Reader(path)
    sections = _sections(reader, text)
    problem = _problem(reader, path, sections) if not reader.issues else None
    if reader.issues or problem is None:
        raise InputError(reader.issues)
    return problem


def _sections(reader: _Reader, text: str) -> dict[str, list[_Line]]:
    sections: dict[str, list[_Line]] = {}
    current: list[_Line] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("SECTION_"):
            if line not in SECTIONS:
                reader.issue(_Line(number, [line]), "unknown section", " or ".join(SECTIONS))
            current = sections.setdefault(line, [])
            continue
        if current is None:
            reader.issue(_Line(number, [line]), "data before the first section", SECTIONS[0])
            continue
        current.append(_Line(number, [field.strip() for field in line.split(",")]))
    for name in SECTIONS:
        if name not in sections:
            reader.issues.append(
                InputIssue(file=str(reader.path), problem=f"has no {name} section")
            )
    return sections


def _problem(reader: _Reader, path: Path, sections: dict[str, list[_Line]]) -> Problem | None:
    horizon = _horizon(reader, sections["SECTION_HORIZON"])
    shifts = _shifts(reader, sections["SECTION_SHIFTS"])
    if horizon is None or not shifts:
        return None
    codes = {shift.code for shift in shifts}
    staff = _staff(reader, sections["SECTION_STAFF"], codes)
    people = {person.id for person in staff}
    requests = [
        *_days_off(reader, sections["SECTION_DAYS_OFF"], people, horizon),
        *_requests(reader, sections["SECTION_SHIFT_ON_REQUESTS"], "prefer", people, codes, horizon),
        *_requests(
            reader, sections["SECTION_SHIFT_OFF_REQUESTS"], "prefer_off", people, codes, horizon
        ),
    ]
    demands = _cover(reader, sections["SECTION_COVER"], codes, horizon)
    if reader.issues:
        return None
    return Problem(
        name=path.stem,
        start_date=START,
        weeks=horizon // 7,
        shifts=tuple(shifts),
        staff=tuple(staff),
        coverage=(),
        demands=tuple(demands),
        requests=tuple(requests),
        rules=curtois_rules(),
    )


def curtois_rules() -> tuple[RuleConfig, ...]:
    """The benchmark's model as rule settings: its hard rules hard, its costs soft at weight 1."""
    rules = []
    for _, config in configured():
        enabled = config.name in HARD_RULES or config.name in SOFT_RULES
        hard = config.name in HARD_RULES
        rules.append(dataclasses.replace(config, enabled=enabled, hard=hard, weight=1))
    return tuple(rules)


def _horizon(reader: _Reader, lines: list[_Line]) -> int | None:
    if len(lines) != 1 or len(lines[0].fields) != 1:
        line = lines[0] if lines else _Line(0, [])
        reader.issue(line, "SECTION_HORIZON must hold one number", "the number of days, e.g. 14")
        return None
    days = reader.number(lines[0], lines[0].fields[0], "the horizon")
    if days is not None and (days == 0 or days % 7):
        reader.issue(lines[0], "the horizon is not whole weeks", "a multiple of 7 days")
        return None
    return days


def _shifts(reader: _Reader, lines: list[_Line]) -> list[Shift]:
    shifts = []
    for line in lines:
        if len(line.fields) != 3:
            reader.issue(line, "a shift line has 3 fields", "ShiftID,LengthMinutes,CannotFollow")
            continue
        code, length_text, cannot_follow = line.fields
        length = reader.number(line, length_text, "the shift length")
        if length is None:
            continue
        if not 0 < length <= 24 * 60:
            reader.issue(line, "the shift length is out of range", "1 to 1440 minutes")
            continue
        followers = frozenset(c for c in cannot_follow.split("|") if c)
        shifts.append(
            Shift(
                code=code,
                name=f"{code} ({length / 60:g} h)",
                start=0,
                end=length,
                paid_minutes=length,
                not_followed_by=followers,
            )
        )
    codes = {shift.code for shift in shifts}
    for line, shift in zip(lines, shifts, strict=False):
        for unknown in sorted(shift.not_followed_by - codes):
            reader.issue(line, f"CannotFollow names unknown shift {unknown!r}", _one_of(codes))
    return shifts


STAFF_FIELDS = (
    "ID,MaxShifts,MaxTotalMinutes,MinTotalMinutes,MaxConsecutiveShifts,"
    "MinConsecutiveShifts,MinConsecutiveDaysOff,MaxWeekends"
)


def _staff(reader: _Reader, lines: list[_Line], codes: set[str]) -> list[Staff]:
    staff = []
    for line in lines:
        if len(line.fields) != 8:
            reader.issue(line, "a staff line has 8 fields", STAFF_FIELDS)
            continue
        limits = dict(_max_shifts(reader, line, codes))
        numbers = [
            reader.number(line, text, name)
            for text, name in zip(line.fields[2:], STAFF_FIELDS.split(",")[2:], strict=True)
        ]
        if None in numbers:
            continue
        max_total, min_total, max_run, min_run, min_off, weekends = (int(n or 0) for n in numbers)
        staff.append(
            Staff(
                id=line.fields[0],
                name="",
                max_shifts_by_code=tuple(sorted(limits.items())),
                max_minutes_total=max_total,
                min_minutes_total=min_total,
                max_consecutive_days=max_run,
                min_consecutive_days=min_run,
                min_consecutive_days_off=min_off,
                max_weekends=weekends,
            )
        )
    return staff


def _max_shifts(reader: _Reader, line: _Line, codes: set[str]) -> Iterator[tuple[str, int]]:
    for item in line.fields[1].split("|"):
        code, _, limit_text = item.partition("=")
        if code not in codes:
            reader.issue(line, f"MaxShifts names unknown shift {code!r}", _one_of(codes))
            continue
        limit = reader.number(line, limit_text, f"the MaxShifts limit of {code}")
        if limit is not None:
            yield code, limit


def _days_off(
    reader: _Reader, lines: list[_Line], people: set[str], horizon: int
) -> Iterator[Request]:
    for line in lines:
        if not _known(reader, line, line.fields[0], people, "employee"):
            continue
        for text in line.fields[1:]:
            day = _day(reader, line, text, horizon)
            if day is not None:
                yield Request(staff_id=line.fields[0], day=day, kind="unavailable", note="day off")


def _requests(
    reader: _Reader, lines: list[_Line], kind: str, people: set[str], codes: set[str], horizon: int
) -> Iterator[Request]:
    for line in lines:
        if len(line.fields) != 4:
            reader.issue(line, "a request line has 4 fields", "EmployeeID,Day,ShiftID,Weight")
            continue
        staff_id, day_text, code, weight_text = line.fields
        day = _day(reader, line, day_text, horizon)
        weight = reader.number(line, weight_text, "the weight")
        if weight == 0:
            reader.issue(line, "a request of weight 0 counts for nothing", "a weight of 1 or more")
        known = _known(reader, line, staff_id, people, "employee")
        if _known(reader, line, code, codes, "shift") and known and day is not None and weight:
            yield Request(staff_id=staff_id, day=day, kind=kind, shift_code=code, weight=weight)


def _cover(
    reader: _Reader, lines: list[_Line], codes: set[str], horizon: int
) -> Iterator[ShiftDemand]:
    for line in lines:
        if len(line.fields) != 5:
            reader.issue(
                line, "a cover line has 5 fields", "Day,ShiftID,Requirement,WeightUnder,WeightOver"
            )
            continue
        day = _day(reader, line, line.fields[0], horizon)
        people, under, over = (
            reader.number(line, t, n)
            for t, n in zip(
                line.fields[2:], ("the requirement", "WeightUnder", "WeightOver"), strict=True
            )
        )
        if (
            _known(reader, line, line.fields[1], codes, "shift")
            and day is not None
            and None not in (people, under, over)
        ):
            yield ShiftDemand(
                day=day,
                shift_code=line.fields[1],
                people=people or 0,
                under_weight=under or 0,
                over_weight=over or 0,
            )


def _day(reader: _Reader, line: _Line, text: str, horizon: int) -> int | None:
    day = reader.number(line, text, "the day")
    if day is not None and day >= horizon:
        reader.issue(line, f"day {day} is past the horizon", f"a day from 0 to {horizon - 1}")
        return None
    return day


def _known(reader: _Reader, line: _Line, key: str, known: set[str], what: str) -> bool:
    if key in known:
        return True
    reader.issue(line, f"unknown {what} {key!r}", _one_of(known))
    return False


def _one_of(known: set[str]) -> str:
    listed = sorted(known)
    return "one of " + ", ".join(listed[:12]) + (" ..." if len(listed) > 12 else "")


def benchmark_objective(report: CheckReport) -> dict[str, int]:
    """The checker's score split into the benchmark's terms, plus `total`."""
    terms = {term: 0 for term in OBJECTIVE_TERMS.values()}
    for violation in report.soft_violations:
        terms[OBJECTIVE_TERMS[violation.rule]] += violation.cost
    return {**terms, "total": sum(terms.values())}


def benchmark_line(report: CheckReport, instance: str | Path) -> str:
    """The roster's objective in the benchmark's terms, against the instance's best known one."""
    terms = benchmark_objective(report)
    total = terms.pop("total")
    parts = " + ".join(f"{name} {cost}" for name, cost in terms.items())
    known = best_known(instance)
    versus = "" if known is None else f"; best known {known} ({_versus(total, known)})"
    return f"Benchmark objective: {total} = {parts}{versus}"


def _versus(total: int, known: int) -> str:
    if total == known:
        return "reached"
    if total < known:
        return f"{known - total} better"
    return f"{(total - known) / known:.1%} above"


def best_known(path: str | Path) -> int | None:
    """The best known objective of the instance from a `best_known.csv` in its folder or the
    folder above (as the benchmark is laid out), if there is one."""
    path = Path(path)
    for folder in (path.parent, path.parent.parent):
        table = folder / "best_known.csv"
        if table.is_file():
            return _lookup(table, path.stem)
    return None


def _lookup(table: Path, instance: str) -> int | None:
    with table.open(newline="", encoding="utf-8") as file:
        rows: Iterator[Mapping[str, str]] = csv.DictReader(file)
        for row in rows:
            if row.get("instance") == instance:
                return int(row["best_known_ub"])
    return None

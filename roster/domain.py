"""The rostering problem and its answer as frozen dataclasses.

Time is whole minutes; days are indexes from the horizon start. A shift that starts on day `d`
belongs to day `d` even when it ends after midnight: its `end` is then past 1440.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

MINUTES_PER_DAY = 24 * 60
DAYS_PER_WEEK = 7
HOURS_PER_WEEK = DAYS_PER_WEEK * 24  # the most a weekly limit in hours can be
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LOCATIONS = ("onsite", "remote")
AVAILABILITY_KINDS = ("leave", "unavailable", "prefer_off", "prefer", "fixed")


def clock_minutes(clock: str) -> int:
    """Minutes after midnight of an `HH:MM` time (24:00 is 1440)."""
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def hhmm(minutes: int) -> str:
    """Format minutes after midnight as `HH:MM` (24:00 and later stay as they are: 26:00)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Shift:
    code: str
    name: str
    start: int
    end: int  # after `start`; past 1440 when the shift crosses midnight
    location: str = "onsite"
    paid_minutes: int
    combinable_with: frozenset[str] = frozenset()
    # Shift codes nobody may work on the day after working this one (an early after a late)
    not_followed_by: frozenset[str] = frozenset()

    @classmethod
    def from_clock(
        cls,
        code: str,
        start: str,
        end: str,
        *,
        name: str = "",
        location: str = "onsite",
        combinable: str = "",
    ) -> Shift:
        """A shift from `HH:MM` times, paid for its length; an end at or before the start
        crosses midnight. `combinable` lists the codes it may share a day with."""
        begin, finish = clock_minutes(start), clock_minutes(end)
        if finish <= begin:
            finish += MINUTES_PER_DAY
        return cls(
            code=code,
            name=name or code,
            start=begin,
            end=finish,
            location=location,
            paid_minutes=finish - begin,
            combinable_with=frozenset(combinable.split()),
        )

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def window(self) -> str:
        end = self.end - MINUTES_PER_DAY if self.end > MINUTES_PER_DAY else self.end
        return f"{hhmm(self.start)}-{hhmm(end)}"

    def span_on(self, day: int) -> tuple[int, int]:
        """Start and end in minutes from the horizon start when worked on `day`."""
        offset = day * MINUTES_PER_DAY
        return offset + self.start, offset + self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class Staff:
    id: str
    name: str = ""
    skills: frozenset[str] = frozenset()
    remote_ok: bool = True
    max_minutes_per_week: int | None = None
    max_days_per_week: int | None = None
    max_consecutive_days: int | None = None
    min_days_off_per_week: int | None = None
    rotation: str | None = None  # the rotation group the person cycles with, in rotating mode
    # Limits over the whole horizon (None: no limit)
    max_shifts_by_code: tuple[tuple[str, int], ...] = ()  # (shift code, most shifts of it)
    min_minutes_total: int | None = None
    max_minutes_total: int | None = None
    max_weekends: int | None = None  # weekends with a shift on Saturday or Sunday
    # Shortest run of working days, and of days off, between two runs of the other kind
    min_consecutive_days: int | None = None
    min_consecutive_days_off: int | None = None
    # Limits that only their rule reads, by Staff column name: a new column needs no attribute
    limits: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}), hash=False)

    def max_shifts_of(self, code: str) -> int | None:
        return next((limit for c, limit in self.max_shifts_by_code if c == code), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class CoverageLine:
    """At least `min_people` (with `skill`, if given) at work from `start` to `end` on `days`."""

    label: str  # the user's words for the days: "daily", "Saturday", "2026-12-25"
    days: frozenset[int]
    start: int
    end: int  # may pass 1440: the window then runs into the next morning
    min_people: int
    skill: str | None = None
    source_row: int | None = None

    @property
    def window(self) -> str:
        return f"{hhmm(self.start)}-{hhmm(self.end)}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ShiftDemand:
    """`people` wanted on shift `shift_code` of `day`; each person short costs `under_weight`,
    each person over `over_weight`, times the rule's weight."""

    day: int
    shift_code: str
    people: int
    under_weight: int = 1
    over_weight: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    """One line of availability: leave, unavailability, a wish or a fixed shift for one day."""

    staff_id: str
    day: int
    kind: str
    shift_code: str | None = None
    weight: int = 1  # how much a wish (prefer, prefer_off) counts against the others
    note: str = field(default="", compare=False)  # the user's words; no bearing on the roster
    # (file, sheet, row) the request was read from, for messages; not part of its identity
    source: tuple[str, str, int] | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class CalendarDay:
    """A public holiday, or an official make-up working day (调休) that falls on a weekend."""

    day: int
    name: str
    kind: str  # "holiday" or "workday"


@dataclass(frozen=True, slots=True, kw_only=True)
class RotationGroup:
    """People who cycle through one pattern of `pattern_weeks` weeks: in calendar week w, the
    member at position i works pattern week (i + w) mod pattern_weeks."""

    name: str
    staff_ids: tuple[str, ...]
    pattern_weeks: int
    # Weeks of the pattern gone by before the roster's first week: a roster that follows on from
    # another continues the rotation where that one stopped.
    first_week: int = 0

    def pattern_day(self, member: int, day: int) -> int:
        """The pattern's day index that calendar `day` of the member at position `member` is."""
        week, weekday = divmod(day, DAYS_PER_WEEK)
        return ((member + week + self.first_week) % self.pattern_weeks) * DAYS_PER_WEEK + weekday

    @property
    def pattern_id(self) -> str:
        """The id under which the pattern itself is rostered, as one line of weeks."""
        return f"pattern {self.name}"


@dataclass(frozen=True, slots=True, kw_only=True)
class RuleConfig:
    name: str
    enabled: bool = True
    hard: bool = True
    weight: int = 1
    params: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    # May a best-effort roster break it when the hard rules cannot all hold? (None: the rule's
    # own default, yes for coverage)
    relaxable: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SolveSettings:
    time_limit_seconds: float = 30.0
    seed: int = 0
    workers: int = 2
    # CP-SAT deterministic seconds for the whole solve instead of the wall-clock limit: the same
    # input, seed, workers and work limit give the same roster on any machine (None: seconds).
    work_limit: float | None = None

    @property
    def limit(self) -> float:
        """The budget in the unit the solve counts: work if a work limit is set, else seconds."""
        return self.work_limit if self.work_limit is not None else self.time_limit_seconds


LOOKBACK_WEEKS = 12  # weeks of earlier rosters carried over, unless the Settings say otherwise


@dataclass(frozen=True, slots=True, kw_only=True)
class History:
    """The days before the roster's first, as the rosters published before it had them.

    Day -1 is the day before the start date, back to day `-days`. The rules that look back (rest,
    successions, runs of days, fairness tallies) read these days; nothing changes them.
    """

    days: int  # how far back it reaches
    assignments: frozenset[Assignment] = frozenset()  # on days -days to -1
    # The rotation patterns the previous roster followed (`Roster.pattern`): kept, unless the
    # pattern is solved anew on purpose
    pattern: frozenset[Assignment] = frozenset()
    sources: tuple[str, ...] = ()  # the files it was read from, for messages
    _cells: dict[tuple[str, int], tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cells", Roster(assignments=self.assignments).by_person_day())

    def codes(self, staff_id: str, day: int) -> tuple[str, ...]:
        """The shifts the person worked on `day` (a negative day), in code order."""
        return self._cells.get((staff_id, day), ())


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    start_date: dt.date
    weeks: int
    shifts: tuple[Shift, ...]
    staff: tuple[Staff, ...]
    coverage: tuple[CoverageLine, ...]
    demands: tuple[ShiftDemand, ...] = ()  # head counts per shift and day, besides `coverage`
    requests: tuple[Request, ...] = ()
    rules: tuple[RuleConfig, ...] = ()
    settings: SolveSettings = SolveSettings()
    calendar: tuple[CalendarDay, ...] = ()
    holiday_country: str = "none"  # where `calendar` comes from: a country code such as CN
    calendar_warnings: tuple[str, ...] = ()  # years the calendar has no official data for
    input_warnings: tuple[str, ...] = ()  # what the reader ignored: a column it does not know
    rotations: tuple[RotationGroup, ...] = ()  # empty: plain mode, everybody rostered freely
    time_zone: str = ""  # the site's IANA time zone, e.g. Asia/Shanghai ("": not given)
    site: str = ""  # where the on-site shifts are worked, for calendars ("": not given)
    cyclic: bool = False  # the day after the last is the first again (a rotation pattern)
    name: str = ""
    # A roster to stay close to (`roster check --fix`): the keep_roster rule prices every cell
    # that differs from it. None: nothing to keep.
    baseline: Roster | None = None
    # The first days of the horizon that keep `baseline` exactly (the frozen_days rule): a
    # repair changes nothing before `roster repair --from`.
    frozen_days: int = 0
    # What the rosters before this one did, for the rules that look back (None: nothing known,
    # the roster starts afresh)
    history: History | None = None
    # How many weeks of earlier rosters a roster after them carries over
    lookback_weeks: int = LOOKBACK_WEEKS
    _shift_index: dict[str, Shift] = field(init=False, repr=False, compare=False)
    _staff_index: dict[str, Staff] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_shift_index", {s.code: s for s in self.shifts})
        object.__setattr__(self, "_staff_index", {p.id: p for p in self.staff})

    @property
    def num_days(self) -> int:
        return self.weeks * DAYS_PER_WEEK

    @property
    def days(self) -> range:
        return range(self.num_days)

    def days_back(self, reach: int | None = None) -> range:
        """The horizon's days and the known days before it, at most `reach` of them (None: all
        that the history holds)."""
        known = self.history.days if self.history is not None and not self.cyclic else 0
        return range(-min(known, known if reach is None else reach), self.num_days)

    def later_day(self, day: int, days: int) -> int | None:
        """The day `days` after `day`: past the end it wraps round when the horizon is cyclic,
        else there is none."""
        if day + days < self.num_days:
            return day + days
        return (day + days) % self.num_days if self.cyclic and days < self.num_days else None

    def date(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=day)

    def weekday(self, day: int) -> int:
        return (self.start_date.weekday() + day) % DAYS_PER_WEEK

    def is_weekend(self, day: int) -> bool:
        return self.weekday(day) >= 5

    def holiday_name(self, day: int) -> str | None:
        return next((c.name for c in self.calendar if c.day == day and c.kind == "holiday"), None)

    def calendar_day(self, day: int) -> CalendarDay | None:
        return next((c for c in self.calendar if c.day == day), None)

    def weekends(self) -> list[list[int]]:
        """The days of each Saturday-Sunday weekend in the horizon, in order (a weekend cut by
        the horizon's start or end keeps the day it has)."""
        weekends: list[list[int]] = []
        for day in self.days:
            if not self.is_weekend(day):
                continue
            if weekends and self.weekday(day) == 6 and weekends[-1][-1] == day - 1:
                weekends[-1].append(day)
            else:
                weekends.append([day])
        return weekends

    def is_rest_day(self, day: int) -> bool:
        """A weekend or public holiday, unless it is an official make-up working day."""
        kinds = {c.kind for c in self.calendar if c.day == day}
        if "workday" in kinds:
            return False
        return "holiday" in kinds or self.is_weekend(day)

    def week_days(self) -> Iterator[range]:
        """The 7-day blocks from the start date that weekly limits count in."""
        for week in range(self.weeks):
            yield range(week * DAYS_PER_WEEK, (week + 1) * DAYS_PER_WEEK)

    def shift(self, code: str) -> Shift:
        return self._shift_index[code]

    def person(self, staff_id: str) -> Staff:
        return self._staff_index[staff_id]

    def rule(self, name: str) -> RuleConfig | None:
        return next((r for r in self.rules if r.name == name), None)

    def requests_of(self, kinds: tuple[str, ...]) -> tuple[Request, ...]:
        return tuple(r for r in self.requests if r.kind in kinds)


@dataclass(frozen=True, slots=True, kw_only=True)
class Assignment:
    staff_id: str
    day: int
    shift_code: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Roster:
    """Who works which shift on which day; a day with no assignment is a day off.

    In rotating mode `pattern` holds each rotation group's pattern, rostered for the group's
    `pattern_id` over the pattern's days (week k of the pattern is days 7k to 7k+6).
    """

    assignments: frozenset[Assignment]
    pattern: frozenset[Assignment] = frozenset()

    def shifts_of(self, staff_id: str, day: int) -> tuple[str, ...]:
        return tuple(
            sorted(
                a.shift_code for a in self.assignments if a.staff_id == staff_id and a.day == day
            )
        )

    def by_person_day(self) -> dict[tuple[str, int], tuple[str, ...]]:
        cells: dict[tuple[str, int], list[str]] = {}
        for a in self.assignments:
            cells.setdefault((a.staff_id, a.day), []).append(a.shift_code)
        return {key: tuple(sorted(codes)) for key, codes in cells.items()}

"""Writes the bundled sample workbooks from the definitions below.

Run `python sample_inputs/make_samples.py` after changing a sample; a test checks that the
committed workbooks still match these definitions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import MappingProxyType

from roster.domain import (
    CalendarDay,
    CoverageLine,
    Problem,
    Request,
    RotationGroup,
    RuleConfig,
    Shift,
    SolveSettings,
    Staff,
    clock_minutes,
)
from roster.io.template import write_problem

HERE = Path(__file__).parent
START = dt.date(2026, 12, 7)  # a Monday
SITE_TIME_ZONE = "Asia/Shanghai"  # the call centre is in China
SITE = "Customer service centre, 3rd floor"  # where the on-site shifts A and B are worked
WEEKDAYS, WEEKENDS = frozenset(range(5)), frozenset(range(5, 7))


def minutes(clock: str) -> int:
    return clock_minutes(clock)


def shift(code: str, name: str, start: str, end: str, location: str, combinable: str = "") -> Shift:
    return Shift.from_clock(code, start, end, name=name, location=location, combinable=combinable)


# A+C is declared combinable: C is two hours at home from 20:00, three hours after A ends at
# 17:00. B+C is not: B ends at 20:00 at the office, exactly when C starts at home.
CALL_CENTER_SHIFTS = (
    shift("A", "A day shift (office)", "09:00", "17:00", "onsite", "C"),
    shift("B", "B late shift (office)", "12:00", "20:00", "onsite"),
    shift("C", "C evening on call (home)", "20:00", "22:00", "remote", "A"),
)


def days_of(weekdays: frozenset[int], weeks: int) -> frozenset[int]:
    return frozenset(d for d in range(weeks * 7) if (START.weekday() + d) % 7 in weekdays)


def coverage(
    label: str,
    weekdays: frozenset[int],
    start: str,
    end: str,
    people: int,
    weeks: int,
    skill: str | None = None,
) -> CoverageLine:
    return CoverageLine(
        label=label,
        days=days_of(weekdays, weeks),
        start=minutes(start),
        end=minutes(end),
        min_people=people,
        skill=skill,
    )


def agent(
    staff_id: str,
    name: str,
    *,
    skills: str = "",
    remote: bool = True,
    hours: int = 40,
    days: int = 5,
    contracted: bool = False,
) -> Staff:
    """An agent who may work `hours` a week over `days` days; `contracted`: the contract pays
    for those hours every week (its weekly target)."""
    return Staff(
        id=staff_id,
        name=name,
        skills=frozenset(skills.split()),
        remote_ok=remote,
        max_minutes_per_week=hours * 60,
        max_days_per_week=days,
        max_consecutive_days=6,
        min_days_off_per_week=1,
        limits=MappingProxyType({"contract_hours_per_week": hours * 60} if contracted else {}),
    )


def call_center() -> Problem:
    """The first customer exactly as their handbook states it, contradiction included."""
    weeks = 3
    ids = ("S01", "S02", "S03", "S04")
    names = ("Wang Fang", "Li Na", "Zhang Wei", "Liu Yang")
    return Problem(
        name="call_center",
        start_date=START,
        weeks=weeks,
        shifts=CALL_CENTER_SHIFTS,
        staff=tuple(agent(f"S{i + 1:02d}", n) for i, n in enumerate(names)),
        coverage=(coverage("daily", frozenset(range(7)), "09:00", "24:00", 1, weeks),),
        rules=(RuleConfig(name="min_rest", params={"hours": 11}),),
        settings=SolveSettings(time_limit_seconds=30, seed=0, workers=2),
        holiday_country="CN",
        time_zone=SITE_TIME_ZONE,
        site=SITE,
        # The department works rotating shifts: one 4-week pattern, a week per person.
        rotations=(RotationGroup(name="all", staff_ids=ids, pattern_weeks=len(ids)),),
    )


def call_center_team() -> Problem:
    """Twelve people, a leader on every day shift, two part-timers paid for their hours, leave,
    wishes and one fixed shift."""
    weeks = 4
    people = [
        agent("T01", "Chen Jing", skills="leader"),
        agent("T02", "Yang Lei", skills="leader"),
        agent("T03", "Zhao Min", skills="leader"),
        agent("T04", "Huang Li"),
        agent("T05", "Zhou Tao"),
        agent("T06", "Wu Xia"),
        agent("T07", "Xu Qiang", remote=False),
        agent("T08", "Sun Yan"),
        agent("T09", "Ma Jun", remote=False),
        agent("T10", "Zhu Hong"),
        # Part-timers are paid for their 24 hours a week: the rule contract_hours rosters them.
        agent("T11", "Hu Bin", hours=24, days=3, contracted=True),
        agent("T12", "Guo Ying", hours=24, days=3, contracted=True),
    ]

    def day(date: str) -> int:
        return (dt.date.fromisoformat(date) - START).days

    # The horizon ends on 2027-01-03. chinesecalendar has no 2027 schedule yet, so the Holidays
    # sheet lists New Year's Day (fixed by law on January 1) instead of leaving 2027 unknown.
    new_year = CalendarDay(day=day("2027-01-01"), name="New Year's Day", kind="holiday")

    leave = [
        Request(staff_id="T04", day=day("2026-12-14") + i, kind="leave", note="annual leave")
        for i in range(5)
    ]
    unavailable = [
        Request(staff_id="T07", day=day(d), kind="unavailable", note="family")
        for d in ("2026-12-24", "2026-12-25", "2026-12-26")
    ]
    wishes = [
        Request(staff_id="T02", day=day("2026-12-12"), kind="prefer_off", note="wedding"),
        Request(staff_id="T05", day=day("2026-12-19"), kind="prefer_off"),
        Request(staff_id="T05", day=day("2026-12-20"), kind="prefer_off"),
        Request(staff_id="T08", day=day("2026-12-31"), kind="prefer_off", note="New Year's Eve"),
        Request(staff_id="T10", day=day("2026-12-09"), kind="prefer", shift_code="B"),
        Request(staff_id="T10", day=day("2026-12-10"), kind="prefer", shift_code="B"),
        Request(
            staff_id="T06",
            day=day("2026-12-16"),
            kind="prefer_off",
            shift_code="C",
            note="evening class",
        ),
        Request(
            staff_id="T01",
            day=day("2026-12-07"),
            kind="fixed",
            shift_code="A",
            note="team briefing",
        ),
    ]
    return Problem(
        name="call_center_team",
        start_date=START,
        weeks=weeks,
        shifts=CALL_CENTER_SHIFTS,
        staff=tuple(people),
        coverage=(
            coverage("weekdays", WEEKDAYS, "09:00", "20:00", 3, weeks),
            coverage("weekdays", WEEKDAYS, "12:00", "17:00", 5, weeks),
            coverage("weekends", WEEKENDS, "09:00", "20:00", 2, weeks),
            coverage("daily", frozenset(range(7)), "20:00", "22:00", 1, weeks),
            coverage("daily", frozenset(range(7)), "09:00", "20:00", 1, weeks, skill="leader"),
            CoverageLine(  # public holidays: a second person on call in the evening
                label="holiday",
                days=frozenset({new_year.day}),
                start=minutes("20:00"),
                end=minutes("22:00"),
                min_people=2,
            ),
        ),
        requests=tuple(leave + unavailable + wishes),
        rules=(RuleConfig(name="min_rest", params={"hours": 11}),),
        settings=SolveSettings(time_limit_seconds=30, seed=0, workers=2),
        calendar=(new_year,),
        holiday_country="CN",
        time_zone=SITE_TIME_ZONE,
        site=SITE,
    )


SAMPLES = {"call_center.xlsx": call_center, "call_center_team.xlsx": call_center_team}

if __name__ == "__main__":
    for file, make in SAMPLES.items():
        write_problem(make(), HERE / file)
        print(f"wrote {HERE / file}")

"""How long the pre-solve analysis takes on a large problem: 200 people over 6 weeks.

Six shifts (one crossing midnight, one remote), a coverage curve in 30-minute steps, two skills,
about 10% of the person-days on leave. Run it with the project's interpreter:

    .venv/bin/python benchmarks/analysis_speed.py

It prints the findings by kind (the only ones expected are structural gaps: nobody works the
first night's 00:00-06:00, as the horizon starts at midnight with no night shift before it), the
first run of `analyse(problem)` (cold: it imports OR-Tools) and the median of the following runs.
The target is well under a second.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections import Counter

from roster.analysis import analyse
from roster.domain import CoverageLine, Problem, Request, Shift, Staff

START = dt.date(2026, 12, 7)
WEEKS = 6
PEOPLE = 200
RUNS = 5


def shift(code: str, start: str, end: str, location: str = "onsite") -> Shift:
    return Shift.from_clock(code, start, end, location=location)


SHIFTS = (
    shift("E", "06:00", "14:00"),
    shift("D", "08:00", "16:00"),
    shift("M", "10:00", "18:00"),
    shift("L", "14:00", "22:00"),
    shift("R", "18:00", "22:00", "remote"),
    shift("N", "22:00", "06:00"),
)


def demand(half_hour: int) -> int:
    """People needed in each half hour of the day: quiet at night, a peak around midday."""
    hour = half_hour / 2
    if hour < 6 or hour >= 22:
        return 6
    return 10 + round(22 * max(0.0, 1 - abs(hour - 13) / 8))


def build() -> Problem:
    rng = random.Random(0)
    days = frozenset(range(WEEKS * 7))
    staff = tuple(
        Staff(
            id=f"P{i:03d}",
            name=f"Person {i}",
            skills=frozenset(
                skill for skill, share in (("leader", 0.15), ("chat", 0.3)) if rng.random() < share
            ),
            remote_ok=rng.random() < 0.7,
            max_minutes_per_week=40 * 60,
            max_days_per_week=5,
            max_consecutive_days=6,
            min_days_off_per_week=1,
        )
        for i in range(1, PEOPLE + 1)
    )
    curve = tuple(
        CoverageLine(
            label="daily",
            days=days,
            start=slot * 30,
            end=slot * 30 + 30,
            min_people=demand(slot),
        )
        for slot in range(48)
    )
    skilled = (
        CoverageLine(
            label="daily", days=days, start=6 * 60, end=22 * 60, min_people=3, skill="leader"
        ),
        CoverageLine(
            label="daily", days=days, start=8 * 60, end=20 * 60, min_people=4, skill="chat"
        ),
    )
    leave = tuple(
        Request(staff_id=person.id, day=day, kind="leave")
        for person in staff
        for day in days
        if rng.random() < 0.1
    )
    return Problem(
        start_date=START,
        weeks=WEEKS,
        shifts=SHIFTS,
        staff=staff,
        coverage=curve + skilled,
        requests=leave,
        name="benchmark",
    )


def main() -> None:
    problem = build()
    print(
        f"{len(problem.staff)} people, {len(problem.shifts)} shifts, {problem.weeks} weeks, "
        f"{len(problem.coverage)} coverage lines, {len(problem.requests)} leave days"
    )
    times = []
    for _ in range(RUNS + 1):
        began = time.perf_counter()
        findings = analyse(problem)
        times.append(time.perf_counter() - began)
    kinds = Counter(f"{f.severity} {f.kind}" for f in findings)
    print("findings:", ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none")
    for finding in findings:
        if finding.kind != "structural_gap":  # the first night: no night shift before day 1
            print(f"  {finding.severity}: {finding.message}")
    print(
        f"analyse(): first run {times[0]:.3f} s (with importing OR-Tools), "
        f"median of the next {RUNS} {statistics.median(times[1:]):.3f} s"
    )


if __name__ == "__main__":
    main()

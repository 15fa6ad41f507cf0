"""Seeded call-center scenarios for the benchmark, from 4 people to 1000, plain or rotating.

    S   the first customer: the bundled sample (4 people, A/B/C, 3 weeks)
    M   40 people x 4 weeks
    L   200 people x 6 weeks
    XL  1000 people x 4 weeks in 10 teams of 100

M, L and XL share one generator (`call_center`): six shifts (E 06-14, D 08-16, M 10-18, L 14-22,
R 18-22 remote, N 22-06 overnight), a coverage curve in 30-minute steps shaped like a call-volume
day (a night floor, a morning peak at 10:30, an afternoon one at 15:00, a tail in the evening),
two skills (a `leader` per 40 people from 07:00 to 22:00, a `chat` agent per 20 from 08:00 to
20:00), one person in five part-time, about 10% of the person-days on leave in blocks of 1-5
days, and a wish for a day off from one person in four. XL's teams are skills (`team01` ...):
each team has its own curve, the leader and chat lines are the whole center's.

Staffing is sized so that every hard rule can hold: the curve's fewest shifts are about 70% of
what the contracts give after leave, and coverage stays hard as in the product. In rotating mode
people of the same skills and contract rotate in groups of four through a 4-week pattern, the
sample's shape; the rest (fewer than four alike) are rostered freely. XL is plain only: a
rotation adds two penalty variables per person, day and shift.

    scenario("M", "rotating", seed=0)   # or from_spec("M-rotating"), from_spec("M-plain-3")
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
from dataclasses import dataclass

from roster.api import load_problem
from roster.domain import CoverageLine, Problem, Request, RotationGroup, Shift, Staff

START = dt.date(2026, 12, 7)  # a Monday, as the sample's
MODES = ("plain", "rotating")
LEAVE_SHARE = 0.10
PART_TIME_SHARE = 0.2  # every fifth person: 24 hours and 3 days a week, else 40 hours and 5 days
LEADER_SHARE, CHAT_SHARE = 0.2, 0.3
ROTATION_SIZE = 4  # people per rotation group, and weeks in its pattern
UTILISATION = 0.7  # the curve's fewest shifts against the shifts the contracts give after leave

SHIFTS = (
    Shift.from_clock("E", "06:00", "14:00", name="early"),
    Shift.from_clock("D", "08:00", "16:00", name="day"),
    Shift.from_clock("M", "10:00", "18:00", name="middle"),
    Shift.from_clock("L", "14:00", "22:00", name="late"),
    Shift.from_clock("R", "18:00", "22:00", name="evening chat from home", location="remote"),
    Shift.from_clock("N", "22:00", "06:00", name="night"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Size:
    people: int
    weeks: int
    teams: int = 1
    modes: tuple[str, ...] = MODES


SIZES = {
    "M": Size(people=40, weeks=4),
    "L": Size(people=200, weeks=6),
    "XL": Size(people=1000, weeks=4, teams=10, modes=("plain",)),
}
NAMES = ("S", *SIZES)


def modes_of(name: str) -> tuple[str, ...]:
    """The modes a scenario comes in."""
    return MODES if name == "S" else SIZES[name].modes


def scenario(name: str, mode: str, seed: int = 0) -> Problem:
    """Scenario `name` (S, M, L, XL) in `mode` (plain, rotating); `seed` draws skills and leave."""
    if mode not in modes_of(name):
        raise ValueError(f"scenario {name} comes in {', '.join(modes_of(name))}, not {mode!r}")
    if name == "S":
        return dataclasses.replace(load_problem(mode=mode), name=f"S-{mode}")
    size = SIZES[name]
    problem = call_center(size.people, size.weeks, teams=size.teams, seed=seed)
    if mode == "rotating":
        problem = rotating(problem)
    return dataclasses.replace(problem, name=f"{name}-{mode}")


def from_spec(spec: str) -> Problem:
    """`scenario` from one string, `NAME-MODE` or `NAME-MODE-SEED` (`M-plain`, `L-rotating-3`):
    the form `benchmarks.measure` passes to a problem factory."""
    name, mode, *seed = spec.split("-")
    return scenario(name, mode, int(seed[0]) if seed else 0)


def call_volume(hour: float) -> float:
    """Staff needed at `hour` (0-24) as a share of the busiest half hour of the day."""
    morning = math.exp(-(((hour - 10.5) / 2.2) ** 2))
    afternoon = 0.85 * math.exp(-(((hour - 15) / 2.5) ** 2))
    evening = 0.45 * math.exp(-(((hour - 20) / 2) ** 2))
    return max(0.12, morning, afternoon, evening)


def curve(peak: int, days: frozenset[int], skill: str | None = None) -> tuple[CoverageLine, ...]:
    """48 half-hour coverage lines, `peak` people at the busiest, at least one at night."""
    return tuple(
        CoverageLine(
            label="daily",
            days=days,
            start=half_hour * 30,
            end=half_hour * 30 + 30,
            min_people=max(1, round(peak * call_volume(half_hour / 2 + 0.25))),
            skill=skill,
        )
        for half_hour in range(48)
    )


def peak_for(people: int) -> int:
    """The busiest half hour's head count for a team of `people`: the curve then needs about
    `UTILISATION` of the shifts the team's contracts give, leave taken off.

    A team gives 0.8 x 5 + 0.2 x 3 = 4.6 shifts a person a week, 90% of them after leave. The
    curve needs 1.7 shifts a day for each person at its peak (the fewest shifts that meet it,
    by `roster.analysis.fewest`).
    """
    shifts_per_day = people * (1 - PART_TIME_SHARE) * 5 + people * PART_TIME_SHARE * 3
    shifts_per_day *= (1 - LEAVE_SHARE) / 7
    return max(2, round(UTILISATION * shifts_per_day / 1.7))


def call_center(people: int, weeks: int, *, teams: int = 1, seed: int = 0) -> Problem:
    """A call center of `people` in `teams` equal teams over `weeks` weeks from `START`."""
    rng = random.Random(seed)
    num_days = weeks * 7
    days = frozenset(range(num_days))
    team_size = people // teams
    team_names = [f"team{team + 1:02d}" if teams > 1 else None for team in range(teams)]
    staff = tuple(
        person
        for team, name in enumerate(team_names)
        for person in team_staff(rng, team * team_size, team_size, name)
    )
    if teams == 1:
        coverage = curve(peak_for(people), days)
    else:
        peak = peak_for(team_size)
        coverage = tuple(line for name in team_names for line in curve(peak, days, name))
    coverage += (
        CoverageLine(
            label="daily",
            days=days,
            start=7 * 60,
            end=22 * 60,
            min_people=max(1, people // 40),
            skill="leader",
        ),
        CoverageLine(
            label="daily",
            days=days,
            start=8 * 60,
            end=20 * 60,
            min_people=max(1, people // 20),
            skill="chat",
        ),
    )
    requests = tuple(
        request for person in staff for request in leave_and_wishes(rng, person.id, num_days)
    )
    return Problem(
        start_date=START,
        weeks=weeks,
        shifts=SHIFTS,
        staff=staff,
        coverage=coverage,
        requests=requests,
        name=f"call center {people}x{weeks}",
    )


def team_staff(rng: random.Random, first: int, size: int, team: str | None) -> list[Staff]:
    """`size` people numbered from `first + 1`: in a shuffled order, the first 20% are leaders,
    the next 30% chat agents and every fifth part-time, so each team has the same mix."""
    positions = list(range(size))
    rng.shuffle(positions)
    staff = []
    for index, position in enumerate(positions):
        skills = {team} if team else set()
        if position < round(size * LEADER_SHARE):
            skills.add("leader")
        elif position < round(size * (LEADER_SHARE + CHAT_SHARE)):
            skills.add("chat")
        part_time = position % 5 == 4
        number = first + index + 1
        staff.append(
            Staff(
                id=f"P{number:04d}",
                name=f"Person {number}",
                skills=frozenset(skills),
                remote_ok=rng.random() < 0.7,
                max_minutes_per_week=(24 if part_time else 40) * 60,
                max_days_per_week=3 if part_time else 5,
                max_consecutive_days=6,
                min_days_off_per_week=1,
            )
        )
    return staff


def leave_and_wishes(rng: random.Random, staff_id: str, num_days: int) -> list[Request]:
    """Leave in blocks of 1-5 days, on average `LEAVE_SHARE` of the days (anywhere from none to
    twice that), and a wish for a day off from one person in four."""
    quota = round(rng.uniform(0, 2 * LEAVE_SHARE) * num_days)
    away: set[int] = set()
    while len(away) < quota:
        first = rng.randrange(num_days)
        length = min(rng.randint(1, 5), quota - len(away))
        away.update(range(first, min(first + length, num_days)))
    requests = [Request(staff_id=staff_id, day=day, kind="leave") for day in sorted(away)]
    if rng.random() < 0.25:
        free = [day for day in range(num_days) if day not in away]
        requests.append(Request(staff_id=staff_id, day=rng.choice(free), kind="prefer_off"))
    return requests


def rotating(problem: Problem) -> Problem:
    """`problem` with people of the same skills and contract in rotation groups of
    `ROTATION_SIZE`, each through a pattern of as many weeks; the rest stay free."""
    alike: dict[tuple[object, ...], list[Staff]] = {}
    for person in problem.staff:
        key = (person.skills, person.max_minutes_per_week, person.max_days_per_week)
        alike.setdefault(key, []).append(person)
    groups: list[RotationGroup] = []
    for people in alike.values():
        for first in range(0, len(people) - ROTATION_SIZE + 1, ROTATION_SIZE):
            members = tuple(p.id for p in people[first : first + ROTATION_SIZE])
            name = f"R{len(groups) + 1:03d}"
            groups.append(RotationGroup(name=name, staff_ids=members, pattern_weeks=ROTATION_SIZE))
    group_of = {staff_id: g.name for g in groups for staff_id in g.staff_ids}
    staff = tuple(dataclasses.replace(p, rotation=group_of.get(p.id)) for p in problem.staff)
    return dataclasses.replace(problem, staff=staff, rotations=tuple(groups))

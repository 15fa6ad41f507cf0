"""Rotating rosters: each rotation group's pattern as a small cyclic problem of its own.

The pattern is rostered like one person over `pattern_weeks` weeks whose last day is followed by
its first, so every rule about one person's days (rest, days in a row, weekly limits) holds
across the wrap from the last pattern week back to the first. Everyone in the group works every
pattern week in turn, so the pattern keeps the strictest contract of the group (and the weekly
hours target its members share).
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from roster.domain import Problem, RotationGroup, Staff


def pattern_problem(problem: Problem, group: RotationGroup) -> Problem:
    members = [problem.person(staff_id) for staff_id in group.staff_ids]
    return dataclasses.replace(
        problem,
        weeks=group.pattern_weeks,
        staff=(strictest_contract(group.pattern_id, members),),
        coverage=(),
        requests=(),
        calendar=(),
        calendar_warnings=(),
        rotations=(),
        history=None,
        cyclic=True,
        name=f"{problem.name} {group.pattern_id}",
    )


def strictest_contract(staff_id: str, members: list[Staff]) -> Staff:
    def lowest(values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return min(known) if known else None

    def highest(values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return max(known) if known else None

    return Staff(
        id=staff_id,
        name=f"rotation pattern ({', '.join(m.id for m in members)})",
        remote_ok=all(m.remote_ok for m in members),
        max_minutes_per_week=lowest([m.max_minutes_per_week for m in members]),
        max_days_per_week=lowest([m.max_days_per_week for m in members]),
        max_consecutive_days=lowest([m.max_consecutive_days for m in members]),
        min_days_off_per_week=highest([m.min_days_off_per_week for m in members]),
        min_consecutive_days=highest([m.min_consecutive_days for m in members]),
        min_consecutive_days_off=highest([m.min_consecutive_days_off for m in members]),
        limits=MappingProxyType(shared_limits(members)),
    )


def shared_limits(members: list[Staff]) -> dict[str, object]:
    """The limits only their rules read (`Staff.limits`) for the pattern: a fewest (`min_...`)
    at the highest of the members', a most (`max_...`) at the lowest, and any other (a weekly
    target) when the members who have one all have the same."""
    limits: dict[str, object] = {}
    for key in sorted({key for m in members for key in m.limits}):
        values = {m.limits[key] for m in members if m.limits.get(key) is not None}
        if not values:
            continue
        if key.startswith("min_"):
            limits[key] = max(values)  # type: ignore[type-var]
        elif key.startswith("max_"):
            limits[key] = min(values)  # type: ignore[type-var]
        elif len(values) == 1:
            limits[key] = values.pop()
    return limits

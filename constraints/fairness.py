"""What the fairness rules share: peers, the people compared with each other.

Peers are the people on the same contract (the same `max hours per week` and `max days per
week`) with the same skills. A part-timer is compared with part-timers only, a team leader with
team leaders (their duties differ), and someone alone on their contract with nobody. Each
rule balances one count per person over the whole horizon through `ctx.spread`; when the roster
follows on from earlier ones (`Problem.history`), the count includes the history's days, so who
did the weekends or the holidays last time is spared this time.
"""

from __future__ import annotations

from collections.abc import Iterable

from roster.domain import Staff
from roster.rule import BuildContext


def peer_groups(staff: Iterable[Staff]) -> list[tuple[Staff, ...]]:
    """The people on each contract and skill set, in input order; groups of one are left out."""
    groups: dict[tuple[object, ...], list[Staff]] = {}
    for person in staff:
        key = (person.max_minutes_per_week, person.max_days_per_week, person.skills)
        groups.setdefault(key, []).append(person)
    return [tuple(group) for group in groups.values() if len(group) > 1]


def max_spread(ctx: BuildContext) -> int:
    return round(ctx.param("max_spread"))


def label(group: tuple[Staff, ...]) -> str:
    """A readable tag for the group's auxiliary variables: its first member and its size."""
    return f"{group[0].id}+{len(group) - 1}"

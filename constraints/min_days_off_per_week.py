"""Min days off per week: everybody has at least their contract's days off in each week."""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from roster.domain import RuleConfig, Staff
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule


class MinDaysOffPerWeek(Rule):
    """A person has at least their contract's days off each week (default 1, the legal minimum)."""

    name = "min_days_off_per_week"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "days off short"
    params = MappingProxyType({"default_days": 1})

    @classmethod
    def most_days_a_week(cls, person: Staff, week_length: int, config: RuleConfig) -> int:
        return week_length - days_off_needed(person, config.params["default_days"])

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            needed = days_off_needed(person, ctx.param("default_days"))
            for week in ctx.problem.week_days():
                off = len(week) - sum(ctx.works.working(person.id, day) for day in week)
                penalties += ctx.at_least(off, needed, staff_id=person.id, day=week[0])
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for person in facts.problem.staff:
            needed = person.min_days_off_per_week
            if needed is None:
                needed = round(config.params["default_days"])
            for week in facts.problem.week_days():
                off = sum(not facts.works(person.id, day) for day in week)
                if off < needed:
                    yield (
                        person.id,
                        week[0],
                        needed - off,
                        f"{facts.name(person.id)} has {off} days off in {facts.week_label(week)}; "
                        f"at least {needed} needed",
                    )


def days_off_needed(person: Staff, default_days: float) -> int:
    if person.min_days_off_per_week is not None:
        return person.min_days_off_per_week
    return round(default_days)

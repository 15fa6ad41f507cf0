"""Max working days per week: nobody works more days in a week than their contract allows."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig, Staff
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule


class MaxDaysPerWeek(Rule):
    """A person works no more days in each week than their contract's `max days per week`."""

    name = "max_days_per_week"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "days over"

    @classmethod
    def most_days_a_week(cls, person: Staff, week_length: int, config: RuleConfig) -> int | None:
        return person.max_days_per_week

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            if person.max_days_per_week is None:
                continue
            for week in ctx.problem.week_days():
                worked = sum(ctx.works.working(person.id, day) for day in week)
                penalties += ctx.at_most(
                    worked, person.max_days_per_week, staff_id=person.id, day=week[0]
                )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for person in facts.problem.staff:
            limit = person.max_days_per_week
            if limit is None:
                continue
            for week in facts.problem.week_days():
                worked = sum(facts.works(person.id, day) for day in week)
                if worked > limit:
                    yield (
                        person.id,
                        week[0],
                        worked - limit,
                        f"{facts.name(person.id)} works {worked} days in {facts.week_label(week)}; "
                        f"the contract allows {limit}",
                    )

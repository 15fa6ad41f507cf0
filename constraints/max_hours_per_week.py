"""Max hours per week: nobody is paid for more hours in a week than their contract allows."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig, Staff
from roster.facts import Breach, RosterFacts, hours
from roster.rule import BuildContext, Penalty, Rule


class MaxHoursPerWeek(Rule):
    """A person's paid hours in each week stay within their contract's `max hours per week`."""

    name = "max_hours_per_week"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "minutes over"

    @classmethod
    def most_minutes_a_week(cls, person: Staff, config: RuleConfig) -> int | None:
        return person.max_minutes_per_week

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem = ctx.problem
        penalties: list[Penalty] = []
        for person in problem.staff:
            if person.max_minutes_per_week is None:
                continue
            for week in problem.week_days():
                paid = sum(
                    problem.shift(code).paid_minutes * var
                    for day in week
                    for code, var in ctx.works.on_day(person.id, day)
                )
                penalties += ctx.at_most(
                    paid, person.max_minutes_per_week, staff_id=person.id, day=week[0]
                )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        for person in problem.staff:
            limit = person.max_minutes_per_week
            if limit is None:
                continue
            for week in problem.week_days():
                paid = sum(
                    problem.shift(code).paid_minutes
                    for day in week
                    for code in facts.codes(person.id, day)
                )
                if paid > limit:
                    yield (
                        person.id,
                        week[0],
                        paid - limit,
                        f"{facts.name(person.id)} is paid {hours(paid)} in "
                        f"{facts.week_label(week)}; "
                        f"the contract allows {hours(limit)}",
                    )

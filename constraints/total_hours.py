"""Total hours: paid time over the whole horizon stays within the person's contract."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts, hours
from roster.rule import BuildContext, Penalty, Rule


class TotalHours(Rule):
    """A person's paid minutes over the horizon lie between their contract's minimum and maximum."""

    name = "total_hours"
    category = "limit"
    scope = "person"
    unit = "minutes outside the range"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem = ctx.problem
        penalties: list[Penalty] = []
        for person in problem.staff:
            if person.min_minutes_total is None and person.max_minutes_total is None:
                continue
            paid = sum(
                problem.shift(code).paid_minutes * var
                for (staff_id, _, code), var in ctx.works.items()
                if staff_id == person.id
            )
            if person.max_minutes_total is not None:
                penalties += ctx.at_most(paid, person.max_minutes_total, staff_id=person.id)
            if person.min_minutes_total is not None:
                penalties += ctx.at_least(paid, person.min_minutes_total, staff_id=person.id)
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        for person in problem.staff:
            paid = sum(problem.shift(code).paid_minutes for _, code in facts.worked(person.id))
            low, high = person.min_minutes_total, person.max_minutes_total
            if high is not None and paid > high:
                yield (
                    person.id,
                    None,
                    paid - high,
                    f"{facts.name(person.id)} is paid {hours(paid)} over the horizon; "
                    f"the contract allows {hours(high)}",
                )
            if low is not None and paid < low:
                yield (
                    person.id,
                    None,
                    low - paid,
                    f"{facts.name(person.id)} is paid {hours(paid)} over the horizon; "
                    f"the contract needs at least {hours(low)}",
                )

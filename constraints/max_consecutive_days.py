"""Max consecutive working days: nobody works more days in a row than their contract allows."""

from __future__ import annotations

from roster.rule import BuildContext, Penalty, Rule


class MaxConsecutiveDays(Rule):
    """A person works no more days in a row than their contract's `max consecutive days`."""

    name = "max_consecutive_days"
    unit = "days over, per run of days"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem = ctx.problem
        penalties: list[Penalty] = []
        for person in problem.staff:
            limit = person.max_consecutive_days
            if limit is None or limit >= problem.num_days:
                continue
            for first in range(problem.num_days - limit):
                window = range(first, first + limit + 1)
                worked = sum(ctx.works.working(person.id, day) for day in window)
                penalties += ctx.at_most(worked, limit, staff_id=person.id, day=window[-1])
        return penalties

"""Total hours: paid time over the whole horizon stays within the person's contract."""

from __future__ import annotations

from roster.rule import BuildContext, Penalty, Rule


class TotalHours(Rule):
    """A person's paid minutes over the horizon lie between their contract's minimum and maximum."""

    name = "total_hours"
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

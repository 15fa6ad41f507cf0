"""Combined shifts: same-day shift pairs (double duties) are kept to the fewest needed."""

from __future__ import annotations

from itertools import combinations

from constraints.one_shift_per_day import combinable
from roster.rule import BuildContext, Penalty, Rule


class CombinedShifts(Rule):
    """Each day a person works two combinable shifts (a double duty such as A+C) costs `weight`."""

    name = "combined_shifts"
    scope = "person"
    hard = False
    weight = 5
    unit = "double duties"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            for day in ctx.problem.days:
                codes = [code for code, _ in ctx.works.on_day(person.id, day)]
                for first, second in combinations(codes, 2):
                    # Declared on either shift, as one_shift_per_day reads it.
                    if combinable(ctx.problem.shift(first), ctx.problem.shift(second)):
                        both = ctx.works.both(person.id, day, first, second)
                        penalties += ctx.at_most(both, 0, staff_id=person.id, day=day)
        return penalties

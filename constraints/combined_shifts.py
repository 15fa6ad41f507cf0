"""Combined shifts: same-day shift pairs (double duties) are kept to the fewest needed."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule

from .one_shift_per_day import combinable


class CombinedShifts(Rule):
    """Each day a person works two combinable shifts (a double duty such as A+C) costs `weight`."""

    name = "combined_shifts"
    category = "limit"
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

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for (staff_id, day), codes in sorted(facts.cells.items()):
            for first, second in combinations(codes, 2):
                a, b = facts.problem.shift(first), facts.problem.shift(second)
                if second in a.combinable_with or first in b.combinable_with:
                    yield (
                        staff_id,
                        day,
                        1,
                        f"{facts.name(staff_id)} works a double duty {first}+{second} on "
                        f"{facts.day_label(day)}",
                    )

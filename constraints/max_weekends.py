"""Max weekends: nobody works on more weekends than their contract allows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


class MaxWeekends(Rule):
    """A person works (Saturday, Sunday or both) on at most their contract's `max weekends`."""

    name = "max_weekends"
    category = "limit"
    scope = "person"
    unit = "weekends over"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        weekends = ctx.problem.weekends()
        for person in ctx.problem.staff:
            limit = person.max_weekends
            if limit is None or limit >= len(weekends):
                continue
            worked = [self._worked(ctx, person.id, days) for days in weekends]
            penalties += ctx.at_most(sum(worked), limit, staff_id=person.id)
        return penalties

    @staticmethod
    def _worked(ctx: BuildContext, staff_id: str, days: list[int]) -> cp_model.LinearExprT:
        """1 when the person works on any day of the weekend."""
        working = [ctx.works.working(staff_id, day) for day in days]
        variables = [w for w in working if not isinstance(w, int)]
        if len(variables) <= 1:
            return sum(working)
        worked = ctx.model.new_bool_var(f"weekend[{staff_id},{days[0]}]")
        ctx.model.add_max_equality(worked, variables)
        return worked

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        weekends = problem.weekends()
        for person in problem.staff:
            limit = person.max_weekends
            if limit is None:
                continue
            worked = [w for w in weekends if any(facts.works(person.id, day) for day in w)]
            if len(worked) > limit:
                yield (
                    person.id,
                    None,
                    len(worked) - limit,
                    f"{facts.name(person.id)} works on {len(worked)} weekends; "
                    f"the contract allows {limit}",
                )

"""Shift demand: each shift of each day gets the head count its demand line asks for."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.domain import CoverageLine, RuleConfig, ShiftDemand
from roster.facts import Breach, RosterFacts, head_counts
from roster.rule import BuildContext, Penalty, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


class ShiftDemandRule(Rule):
    """At least the demanded number of people work each shift on each day that has a demand line."""

    name = "shift_demand"
    category = "coverage"
    scope = "lines"
    relaxable = True
    unit = "people short, times the line's under-staffing weight"

    @classmethod
    def serves(cls, line: CoverageLine | ShiftDemand) -> bool:
        return isinstance(line, ShiftDemand)

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for demand in ctx.problem.demands:
            penalties += ctx.at_least(
                on_shift(ctx, demand), demand.people, day=demand.day, scale=demand.under_weight
            )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for demand, people in head_counts(facts):
            if people < demand.people:
                yield (
                    None,
                    demand.day,
                    (demand.people - people) * demand.under_weight,
                    f"{demand.shift_code} on {facts.day_label(demand.day)}: {people} of "
                    f"{demand.people} people",
                )


def on_shift(ctx: BuildContext, demand: ShiftDemand) -> cp_model.LinearExprT:
    """How many people work the demand line's shift on its day."""
    return sum(
        var
        for person in ctx.problem.staff
        if (var := ctx.works.get(person.id, demand.day, demand.shift_code)) is not None
    )

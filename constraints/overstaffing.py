"""Overstaffing: no shift has more people than its demand line asks for."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import CoverageLine, RuleConfig, ShiftDemand
from roster.facts import Breach, RosterFacts, head_counts
from roster.rule import BuildContext, Penalty, Rule

from .shift_demand import on_shift


class Overstaffing(Rule):
    """No more than the demanded number of people work a shift on a day that has a demand line."""

    name = "overstaffing"
    category = "limit"
    scope = "lines"
    hard = False
    unit = "people over, times the line's over-staffing weight"
    caps_lines = True

    @classmethod
    def serves(cls, line: CoverageLine | ShiftDemand) -> bool:
        return isinstance(line, ShiftDemand)

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for demand in ctx.problem.demands:
            penalties += ctx.at_most(
                on_shift(ctx, demand), demand.people, day=demand.day, scale=demand.over_weight
            )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for demand, people in head_counts(facts):
            if people > demand.people:
                yield (
                    None,
                    demand.day,
                    (people - demand.people) * demand.over_weight,
                    f"{demand.shift_code} on {facts.day_label(demand.day)}: {people} people, "
                    f"{demand.people} wanted",
                )

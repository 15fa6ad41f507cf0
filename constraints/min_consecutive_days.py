"""Min consecutive working days: a stretch of work is never shorter than the contract allows."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts, short_runs
from roster.rule import BuildContext, Penalty, Rule

from .runs import forbid_short_runs


class MinConsecutiveDays(Rule):
    """A run of working days between two days off lasts at least `min consecutive days`."""

    name = "min_consecutive_days"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "short runs of work"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            if person.min_consecutive_days:
                penalties += forbid_short_runs(
                    ctx, person.id, person.min_consecutive_days, working=True
                )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for person in facts.problem.staff:
            if person.min_consecutive_days:
                yield from short_runs(facts, person.id, person.min_consecutive_days, working=True)

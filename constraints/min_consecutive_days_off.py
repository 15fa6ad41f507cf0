"""Min consecutive days off: a break between two working days is never shorter than allowed."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts, short_runs
from roster.rule import BuildContext, Penalty, Rule

from .runs import forbid_short_runs


class MinConsecutiveDaysOff(Rule):
    """A run of days off between two working days lasts at least `min consecutive days off`."""

    name = "min_consecutive_days_off"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "short runs of days off"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            if person.min_consecutive_days_off:
                penalties += forbid_short_runs(
                    ctx, person.id, person.min_consecutive_days_off, working=False
                )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for person in facts.problem.staff:
            if person.min_consecutive_days_off:
                yield from short_runs(
                    facts, person.id, person.min_consecutive_days_off, working=False
                )

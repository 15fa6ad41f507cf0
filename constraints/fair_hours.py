"""Fair hours: peers are paid for about as many hours as each other over the horizon (and the
history's look-back, see `fairness`).

Peers are people on the same contract (`max hours per week`, `max days per week`) with the same
skills; someone alone on their contract is compared with nobody. Paid minutes are summed
exactly; their spread is counted in whole hours, rounded up (a spread of 61 minutes is 2 hours),
so that one hour weighs about as much as the other rules' units. Leave is not made up for:
someone on leave for a week is compared as if they had chosen the time off.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts, hours, peers, spread, with_history
from roster.rule import BuildContext, Penalty, Rule

from .fairness import label, max_spread, peer_groups

MINUTES_PER_HOUR = 60


class FairHours(Rule):
    """Paid hours are shared evenly among peers (same contract and skills).

    Per group of peers, the spread is the most paid hours anyone works minus the fewest, in
    whole hours rounded up; each hour of spread beyond `max_spread` costs `weight`.
    """

    name = "fair_hours"
    category = "fairness"
    scope = "peers"
    hard = False
    weight = 1
    unit = "hours between most and fewest (rounded up), over max_spread"
    params = MappingProxyType({"max_spread": 8})

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem = ctx.problem
        penalties: list[Penalty] = []
        for group in peer_groups(problem.staff):
            paid = [
                sum(
                    problem.shift(code).paid_minutes * var
                    for day in problem.days_back()
                    for code, var in ctx.works.on_day(person.id, day)
                )
                for person in group
            ]
            penalties += ctx.spread(
                paid, max_spread(ctx), label=label(group), unit=MINUTES_PER_HOUR
            )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        for group in peers(facts):
            paid = {
                p: sum(
                    problem.shift(code).paid_minutes
                    for day in problem.days_back()
                    for code in facts.codes(p, day)
                )
                for p in group
            }
            yield from spread(facts, config, paid, with_history(facts, "Paid hours"), hours, per=60)

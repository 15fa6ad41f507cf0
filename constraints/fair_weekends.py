"""Fair weekends: peers work about as many Saturdays and Sundays as each other.

Peers are people on the same contract (`max hours per week`, `max days per week`) with the same
skills; someone alone on their contract is compared with nobody. A weekend day counts once
however many shifts are worked on it. Counted over the horizon and the history's look-back (see
`fairness`).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts, peers, spread, with_history
from roster.rule import BuildContext, Penalty, Rule

from .fairness import label, max_spread, peer_groups


class FairWeekends(Rule):
    """Weekend days worked are shared evenly among peers (same contract and skills).

    Per group of peers, the spread is the most weekend days anyone works minus the fewest; each
    day of spread beyond `max_spread` costs `weight`.
    """

    name = "fair_weekends"
    category = "fairness"
    scope = "peers"
    hard = False
    weight = 10
    unit = "weekend days between most and fewest, over max_spread"
    params = MappingProxyType({"max_spread": 1})

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem = ctx.problem
        weekend = [day for day in problem.days_back() if problem.is_weekend(day)]
        penalties: list[Penalty] = []
        for group in peer_groups(problem.staff):
            days = [sum(ctx.works.working(person.id, day) for day in weekend) for person in group]
            penalties += ctx.spread(days, max_spread(ctx), label=label(group))
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        for group in peers(facts):
            days = {
                p: sum(
                    facts.works(p, day) for day in problem.days_back() if problem.is_weekend(day)
                )
                for p in group
            }
            yield from spread(facts, config, days, with_history(facts, "Weekend days"), str)

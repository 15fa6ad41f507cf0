"""Fair shift counts: peers work each shift about equally often (the C evenings shared out).

Peers are people on the same contract (`max hours per week`, `max days per week`) with the same
skills; someone alone on their contract is compared with nobody. A remote shift is compared only
among peers allowed to work remotely, since the others can never be given it. Counted over the
horizon and the history's look-back (see `fairness`).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts, peers, spread, with_history
from roster.rule import BuildContext, Penalty, Rule

from .fairness import label, max_spread, peer_groups


class FairShiftCounts(Rule):
    """Each shift code is shared evenly among peers (same contract and skills).

    Per code and group of peers, the spread is the most shifts of that code anyone works minus
    the fewest; each shift of spread beyond `max_spread` costs `weight`.
    """

    name = "fair_shift_counts"
    category = "fairness"
    scope = "peers"
    hard = False
    weight = 5
    unit = "shifts between most and fewest, over max_spread"
    params = MappingProxyType({"max_spread": 1})

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem = ctx.problem
        penalties: list[Penalty] = []
        for shift in problem.shifts:
            for group in peer_groups(problem.staff):
                if shift.location == "remote":
                    group = tuple(person for person in group if person.remote_ok)
                if len(group) < 2:
                    continue
                counts = [
                    sum(
                        var
                        for day in problem.days_back()
                        if (var := ctx.works.get(person.id, day, shift.code)) is not None
                    )
                    for person in group
                ]
                penalties += ctx.spread(
                    counts, max_spread(ctx), label=f"{shift.code},{label(group)}"
                )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        for shift in problem.shifts:
            for group in peers(facts):
                if shift.location == "remote":  # compared among those who may work it only
                    group = [p for p in group if problem.person(p).remote_ok]
                counts = {
                    p: sum(shift.code in facts.codes(p, day) for day in problem.days_back())
                    for p in group
                }
                yield from spread(
                    facts, config, counts, with_history(facts, f"{shift.code} shifts"), str
                )

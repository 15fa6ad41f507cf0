"""Fair preferences: when wishes cannot all be granted, the refusals are shared out.

Peers are people on the same contract (`max hours per week`, `max days per week`) with the same
skills who made at least one wish (`prefer` or `prefer_off`); someone alone among them is
compared with nobody. A wish is granted as the `preferences` rule reads it. Counted over the
horizon.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType
from typing import TYPE_CHECKING

from roster.domain import Request, RuleConfig
from roster.facts import Breach, RosterFacts, peers, spread
from roster.rule import BuildContext, Penalty, Rule

from .fairness import label, max_spread, peer_groups

if TYPE_CHECKING:
    from roster.rule import LinearExpr


class FairPreferences(Rule):
    """Wishes not granted are spread evenly over peers who wished (same contract and skills).

    Per group of peers, the spread is the most wishes anyone has refused minus the fewest; each
    wish of spread beyond `max_spread` costs `weight`.
    """

    name = "fair_preferences"
    category = "fairness"
    scope = "peers"
    hard = False
    weight = 5
    unit = "wishes not granted between most and fewest, over max_spread"
    params = MappingProxyType({"max_spread": 1})

    def build(self, ctx: BuildContext) -> list[Penalty]:
        wishes = ctx.problem.requests_of(("prefer_off", "prefer"))
        wishers = {request.staff_id for request in wishes}
        penalties: list[Penalty] = []
        for group in peer_groups(p for p in ctx.problem.staff if p.id in wishers):
            refused = [
                sum(_refused(ctx, r) for r in wishes if r.staff_id == person.id) for person in group
            ]
            penalties += ctx.spread(refused, max_spread(ctx), label=label(group))
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        wishes = facts.problem.requests_of(("prefer_off", "prefer"))
        for group in peers(facts, {request.staff_id for request in wishes}):
            refused = dict.fromkeys(group, 0)
            for request in wishes:
                if request.staff_id not in refused:
                    continue
                codes = facts.codes(request.staff_id, request.day)
                if request.kind == "prefer":
                    refused[request.staff_id] += request.shift_code not in codes
                elif request.shift_code:
                    refused[request.staff_id] += request.shift_code in codes
                else:
                    refused[request.staff_id] += bool(codes)
            yield from spread(
                facts,
                config,
                refused,
                "Wishes not granted",
                str,
                verb="has",
                who="people who wished",
            )


def _refused(ctx: BuildContext, request: Request) -> LinearExpr:
    """1 when the wish is not granted, else 0."""
    if request.kind == "prefer":
        assert request.shift_code is not None  # the reader requires a shift for `prefer`
        var = ctx.works.get(request.staff_id, request.day, request.shift_code)
        return 1 - var if var is not None else 1
    if request.shift_code:
        var = ctx.works.get(request.staff_id, request.day, request.shift_code)
        return var if var is not None else 0
    return ctx.works.working(request.staff_id, request.day)

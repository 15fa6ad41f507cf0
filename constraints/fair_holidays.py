"""Fair holidays: peers work about as many public holidays as each other.

Peers are people on the same contract (`max hours per week`, `max days per week`) with the same
skills; someone alone on their contract is compared with nobody. Public holidays come from the
calendar (the `holidays` setting and the Holidays sheet); make-up working days are ordinary days
here. A holiday counts once however many shifts are worked on it. Counted over the horizon and
the history's look-back (see `fairness`).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts, peers, spread, with_history
from roster.rule import BuildContext, Penalty, Rule

from .fairness import label, max_spread, peer_groups


class FairHolidays(Rule):
    """Public holidays worked are shared evenly among peers (same contract and skills).

    Per group of peers, the spread is the most public holidays anyone works minus the fewest;
    each holiday of spread beyond `max_spread` costs `weight`.
    """

    name = "fair_holidays"
    category = "fairness"
    scope = "peers"
    hard = False
    weight = 20
    unit = "holidays between most and fewest, over max_spread"
    params = MappingProxyType({"max_spread": 1})

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem = ctx.problem
        holidays = [day for day in problem.days_back() if problem.holiday_name(day) is not None]
        penalties: list[Penalty] = []
        if not holidays:
            return penalties
        for group in peer_groups(problem.staff):
            days = [sum(ctx.works.working(person.id, day) for day in holidays) for person in group]
            penalties += ctx.spread(days, max_spread(ctx), label=label(group))
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        holidays = [day for day in problem.days_back() if problem.holiday_name(day) is not None]
        for group in peers(facts):
            days = {p: sum(facts.works(p, day) for day in holidays) for p in group}
            yield from spread(facts, config, days, with_history(facts, "Public holidays"), str)

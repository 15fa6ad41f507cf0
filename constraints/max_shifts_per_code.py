"""Max shifts per shift code: a person works each kind of shift no more often than allowed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.domain import Problem, RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule

if TYPE_CHECKING:
    from roster.engine.variables import Key


class MaxShiftsPerCode(Rule):
    """Over the horizon a person works each shift code at most as often as their contract says."""

    name = "max_shifts_per_code"
    category = "limit"
    scope = "person"
    unit = "shifts over"

    def forbidden(self, problem: Problem, config: RuleConfig) -> Iterator[Key]:
        for person in problem.staff:
            for code, limit in person.max_shifts_by_code:
                if limit == 0:  # a shift the person never works: no variable at all
                    yield from ((person.id, day, code) for day in problem.days)

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem, works = ctx.problem, ctx.works
        penalties: list[Penalty] = []
        for person in problem.staff:
            for code, limit in person.max_shifts_by_code:
                worked = [
                    v for day in problem.days if (v := works.get(person.id, day, code)) is not None
                ]
                penalties += ctx.at_most(sum(worked), limit, staff_id=person.id)
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for person in facts.problem.staff:
            worked = [code for _, code in facts.worked(person.id)]
            for code, limit in person.max_shifts_by_code:
                if worked.count(code) > limit:
                    yield (
                        person.id,
                        None,
                        worked.count(code) - limit,
                        f"{facts.name(person.id)} works {worked.count(code)} {code} shifts; "
                        f"the contract allows {limit}",
                    )

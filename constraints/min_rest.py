"""Minimum rest: between two shifts on different days a person rests at least `hours` hours."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import permutations
from types import MappingProxyType

from roster.domain import MINUTES_PER_DAY, Problem, RuleConfig
from roster.facts import Breach, RosterFacts, hours
from roster.rule import BuildContext, Penalty, Rule


class MinRest(Rule):
    """Between a shift's end and a shift on a later day a person rests at least `hours` hours."""

    name = "min_rest"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "minutes of rest short"
    params = MappingProxyType({"hours": 11})

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem, works = ctx.problem, ctx.works
        rest = round(ctx.param("hours") * 60)
        pairs = short_rests(problem, rest)
        penalties: list[Penalty] = []
        for person in problem.staff:
            for day, later_day, first, second, gap in pairs:
                a = works.get(person.id, day, first)
                b = works.get(person.id, later_day, second)
                if a is not None and b is not None:
                    penalties += ctx.at_most(
                        a + b, 1, staff_id=person.id, day=later_day, scale=rest - gap
                    )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        rest = round(config.params["hours"] * 60)
        problem = facts.problem
        for person in problem.staff:
            worked = facts.worked(person.id, looking_back=True)
            for (day_a, code_a), (day_b, code_b) in permutations(worked, 2):
                days = facts.days_after(day_a, day_b)
                if days is None or day_b < 0:  # a rest before the horizon is the past's own
                    continue
                start_b = problem.shift(code_b).start + days * MINUTES_PER_DAY
                gap = start_b - problem.shift(code_a).end
                if gap < rest:
                    yield (
                        person.id,
                        day_b,
                        rest - gap,
                        f"{facts.name(person.id)} rests {hours(gap)} between {code_a} on "
                        f"{facts.day_label(day_a)} and {code_b} on {facts.day_label(day_b)}; "
                        f"the minimum is {hours(rest)}",
                    )


def short_rests(problem: Problem, rest: int) -> list[tuple[int, int, str, str, int]]:
    """(day, later day, first code, second code, gap in minutes) for every pair of shifts on
    different days that would leave less than `rest` minutes between them (across the wrap of
    a cyclic horizon too, and from the history's last days into the horizon)."""
    longest = max((s.end for s in problem.shifts), default=0)
    reach = (longest + rest) // MINUTES_PER_DAY + 1
    pairs = []
    for day in problem.days_back(reach):
        for days_later in range(1, reach + 1):
            later_day = problem.later_day(day, days_later)
            if later_day is None:
                break
            if later_day < 0:
                continue
            for first in problem.shifts:
                for second in problem.shifts:
                    gap = second.span_on(days_later)[0] - first.span_on(0)[1]
                    if gap < rest:
                        pairs.append((day, later_day, first.code, second.code, gap))
    return pairs

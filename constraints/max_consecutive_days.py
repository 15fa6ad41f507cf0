"""Max consecutive working days: nobody works more days in a row than their contract allows."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import Problem, RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule


class MaxConsecutiveDays(Rule):
    """A person works no more days in a row than their contract's `max consecutive days`."""

    name = "max_consecutive_days"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "days over, per run of days"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem = ctx.problem
        penalties: list[Penalty] = []
        for person in problem.staff:
            limit = person.max_consecutive_days
            if limit is None or limit >= len(problem.days_back()):
                continue
            for window in runs_of(problem, limit + 1):
                worked = sum(ctx.works.working(person.id, day) for day in window)
                penalties += ctx.at_most(worked, limit, staff_id=person.id, day=window[-1])
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        for person in problem.staff:
            limit = person.max_consecutive_days
            if limit is None:
                continue
            # One finding per window of limit+1 days, the same unit the penalty counts in; in a
            # cyclic horizon (a rotation pattern) windows run on across the wrap, and windows
            # start in the history's days when it has them.
            count = problem.num_days
            for first in problem.days_back(limit):
                if limit >= count if problem.cyclic else first + limit >= count:
                    continue
                window = [first + offset for offset in range(limit + 1)]
                if problem.cyclic:
                    window = [day % count for day in window]
                last = window[-1]
                worked = sum(facts.works(person.id, day) for day in window)
                if worked > limit:
                    yield (
                        person.id,
                        last,
                        worked - limit,
                        f"{facts.name(person.id)} works {worked} days in a row up to "
                        f"{facts.day_label(last)}{_since(facts, window[0])}; "
                        f"the contract allows {limit}",
                    )


def runs_of(problem: Problem, length: int) -> list[list[int]]:
    """Every run of `length` consecutive days that ends in the horizon: in a cyclic horizon also
    those across the wrap; with a history, those that start in its days."""
    runs = []
    for first in problem.days_back(length - 1):
        run = [problem.later_day(first, offset) for offset in range(length)]
        if None not in run:
            runs.append([day for day in run if day is not None])
    return runs


def _since(facts: RosterFacts, first: int) -> str:
    """A run that began in the previous roster: from when it counts."""
    return f", counted from {facts.day_label(first)} in the previous roster" if first < 0 else ""

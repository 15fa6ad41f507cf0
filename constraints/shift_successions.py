"""Shift successions: a shift is not followed the next day by one its definition rules out."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import permutations

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule


class ShiftSuccessions(Rule):
    """Nobody works, on the day after a shift, a shift that its `not followed by` list names."""

    name = "shift_successions"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "forbidden successions"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem, works = ctx.problem, ctx.works
        penalties: list[Penalty] = []
        for person in problem.staff:
            for day in problem.days_back(1):
                next_day = problem.later_day(day, 1)
                if next_day is None:
                    continue
                for shift in problem.shifts:
                    first = works.get(person.id, day, shift.code)
                    if first is None:
                        continue
                    for code in sorted(shift.not_followed_by):
                        second = works.get(person.id, next_day, code)
                        if second is not None:
                            penalties += ctx.at_most(
                                first + second, 1, staff_id=person.id, day=next_day
                            )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        for person in problem.staff:
            worked = facts.worked(person.id, looking_back=True)
            for (day_a, code_a), (day_b, code_b) in permutations(worked, 2):
                if (
                    day_b >= 0
                    and facts.days_after(day_a, day_b) == 1
                    and code_b in problem.shift(code_a).not_followed_by
                ):
                    yield (
                        person.id,
                        day_b,
                        1,
                        f"{facts.name(person.id)} works {code_b} on {facts.day_label(day_b)} right "
                        f"after {code_a}{_before(facts, day_a)}, which it may not follow",
                    )


def _before(facts: RosterFacts, day: int) -> str:
    """Where a shift of the previous roster is named: its date."""
    return f" on {facts.day_label(day)} (the previous roster)" if day < 0 else ""

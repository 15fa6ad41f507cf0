"""One shift a day: a person works one shift a day, two only when declared combinable."""

from __future__ import annotations

from itertools import combinations

from roster.domain import Problem, Shift
from roster.rule import BuildContext, Penalty, Rule


class OneShiftPerDay(Rule):
    """A person works one shift a day (two only if declared combinable), never two at once."""

    name = "one_shift_per_day"
    applies_to_pattern = True
    unit = "clashing shift pairs"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem, works = ctx.problem, ctx.works
        pairs = clashing_pairs(problem)
        penalties: list[Penalty] = []
        for person in problem.staff:
            for day in problem.days:
                for first, second, later in pairs:
                    second_day = problem.later_day(day, later)
                    a = works.get(person.id, day, first)
                    b = works.get(person.id, second_day, second) if second_day is not None else None
                    if a is not None and b is not None:
                        penalties += ctx.at_most(a + b, 1, staff_id=person.id, day=day)
        return penalties


def combinable(first: Shift, second: Shift) -> bool:
    return second.code in first.combinable_with or first.code in second.combinable_with


def overlap(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def clashing_pairs(problem: Problem) -> list[tuple[str, str, int]]:
    """(first code, second code, days later) for shift pairs one person cannot both work:
    two shifts of one day that are not combinable, or a shift overlapping one of the next day."""
    same_day = [
        (a.code, b.code, 0) for a, b in combinations(problem.shifts, 2) if not combinable(a, b)
    ]
    next_day = [
        (a.code, b.code, 1)
        for a in problem.shifts
        for b in problem.shifts
        if overlap(a.span_on(0), b.span_on(1))
    ]
    return same_day + next_day

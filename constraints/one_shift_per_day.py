"""One shift a day: a person works one shift a day, two only when declared combinable."""

from __future__ import annotations

from itertools import combinations

from roster.domain import Problem, Shift
from roster.rule import BuildContext, Penalty, Rule


class OneShiftPerDay(Rule):
    """A person works one shift a day (two only if declared combinable), never two at once."""

    name = "one_shift_per_day"
    unit = "clashing shift pairs"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem, works = ctx.problem, ctx.works
        penalties: list[Penalty] = []
        for person in problem.staff:
            for day in problem.days:
                for first, second, later in clashing_pairs(problem, day):
                    a = works.get(person.id, day, first)
                    b = works.get(person.id, day + later, second)
                    if a is not None and b is not None:
                        penalties += ctx.at_most(a + b, 1, staff_id=person.id, day=day)
        return penalties


def combinable(first: Shift, second: Shift) -> bool:
    return second.code in first.combinable_with or first.code in second.combinable_with


def overlap(first: tuple[int, int], second: tuple[int, int]) -> bool:
    return first[0] < second[1] and second[0] < first[1]


def clashing_pairs(problem: Problem, day: int) -> list[tuple[str, str, int]]:
    """(first code, second code, days later) for shift pairs one person cannot both work:
    two shifts of `day` that are not combinable, or a shift of `day` overlapping one of the next."""
    pairs = [
        (a.code, b.code, 0) for a, b in combinations(problem.shifts, 2) if not combinable(a, b)
    ]
    if day + 1 < problem.num_days:
        pairs += [
            (a.code, b.code, 1)
            for a in problem.shifts
            for b in problem.shifts
            if overlap(a.span_on(day), b.span_on(day + 1))
        ]
    return pairs

"""One shift a day: a person works one shift a day, two only when declared combinable."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, permutations

from roster.domain import MINUTES_PER_DAY, Problem, RuleConfig, Shift
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule


class OneShiftPerDay(Rule):
    """A person works one shift a day (two only if declared combinable), never two at once."""

    name = "one_shift_per_day"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "clashing shift pairs"

    @classmethod
    def most_shifts_a_day(cls, problem: Problem, codes: set[str], config: RuleConfig) -> int:
        """One, or the size of the largest set of `codes` declared combinable with each other."""
        shifts = [problem.shift(code) for code in sorted(codes)]
        paired = [s for s in shifts if any(combinable(s, o) for o in shifts if o is not s)]
        if len(paired) > 12:
            return len(paired)  # too many to try every set; an upper bound is still sound
        for size in range(len(paired), 1, -1):
            for group in combinations(paired, size):
                if all(combinable(a, b) for a, b in combinations(group, 2)):
                    return size
        return 1 if codes else 0

    def build(self, ctx: BuildContext) -> list[Penalty]:
        problem, works = ctx.problem, ctx.works
        pairs = clashing_pairs(problem)
        doubles = any(combinable(a, b) for a, b in combinations(problem.shifts, 2))
        if ctx.strict and not doubles:
            # No two shifts share a day: one at-most-one a day in place of every same-day pair
            # (the same constraint, built in a fraction of the time on large models).
            pairs = [pair for pair in pairs if pair[2] > 0]
            for person in problem.staff:
                for day in problem.days:
                    ctx.model.add_at_most_one(var for _, var in works.on_day(person.id, day))
        penalties: list[Penalty] = []
        for person in problem.staff:
            for day in problem.days:
                for first, second, later in pairs:
                    second_day = problem.later_day(day, later)
                    a = works.get(person.id, day, first)
                    b = works.get(person.id, second_day, second) if second_day is not None else None
                    if a is not None and b is not None:
                        penalties += ctx.at_most(a + b, 1, staff_id=person.id, day=day)
                if ctx.strict and doubles:
                    _count_double_duties(ctx, person.id, day)
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        for person in problem.staff:
            worked = facts.worked(person.id)
            for (day_a, code_a), (day_b, code_b) in permutations(worked, 2):
                a, b = problem.shift(code_a), problem.shift(code_b)
                same_day_clash = (
                    day_a == day_b
                    and code_a < code_b
                    and not (code_b in a.combinable_with or code_a in b.combinable_with)
                )
                start_b, end_b = b.start + MINUTES_PER_DAY, b.end + MINUTES_PER_DAY
                next_day_overlap = (
                    facts.days_after(day_a, day_b) == 1 and a.start < end_b and start_b < a.end
                )
                if same_day_clash or next_day_overlap:
                    yield (
                        person.id,
                        day_a,
                        1,
                        f"{facts.name(person.id)} works {code_a} on {facts.day_label(day_a)} and "
                        f"{code_b} on {facts.day_label(day_b)}, which cannot both be worked",
                    )


def _count_double_duties(ctx: BuildContext, staff_id: str, day: int) -> None:
    """Shifts worked on a day = 1 + double duties (at most: with three combinable shifts).

    Redundant for whole rosters, but the LP relaxation of `working` (the max of the day's shifts)
    lets half an A and half a C count as half a working day; with this cut CP-SAT's LP sees that
    four people working five days cannot cover 21 shifts a week without a double duty.
    """
    day_shifts = ctx.works.on_day(staff_id, day)
    pairs = [
        (first, second)
        for (first, _), (second, _) in combinations(day_shifts, 2)
        if combinable(ctx.problem.shift(first), ctx.problem.shift(second))
    ]
    if not pairs:
        return
    worked = sum(var for _, var in day_shifts)
    counted = ctx.works.working(staff_id, day) + sum(
        ctx.works.both(staff_id, day, first, second) for first, second in pairs
    )
    if _three_combinable(ctx.problem, [code for code, _ in day_shifts]):
        ctx.model.add(worked <= counted)  # three shifts: 3 worked, 1 day + 3 pairs counted
    else:
        # The equality, not the inequality: after CP-SAT's presolve only it still gave the LP
        # bound (the sample proven optimal at the root instead of after seconds of search).
        ctx.model.add(worked == counted)


def _three_combinable(problem: Problem, codes: list[str]) -> bool:
    return any(
        all(combinable(problem.shift(a), problem.shift(b)) for a, b in combinations(trio, 2))
        for trio in combinations(codes, 3)
    )


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

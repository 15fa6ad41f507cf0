"""Rotation: each member of a rotation group works the group's pattern, a week further each week."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.domain import Problem, Roster, RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


class Rotation(Rule):
    """Each member of a rotation group works the group's pattern, starting one week further on."""

    name = "rotation"
    category = "pattern"
    scope = "person"
    hard = False
    weight = 50
    unit = "shifts off the pattern (a swap counts twice)"
    reads_patterns = True

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for group in ctx.problem.rotations:
            pattern = ctx.patterns[group.name]
            for member, staff_id in enumerate(group.staff_ids):
                for day in ctx.problem.days:
                    pattern_day = group.pattern_day(member, day)
                    for shift in ctx.problem.shifts:
                        works = ctx.works.get(staff_id, day, shift.code)
                        planned = pattern.get(group.pattern_id, pattern_day, shift.code)
                        differs = _differs(ctx, works, planned)
                        if differs is not None:
                            penalties += ctx.at_most(differs, 0, staff_id=staff_id, day=day)
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        planned = Roster(assignments=facts.roster.pattern).by_person_day()
        for group in problem.rotations:
            for member, staff_id in enumerate(group.staff_ids):
                for day in problem.days:
                    pattern_day = group.pattern_day(member, day)
                    wanted = set(planned.get((group.pattern_id, pattern_day), ()))
                    worked = set(facts.codes(staff_id, day))
                    if wanted != worked:
                        yield (
                            staff_id,
                            day,
                            len(wanted ^ worked),
                            f"{facts.name(staff_id)} works {'+'.join(sorted(worked)) or 'nothing'} "
                            f"on {facts.day_label(day)} instead of the pattern's "
                            f"{'+'.join(sorted(wanted)) or 'day off'} (pattern week "
                            f"{pattern_day // 7 + 1}){_why(problem, staff_id, day)}",
                        )


def _differs(
    ctx: BuildContext, works: cp_model.IntVar | None, planned: cp_model.IntVar | None
) -> cp_model.IntVar | None:
    """1 when the person's cell and the pattern's differ (a shift neither can work: None)."""
    if works is None or planned is None:
        return works if planned is None else planned  # the other one alone differs from 0
    differs = ctx.model.new_bool_var("")
    ctx.model.add_bool_xor([works, planned, differs.Not()])
    # The XOR's two lower sides as linear constraints too: the LP relaxation sees them.
    ctx.model.add(differs >= works - planned)
    ctx.model.add(differs >= planned - works)
    return differs


def _why(problem: Problem, staff_id: str, day: int) -> str:
    reasons = [
        f"{r.kind}{' ' + r.shift_code if r.shift_code else ''}{': ' + r.note if r.note else ''}"
        for r in problem.requests
        if r.staff_id == staff_id and r.day == day
    ]
    return f": {'; '.join(reasons)}" if reasons else ": no leave or request that day"

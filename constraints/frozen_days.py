"""Frozen days: the days of a published roster that are past or too close to change (before
`roster repair --from`) keep their shifts exactly.

The roster to keep is the problem's `baseline`, the frozen days the first `frozen_days` of the
horizon; without a baseline the rule does nothing. Shifts the baseline does not have on a frozen
day get no variable at all; the ones it has must be worked, so a rule that forbids one of them
(a new absence on a frozen day) is a conflict that the explanation names.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.domain import Problem, RuleConfig
from roster.rule import BuildContext, Penalty, Rule

if TYPE_CHECKING:  # the checker imports this module and never loads the solver
    from roster.engine.variables import Key
from roster.facts import Breach, RosterFacts, changed_cells


class FrozenDays(Rule):
    """Every cell before the first day that may change keeps the published roster's shifts."""

    name = "frozen_days"
    category = "change"
    scope = "person"
    unit = "frozen cells changed"

    def forbidden(self, problem: Problem, config: RuleConfig) -> Iterator[Key]:
        if problem.baseline is None:
            return
        kept = problem.baseline.by_person_day()
        for person in problem.staff:
            for day in range(min(problem.frozen_days, problem.num_days)):
                codes = kept.get((person.id, day), ())
                for shift in problem.shifts:
                    if shift.code not in codes:
                        yield person.id, day, shift.code

    def build(self, ctx: BuildContext) -> list[Penalty]:
        baseline = ctx.problem.baseline
        if baseline is None:
            return []
        penalties = ctx.forbid(self.forbidden(ctx.problem, ctx.config))
        for assignment in baseline.assignments:
            if assignment.day < ctx.problem.frozen_days:
                var = ctx.works.get(assignment.staff_id, assignment.day, assignment.shift_code)
                penalties += ctx.at_least(
                    var if var is not None else 0,
                    1,
                    staff_id=assignment.staff_id,
                    day=assignment.day,
                )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        frozen = range(min(facts.problem.frozen_days, facts.problem.num_days))
        for person_id, day, before, after in changed_cells(facts, frozen):
            yield (
                person_id,
                day,
                1,
                f"{facts.name(person_id)} works {after} on {facts.day_label(day)}, a day that may "
                f"no longer change, instead of {before} as published",
            )

"""Remote shifts: a shift worked from home goes only to staff allowed to work remotely."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.domain import Problem, RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule

if TYPE_CHECKING:
    from roster.engine.variables import Key


class RemoteShifts(Rule):
    """A remote shift (worked from home) goes only to staff allowed to work remotely."""

    name = "remote_shifts"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "remote shifts given to on-site-only staff"
    limits_remote_work = True

    def forbidden(self, problem: Problem, config: RuleConfig) -> Iterator[Key]:
        yield from not_allowed(problem)

    def build(self, ctx: BuildContext) -> list[Penalty]:
        return ctx.forbid(not_allowed(ctx.problem))

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for (staff_id, day), codes in sorted(facts.cells.items()):
            if facts.problem.person(staff_id).remote_ok:
                continue
            for code in codes:
                if facts.problem.shift(code).location == "remote":
                    yield (
                        staff_id,
                        day,
                        1,
                        f"{facts.name(staff_id)} works remote shift {code} on "
                        f"{facts.day_label(day)} but may not work remotely",
                    )


def not_allowed(problem: Problem) -> Iterator[Key]:
    remote = [s.code for s in problem.shifts if s.location == "remote"]
    for person in problem.staff:
        if not person.remote_ok:
            for day in problem.days:
                for code in remote:
                    yield person.id, day, code

"""Availability: nobody works on a day of leave or at a time they said they are unavailable."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.domain import Problem, RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule

if TYPE_CHECKING:
    from roster.engine.variables import Key


class Availability(Rule):
    """Nobody works on a day of leave, nor a shift (or day) they are marked unavailable for."""

    name = "availability"
    category = "request"
    scope = "person"
    unit = "shifts worked while away"

    def forbidden(self, problem: Problem, config: RuleConfig) -> Iterator[Key]:
        yield from blocked(problem)

    @classmethod
    def absences(cls, problem: Problem, config: RuleConfig) -> Iterator[tuple[Key, str]]:
        leave = {(r.staff_id, r.day, r.shift_code) for r in problem.requests_of(("leave",))}
        for staff_id, day, code in blocked(problem):
            on_leave = {(staff_id, day, None), (staff_id, day, code)} & leave
            yield (staff_id, day, code), "leave" if on_leave else "unavailable"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        return ctx.forbid(blocked(ctx.problem))

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for request in facts.problem.requests_of(("leave", "unavailable")):
            for code in facts.codes(request.staff_id, request.day):
                if request.shift_code in (None, code):
                    yield (
                        request.staff_id,
                        request.day,
                        1,
                        f"{facts.name(request.staff_id)} works {code} on "
                        f"{facts.day_label(request.day)} but is on {request.kind}",
                    )


def blocked(problem: Problem) -> Iterator[Key]:
    for request in problem.requests_of(("leave", "unavailable")):
        codes = [request.shift_code] if request.shift_code else [s.code for s in problem.shifts]
        for code in codes:
            yield request.staff_id, request.day, code

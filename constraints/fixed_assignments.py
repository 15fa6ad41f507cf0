"""Fixed assignments: a shift fixed in advance for a person on a day is worked."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule


class FixedAssignments(Rule):
    """A shift fixed for a person on a day is worked by that person that day."""

    name = "fixed_assignments"
    category = "request"
    scope = "person"
    unit = "fixed shifts not worked"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for request in ctx.problem.requests_of(("fixed",)):
            assert request.shift_code is not None  # the reader requires a shift for `fixed`
            var = ctx.works.get(request.staff_id, request.day, request.shift_code)
            penalties += ctx.at_least(
                var if var is not None else 0, 1, staff_id=request.staff_id, day=request.day
            )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for request in facts.problem.requests_of(("fixed",)):
            if request.shift_code not in facts.codes(request.staff_id, request.day):
                yield (
                    request.staff_id,
                    request.day,
                    1,
                    f"{facts.name(request.staff_id)} does not work the fixed shift "
                    f"{request.shift_code} on {facts.day_label(request.day)}",
                )

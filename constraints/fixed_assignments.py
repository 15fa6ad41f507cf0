"""Fixed assignments: a shift fixed in advance for a person on a day is worked."""

from __future__ import annotations

from roster.rule import BuildContext, Penalty, Rule


class FixedAssignments(Rule):
    """A shift fixed for a person on a day is worked by that person that day."""

    name = "fixed_assignments"
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

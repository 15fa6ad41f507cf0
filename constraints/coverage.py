"""Coverage: at every moment of a coverage window at least the required number of people work."""

from __future__ import annotations

from roster.rule import BuildContext, Penalty, Rule
from roster.slots import Slot, coverage_slots


class Coverage(Rule):
    """At every moment of a coverage window at least the required number of people are at work.

    Only the part of a requirement that some shift and some person could meet is enforced; the
    rest is a structural gap, reported as a warning before the solve.
    """

    name = "coverage"
    unit = "person-minutes short"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        return cover_slots(ctx, [s for s in coverage_slots(ctx.problem) if s.line.skill is None])


def cover_slots(ctx: BuildContext, slots: list[Slot]) -> list[Penalty]:
    penalties: list[Penalty] = []
    for slot in slots:
        on_duty = [
            var
            for staff_id in sorted(slot.eligible)
            for day, code in slot.on_duty
            if (var := ctx.works.get(staff_id, day, code)) is not None
        ]
        penalties += ctx.at_least(sum(on_duty), slot.enforceable, day=slot.day, scale=slot.minutes)
    return penalties

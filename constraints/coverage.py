"""Coverage: at every moment of a coverage window at least the required number of people work."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from roster.domain import CoverageLine, RuleConfig, ShiftDemand
from roster.facts import Breach, RosterFacts, coverage_breaches
from roster.rule import BuildContext, Penalty, Rule
from roster.slots import Slot, coverage_slots

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


class Coverage(Rule):
    """At every moment of a coverage window at least the required number of people are at work.

    Only the part of a requirement that some shift and some person could meet is enforced; the
    rest is a structural gap, reported as a warning before the solve.
    """

    name = "coverage"
    category = "coverage"
    scope = "lines"
    relaxable = True
    unit = "person-minutes short"

    @classmethod
    def serves(cls, line: CoverageLine | ShiftDemand) -> bool:
        return isinstance(line, CoverageLine) and line.skill is None

    def build(self, ctx: BuildContext) -> list[Penalty]:
        return cover_slots(ctx, [s for s in coverage_slots(ctx.problem) if s.line.skill is None])

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        yield from coverage_breaches(facts, with_skill=False)


def cover_slots(ctx: BuildContext, slots: list[Slot]) -> list[Penalty]:
    penalties: list[Penalty] = []
    present: dict[tuple[str, tuple[tuple[int, str], ...]], cp_model.IntVar] = {}
    # Slots of a coverage curve often share the shifts on duty (every half hour of a shift's
    # middle): the head count expression is built once for them.
    at_work: dict[tuple[tuple[tuple[int, str], ...], frozenset[str]], cp_model.LinearExprT] = {}
    for slot in slots:
        key = (slot.on_duty, slot.eligible)
        if key not in at_work:
            at_work[key] = _head_count(ctx, slot, present)
        penalties += ctx.at_least(at_work[key], slot.enforceable, day=slot.day, scale=slot.minutes)
    return penalties


def _head_count(
    ctx: BuildContext,
    slot: Slot,
    present: dict[tuple[str, tuple[tuple[int, str], ...]], cp_model.IntVar],
) -> cp_model.LinearExprT:
    """The number of people at work in `slot`, as an expression of the shift variables."""
    from ortools.sat.python import cp_model

    at_work = []
    for staff_id in sorted(slot.eligible):
        shifts = [
            var
            for day, code in slot.on_duty
            if (var := ctx.works.get(staff_id, day, code)) is not None
        ]
        if len(shifts) == 1:
            at_work.append(shifts[0])
        elif shifts:
            # Two shifts of one person on duty at once (combinable, or one_shift_per_day off
            # or soft) still put one person at work, as the checker counts.
            key = (staff_id, slot.on_duty)
            if key not in present:
                present[key] = ctx.model.new_bool_var(f"present[{staff_id},{slot.start}]")
                ctx.model.add_max_equality(present[key], shifts)
            at_work.append(present[key])
    return cp_model.LinearExpr.sum(at_work)

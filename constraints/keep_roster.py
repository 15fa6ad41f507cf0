"""Keep roster: a given roster (a published one being repaired, or a hand-edited one for `roster
check --fix`) changes as little as possible, and least where the change is soonest.

The roster to keep is the problem's `baseline`; without one the rule does nothing. A cell is one
person on one day, as in the Roster sheet: it counts as changed once, whether a shift is added,
removed or replaced (B to A is one edit of one cell, as the supervisor sees it). A changed cell
costs `CELL` units, plus one for each day it comes before the end of the first `urgent_days`
that may change: changing tomorrow costs more than changing next week, yet one cell always
less than two. Days before the first that may change are the frozen_days rule's. The weight
is far above every other soft rule, so the solver changes a cell only where the hard rules need
it, and among the fewest changes picks the latest, then the one the other rules like best.
"""

from __future__ import annotations

from collections.abc import Iterator
from types import MappingProxyType

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts, changed_cells
from roster.rule import BuildContext, Penalty, Rule

CELL = 10  # units of a changed cell a week or more ahead


def change_units(days_ahead: int, urgent_days: int) -> int:
    """The units a changed cell costs `days_ahead` days after the first day that may change:
    below 2 * CELL, so one change never costs as much as two."""
    return CELL + max(0, min(urgent_days, CELL - 1) - days_ahead)


class KeepRoster(Rule):
    """Each changed cell (person and day) of a given roster costs `weight`, more when it is soon."""

    name = "keep_roster"
    category = "change"
    scope = "person"
    hard = False
    weight = 100
    unit = f"tenths of a changed cell ({CELL} a cell, 1 more per day sooner than urgent_days)"
    params = MappingProxyType({"urgent_days": 7})

    @classmethod
    def outweighing(cls, config: RuleConfig) -> int:
        return config.weight * 2 * CELL  # a changed cell costs less than two cells' units

    def build(self, ctx: BuildContext) -> list[Penalty]:
        baseline = ctx.problem.baseline
        if baseline is None:
            return []
        kept = baseline.by_person_day()
        first, urgent_days = ctx.problem.frozen_days, int(ctx.param("urgent_days"))
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            for day in range(first, ctx.problem.num_days):
                changed = self._changed(ctx, person.id, day, set(kept.get((person.id, day), ())))
                units = change_units(day - first, urgent_days)
                penalties += ctx.at_most(changed, 0, staff_id=person.id, day=day, scale=units)
        return penalties

    @staticmethod
    def _changed(ctx: BuildContext, staff_id: str, day: int, codes: set[str]):  # type: ignore[no-untyped-def]
        """1 when the cell's shifts differ from `codes`: a 0/1 expression, or 1 when a kept
        shift cannot be worked at all (no variable, or a code the problem does not know)."""
        if codes - {shift.code for shift in ctx.problem.shifts}:
            return 1
        differs = []  # one 0/1 expression per shift: 1 when it differs from the cell
        for shift in ctx.problem.shifts:
            var = ctx.works.get(staff_id, day, shift.code)
            if shift.code in codes:
                if var is None:
                    return 1
                differs.append(1 - var)
            elif var is not None:
                differs.append(var)
        if len(differs) <= 1:
            return differs[0] if differs else 0
        changed = ctx.model.new_bool_var(f"changed[{staff_id},{day}]")
        # changed = max(differs): at least each difference, at most their sum
        for expr in differs:
            ctx.model.add(changed >= expr)
        ctx.model.add(changed <= sum(differs))
        return changed

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        first = facts.problem.frozen_days
        urgent_days = int(config.params["urgent_days"])
        for person_id, day, before, after in changed_cells(
            facts, range(first, facts.problem.num_days)
        ):
            yield (
                person_id,
                day,
                CELL + max(0, min(urgent_days, CELL - 1) - (day - first)),
                f"{facts.name(person_id)} works {after} on {facts.day_label(day)} instead of "
                f"{before} as in the given roster",
            )

"""Keep roster: a given roster (a hand-edited one, for `roster check --fix`) changes as little as
possible.

The roster to keep is the problem's `baseline`; without one the rule does nothing. A cell is one
person on one day, as in the Roster sheet: it counts as changed once, whether a shift is added,
removed or replaced (B to A is one edit of one cell, as the supervisor sees it). The weight is
far above every other soft rule, so the solver changes a cell only where the hard rules need it,
and among the fewest changes picks the one the other soft rules like best.
"""

from __future__ import annotations

from roster.rule import BuildContext, Penalty, Rule


class KeepRoster(Rule):
    """Each cell (person and day) of a given roster whose shifts change costs `weight`."""

    name = "keep_roster"
    scope = "person"
    hard = False
    weight = 1000
    unit = "roster cells changed"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        baseline = ctx.problem.baseline
        if baseline is None:
            return []
        kept = baseline.by_person_day()
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            for day in ctx.problem.days:
                codes = set(kept.get((person.id, day), ()))
                forced = False  # a kept shift that cannot be worked at all (no variable)
                differs = []  # one 0/1 expression per shift: 1 when it differs from the cell
                for shift in ctx.problem.shifts:
                    var = ctx.works.get(person.id, day, shift.code)
                    if shift.code in codes:
                        if var is None:
                            forced = True
                        else:
                            differs.append(1 - var)
                    elif var is not None:
                        differs.append(var)
                # Codes of the kept roster that the problem does not know cannot be kept.
                forced |= bool(codes - {shift.code for shift in ctx.problem.shifts})
                if forced:
                    penalties += ctx.at_most(1, 0, staff_id=person.id, day=day)
                elif len(differs) == 1:
                    penalties += ctx.at_most(differs[0], 0, staff_id=person.id, day=day)
                elif differs:
                    changed = ctx.model.new_bool_var(f"changed[{person.id},{day}]")
                    # changed = max(differs): at least each difference, at most their sum
                    for expr in differs:
                        ctx.model.add(changed >= expr)
                    ctx.model.add(changed <= sum(differs))
                    penalties += ctx.at_most(changed, 0, staff_id=person.id, day=day)
        return penalties

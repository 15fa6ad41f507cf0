"""Rotation: each member of a rotation group works the group's pattern, a week further each week."""

from __future__ import annotations

from roster.rule import BuildContext, Penalty, Rule


class Rotation(Rule):
    """Each member of a rotation group works the group's pattern, starting one week further on."""

    name = "rotation"
    hard = False
    weight = 50
    unit = "shifts off the pattern (a swap counts twice)"

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
                        worked = works if works is not None else 0
                        wanted = planned if planned is not None else 0
                        for excess in (worked - wanted, wanted - worked):
                            penalties += ctx.at_most(excess, 0, staff_id=staff_id, day=day)
        return penalties

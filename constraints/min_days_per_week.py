"""Min working days per week: everybody works at least the days a week their contract gives."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import Problem, RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule

COLUMN = "min_days_per_week"  # the Staff column, read into Staff.limits


class MinDaysPerWeek(Rule):
    """Each week a person works at least their contract's `min days per week`, leave included."""

    name = "min_days_per_week"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "days short"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            least = person.limits.get(COLUMN)
            if not isinstance(least, int):  # no minimum
                continue
            for week in ctx.problem.week_days():
                wanted = least - _leave_days(ctx.problem, person.id, week)
                if wanted > 0:
                    worked = sum(ctx.works.working(person.id, day) for day in week)
                    penalties += ctx.at_least(worked, wanted, staff_id=person.id, day=week[0])
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        problem = facts.problem
        away = {(r.staff_id, r.day) for r in problem.requests_of(("leave",)) if not r.shift_code}
        for person in problem.staff:
            least = person.limits.get(COLUMN)
            if not isinstance(least, int):
                continue
            for week in problem.week_days():
                wanted = least - sum(1 for day in week if (person.id, day) in away)
                worked = sum(facts.works(person.id, day) for day in week)
                if worked < wanted:
                    yield (
                        person.id,
                        week[0],
                        wanted - worked,
                        f"{facts.name(person.id)} works {worked} days in "
                        f"{facts.week_label(week)}; the contract gives {least}"
                        + (f", {least - wanted} of them on leave" if wanted < least else ""),
                    )


def _leave_days(problem: Problem, staff_id: str, week: range) -> int:
    return sum(
        1
        for r in problem.requests_of(("leave",))
        if r.staff_id == staff_id and r.day in week and r.shift_code is None
    )

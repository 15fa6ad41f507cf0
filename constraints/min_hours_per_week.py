"""Min hours per week: everybody is paid at least the hours a week their contract gives.

The minimum is the Staff column `min_hours_per_week`; people without one are not judged. A whole
day of leave counts towards it: the minimum divided by the person's `max days per week` (by 5
without one), so a day of leave counts 8 h of a 40 h, 5-day minimum (`weekly_pay` says how).
"""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig, Staff
from roster.facts import Breach, RosterFacts, hours
from roster.rule import BuildContext, Penalty, Rule

from .weekly_pay import paid, paid_weeks, wanted

COLUMN = "min_hours_per_week"  # the Staff column, read into Staff.limits (minutes)


class MinHoursPerWeek(Rule):
    """Each week a person is paid at least their contract's `min hours per week`, leave credited."""

    name = "min_hours_per_week"
    category = "limit"
    scope = "person"
    applies_to_pattern = True
    unit = "minutes short"

    @classmethod
    def least_minutes_a_week(cls, person: Staff, config: RuleConfig) -> int | None:
        least = person.limits.get(COLUMN)
        return least if isinstance(least, int) else None

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            least = self.least_minutes_a_week(person, ctx.config)
            if least is None:
                continue
            for week, minutes in wanted(ctx.problem, person, least):
                if minutes > 0:
                    penalties += ctx.at_least(
                        paid(ctx, person, week), minutes, staff_id=person.id, day=week[0]
                    )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for person in facts.problem.staff:
            least = person.limits.get(COLUMN)
            if not isinstance(least, int):  # no minimum
                continue
            for week in paid_weeks(facts, person, least):
                short = least - week.credited - week.paid
                if short > 0:
                    yield (
                        person.id,
                        week.week[0],
                        short,
                        f"{facts.name(person.id)} is paid {hours(week.paid)} in "
                        f"{facts.week_label(week.week)}; the contract gives at least "
                        f"{hours(least)}{week.credit_text()}: {hours(short)} short",
                    )

"""Contract hours: each week a person is paid the hours their contract pays for, no fewer, no more.

The target is the Staff column `contract_hours_per_week`; people without one are not judged.
Each week, every hour short of the target or over it costs `weight`; the difference is counted
in whole hours, rounded up (30 minutes short count as an hour), as `fair_hours` counts its
spread. A whole day of leave counts towards the target: the target divided by the person's `max
days per week` (by 5 without one), so a day of leave counts 8 h of a 40 h, 5-day contract
(`weekly_pay` says how).

The weight, 5 an hour, weighs an hour off the target as a double duty; docs/rules.md
(Contracted hours) says why.
"""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig, Staff
from roster.facts import Breach, RosterFacts, hours
from roster.rule import BuildContext, Penalty, Rule

from .weekly_pay import paid, paid_weeks, wanted

COLUMN = "contract_hours_per_week"  # the Staff column, read into Staff.limits (minutes)
HOUR = 60  # minutes: the difference is charged in whole hours


class ContractHours(Rule):
    """Each week a person is paid their contract's `contract hours per week`, leave credited."""

    name = "contract_hours"
    category = "limit"
    scope = "person"
    hard = False
    weight = 5
    applies_to_pattern = True
    unit = "hours short of or over the week's target (rounded up)"

    @classmethod
    def contracted_minutes_a_week(cls, person: Staff, config: RuleConfig) -> int | None:
        target = person.limits.get(COLUMN)
        return target if isinstance(target, int) else None

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for person in ctx.problem.staff:
            target = self.contracted_minutes_a_week(person, ctx.config)
            if target is None:
                continue
            for week, minutes in wanted(ctx.problem, person, target):
                worked = paid(ctx, person, week)
                penalties += ctx.at_least(
                    worked, minutes, staff_id=person.id, day=week[0], unit=HOUR
                )
                penalties += ctx.at_most(
                    worked, minutes, staff_id=person.id, day=week[0], unit=HOUR
                )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for person in facts.problem.staff:
            target = person.limits.get(COLUMN)
            if not isinstance(target, int):  # no target
                continue
            for week in paid_weeks(facts, person, target):
                off = week.paid + week.credited - target
                if off == 0:
                    continue
                counted = -(-abs(off) // HOUR)  # whole hours, rounded up
                yield (
                    person.id,
                    week.week[0],
                    counted,
                    f"{facts.name(person.id)} is paid {hours(week.paid)} in "
                    f"{facts.week_label(week.week)}; the contract pays for {hours(target)}"
                    f"{week.credit_text()}: {hours(abs(off))} {'over' if off > 0 else 'short'}"
                    + (f", counted as {counted} h" if counted * HOUR != abs(off) else ""),
                )

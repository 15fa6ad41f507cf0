"""What the rules on a week's paid hours share (`min_hours_per_week`, `contract_hours`): the paid
minutes of a week, and what a whole day of leave counts towards them.

Paid minutes are the shifts' paid minutes, counted in the week a shift starts. A whole day of
leave (a `leave` line without a shift) counts as the week's hours divided by the person's `max
days per week` (by 5 without one): of 40 h over 5 days, a day of leave counts 8 h and a week of
leave the whole 40 h. A week's credit is taken in whole minutes, rounded down.

The model's half (`wanted`, `paid`) and the checker's half (`paid_weeks`) are computed apart,
so that the checker recomputes the rules instead of trusting the model's arithmetic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from roster.domain import Problem, Staff
from roster.facts import RosterFacts, hours

if TYPE_CHECKING:
    from roster.rule import BuildContext, LinearExpr

WORKING_DAYS = 5  # the days a week's hours are shared over, for someone without max days


def wanted(problem: Problem, person: Staff, minutes: int) -> Iterator[tuple[range, int]]:
    """Each week, and the paid minutes that `minutes` a week ask of `person` in it once their
    days of leave are credited."""
    leave = {
        r.day
        for r in problem.requests_of(("leave",))
        if r.staff_id == person.id and r.shift_code is None
    }
    share = person.max_days_per_week or WORKING_DAYS
    for week in problem.week_days():
        yield week, minutes - min(minutes, minutes * len(leave.intersection(week)) // share)


def paid(ctx: BuildContext, person: Staff, week: range) -> LinearExpr:
    """The person's paid minutes in `week`, in the model."""
    return sum(
        ctx.problem.shift(code).paid_minutes * var
        for day in week
        for code, var in ctx.works.on_day(person.id, day)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class PaidWeek:
    """One person's week as the checker counts it."""

    week: range
    paid: int  # minutes
    leave_days: int  # whole days of leave
    credited: int  # the minutes the leave counts

    def credit_text(self) -> str:
        """` (8 h of it credited for 1 day of leave)`, or nothing without leave."""
        if not self.leave_days:
            return ""
        days = "1 day" if self.leave_days == 1 else f"{self.leave_days} days"
        return f" ({hours(self.credited)} of it credited for {days} of leave)"


def paid_weeks(facts: RosterFacts, person: Staff, minutes: int) -> Iterator[PaidWeek]:
    """Each week of the finished roster: what `person` is paid, and what their leave counts
    towards `minutes` a week."""
    problem = facts.problem
    away = {(r.staff_id, r.day) for r in problem.requests_of(("leave",)) if r.shift_code is None}
    for week in problem.week_days():
        leave = sum(1 for day in week if (person.id, day) in away)
        yield PaidWeek(
            week=week,
            paid=sum(
                problem.shift(code).paid_minutes
                for day in week
                for code in facts.codes(person.id, day)
            ),
            leave_days=leave,
            credited=min(minutes, minutes * leave // (person.max_days_per_week or WORKING_DAYS)),
        )

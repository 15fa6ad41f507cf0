"""The independent checker: recomputes every rule on a finished roster, without the solver.

It shares no code with `constraints/` beyond the problem, the rule settings and the coverage
slots, so a bug in a rule's model shows up as a disagreement between the two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import combinations

from roster.domain import WEEKDAY_NAMES, Problem, Roster, RuleConfig
from roster.rulebook import effective_rules
from roster.slots import Slot, coverage_slots


@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    rule: str
    staff_id: str | None
    day: int | None
    amount: int  # in the rule's unit: minutes, days, shifts ...
    message: str
    hard: bool
    cost: int  # weight x amount for a soft rule, 0 for a hard one


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckReport:
    violations: tuple[Violation, ...]

    @property
    def hard_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.hard)

    @property
    def soft_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if not v.hard)

    @property
    def valid(self) -> bool:
        return not self.hard_violations

    @property
    def score(self) -> int:
        """The roster's cost: the sum of soft-rule weights times violation sizes."""
        return sum(v.cost for v in self.violations)


Finding = tuple[str | None, int | None, int, str]  # staff id, day, amount, message
Checker = Callable[["Facts", RuleConfig], Iterator[Finding]]


class Facts:
    """The roster in the shapes the checks need: who works what, when, in absolute minutes."""

    def __init__(self, problem: Problem, roster: Roster) -> None:
        self.problem = problem
        self.roster = roster
        self.cells = roster.by_person_day()
        self.worked_days: dict[str, set[int]] = defaultdict(set)
        for staff_id, day in self.cells:
            self.worked_days[staff_id].add(day)

    def codes(self, staff_id: str, day: int) -> tuple[str, ...]:
        return self.cells.get((staff_id, day), ())

    def works(self, staff_id: str, day: int) -> bool:
        return day in self.worked_days[staff_id]

    def day_label(self, day: int) -> str:
        date = self.problem.date(day)
        return f"{WEEKDAY_NAMES[date.weekday()][:3]} {date.isoformat()}"

    def week_label(self, week: range) -> str:
        first, last = self.problem.date(week[0]), self.problem.date(week[-1])
        return f"week {week[0] // 7 + 1} ({first.isoformat()} to {last.isoformat()})"

    def name(self, staff_id: str) -> str:
        person = self.problem.person(staff_id)
        return f"{person.id} {person.name}" if person.name else person.id


def check(problem: Problem, roster: Roster) -> CheckReport:
    facts = Facts(problem, roster)
    violations = []
    for rule, config in effective_rules(problem):
        if not config.enabled:
            continue
        for staff_id, day, amount, message in CHECKS[rule.name](facts, config):
            violations.append(
                Violation(
                    rule=rule.name,
                    staff_id=staff_id,
                    day=day,
                    amount=amount,
                    message=message,
                    hard=config.hard,
                    cost=0 if config.hard else config.weight * amount,
                )
            )
    return CheckReport(violations=tuple(violations))


def _coverage(facts: Facts, with_skill: bool) -> Iterator[Finding]:
    for slot in coverage_slots(facts.problem):
        if (slot.line.skill is not None) != with_skill:
            continue
        short = slot.enforceable - people_at_work(facts, slot)
        if short > 0:
            start, end = slot.clock()
            what = f"{slot.line.min_people} with skill {slot.line.skill}" if with_skill else ""
            yield (
                None,
                slot.day,
                short * slot.minutes,
                f"{facts.day_label(slot.day)} {_hhmm(start)}-{_hhmm(end)}: "
                f"{slot.required - short} of {slot.required} people at work, {short} short "
                f"(coverage '{slot.line.label} {slot.line.window}'{', ' + what if what else ''})",
            )


def people_at_work(facts: Facts, slot: Slot) -> int:
    return sum(
        1
        for staff_id in slot.eligible
        if any(code in facts.codes(staff_id, day) for day, code in slot.on_duty)
    )


def check_coverage(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    yield from _coverage(facts, with_skill=False)


def check_skill_coverage(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    yield from _coverage(facts, with_skill=True)


def check_one_shift_per_day(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    for person in problem.staff:
        worked = sorted(
            (day, code)
            for (staff_id, day), codes in facts.cells.items()
            if staff_id == person.id
            for code in codes
        )
        for (day_a, code_a), (day_b, code_b) in combinations(worked, 2):
            a, b = problem.shift(code_a), problem.shift(code_b)
            start_a, end_a = a.span_on(day_a)
            start_b, end_b = b.span_on(day_b)
            same_day_clash = day_a == day_b and not (
                code_b in a.combinable_with or code_a in b.combinable_with
            )
            next_day_overlap = day_b == day_a + 1 and start_a < end_b and start_b < end_a
            if same_day_clash or next_day_overlap:
                yield (
                    person.id,
                    day_a,
                    1,
                    f"{facts.name(person.id)} works {code_a} on {facts.day_label(day_a)} and "
                    f"{code_b} on {facts.day_label(day_b)}, which cannot both be worked",
                )


def check_availability(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for request in facts.problem.requests_of(("leave", "unavailable")):
        for code in facts.codes(request.staff_id, request.day):
            if request.shift_code in (None, code):
                yield (
                    request.staff_id,
                    request.day,
                    1,
                    f"{facts.name(request.staff_id)} works {code} on "
                    f"{facts.day_label(request.day)} but is on {request.kind}",
                )


def check_fixed_assignments(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for request in facts.problem.requests_of(("fixed",)):
        if request.shift_code not in facts.codes(request.staff_id, request.day):
            yield (
                request.staff_id,
                request.day,
                1,
                f"{facts.name(request.staff_id)} does not work the fixed shift "
                f"{request.shift_code} on {facts.day_label(request.day)}",
            )


def check_remote_shifts(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for (staff_id, day), codes in sorted(facts.cells.items()):
        if facts.problem.person(staff_id).remote_ok:
            continue
        for code in codes:
            if facts.problem.shift(code).location == "remote":
                yield (
                    staff_id,
                    day,
                    1,
                    f"{facts.name(staff_id)} works remote shift {code} on "
                    f"{facts.day_label(day)} but may not work remotely",
                )


def check_min_rest(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    rest = round(config.params["hours"] * 60)
    problem = facts.problem
    for person in problem.staff:
        worked = sorted(
            (day, code)
            for (staff_id, day), codes in facts.cells.items()
            if staff_id == person.id
            for code in codes
        )
        for (day_a, code_a), (day_b, code_b) in combinations(worked, 2):
            if day_a == day_b:
                continue
            gap = problem.shift(code_b).span_on(day_b)[0] - problem.shift(code_a).span_on(day_a)[1]
            if gap < rest:
                yield (
                    person.id,
                    day_b,
                    rest - gap,
                    f"{facts.name(person.id)} rests {_hours(gap)} between {code_a} on "
                    f"{facts.day_label(day_a)} and {code_b} on {facts.day_label(day_b)}; "
                    f"the minimum is {_hours(rest)}",
                )


def check_max_days_per_week(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for person in facts.problem.staff:
        limit = person.max_days_per_week
        if limit is None:
            continue
        for week in facts.problem.week_days():
            worked = sum(facts.works(person.id, day) for day in week)
            if worked > limit:
                yield (
                    person.id,
                    week[0],
                    worked - limit,
                    f"{facts.name(person.id)} works {worked} days in {facts.week_label(week)}; "
                    f"the contract allows {limit}",
                )


def check_min_days_off_per_week(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for person in facts.problem.staff:
        needed = person.min_days_off_per_week
        if needed is None:
            needed = round(config.params["default_days"])
        for week in facts.problem.week_days():
            off = sum(not facts.works(person.id, day) for day in week)
            if off < needed:
                yield (
                    person.id,
                    week[0],
                    needed - off,
                    f"{facts.name(person.id)} has {off} days off in {facts.week_label(week)}; "
                    f"at least {needed} needed",
                )


def check_max_consecutive_days(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    for person in problem.staff:
        limit = person.max_consecutive_days
        if limit is None:
            continue
        # One finding per window of limit+1 days, the same unit the penalty counts in.
        for last in range(limit, problem.num_days):
            window = range(last - limit, last + 1)
            worked = sum(facts.works(person.id, day) for day in window)
            if worked > limit:
                yield (
                    person.id,
                    last,
                    worked - limit,
                    f"{facts.name(person.id)} works {worked} days in a row up to "
                    f"{facts.day_label(last)}; the contract allows {limit}",
                )


def check_max_hours_per_week(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    for person in problem.staff:
        limit = person.max_minutes_per_week
        if limit is None:
            continue
        for week in problem.week_days():
            paid = sum(
                problem.shift(code).paid_minutes
                for day in week
                for code in facts.codes(person.id, day)
            )
            if paid > limit:
                yield (
                    person.id,
                    week[0],
                    paid - limit,
                    f"{facts.name(person.id)} is paid {_hours(paid)} in {facts.week_label(week)}; "
                    f"the contract allows {_hours(limit)}",
                )


def check_preferences(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for request in facts.problem.requests_of(("prefer_off", "prefer")):
        codes = facts.codes(request.staff_id, request.day)
        if request.kind == "prefer":
            granted = request.shift_code in codes
            wish = f"wished to work {request.shift_code}"
        elif request.shift_code:
            granted = request.shift_code not in codes
            wish = f"wished not to work {request.shift_code}"
        else:
            granted = not codes
            wish = "wished for the day off"
        if not granted:
            worked = "+".join(codes) if codes else "nothing"
            yield (
                request.staff_id,
                request.day,
                1,
                f"{facts.name(request.staff_id)} {wish} on {facts.day_label(request.day)} "
                f"and works {worked}",
            )


def check_combined_shifts(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for (staff_id, day), codes in sorted(facts.cells.items()):
        for first, second in combinations(codes, 2):
            a, b = facts.problem.shift(first), facts.problem.shift(second)
            if second in a.combinable_with or first in b.combinable_with:
                yield (
                    staff_id,
                    day,
                    1,
                    f"{facts.name(staff_id)} works a double duty {first}+{second} on "
                    f"{facts.day_label(day)}",
                )


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g} h"


CHECKS: dict[str, Checker] = {
    "coverage": check_coverage,
    "skill_coverage": check_skill_coverage,
    "one_shift_per_day": check_one_shift_per_day,
    "availability": check_availability,
    "fixed_assignments": check_fixed_assignments,
    "remote_shifts": check_remote_shifts,
    "min_rest": check_min_rest,
    "max_days_per_week": check_max_days_per_week,
    "min_days_off_per_week": check_min_days_off_per_week,
    "max_consecutive_days": check_max_consecutive_days,
    "max_hours_per_week": check_max_hours_per_week,
    "preferences": check_preferences,
    "combined_shifts": check_combined_shifts,
}

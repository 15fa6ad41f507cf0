"""The independent checker: recomputes every rule on a finished roster, without the solver.

It shares no code with `constraints/` beyond the problem, the rule settings and the coverage
slots, so a bug in a rule's model shows up as a disagreement between the two.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations, permutations

from constraints.keep_roster import change_units
from roster.domain import (
    MINUTES_PER_DAY,
    WEEKDAY_NAMES,
    Problem,
    Roster,
    RuleConfig,
    ShiftDemand,
)
from roster.rotation import pattern_problem
from roster.rule import Rule
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
    pattern: str | None = None  # the rotation group whose pattern breaks the rule; `day` is then
    # a day of the pattern, not of the calendar


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

    def worked(self, staff_id: str) -> list[tuple[int, str]]:
        """(day, shift code) of everything the person works, in day order."""
        return sorted(
            (day, code)
            for (who, day), codes in self.cells.items()
            if who == staff_id
            for code in codes
        )

    def days_after(self, first: int, second: int) -> int | None:
        """How many days `second` comes after `first`: round the wrap in a cyclic horizon."""
        count = self.problem.num_days
        days = (second - first) % count if self.problem.cyclic else second - first
        return days if days > 0 else None

    def codes(self, staff_id: str, day: int) -> tuple[str, ...]:
        return self.cells.get((staff_id, day), ())

    def works(self, staff_id: str, day: int) -> bool:
        return day in self.worked_days[staff_id]

    def day_label(self, day: int) -> str:
        if self.problem.cyclic:
            week, weekday = divmod(day, 7)
            return f"{WEEKDAY_NAMES[self.problem.weekday(weekday)][:3]} of pattern week {week + 1}"
        date = self.problem.date(day)
        return f"{WEEKDAY_NAMES[date.weekday()][:3]} {date.isoformat()}"

    def week_label(self, week: range) -> str:
        first, last = self.problem.date(week[0]), self.problem.date(week[-1])
        return f"week {week[0] // 7 + 1} ({first.isoformat()} to {last.isoformat()})"

    def name(self, staff_id: str) -> str:
        person = self.problem.person(staff_id)
        return f"{person.id} {person.name}" if person.name else person.id


def check(problem: Problem, roster: Roster) -> CheckReport:
    """Every rule on the roster and, in rotating mode, on each rotation pattern round its wrap."""
    violations = _check(Facts(problem, roster), lambda rule: True)
    for group in problem.rotations:
        pattern = Roster(
            assignments=frozenset(a for a in roster.pattern if a.staff_id == group.pattern_id)
        )
        facts = Facts(pattern_problem(problem, group), pattern)
        violations += [
            dataclasses.replace(v, pattern=group.name)
            for v in _check(facts, lambda rule: rule.applies_to_pattern)
        ]
    return CheckReport(violations=tuple(violations))


def _check(facts: Facts, applies: Callable[[type[Rule]], bool]) -> list[Violation]:
    violations = []
    for rule, config in effective_rules(facts.problem):
        if not config.enabled or not applies(rule):
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
    return violations


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
        worked = facts.worked(person.id)
        for (day_a, code_a), (day_b, code_b) in permutations(worked, 2):
            a, b = problem.shift(code_a), problem.shift(code_b)
            same_day_clash = (
                day_a == day_b
                and code_a < code_b
                and not (code_b in a.combinable_with or code_a in b.combinable_with)
            )
            start_b, end_b = b.start + MINUTES_PER_DAY, b.end + MINUTES_PER_DAY
            next_day_overlap = (
                facts.days_after(day_a, day_b) == 1 and a.start < end_b and start_b < a.end
            )
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
        for (day_a, code_a), (day_b, code_b) in permutations(facts.worked(person.id), 2):
            days = facts.days_after(day_a, day_b)
            if days is None:
                continue
            start_b = problem.shift(code_b).start + days * MINUTES_PER_DAY
            gap = start_b - problem.shift(code_a).end
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
        # One finding per window of limit+1 days, the same unit the penalty counts in; in a
        # cyclic horizon (a rotation pattern) windows run on across the wrap.
        count = problem.num_days
        for first in range(count):
            if limit >= count or (not problem.cyclic and first + limit >= count):
                continue
            window = [(first + offset) % count for offset in range(limit + 1)]
            last = window[-1]
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
            weight = f" (weight {request.weight})" if request.weight != 1 else ""
            yield (
                request.staff_id,
                request.day,
                request.weight,
                f"{facts.name(request.staff_id)} {wish} on {facts.day_label(request.day)}"
                f"{weight} and works {worked}",
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


def check_rotation(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    planned = Roster(assignments=facts.roster.pattern).by_person_day()
    for group in problem.rotations:
        for member, staff_id in enumerate(group.staff_ids):
            for day in problem.days:
                pattern_day = group.pattern_day(member, day)
                wanted = set(planned.get((group.pattern_id, pattern_day), ()))
                worked = set(facts.codes(staff_id, day))
                if wanted != worked:
                    yield (
                        staff_id,
                        day,
                        len(wanted ^ worked),
                        f"{facts.name(staff_id)} works {'+'.join(sorted(worked)) or 'nothing'} "
                        f"on {facts.day_label(day)} instead of the pattern's "
                        f"{'+'.join(sorted(wanted)) or 'day off'} (pattern week "
                        f"{pattern_day // 7 + 1}){_why(problem, staff_id, day)}",
                    )


def _why(problem: Problem, staff_id: str, day: int) -> str:
    reasons = [
        f"{r.kind}{' ' + r.shift_code if r.shift_code else ''}{': ' + r.note if r.note else ''}"
        for r in problem.requests
        if r.staff_id == staff_id and r.day == day
    ]
    return f": {'; '.join(reasons)}" if reasons else ": no leave or request that day"


def check_fair_shift_counts(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    for shift in problem.shifts:
        for group in _peers(facts):
            if shift.location == "remote":  # compared among those who may work it only
                group = [p for p in group if problem.person(p).remote_ok]
            counts = {
                p: sum(shift.code in facts.codes(p, day) for day in problem.days) for p in group
            }
            yield from _spread(facts, config, counts, f"{shift.code} shifts", str)


def check_fair_weekends(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    for group in _peers(facts):
        days = {
            p: sum(facts.works(p, day) for day in problem.days if problem.is_weekend(day))
            for p in group
        }
        yield from _spread(facts, config, days, "Weekend days", str)


def check_fair_holidays(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    holidays = [day for day in problem.days if problem.holiday_name(day) is not None]
    for group in _peers(facts):
        days = {p: sum(facts.works(p, day) for day in holidays) for p in group}
        yield from _spread(facts, config, days, "Public holidays", str)


def check_fair_hours(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    for group in _peers(facts):
        paid = {
            p: sum(
                problem.shift(code).paid_minutes
                for day in problem.days
                for code in facts.codes(p, day)
            )
            for p in group
        }
        yield from _spread(facts, config, paid, "Paid hours", _hours, per=60)


def check_fair_preferences(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    wishes = facts.problem.requests_of(("prefer_off", "prefer"))
    for group in _peers(facts, {request.staff_id for request in wishes}):
        refused = dict.fromkeys(group, 0)
        for request in wishes:
            if request.staff_id not in refused:
                continue
            codes = facts.codes(request.staff_id, request.day)
            if request.kind == "prefer":
                refused[request.staff_id] += request.shift_code not in codes
            elif request.shift_code:
                refused[request.staff_id] += request.shift_code in codes
            else:
                refused[request.staff_id] += bool(codes)
        yield from _spread(
            facts, config, refused, "Wishes not granted", str, verb="has", who="people who wished"
        )


def _peers(facts: Facts, only: set[str] | None = None) -> Iterator[list[str]]:
    """Ids of people on the same contract (max hours and days a week) with the same skills, two
    or more a group."""
    contracts: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for person in facts.problem.staff:
        if only is None or person.id in only:
            key = (person.max_minutes_per_week, person.max_days_per_week, person.skills)
            contracts[key].append(person.id)
    yield from (ids for ids in contracts.values() if len(ids) > 1)


def _spread(
    facts: Facts,
    config: RuleConfig,
    amounts: dict[str, int],
    what: str,
    show: Callable[[int], str],
    *,
    per: int = 1,
    verb: str = "works",
    who: str = "people",
) -> Iterator[Finding]:
    """One finding when the most and the fewest of `amounts` differ by more than `max_spread`
    (in units of `per`, rounded up); people in input order break ties."""
    if len(amounts) < 2:
        return
    limit = round(config.params["max_spread"])
    most = max(amounts, key=lambda p: amounts[p])
    fewest = min(amounts, key=lambda p: amounts[p])
    spread = amounts[most] - amounts[fewest]
    units = -(-spread // per)
    if units > limit:
        counted = f", counted as {show(units * per)}" if units * per != spread else ""
        yield (
            None,
            None,
            units - limit,
            f"{what}: {facts.name(most)} {verb} {show(amounts[most])}, {facts.name(fewest)} "
            f"{show(amounts[fewest])} (spread {show(spread)}{counted}, at most "
            f"{show(limit * per)} wanted) among {len(amounts)} {who} {_contract(facts, most)}",
        )


def _contract(facts: Facts, staff_id: str) -> str:
    person = facts.problem.person(staff_id)
    limits = []
    if person.max_minutes_per_week is not None:
        limits.append(_hours(person.max_minutes_per_week))
    if person.max_days_per_week is not None:
        limits.append(f"{person.max_days_per_week}-day")
    return f"on a {' / '.join(limits)} contract" if limits else "without weekly limits"


def check_keep_roster(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    first = facts.problem.frozen_days
    urgent_days = int(config.params["urgent_days"])
    for person_id, day, before, after in _changed_cells(
        facts, range(first, facts.problem.num_days)
    ):
        yield (
            person_id,
            day,
            change_units(day - first, urgent_days),
            f"{facts.name(person_id)} works {after} on {facts.day_label(day)} instead of "
            f"{before} as in the given roster",
        )


def check_frozen_days(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    frozen = range(min(facts.problem.frozen_days, facts.problem.num_days))
    for person_id, day, before, after in _changed_cells(facts, frozen):
        yield (
            person_id,
            day,
            1,
            f"{facts.name(person_id)} works {after} on {facts.day_label(day)}, a day that may "
            f"no longer change, instead of {before} as published",
        )


def _changed_cells(facts: Facts, days: Iterable[int]) -> Iterator[tuple[str, int, str, str]]:
    """(person, day, shifts before, shifts now) of the cells that differ from the baseline."""
    if facts.problem.baseline is None:
        return
    kept = facts.problem.baseline.by_person_day()
    for person in facts.problem.staff:
        for day in days:
            before, after = kept.get((person.id, day), ()), facts.codes(person.id, day)
            if set(before) != set(after):
                yield person.id, day, "+".join(before) or "a day off", "+".join(after) or "nothing"


def check_shift_demand(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for demand, people in _head_counts(facts):
        if people < demand.people:
            yield (
                None,
                demand.day,
                (demand.people - people) * demand.under_weight,
                f"{demand.shift_code} on {facts.day_label(demand.day)}: {people} of "
                f"{demand.people} people",
            )


def check_overstaffing(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for demand, people in _head_counts(facts):
        if people > demand.people:
            yield (
                None,
                demand.day,
                (people - demand.people) * demand.over_weight,
                f"{demand.shift_code} on {facts.day_label(demand.day)}: {people} people, "
                f"{demand.people} wanted",
            )


def _head_counts(facts: Facts) -> Iterator[tuple[ShiftDemand, int]]:
    for demand in facts.problem.demands:
        people = sum(
            demand.shift_code in facts.codes(person.id, demand.day)
            for person in facts.problem.staff
        )
        yield demand, people


def check_shift_successions(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    for person in problem.staff:
        for (day_a, code_a), (day_b, code_b) in permutations(facts.worked(person.id), 2):
            if (
                facts.days_after(day_a, day_b) == 1
                and code_b in problem.shift(code_a).not_followed_by
            ):
                yield (
                    person.id,
                    day_b,
                    1,
                    f"{facts.name(person.id)} works {code_b} on {facts.day_label(day_b)} right "
                    f"after {code_a}, which it may not follow",
                )


def check_max_shifts_per_code(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for person in facts.problem.staff:
        worked = [code for _, code in facts.worked(person.id)]
        for code, limit in person.max_shifts_by_code:
            if worked.count(code) > limit:
                yield (
                    person.id,
                    None,
                    worked.count(code) - limit,
                    f"{facts.name(person.id)} works {worked.count(code)} {code} shifts; "
                    f"the contract allows {limit}",
                )


def check_total_hours(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    for person in problem.staff:
        paid = sum(problem.shift(code).paid_minutes for _, code in facts.worked(person.id))
        low, high = person.min_minutes_total, person.max_minutes_total
        if high is not None and paid > high:
            yield (
                person.id,
                None,
                paid - high,
                f"{facts.name(person.id)} is paid {_hours(paid)} over the horizon; "
                f"the contract allows {_hours(high)}",
            )
        if low is not None and paid < low:
            yield (
                person.id,
                None,
                low - paid,
                f"{facts.name(person.id)} is paid {_hours(paid)} over the horizon; "
                f"the contract needs at least {_hours(low)}",
            )


def check_max_weekends(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    problem = facts.problem
    weekends = problem.weekends()
    for person in problem.staff:
        limit = person.max_weekends
        if limit is None:
            continue
        worked = [w for w in weekends if any(facts.works(person.id, day) for day in w)]
        if len(worked) > limit:
            yield (
                person.id,
                None,
                len(worked) - limit,
                f"{facts.name(person.id)} works on {len(worked)} weekends; "
                f"the contract allows {limit}",
            )


def check_min_consecutive_days(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for person in facts.problem.staff:
        if person.min_consecutive_days:
            yield from _short_runs(facts, person.id, person.min_consecutive_days, working=True)


def check_min_consecutive_days_off(facts: Facts, config: RuleConfig) -> Iterator[Finding]:
    for person in facts.problem.staff:
        if person.min_consecutive_days_off:
            yield from _short_runs(facts, person.id, person.min_consecutive_days_off, working=False)


def _short_runs(facts: Facts, staff_id: str, minimum: int, *, working: bool) -> Iterator[Finding]:
    """Runs of working days (or days off) shorter than `minimum` with a day of the other kind on
    each side; runs touching the horizon's edge are not judged (in a cyclic horizon there is no
    edge, but a run must leave room for its two neighbours)."""
    problem = facts.problem
    count = problem.num_days
    kinds = [facts.works(staff_id, day) == working for day in range(count)]
    if all(kinds) or not any(kinds):
        return
    first = kinds.index(False) if problem.cyclic else 0
    day = first
    while day < first + count:
        if not kinds[day % count]:
            day += 1
            continue
        end = day
        while end < first + count and kinds[end % count]:
            end += 1
        length = end - day
        inside = problem.cyclic or (day > 0 and end < count)
        if inside and length < minimum and length + 2 <= count:
            what = "working days" if working else "days off"
            yield (
                staff_id,
                day % count,
                1,
                f"{facts.name(staff_id)} has {length} {what} in a row from "
                f"{facts.day_label(day % count)}; at least {minimum} needed",
            )
        day = end


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g} h"


CHECKS: dict[str, Checker] = {
    "coverage": check_coverage,
    "skill_coverage": check_skill_coverage,
    "shift_demand": check_shift_demand,
    "overstaffing": check_overstaffing,
    "one_shift_per_day": check_one_shift_per_day,
    "availability": check_availability,
    "fixed_assignments": check_fixed_assignments,
    "remote_shifts": check_remote_shifts,
    "min_rest": check_min_rest,
    "shift_successions": check_shift_successions,
    "max_days_per_week": check_max_days_per_week,
    "min_days_off_per_week": check_min_days_off_per_week,
    "max_consecutive_days": check_max_consecutive_days,
    "max_hours_per_week": check_max_hours_per_week,
    "max_shifts_per_code": check_max_shifts_per_code,
    "total_hours": check_total_hours,
    "max_weekends": check_max_weekends,
    "min_consecutive_days": check_min_consecutive_days,
    "min_consecutive_days_off": check_min_consecutive_days_off,
    "preferences": check_preferences,
    "combined_shifts": check_combined_shifts,
    "fair_shift_counts": check_fair_shift_counts,
    "fair_weekends": check_fair_weekends,
    "fair_holidays": check_fair_holidays,
    "fair_hours": check_fair_hours,
    "fair_preferences": check_fair_preferences,
    "rotation": check_rotation,
    "keep_roster": check_keep_roster,
    "frozen_days": check_frozen_days,
}

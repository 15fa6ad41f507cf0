"""What the independent checker judges a roster by: the roster in the shapes the rules' checks
need (`RosterFacts`), and the wording and counts several checks share.

Nothing here, and nothing a rule's `check` calls, loads the solver: a rule's check recomputes it
from the finished roster, so a bug in the rule's model shows up as a disagreement between the two.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator

from roster.domain import WEEKDAY_NAMES, Problem, Roster, RuleConfig, ShiftDemand
from roster.slots import Slot, coverage_slots

Breach = tuple[str | None, int | None, int, str]  # staff id, day, amount, message


class RosterFacts:
    """The roster in the shapes the checks need: who works what, when, in absolute minutes."""

    def __init__(self, problem: Problem, roster: Roster) -> None:
        self.problem = problem
        self.roster = roster
        self.cells = roster.by_person_day()
        self.worked_days: dict[str, set[int]] = defaultdict(set)
        for staff_id, day in self.cells:
            self.worked_days[staff_id].add(day)

    def worked(self, staff_id: str, *, looking_back: bool = False) -> list[tuple[int, str]]:
        """(day, shift code) of everything the person works, in day order; `looking_back`, with
        the history's days before the horizon too."""
        days = self.problem.days_back() if looking_back else self.problem.days
        return [(day, code) for day in days for code in self.codes(staff_id, day)]

    def days_after(self, first: int, second: int) -> int | None:
        """How many days `second` comes after `first`: round the wrap in a cyclic horizon."""
        count = self.problem.num_days
        days = (second - first) % count if self.problem.cyclic else second - first
        return days if days > 0 else None

    def codes(self, staff_id: str, day: int) -> tuple[str, ...]:
        """The person's shifts on `day`; on a day before the horizon, the history's."""
        if day < 0:
            history = self.problem.history
            return history.codes(staff_id, day) if history is not None else ()
        return self.cells.get((staff_id, day), ())

    def works(self, staff_id: str, day: int) -> bool:
        return bool(self.codes(staff_id, day)) if day < 0 else day in self.worked_days[staff_id]

    def day_label(self, day: int) -> str:
        if self.problem.cyclic:
            week, weekday = divmod(day, 7)
            return f"{WEEKDAY_NAMES[self.problem.weekday(weekday)][:3]} of pattern week {week + 1}"
        date = self.problem.date(day)
        return f"{WEEKDAY_NAMES[date.weekday()][:3]} {date.isoformat()}"

    def week_label(self, week: range) -> str:
        if self.problem.cyclic:  # a rotation pattern's week has no dates
            return f"pattern week {week[0] // 7 + 1}"
        first, last = self.problem.date(week[0]), self.problem.date(week[-1])
        return f"week {week[0] // 7 + 1} ({first.isoformat()} to {last.isoformat()})"

    def name(self, staff_id: str) -> str:
        person = self.problem.person(staff_id)
        return f"{person.id} {person.name}" if person.name else person.id


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hours(minutes: int) -> str:
    """`8 h`, `8.5 h`, `6.67 h` (hundredths at most: 400 minutes are not `6.66667 h`)."""
    return f"{round(minutes / 60, 2):g} h"


def people_at_work(facts: RosterFacts, slot: Slot) -> int:
    return sum(
        1
        for staff_id in slot.eligible
        if any(code in facts.codes(staff_id, day) for day, code in slot.on_duty)
    )


def coverage_breaches(facts: RosterFacts, with_skill: bool) -> Iterator[Breach]:
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
                f"{facts.day_label(slot.day)} {hhmm(start)}-{hhmm(end)}: "
                f"{slot.required - short} of {slot.required} people at work, {short} short "
                f"(coverage '{slot.line.label} {slot.line.window}'{', ' + what if what else ''})",
            )


def short_runs(
    facts: RosterFacts, staff_id: str, minimum: int, *, working: bool
) -> Iterator[Breach]:
    """Runs of working days (or days off) shorter than `minimum` with a day of the other kind on
    each side; runs touching the edge of what is known are not judged (in a cyclic horizon there
    is no edge, but a run must leave room for its two neighbours). With a history, a run that
    starts in its days is judged when the day that ends it is in the horizon."""
    problem = facts.problem
    known = problem.days_back()
    count, before = len(known), -known.start
    kinds = [facts.works(staff_id, day) == working for day in known]
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
        inside = problem.cyclic or (day > 0 and before <= end < count)
        if inside and length < minimum and length + 2 <= count:
            what = "working days" if working else "days off"
            start = day % count - before
            yield (
                staff_id,
                max(start, 0),
                1,
                f"{facts.name(staff_id)} has {length} {what} in a row from "
                f"{facts.day_label(start)}{' (the previous roster)' if start < 0 else ''}; "
                f"at least {minimum} needed",
            )
        day = end


def peers(facts: RosterFacts, only: set[str] | None = None) -> Iterator[list[str]]:
    """Ids of people on the same contract (max hours and days a week) with the same skills, two
    or more a group."""
    contracts: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for person in facts.problem.staff:
        if only is None or person.id in only:
            key = (person.max_minutes_per_week, person.max_days_per_week, person.skills)
            contracts[key].append(person.id)
    yield from (ids for ids in contracts.values() if len(ids) > 1)


def spread(
    facts: RosterFacts,
    config: RuleConfig,
    amounts: dict[str, int],
    what: str,
    show: Callable[[int], str],
    *,
    per: int = 1,
    verb: str = "works",
    who: str = "people",
) -> Iterator[Breach]:
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
            f"{show(limit * per)} wanted) among {len(amounts)} {who} {contract(facts, most)}",
        )


def with_history(facts: RosterFacts, what: str) -> str:
    """`what`, saying that the count includes the days before the start when it does."""
    history = facts.problem.history
    if history is None or history.days == 0 or facts.problem.cyclic:
        return what
    return f"{what} (with the {history.days} days before {facts.day_label(0)})"


def contract(facts: RosterFacts, staff_id: str) -> str:
    person = facts.problem.person(staff_id)
    limits = []
    if person.max_minutes_per_week is not None:
        limits.append(hours(person.max_minutes_per_week))
    if person.max_days_per_week is not None:
        limits.append(f"{person.max_days_per_week}-day")
    return f"on a {' / '.join(limits)} contract" if limits else "without weekly limits"


def changed_cells(facts: RosterFacts, days: Iterable[int]) -> Iterator[tuple[str, int, str, str]]:
    """(person, day, shifts before, shifts now) of the cells that differ from the baseline."""
    if facts.problem.baseline is None:
        return
    kept = facts.problem.baseline.by_person_day()
    for person in facts.problem.staff:
        for day in days:
            before, after = kept.get((person.id, day), ()), facts.codes(person.id, day)
            if set(before) != set(after):
                yield person.id, day, "+".join(before) or "a day off", "+".join(after) or "nothing"


def head_counts(facts: RosterFacts) -> Iterator[tuple[ShiftDemand, int]]:
    for demand in facts.problem.demands:
        people = sum(
            demand.shift_code in facts.codes(person.id, demand.day)
            for person in facts.problem.staff
        )
        yield demand, people

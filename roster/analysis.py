"""Pre-solve analysis: what the rules force or forbid, in the supervisor's own arithmetic.

- Structural gaps: coverage that no shift definition (or nobody with the skill) can ever meet.
- Weekly capacity: the fewest shifts the coverage needs against the working days the contracts
  give, less the days people are away; the same per skill and for remote shifts.
- Weekly hours: the fewest paid hours the coverage needs against the contracts' weekly hours,
  their most and their weekly target; and whether one week of shifts can come to a person's
  weekly target, or reach their weekly minimum, at all.
- Dates: a coverage window that too few people can reach on a date, because of leave.
- Calendar: years of the horizon with no official holiday calendar (never guessed).

A finding is "infeasible" only when it proves that no roster satisfies the hard rules: it counts
only coverage of hard coverage rules, and limits of hard rules. Everything here is counting,
except `fewest`, one tiny CP-SAT model over head counts per (day, shift), never per person.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from math import comb, gcd
from typing import Any, TypeVar, cast

from roster import stopping
from roster.domain import (
    DAYS_PER_WEEK,
    MINUTES_PER_DAY,
    WEEKDAY_NAMES,
    CoverageLine,
    Problem,
    RuleConfig,
    Shift,
    Staff,
    hhmm,
)
from roster.rule import Rule
from roster.rulebook import contracted_minutes, in_force, served
from roster.slots import Slot, coverage_slots

SHOWN = 8  # names listed in a message before "and N more"
MAX_DATE_FINDINGS = 10  # date findings shown before a summary of the rest
K = TypeVar("K", bound=tuple[Any, ...])


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    # "structural_gap", "capacity", "tight", "hours", "contract", "skill_capacity",
    # "remote_capacity", "absence", "calendar", "input"
    kind: str
    severity: str  # "warning" (the roster is still produced), "info", or "infeasible"
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Facts:
    """What every check reads, computed once: the slots and what the hard rules make of them."""

    slots: list[Slot]
    demand: list[Slot]  # slots a roster must fill: enforceable, and their coverage rule hard
    hard: list[tuple[type[Rule], RuleConfig]]  # the rules that are enabled and hard
    remote: bool  # a hard rule gives remote shifts only to staff allowed to work remotely
    away: dict[tuple[str, int], dict[str, str]]  # (staff, day) -> {shift code: leave/unavailable}
    targets: dict[str, int]  # staff -> paid minutes a week their contract pays for (if any)
    memo: dict[str, list[int] | None] = field(default_factory=dict)  # computed once, on demand

    def away_all_day(self, problem: Problem, staff_id: str, day: int) -> bool:
        return len(self.away.get((staff_id, day), ())) == len(problem.shifts)

    def most_days(self, person: Staff, week_length: int = DAYS_PER_WEEK) -> int:
        """The most days the hard rules let `person` work in a week of `week_length` days."""
        limits = (rule.most_days_a_week(person, week_length, config) for rule, config in self.hard)
        return max(0, min([week_length, *(limit for limit in limits if limit is not None)]))

    def most_minutes(self, person: Staff) -> int | None:
        """The most paid minutes the hard rules let `person` work in a week; None: no limit."""
        limits = [rule.most_minutes_a_week(person, config) for rule, config in self.hard]
        return min((limit for limit in limits if limit is not None), default=None)

    def least_minutes(self, person: Staff) -> int | None:
        """The fewest paid minutes the hard rules make `person` work in a week without leave."""
        limits = [rule.least_minutes_a_week(person, config) for rule, config in self.hard]
        return max((limit for limit in limits if limit is not None), default=None)

    def hours_needed(self, problem: Problem) -> list[int] | None:
        """Per week, the fewest paid minutes that meet the coverage (`fewest`), or None."""
        if "hours" not in self.memo:
            self.memo["hours"] = fewest(problem, self.demand, cost=lambda s: s.paid_minutes)
        return self.memo["hours"]

    def most_shifts(self, problem: Problem, codes: set[str]) -> int:
        """The most of the shifts `codes` the hard rules let one person work on one day."""
        limits = (rule.most_shifts_a_day(problem, codes, config) for rule, config in self.hard)
        return min([len(codes), *(limit for limit in limits if limit is not None)])


def analyse(problem: Problem) -> list[Finding]:
    facts = gather(problem)
    findings = (
        input_notices(problem)
        + continuity(problem)
        + structural_gaps(problem, facts.slots)
        + weekly_capacity(problem, facts)
        + weekly_hours(problem, facts)
        + contracted_hours(problem, facts)
        + contract_weeks(problem, facts)
        + skill_capacity(problem, facts)
        + remote_capacity(problem, facts)
        + absences(problem, facts)
        + calendar_gaps(problem)
    )
    return list(dict.fromkeys(findings))  # two identical coverage lines say the same once


def gather(problem: Problem) -> Facts:
    slots = coverage_slots(problem)
    hard = in_force(problem, hard=True)
    away: dict[tuple[str, int], dict[str, str]] = defaultdict(dict)
    for rule, config in hard:
        for (staff_id, day, code), why in rule.absences(problem, config):
            away[(staff_id, day)][code] = why
    rules = [rule for rule, _ in hard]
    # What this roster must give: a slot the previous roster's night covers is given already
    demand = [s for s in slots if s.enforceable and not s.past and served(s.line, rules)]
    return Facts(
        slots=slots,
        demand=demand,
        hard=hard,
        remote=any(rule.limits_remote_work for rule in rules),
        away=dict(away),
        targets=contracted_minutes(problem),
    )


def calendar_gaps(problem: Problem) -> list[Finding]:
    """Years the holiday calendar has no official data for: their days count as ordinary."""
    return [
        Finding(kind="calendar", severity="warning", message=message)
        for message in problem.calendar_warnings
    ]


def input_notices(problem: Problem) -> list[Finding]:
    """What the reader ignored in the input workbook: a misspelt column drops its limit."""
    return [
        Finding(kind="input", severity="warning", message=message)
        for message in problem.input_warnings
    ]


def continuity(problem: Problem) -> list[Finding]:
    """What a roster that follows on from earlier ones carries over from them."""
    history = problem.history
    if history is None or history.days == 0:
        return []
    first = problem.date(-history.days)
    where = ", ".join(history.sources) or "the History sheet"
    text = (
        f"Follows on from {where}: the {_days(history.days)} from {first.isoformat()} to "
        f"{problem.date(-1).isoformat()} count for rest, shift successions and runs of days "
        "across the start, and in the fairness tallies"
    )
    for group in problem.rotations:
        week = group.pattern_day(0, 0) // DAYS_PER_WEEK + 1
        kept = "the same pattern" if history.pattern else "a pattern solved anew"
        text += (
            f"; rotation '{group.name}' goes on where it stopped, its first person on pattern "
            f"week {week} ({kept})"
        )
    return [Finding(kind="history", severity="info", message=text + ".")]


# --- Structural gaps --------------------------------------------------------------------------


def structural_gaps(problem: Problem, slots: list[Slot]) -> list[Finding]:
    """Group the slots no roster can fill by coverage line and clock window, listing the days."""
    gaps: dict[tuple[int, int, int, int, str], list[int]] = defaultdict(list)
    for slot in slots:
        if slot.coverable < slot.required:
            start, end = slot.clock()
            line_index = problem.coverage.index(slot.line)
            cause = _gap_cause(problem, slot)
            gaps[(line_index, start, end, slot.required - slot.coverable, cause)].append(slot.day)
    findings = []
    for (line_index, start, end, missing, cause), days in _merge_adjacent(gaps).items():
        line = problem.coverage[line_index]
        who = f"{line.min_people} {'person' if line.min_people == 1 else 'people'}"
        if line.skill:
            who += f" with skill {line.skill}"
        findings.append(
            Finding(
                kind="structural_gap",
                severity="warning",
                message=(
                    f"Coverage '{_line_name(line)}' asks for {who} from {hhmm(start)} to "
                    f"{hhmm(end)} on {_days_text(problem, days)}, but {cause}, so {missing} "
                    f"{'place stays' if missing == 1 else 'places stay'} empty whatever the "
                    f"roster. {_gap_fix(problem, start, end, cause)}"
                ),
            )
        )
    return findings


def _gap_cause(problem: Problem, slot: Slot) -> str:
    if slot.past:
        return f"the previous roster has only {slot.coverable} at work then"
    if not slot.on_duty:
        return "no shift covers that time"
    if not slot.eligible:
        return f"nobody has the skill {slot.line.skill}"
    if slot.coverable == 0:
        return "every shift then is remote and nobody who counts may work remotely"
    return f"only {slot.coverable} of the staff can ever be at work then"


def _gap_fix(problem: Problem, start: int, end: int, cause: str) -> str:
    if cause.startswith("the previous roster"):
        return "That roster is published; this one starts after it."
    if cause != "no shift covers that time":
        return "Add staff with what is missing, or lower the requirement."
    before = [s for s in problem.shifts if s.end % 1440 == start % 1440 or s.end == start]
    extend = f", extend {before[0].code} to end at {hhmm(end)}" if before else ""
    return (
        f"To fix it, add a shift covering {hhmm(start)}-{hhmm(end)}{extend}, "
        f"or end the coverage window at {hhmm(start)}."
    )


def _merge_adjacent(windows: Mapping[K, list[int]]) -> dict[K, list[int]]:
    """Join windows keyed (line, start, end, ...) that touch and have the same days and the same
    rest of the key: 22:00-23:00 and 23:00-24:00 become 22:00-24:00."""
    merged: dict[K, list[int]] = {}
    for key in sorted(windows, key=lambda k: (k[0], k[1], k[2])):
        line, start, end, *rest = key
        days = windows[key]
        for other in list(merged):
            o_line, o_start, o_end, *o_rest = other
            if (o_line, o_rest, merged[other], o_end) == (line, rest, days, start):
                merged[cast(K, (line, o_start, end, *rest))] = merged.pop(other)
                break
        else:
            merged[key] = days
    return merged


def _days_text(problem: Problem, days: list[int]) -> str:
    days = sorted(set(days))
    if len(days) == problem.num_days:
        return f"every day of the {problem.weeks}-week horizon ({len(days)} days)"
    weekdays = {problem.weekday(d) for d in days}
    if len(days) == len(weekdays) * problem.weeks and len(weekdays) < DAYS_PER_WEEK:
        return "every " + ", ".join(WEEKDAY_NAMES[w] for w in sorted(weekdays))
    shown = ", ".join(problem.date(d).isoformat() for d in days[:5])
    return shown + (f" and {len(days) - 5} more days" if len(days) > 5 else "")


# --- Weekly capacity: shifts against working days ---------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class _Week:
    index: int
    needed: int  # the fewest shifts that meet the slots in this week
    days: int  # working days the people can give this week
    supply: str  # how `days` adds up: "4 people x 5 days - 5 days away (S01)"
    per_day: int  # most of the slots' shifts one person can work on one day
    short: tuple[int, ...]  # every week (index) that needs more than its days x per_day

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def also(self) -> str:
        return _also(self.index, self.short)


def _also(index: int, short: Iterable[int]) -> str:
    """The weeks other than `index` that fall short: " (weeks 2 and 3 fall short too)"."""
    others = [str(w + 1) for w in sorted(short) if w != index]
    if not others:
        return ""
    if len(others) == 1:
        return f" (week {others[0]} falls short too)"
    return f" (weeks {', '.join(others[:-1])} and {others[-1]} fall short too)"


def weekly_capacity(problem: Problem, facts: Facts) -> list[Finding]:
    """The fewest shifts that meet the coverage each week, against the working days on offer."""
    week = _worst_week(problem, facts, facts.demand, problem.staff)
    if week is None or week.needed <= week.days:
        return []
    arithmetic = (
        f"Weekly demand is {week.needed} shifts (the fewest that meet the coverage in week "
        f"{week.number}); {week.supply} = {_days(week.days, 'working day')}"
    )
    if week.needed > week.days * week.per_day:
        also = "" if len(week.short) == problem.weeks else week.also
        if week.days == 0:
            fix = "Allow working days (max_days_per_week, min_days_off_per_week), or add people."
        else:
            _, more = _people_short(problem, facts, week.needed - week.days * week.per_day)
            fix = (
                "Allow more working days, declare a same-day pair of shifts, or add "
                f"{more} {_person(more)}."
            )
        return [
            Finding(
                kind="capacity",
                severity="infeasible",
                message=(
                    f"{arithmetic}, and at most {_shifts(week.per_day)} a day each{also}. {fix}"
                ),
            )
        ]
    pairs = _combinable_pairs(problem, _codes(facts.demand))
    double = f"a same-day pair ({', '.join(pairs)})" if pairs else "two shifts in a day"
    without = "Without that pair" if pairs else "Without that"
    return [
        Finding(
            kind="tight",
            severity="info",
            message=(
                f"{arithmetic}, so on at least {_days(week.needed - week.days)} a week someone "
                f"works {double}. {without} the rules "
                f"could not all hold: it would take a working day more for someone, or "
                f"another person."
            ),
        )
    ]


def skill_capacity(problem: Problem, facts: Facts) -> list[Finding]:
    """Per skill: the fewest shifts by people with the skill, against what those people give."""
    by_skill: dict[str, list[Slot]] = defaultdict(list)
    for slot in facts.demand:
        if slot.line.skill is not None:
            by_skill[slot.line.skill].append(slot)
    findings = []
    for skill, slots in sorted(by_skill.items()):
        people = [p for p in problem.staff if skill in p.skills]
        week = _worst_week(problem, facts, slots, people)
        if week is None or week.needed <= week.days * week.per_day:
            continue
        lines = ", ".join(sorted({f"'{_line_name(s.line)}'" for s in slots}))
        others = [p for p in problem.staff if skill not in p.skills]
        chosen, newcomers = _people_short(
            problem, facts, week.needed - week.days * week.per_day, others
        )
        fix = _widen(f"Give skill {skill} to", others, chosen, newcomers)
        findings.append(
            Finding(
                kind="skill_capacity",
                severity="infeasible",
                message=(
                    f"Skill {skill}: week {week.number} needs at least {week.needed} shifts by "
                    f"people with skill {skill} (coverage {lines}); "
                    f"{_who_has(people, f'skill {skill}')} can give {week.supply} = "
                    f"{_days(week.days, 'working day')}, at most {_shifts(week.per_day)} a day each"
                    f"{week.also}. {fix}, allow more working days, or lower the "
                    f"requirement."
                ),
            )
        )
    return findings


def remote_capacity(problem: Problem, facts: Facts) -> list[Finding]:
    """Slots only remote shifts cover, against the working days of staff who may work remotely."""
    if not facts.remote:
        return []
    slots = [s for s in facts.demand if s.on_duty and _remote_only(problem, s)]
    people = [p for p in problem.staff if p.remote_ok]
    week = _worst_week(problem, facts, slots, people)
    if week is None or week.needed <= week.days * week.per_day:
        return []
    codes = ", ".join(sorted(_codes(slots)))
    times = ", ".join(_clock_windows(s.clock() for s in slots))
    onsite = [p for p in problem.staff if not p.remote_ok]
    chosen, newcomers = _people_short(
        problem, facts, week.needed - week.days * week.per_day, onsite
    )
    fix = _widen("Allow remote work for", onsite, chosen, newcomers)
    if not newcomers:
        fix += f" (on-site only: {_names([p.id for p in onsite])})"
    return [
        Finding(
            kind="remote_capacity",
            severity="infeasible",
            message=(
                f"Week {week.number} needs at least {week.needed} remote shifts ({codes}: only "
                f"remote shifts cover {times}); {_who_has(people, 'permission to work remotely')} "
                f"can give {week.supply} = {_days(week.days, 'working day')}, at most "
                f"{_shifts(week.per_day)} a day each{week.also}. {fix}, or add "
                f"an on-site shift at that time."
            ),
        )
    ]


def _worst_week(
    problem: Problem, facts: Facts, slots: list[Slot], people: Sequence[Staff]
) -> _Week | None:
    """The week whose fewest shifts most exceed what `people` can work, with its arithmetic."""
    needed = fewest(problem, slots) if slots else None
    if needed is None:
        return None
    per_day = facts.most_shifts(problem, _codes(slots))
    weeks = []
    for index, days in enumerate(problem.week_days()):
        supply, text = _supply(problem, facts, people, days)
        weeks.append((index, supply, text))
    short = tuple(i for i, supply, _ in weeks if needed[i] > supply * per_day)
    index, supply, text = max(
        weeks,
        key=lambda w: (needed[w[0]] - w[1] * per_day, needed[w[0]] - w[1], -w[0]),
    )
    return _Week(
        index=index, needed=needed[index], days=supply, supply=text, per_day=per_day, short=short
    )


def _supply(
    problem: Problem, facts: Facts, people: Sequence[Staff], week: range
) -> tuple[int, str]:
    """The working days `people` can give in `week`, and how they add up."""
    by_limit: dict[int, int] = defaultdict(int)
    lost, absent = 0, []
    for person in people:
        limit = facts.most_days(person, len(week))
        free = sum(1 for day in week if not facts.away_all_day(problem, person.id, day))
        by_limit[limit] += 1
        if free < limit:
            lost += limit - free
            absent.append(person.id)
    text = (
        " + ".join(f"{n} {_person(n)} x {_days(limit)}" for limit, n in sorted(by_limit.items()))
        or "nobody"
    )
    if lost:
        text += f" - {_days(lost)} away ({_names(absent)})"
    return sum(limit * n for limit, n in by_limit.items()) - lost, text


def _people_short(
    problem: Problem, facts: Facts, shifts_short: int, candidates: Sequence[Staff] = ()
) -> tuple[int, int]:
    """How many of the `candidates` (staff who could be given the skill, or remote work), most
    working days first, and then how many newcomers on the best contract make up `shifts_short`."""
    per_person = max((facts.most_days(p) for p in problem.staff), default=0)
    chosen = 0
    for days in sorted((facts.most_days(p) for p in candidates), reverse=True):
        if shifts_short <= 0 or days == 0:
            break
        shifts_short -= days
        chosen += 1
    return chosen, max(0, -(-shifts_short // max(per_person, 1)))


def _widen(grant: str, candidates: Sequence[Staff], chosen: int, newcomers: int) -> str:
    """The fix for a group too small: "give skill X to 2 more people", "and add 1 person"."""
    if not newcomers:
        return f"{grant} {chosen} more {_person(chosen)}"
    add = f"add {newcomers} {_person(newcomers)}"
    if not chosen:
        return add[0].upper() + add[1:]
    return f"{grant} the {len(candidates)} others ({_names([p.id for p in candidates])}) and {add}"


def _combinable_pairs(problem: Problem, codes: set[str] | None = None) -> list[str]:
    pairs = set()
    for shift in problem.shifts:
        for other in shift.combinable_with:
            if codes is None or {shift.code, other} <= codes:
                pairs.add("+".join(sorted((shift.code, other))))
    return sorted(pairs)


def _codes(slots: Iterable[Slot]) -> set[str]:
    return {code for slot in slots for _, code in slot.on_duty}


def fewest(
    problem: Problem, slots: Sequence[Slot], cost: Callable[[Shift], int] | None = None
) -> list[int] | None:
    """Per week, the least total cost (1 a shift, or what `cost` says, such as its paid minutes)
    of shifts that meet every slot's enforceable requirement; None if CP-SAT gives up.

    One tiny CP-SAT model whose variables are head counts per (day, shift), not people. A slot
    that shifts of two weeks cover together (a Sunday night shift and a Monday early shift) is
    left out, so the weeks are independent and each week's figure is a true lower bound.
    """
    need: dict[tuple[tuple[int, str], ...], int] = {}
    for slot in slots:
        weeks = {day // DAYS_PER_WEEK for day, _ in slot.on_duty}
        if slot.enforceable and len(weeks) == 1 and min(weeks) >= 0:  # not the history's days
            need[slot.on_duty] = max(need.get(slot.on_duty, 0), slot.enforceable)
    totals = [0] * problem.weeks
    if not need:
        return totals
    from ortools.sat.python import cp_model

    weight = {s.code: cost(s) if cost else 1 for s in problem.shifts}
    unit = gcd(*weight.values()) or 1
    model = cp_model.CpModel()
    most = max(need.values())
    count: dict[tuple[int, str], cp_model.IntVar] = {}
    for on_duty, people in need.items():
        for key in on_duty:
            if key not in count:
                count[key] = model.new_int_var(0, most, f"n[{key[0]},{key[1]}]")
        model.add(sum(count[key] for key in on_duty) >= people)
    model.minimize(sum(weight[code] // unit * var for (_, code), var in count.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 5
    solver.parameters.num_workers = 1
    if stopping.solve(solver, model) != cp_model.OPTIMAL:
        return None
    for (day, code), var in count.items():
        totals[day // DAYS_PER_WEEK] += weight[code] * solver.value(var)
    return totals


# --- Weekly hours -------------------------------------------------------------------------------


def weekly_hours(problem: Problem, facts: Facts) -> list[Finding]:
    """The fewest paid hours that meet the coverage each week, against the contracts' hours."""
    limits = [facts.most_minutes(p) for p in problem.staff]
    if not limits or None in limits:
        return []  # somebody without a limit: the hours are unbounded
    caps = [limit for limit in limits if limit is not None]
    needed = facts.hours_needed(problem)
    supply = sum(caps)
    if needed is None or max(needed) <= supply:
        return []
    week = max(range(problem.weeks), key=lambda w: (needed[w], -w))
    also = _also(week, (w for w in range(problem.weeks) if needed[w] > supply))
    contracts = _people_times(caps, "max ")
    fix = "Raise a contract's hours"
    if max(caps) > 0:
        people = -(-(needed[week] - supply) // max(caps))
        fix += f" or add {people} {_person(people)}"
    return [
        Finding(
            kind="hours",
            severity="infeasible",
            message=(
                f"Week {week + 1} needs at least {_hours(needed[week])} paid hours to meet the "
                f"coverage; {contracts} = {_hours(supply)} h{also}. {fix}."
            ),
        )
    ]


def contracted_hours(problem: Problem, facts: Facts) -> list[Finding]:
    """The hours the contracts pay for in a week (their weekly targets) against the fewest the
    coverage needs, leave aside: a surplus is rostered as extra cover, a shortfall as overtime."""
    needed = facts.hours_needed(problem) if facts.targets else None
    if needed is None:
        return []
    given = sum(facts.targets.values())
    week = max(range(problem.weeks), key=lambda w: (needed[w], -w))  # the one that needs most
    everyone = len(facts.targets) == len(problem.staff)
    if needed[week] == given or (needed[week] > given and not everyone):
        return []  # without a target, the others may make up a shortfall
    who = "Contracts pay" if everyone else f"The contracts of {len(facts.targets)} people pay"
    said = (
        f"{who} for {_hours(given)} h a week ({_people_times(facts.targets.values())}); the "
        f"coverage needs at least {_hours(needed[week])} h "
        + ("a week" if len(set(needed)) == 1 else f"in week {week + 1}")
    )
    if needed[week] < given:
        also = "" if len(set(needed)) == 1 else ", the week that needs most"
        surplus = f"{_hours(given - needed[week])} h of surplus will be rostered as extra cover"
        return [Finding(kind="contract", severity="info", message=f"{said}{also}: {surplus}.")]
    also = (
        ""
        if len(set(needed)) == 1
        else _also(week, (w for w in range(problem.weeks) if needed[w] > given))
    )
    return [
        Finding(
            kind="contract",
            severity="warning",
            message=(
                f"{said}{also}: short by {_hours(needed[week] - given)} h. Add a person or allow "
                f"overtime (max_hours_per_week above the contract's hours)."
            ),
        )
    ]


def contract_weeks(problem: Problem, facts: Facts) -> list[Finding]:
    """People whose week of shifts can never reach their weekly minimum (no roster keeps the
    hard rules), or never come to their weekly target (every week is charged the difference)."""
    alike: dict[tuple[int | None, int | None, int, int | None, _Options], list[str]]
    alike = defaultdict(list)
    options_of: dict[bool, _Options | None] = {}  # by whether the person may work remote shifts
    for person in problem.staff:
        least = (
            facts.least_minutes(person) if _a_week_without_absence(problem, facts, person) else None
        )
        target = facts.targets.get(person.id)
        if least is None and target is None:
            continue
        remote = person.remote_ok or not facts.remote
        if remote not in options_of:
            options_of[remote] = _day_options(problem, facts, remote)
        options = options_of[remote]
        if options is not None:
            key = (least, target, facts.most_days(person), facts.most_minutes(person), options)
            alike[key].append(person.id)
    findings = []
    for (least, target, days, cap, options), ids in alike.items():
        totals = _week_totals({minutes for _, minutes in options}, days, cap)
        week = _week_text(days, options)
        if least is not None and max(totals) < least:
            message = (
                f"{_names(ids)} must be paid at least {_hours(least)} h a week, but {week} make "
                f"at most {_hours(max(totals))} h. Allow more working days or longer shifts, or "
                f"lower the minimum."
            )
            findings.append(Finding(kind="contract", severity="infeasible", message=message))
        elif target is not None and target not in totals:
            message = (
                f"{_names(ids)}: the contract pays for {_hours(target)} h a week, but no week of "
                f"their shifts comes to that: {week} make {_nearest(totals, target)}, so every "
                f"week is charged the difference. Add a shift of the missing length, or set a "
                f"target the shifts make."
            )
            findings.append(Finding(kind="contract", severity="warning", message=message))
    return findings


_Options = tuple[tuple[str, int], ...]  # what one working day can be: (codes, paid minutes)
MAX_DAY_OPTIONS = 5_000  # sets of shifts tried for one working day; beyond, no claim is made


def _day_options(problem: Problem, facts: Facts, remote: bool) -> _Options | None:
    """What one working day can be: each shift (remote ones only if `remote`), alone or with
    those the hard rules let one person combine it with, with its paid minutes; None when there
    are too many sets to try."""
    shifts = [s for s in problem.shifts if remote or s.location != "remote"]
    most = facts.most_shifts(problem, {s.code for s in shifts}) if shifts else 0
    if sum(comb(len(shifts), size) for size in range(2, most + 1)) > MAX_DAY_OPTIONS:
        return None
    return tuple(
        ("+".join(s.code for s in group), sum(s.paid_minutes for s in group))
        for size in range(1, most + 1)
        for group in combinations(shifts, size)
        if size == 1 or facts.most_shifts(problem, {s.code for s in group}) >= size
    )


def _week_totals(amounts: set[int], days: int, cap: int | None) -> set[int]:
    """Every paid total of a week of at most `days` working days of `amounts` each, within
    `cap` minutes (None: no most)."""
    totals = {0}
    for _ in range(days):
        totals |= {t + a for t in totals for a in amounts if cap is None or t + a <= cap}
    return totals


def _a_week_without_absence(problem: Problem, facts: Facts, person: Staff) -> bool:
    away = {day // DAYS_PER_WEEK for staff_id, day in facts.away if staff_id == person.id}
    return len(away) < problem.weeks


def _week_text(days: int, options: _Options) -> str:
    """`at most 3 days a week of A (8 h), B (8 h) or A+C (10 h)`."""
    shown = [f"{codes} ({_hours(minutes)} h)" for codes, minutes in options]
    listed = " or ".join([", ".join(shown[:-1]), shown[-1]] if len(shown) > 1 else shown)
    return f"at most {_days(days)} a week of {listed or 'no shift'}"


def _nearest(totals: set[int], target: int) -> str:
    below = max(t for t in totals if t < target)
    above = [t for t in totals if t > target]
    if not above:
        return f"at most {_hours(below)} h"
    return f"{_hours(below)} h or {_hours(min(above))} h at the nearest"


def _people_times(minutes: Iterable[int], prefix: str = "") -> str:
    """`6 people x 40 h`, `2 people x max 24 h + 10 people x max 40 h`, fewest hours first."""
    by_hours: dict[int, int] = defaultdict(int)
    for value in minutes:
        by_hours[value] += 1
    return " + ".join(
        f"{n} {_person(n)} x {prefix}{_hours(value)} h" for value, n in sorted(by_hours.items())
    )


def _hours(minutes: int) -> str:
    return str(minutes // 60) if minutes % 60 == 0 else f"{minutes / 60:.1f}"


# --- Dates: absences --------------------------------------------------------------------------


def absences(problem: Problem, facts: Facts) -> list[Finding]:
    """Each coverage window that, on some date, too few people can reach because of leave."""
    if not facts.away:
        return []
    away_from: dict[tuple[int, str], set[str]] = defaultdict(set)
    for (staff_id, day), codes in facts.away.items():
        for code in codes:
            away_from[(day, code)].add(staff_id)
    short: dict[_Absence, list[int]] = defaultdict(list)
    for slot in facts.demand:
        # With remote work limited, only staff allowed it can fill a remote-only slot.
        remote = facts.remote and _remote_only(problem, slot)
        reach = slot.coverable if facts.remote else len(slot.eligible)
        candidates = set().union(*(away_from.get(key, ()) for key in slot.on_duty))
        if reach - len(candidates) >= slot.enforceable:
            continue  # even with every candidate away, enough people are left
        gone = {
            p: why for p in candidates & slot.eligible if (why := _away(problem, facts, p, slot))
        }
        if reach - len(gone) >= slot.enforceable:
            continue
        reachable = (p for p in slot.eligible if problem.person(p).remote_ok or not remote)
        start, end = slot.clock()
        date = slot.day + start // MINUTES_PER_DAY  # a window past midnight: the next date
        key = (
            problem.coverage.index(slot.line),
            start,
            end,
            slot.enforceable,
            remote,
            tuple(sorted({day - date for day, _ in slot.on_duty})),
            tuple(sorted(gone.items())),
            tuple(sorted(p for p in reachable if p not in gone)),
        )
        short[key].append(slot.day)
    windows = sorted(_merge_adjacent(short).items(), key=lambda item: (min(item[1]), item[0]))
    findings = [_absence_finding(problem, key, days) for key, days in windows[:MAX_DATE_FINDINGS]]
    if len(windows) > MAX_DATE_FINDINGS:
        key, days = windows[MAX_DATE_FINDINGS]
        first = problem.date(min(days) + key[1] // MINUTES_PER_DAY).isoformat()
        findings.append(
            Finding(
                kind="absence",
                severity="infeasible",
                message=(
                    f"Absences leave {len(windows) - MAX_DATE_FINDINGS} more coverage windows "
                    f"short, the first on {first}."
                ),
            )
        )
    return findings


# (line index, clock start, clock end, people needed, remote only, days of the covering shifts
# relative to the date (-1: the day before), ((absent, why), ...), present)
_Absence = tuple[
    int, int, int, int, bool, tuple[int, ...], tuple[tuple[str, str], ...], tuple[str, ...]
]


def _away(problem: Problem, facts: Facts, staff_id: str, slot: Slot) -> str:
    """Why a person who counts for the slot is away from every shift that could put them there
    (a remote shift only if they may work remotely): "leave", "unavailable", or "" if not."""
    anywhere = problem.person(staff_id).remote_ok or not facts.remote
    kinds = set()
    for day, code in slot.on_duty:
        if anywhere or problem.shift(code).location != "remote":
            kind = facts.away.get((staff_id, day), {}).get(code)
            if kind is None:
                return ""
            kinds.add(kind)
    return "leave" if "leave" in kinds else "unavailable" if kinds else ""


def _absence_finding(problem: Problem, key: _Absence, days: list[int]) -> Finding:
    line_index, start, end, needed, remote, offsets, gone, here = key
    line = problem.coverage[line_index]
    counted = (f" with skill {line.skill}" if line.skill else "") + (
        " allowed to work remotely" if remote else ""
    )
    when = " and ".join(_when(offset, len(days)) for offset in reversed(offsets))
    kinds = sorted({why for _, why in gone})
    if len(kinds) == 1:
        state = "on leave" if kinds == ["leave"] else "unavailable"
    else:
        state = (
            "away ("
            + "; ".join(
                f"{_names([p for p, why in gone if why == kind])} "
                f"{'on leave' if kind == 'leave' else 'unavailable'}"
                for kind in kinds
            )
            + ")"
        )
    ids = _names([p for p, _ in gone])
    if here:
        total = len(here) + len(gone)
        explanation = (
            f"only {len(here)} of the {total} people{counted} can be at work "
            f"({_names(list(here))}): {ids} {'is' if len(gone) == 1 else 'are'} {state} {when}"
        )
    elif len(gone) == 1:
        explanation = f"the only person{counted} ({ids}) is {state} {when}"
    else:
        explanation = f"all {len(gone)} people{counted} ({ids}) are {state} {when}"
    shift = start // MINUTES_PER_DAY  # a window past midnight belongs to the next date
    window = _window(start - shift * MINUTES_PER_DAY, end - shift * MINUTES_PER_DAY)
    want = f"{needed} {_person(needed)}" + (f" with skill {line.skill}" if line.skill else "")
    fix = f"Move {needed - len(here)} of these absences to another day"
    if line.skill:
        fix += f", give skill {line.skill} to someone at work"
    return Finding(
        kind="absence",
        severity="infeasible",
        message=(
            f"On {_dates_text(problem, [d + shift for d in days])} {window} the coverage "
            f"'{_line_name(line)}' needs {want}; {explanation}. {fix}, or lower the "
            f"requirement."
        ),
    )


def _when(offset: int, dates: int) -> str:
    """The day of an absence relative to the date of the window it empties."""
    if offset == 0:
        return "that day" if dates == 1 else "those days"
    if offset == -1:
        return "the day before" if dates == 1 else "the days before"
    return f"{_days(abs(offset))} {'before' if offset < 0 else 'after'}"


def _remote_only(problem: Problem, slot: Slot) -> bool:
    return all(problem.shift(code).location == "remote" for _, code in slot.on_duty)


def _dates_text(problem: Problem, days: list[int]) -> str:
    """Dates, runs of consecutive days joined: 2026-12-10, 2026-12-14 to 2026-12-18."""
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        problem.date(run[0]).isoformat()
        + (f" to {problem.date(run[-1]).isoformat()}" if len(run) > 1 else "")
        for run in runs
    ]
    return ", ".join(parts[:5]) + (f" and {len(parts) - 5} more" if len(parts) > 5 else "")


def _clock_windows(windows: Iterable[tuple[int, int]]) -> list[str]:
    """Distinct clock windows, touching ones joined: 20:00-21:00 and 21:00-22:00 as 20:00-22:00."""
    spans = sorted({(s % MINUTES_PER_DAY, s % MINUTES_PER_DAY + e - s) for s, e in windows})
    joined: list[list[int]] = []
    for start, end in spans:
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    return [_window(s, e) for s, e in joined[:3]] + (["..."] if len(joined) > 3 else [])


# --- Wording ------------------------------------------------------------------------------------


def _window(start: int, end: int) -> str:
    """Clock times of a window that starts on its day: 22:00-06:00 when it ends the next day."""
    return f"{hhmm(start)}-{hhmm(end - MINUTES_PER_DAY if end > MINUTES_PER_DAY else end)}"


def _line_name(line: CoverageLine) -> str:
    return f"{line.label} {_window(line.start, line.end)}"


def _who_has(people: Sequence[Staff], what: str) -> str:
    if not people:
        return f"nobody with {what}"
    if len(people) == 1:
        return f"the 1 person with {what} ({people[0].id})"
    return f"the {len(people)} people with {what} ({_names([p.id for p in people])})"


def _names(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def _person(count: int) -> str:
    return "person" if count == 1 else "people"


def _shifts(count: int) -> str:
    return f"{count} shift" if count == 1 else f"{count} shifts"


def _days(count: int, unit: str = "day") -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"

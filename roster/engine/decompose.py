"""A first roster of a large problem part by part: the staff split into parts that share as few
"sum over people" rules as possible, each part rostered on its own, the rosters merged.

Only the rules of scope "lines", the coverage rules and the head counts, sum over several
people, each over the lines it serves (`roster.rule.Rule.serves`); every other hard rule is about
one person's own days, except the fairness rules, which compare peers (same contract and skills),
and a rotation group, whose members share one pattern. So:

- people who must stay together do: a rotation group's members always, peers when a fairness
  rule is hard;
- lines (a coverage line, or a shift's head count on a day) are grouped by who can serve them; the
  groups that constrain the most (line-days) are kept whole first, joining their people into one
  part, as long as a part stays at most `MAX_PART_PERSON_DAYS` (a size solved fast whole);
- a line several parts can serve is split among them, on each day in proportion to the people of
  each part who can serve it and are not away that day, rounded so that the parts' shares add up
  to exactly the line's requirement (largest remainders);
- any other hard rule (of scope "everyone") is taken to couple everybody: no parts.

Each part's requirement holds on its own roster, so the union of the parts' rosters meets every
line: a coverage slot needs min(required, people who could cover it) and gets the sum over parts
of min(share, the part's people who could cover it), which is checked to be at least as much
before any part is solved (it may not be where only remote shifts are on duty and the share went
to a part of on-site people). The merged roster is still judged by the checker, and anything that
goes wrong (a part infeasible, no roster in its time, a hard violation) gives no roster here: a
part's infeasibility says nothing about the whole problem, which the caller then searches whole.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from roster import stopping
from roster.check import check
from roster.domain import Assignment, CoverageLine, Problem, Roster, ShiftDemand, SolveSettings
from roster.engine.model import build_model
from roster.engine.solver import Clock, make_solver, read_roster
from roster.rule import Rule
from roster.rulebook import in_force, served
from roster.slots import coverage_slots

if TYPE_CHECKING:
    from roster.engine.variables import Key

log = logging.getLogger(__name__)

# Problems of more person-days (people x days) than this get their first roster part by part;
# smaller ones whole: below it the whole problem takes a few seconds, and a split among few
# people leaves small shares, whose rounding can make a part fail (its time then lost). The
# measurements behind both limits are in docs/performance.md ("What each change bought").
DECOMPOSE_PERSON_DAYS = 2_000
# Parts grow up to this many person-days while lines keep them together.
MAX_PART_PERSON_DAYS = 5_000


@dataclass(frozen=True, slots=True)
class _Line:
    """A coverage line or a demand, with who can serve it (for the partition)."""

    servers: frozenset[str]
    weight: int  # line-days: how many constraints it stands for


def person_days(problem: Problem) -> int:
    return len(problem.staff) * problem.num_days


def enabled_rules(problem: Problem) -> list[type[Rule]]:
    """The rules in force (hard, in a problem of the hard rules only)."""
    return [rule for rule, _ in in_force(problem)]


def scopes(problem: Problem) -> set[str]:
    """The scopes (`roster.rule.Rule.scope`) of the rules in force."""
    return {rule.scope for rule in enabled_rules(problem)}


def coupling_rules(problem: Problem) -> set[str]:
    """Rules in force that tie everybody together: with any, there is no decomposition."""
    return {rule.name for rule in enabled_rules(problem) if rule.scope == "everyone"}


def partition(
    problem: Problem,
    max_person_days: int = MAX_PART_PERSON_DAYS,
    blocked: set[Key] | None = None,
) -> list[list[str]]:
    """The staff in parts (ids in staff order; parts ordered by their first person).

    `problem` is one of the hard rules only (`roster.rulebook.hard_rules_only`): the rules in
    force are the ones the parts must hold. The groups of lines served by the same people are
    taken in order of line-days, most first, and each joins its people into one part unless the part
    would exceed `max_person_days`; then people who serve the same groups are joined (they are
    interchangeable for every line).
    """
    ids = [p.id for p in problem.staff]
    index = {staff_id: i for i, staff_id in enumerate(ids)}
    parts = _Parts(len(ids))
    for group in problem.rotations:  # one pattern for the whole group
        parts.join(index[s] for s in group.staff_ids if s in index)
    if "peers" in scopes(problem):
        peers: dict[tuple[object, ...], list[int]] = {}
        for i, p in enumerate(problem.staff):
            peers.setdefault((p.max_minutes_per_week, p.max_days_per_week, p.skills), []).append(i)
        for members in peers.values():
            parts.join(members)

    families: dict[frozenset[str], int] = {}  # who serves a line -> line-days they stand for
    for line in _lines(problem, _blocked(problem) if blocked is None else blocked):
        if line.servers:
            families[line.servers] = families.get(line.servers, 0) + line.weight
    # Most line-days first; then the smaller group, then input order (deterministic).
    order = sorted(families.items(), key=lambda f: (-f[1], len(f[0]), min(index[s] for s in f[0])))
    for servers, _ in order:
        roots = {parts.find(index[s]) for s in servers}
        if sum(parts.size[r] for r in roots) * problem.num_days <= max_person_days:
            parts.join(roots)

    # People who serve the same lines are alike for every line: one part.
    served: dict[int, set[int]] = {}
    for number, (servers, _) in enumerate(order):
        for s in servers:
            served.setdefault(parts.find(index[s]), set()).add(number)
    alike: dict[frozenset[int], list[int]] = {}
    for i in range(len(ids)):
        root = parts.find(i)
        alike.setdefault(frozenset(served.get(root, set())), []).append(root)
    for same in alike.values():
        parts.join(same)

    found: dict[int, list[str]] = {}
    for i, staff_id in enumerate(ids):
        found.setdefault(parts.find(i), []).append(staff_id)
    return sorted(found.values(), key=lambda part: index[part[0]])


class _Parts:
    """Union-find over people by index, with the size of each part."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))
        self.size = [1] * count

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, members: Iterable[int]) -> None:
        roots = sorted({self.find(i) for i in members})
        for root in roots[1:]:
            self.parent[root] = roots[0]
            self.size[roots[0]] += self.size[root]


def shares(total: int, weights: Sequence[int]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers adding up to `total`: each gets
    the floor of its quota, and the rest go one each to the largest remainders (ties: first)."""
    whole = sum(weights)
    if whole <= 0:
        return [total if i == 0 else 0 for i in range(len(weights))]
    floors = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def decompose(
    problem: Problem, max_person_days: int = MAX_PART_PERSON_DAYS
) -> list[Problem] | None:
    """The parts' problems, or None when the problem does not split into two or more parts whose
    rosters together surely hold every hard rule. `problem` is one of the hard rules only."""
    if coupling := coupling_rules(problem):
        log.info("no decomposition: %s couple(s) the staff", ", ".join(sorted(coupling)))
        return None
    blocked = _blocked(problem)
    parts = partition(problem, max_person_days, blocked)
    if len(parts) < 2:
        return None
    part_of = {staff_id: k for k, part in enumerate(parts) for staff_id in part}
    away = _away(problem, blocked)
    rules = enabled_rules(problem)

    coverage: list[list[CoverageLine]] = [[] for _ in parts]
    split: list[CoverageLine] = []  # the lines several parts serve
    pieces: dict[int, int] = {}  # id of a part's share of a split line -> its index in `split`
    for line in _covered(problem):
        eligible = _eligible(problem, line)
        serving = sorted({part_of[s] for s in eligible})
        if not serving:
            continue  # nobody can serve it: a structural gap, nothing to split
        if len(serving) == 1:
            coverage[serving[0]].append(line)
            continue
        per_day: dict[int, list[int]] = {}  # day -> share of each serving part
        for day in sorted(line.days):
            if 0 <= day < problem.num_days:
                present = [
                    sum(1 for s in eligible if part_of[s] == k and (s, day) not in away)
                    for k in serving
                ]
                per_day[day] = shares(line.min_people, present)
        for position, k in enumerate(serving):
            days_by_share: dict[int, set[int]] = {}
            for day, day_shares in per_day.items():
                days_by_share.setdefault(day_shares[position], set()).add(day)
            for share, days in sorted(days_by_share.items()):
                if share > 0:
                    piece = dataclasses.replace(line, days=frozenset(days), min_people=share)
                    coverage[k].append(piece)
                    pieces[id(piece)] = len(split)
        split.append(line)

    demands: list[list[ShiftDemand]] = [[] for _ in parts]
    for demand in problem.demands:
        counting = [rule for rule in rules if rule.serves(demand)]
        if not counting:
            continue
        servers = [
            p.id for p in problem.staff if (p.id, demand.day, demand.shift_code) not in blocked
        ]
        serving = sorted({part_of[s] for s in servers}) or [0]
        counts = [sum(1 for s in servers if part_of[s] == k) for k in serving]
        capped = any(rule.caps_lines for rule in counting)
        for k, share in zip(serving, shares(demand.people, counts), strict=True):
            # A share of 0 still bounds the part's head count while a rule caps it.
            if share > 0 or capped:
                demands[k].append(dataclasses.replace(demand, people=share))

    problems = [
        _part_problem(problem, part, coverage[k], demands[k], k, len(parts))
        for k, part in enumerate(parts)
    ]
    if not _covers(problem, split, pieces, problems):
        log.info("no decomposition: the parts' coverage shares could leave a slot short")
        return None
    return problems


def first_roster(
    problem: Problem,
    settings: SolveSettings,
    budget: float,
    *,
    clock: Clock | None = None,
    min_person_days: int | None = None,
    max_part_person_days: int | None = None,
) -> tuple[cp_model.CpSolverStatus, Roster | None] | None:
    """A roster of every hard rule, made part by part within `budget` seconds, as
    `solver.hard_rules_roster` gives one (status, roster); None when the problem is not
    worth splitting (at most `min_person_days`, by default `DECOMPOSE_PERSON_DAYS`), does not
    split into parts of at most `max_part_person_days` (`MAX_PART_PERSON_DAYS`) that surely hold
    every hard rule together, or a part finds no roster.

    `problem` is one of the hard rules only. Parts are solved one after another; each may use an
    equal share of what is left of `budget`, so time a part does not need goes to the later ones
    (the roster depends on the clock only where a search hits its time limit, as CP-SAT's does).
    """
    smallest = DECOMPOSE_PERSON_DAYS if min_person_days is None else min_person_days
    if person_days(problem) <= smallest:
        return None
    clock = clock or Clock(settings, time.monotonic())
    began = clock.elapsed()
    largest = MAX_PART_PERSON_DAYS if max_part_person_days is None else max_part_person_days
    parts = decompose(problem, largest)
    if parts is None:
        return None
    log.info("%d parts of %s people", len(parts), "/".join(str(len(p.staff)) for p in parts))
    assignments: set[Assignment] = set()
    pattern: set[Assignment] = set()
    for k, part in enumerate(parts):
        left = budget - (clock.elapsed() - began)
        if left <= 0:
            return None
        part_began = time.monotonic()
        code, roster = part_roster(part, settings, left / (len(parts) - k), clock)
        log.info(
            "part %d/%d (%d people): %s in %.1f s",
            k + 1,
            len(parts),
            len(part.staff),
            code.name if roster is None else "roster",
            time.monotonic() - part_began,
        )
        if roster is None:
            return None
        assignments |= roster.assignments
        pattern |= roster.pattern
    merged = Roster(assignments=frozenset(assignments), pattern=frozenset(pattern))
    broken = check(problem, merged).hard_violations
    if broken:  # not expected: the shares were checked; never hand on a wrong roster
        log.warning("merged roster breaks %d hard rule(s): %s", len(broken), broken[0].message)
        return None
    return cp_model.FEASIBLE, merged


def part_roster(
    part: Problem, settings: SolveSettings, limit: float, clock: Clock | None = None
) -> tuple[cp_model.CpSolverStatus, Roster | None]:
    """Any roster of a part's hard rules within `limit` seconds, as `hard_rules_roster` searches
    for one, but with one worker and without CP-SAT's symmetry detection and probing.

    With one worker CP-SAT runs its feasibility jump heuristic, which finds a team's roster
    sooner than the portfolio's tree searches (docs/performance.md, "What each change
    bought"). One worker's search is deterministic, as the interleaved portfolio is.
    """
    built = build_model(part)
    built.model.clear_objective()  # the part's own model: no copy needed
    solver = make_solver(dataclasses.replace(settings, workers=1), limit)
    solver.parameters.stop_after_first_solution = True
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    code = stopping.solve(solver, built.model)
    if clock is not None:
        clock.charge(solver)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return code, None
    return code, read_roster(built, solver)


def _covered(problem: Problem) -> list[CoverageLine]:
    """The coverage lines in force: those a rule in force serves."""
    rules = enabled_rules(problem)
    return [line for line in problem.coverage if served(line, rules)]


def _lines(problem: Problem, blocked: set[Key]) -> list[_Line]:
    """Every line in force, with who can serve it and its line-days."""
    lines = [
        _Line(frozenset(_eligible(problem, line)), len(line.days & set(problem.days)))
        for line in _covered(problem)
    ]
    rules = enabled_rules(problem)
    demands = [demand for demand in problem.demands if served(demand, rules)]
    if demands:
        # Who can ever work the shift (the day's leave aside), so that the groups stay few.
        never = {
            (p.id, shift.code)
            for p in problem.staff
            for shift in problem.shifts
            if all((p.id, day, shift.code) in blocked for day in problem.days)
        }
        for demand in demands:
            servers = frozenset(
                p.id for p in problem.staff if (p.id, demand.shift_code) not in never
            )
            lines.append(_Line(servers, 1))
    return lines


def _eligible(problem: Problem, line: CoverageLine) -> list[str]:
    """Who counts for a coverage line, as `roster.slots.coverage_slots` has it."""
    return [p.id for p in problem.staff if line.skill is None or line.skill in p.skills]


def _blocked(problem: Problem) -> set[Key]:
    """(person, day, shift) that the hard rules forbid outright: they get no model variable."""
    blocked: set[Key] = set()
    for rule, config in in_force(problem, hard=True):
        blocked.update(rule().forbidden(problem, config))
    return blocked


def _away(problem: Problem, blocked: set[Key]) -> set[tuple[str, int]]:
    """(person, day) on which the person can work no shift at all (leave)."""
    codes = [s.code for s in problem.shifts]
    return {
        (p.id, day)
        for p in problem.staff
        for day in problem.days
        if all((p.id, day, code) in blocked for code in codes)
    }


def _part_problem(
    problem: Problem,
    staff_ids: list[str],
    coverage: list[CoverageLine],
    demands: list[ShiftDemand],
    number: int,
    count: int,
) -> Problem:
    members = set(staff_ids)
    groups = tuple(g for g in problem.rotations if g.staff_ids and g.staff_ids[0] in members)
    baseline = problem.baseline
    if baseline is not None:
        patterns = {g.pattern_id for g in groups}
        baseline = Roster(
            assignments=frozenset(a for a in baseline.assignments if a.staff_id in members),
            pattern=frozenset(a for a in baseline.pattern if a.staff_id in patterns),
        )
    return dataclasses.replace(
        problem,
        staff=tuple(p for p in problem.staff if p.id in members),
        coverage=tuple(coverage),
        demands=tuple(demands),
        requests=tuple(r for r in problem.requests if r.staff_id in members),
        rotations=groups,
        baseline=baseline,
        name=f"{problem.name} part {number + 1} of {count}",
    )


def _covers(
    problem: Problem, split: list[CoverageLine], pieces: dict[int, int], parts: list[Problem]
) -> bool:
    """Whether the parts' shares of the `split` lines meet, slot by slot, what the whole problem
    asks of every slot: min(required, people who could cover it). `pieces` maps the id of each
    share (a line of a part) to the line it was cut from."""
    if not split:
        return True
    met: dict[tuple[int, int, int], int] = {}  # (line, day, slot start) -> sum over the parts
    for part in parts:
        shared = tuple(line for line in part.coverage if id(line) in pieces)
        for slot in coverage_slots(dataclasses.replace(part, coverage=shared)):
            key = (pieces[id(slot.line)], slot.day, slot.start)
            met[key] = met.get(key, 0) + slot.enforceable
    number = {id(line): n for n, line in enumerate(split)}
    return all(
        met.get((number[id(slot.line)], slot.day, slot.start), 0) >= slot.enforceable
        for slot in coverage_slots(dataclasses.replace(problem, coverage=tuple(split)))
    )

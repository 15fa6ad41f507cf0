"""Large neighbourhood search on the built model: free part of the roster, re-roster that part
with CP-SAT while every other cell keeps its shift, keep the result when it is no worse.

A cell is a row (a person, or a rotation group's pattern) on one day; freeing it frees every
shift variable of that row and day and what is defined from them alone. A move's model is taken
from the one model built (`SubModels`): the constraints that read a freed variable, with the
penalties, counts and runs they reach freed too and every other variable fixed, so every rule
holds and is priced inside a neighbourhood exactly as in the whole model: no rule is
special-cased. A move hints the current roster and is solved with one worker for a small
deterministic-time budget; with two workers two moves run at once, from the same roster, and
the better is kept, so the search is deterministic for a given seed and work budget.

The operators choose which cells to free from the problem's structure: some whole rows, every
row over a window of days, some rows over a window, or the cells where the roster's penalties
are (a person's own, and for a coverage line some of the people it counts, around its day).
Each operator's size grows after a move solved to optimality and shrinks after one that ran out
of budget; the operators are drawn with weights that follow how much each has improved the
roster lately.
"""

from __future__ import annotations

import math
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ortools.sat import cp_model_pb2
from ortools.sat.python import cp_model

from roster import stopping
from roster.engine.model import BuiltModel

Cell = tuple[int, int]  # row index, day


@dataclass(frozen=True, slots=True)
class Budget:
    """When the search stops: a wall-clock deadline (`time.monotonic`) and/or a total of
    CP-SAT deterministic time; only the latter gives the same roster on any machine."""

    deadline: float | None = None
    work: float | None = None

    def left(self, work_done: float) -> tuple[float | None, float | None]:
        seconds = None if self.deadline is None else self.deadline - time.monotonic()
        work = None if self.work is None else self.work - work_done
        return seconds, work

    def spent(self, work_done: float) -> bool:
        seconds, work = self.left(work_done)
        return (seconds is not None and seconds <= 0.01) or (work is not None and work <= 1e-6)


@dataclass(slots=True)
class OperatorStats:
    name: str
    size: float  # cells freed, roughly: each operator turns it into rows and days
    weight: float = 1.0
    moves: int = 0
    improving: int = 0
    optimal: int = 0
    gained: int = 0  # total cost removed
    work: float = 0.0  # CP-SAT deterministic time spent


@dataclass(slots=True)
class SearchStats:
    """What the search did, for `-v` and the benchmark."""

    moves: int = 0
    improving: int = 0
    optimal: int = 0
    work: float = 0.0  # deterministic time in moves
    solve_seconds: float = 0.0  # wall time inside CP-SAT
    prepare_seconds: float = 0.0  # wall time copying the model and fixing cells
    seconds: float = 0.0
    freed_cells: int = 0
    operators: dict[str, OperatorStats] = field(default_factory=dict)

    def lines(self) -> list[str]:
        if not self.moves:
            return ["neighbourhood search: no moves"]
        rate = self.moves / self.seconds if self.seconds else 0.0
        lines = [
            f"neighbourhood search: {self.moves} moves in {self.seconds:.1f} s ({rate:.1f}/s), "
            f"{self.improving} improved the roster, {self.optimal} solved to optimality; "
            f"mean {self.freed_cells / self.moves:.0f} cells freed; "
            f"{self.prepare_seconds:.1f} s preparing, {self.solve_seconds:.1f} s in CP-SAT"
        ]
        for op in self.operators.values():
            lines.append(
                f"  {op.name:<7} {op.moves:4d} moves, {op.improving:3d} improving, "
                f"{op.optimal:4d} optimal, gained {op.gained:6d}, size now {op.size:.0f} "
                f"cells, weight {op.weight:.2f}"
            )
        return lines


class Cells:
    """The shift variables of each cell, as literals of the model."""

    def __init__(self, built: BuiltModel) -> None:
        problem = built.works.problem
        self.days = len(problem.days)
        self.people = [p.id for p in problem.staff]
        row = {staff_id: k for k, staff_id in enumerate(self.people)}
        self.vars: dict[Cell, list[int]] = {}
        for (staff_id, day, _), var in built.works.items():
            self.vars.setdefault((row[staff_id], day), []).append(var.index)
        self.pattern_rows: list[int] = []
        self._groups: dict[int, list[int]] = {}  # a rotation group's rows: pattern, members
        members = {group.name: group.staff_ids for group in problem.rotations}
        for name, pattern in built.patterns.items():
            k = len(self.people) + len(self.pattern_rows)
            self.pattern_rows.append(k)
            for (_, day, _), var in pattern.items():
                # a pattern's days are its own (a few weeks): freed only with the whole row
                self.vars.setdefault((k, -1 - day), []).append(var.index)
            group = [k, *(row[staff_id] for staff_id in members[name] if staff_id in row)]
            for r in group:
                self._groups[r] = group
        self.rows = len(self.people) + len(self.pattern_rows)
        self.row_of = row
        self.all = sorted(self.vars)

    def together(self, row: int) -> list[int]:
        """`row` and, in a rotation group, its pattern and the other members: a pattern
        changes only when the people who follow it may change too."""
        return self._groups.get(row, [row])

    def row_cells(self, row: int, first: int = 0, last: int | None = None) -> list[Cell]:
        """A row's cells from day `first` to `last`; a pattern's are all of its cells."""
        if row >= len(self.people):
            return [c for c in self.vars if c[0] == row]
        last = self.days - 1 if last is None else last
        return [(row, d) for d in range(max(0, first), min(self.days - 1, last) + 1)]


class SubModels:
    """A move's model: only the constraints that read a free variable, every other variable
    fixed at its current value.

    A cell's variables are its shift variables and the ones defined from them alone (working
    that day, at work in a slot, a week's count): a constraint reading one such variable and
    otherwise only variables of one person's cells makes it that person's, on those cells. A
    move frees its cells' variables and, by closure, every variable of no cell that shares a
    constraint with a free one (shortfalls, penalties, fairness spreads). A constraint that
    reads no free variable holds already in the current roster and is left out, so a move's
    model, its presolve and its memory grow with the freed part and not with the roster.
    Variables keep their indices: a move's solution is a whole roster's.
    """

    def __init__(self, built: BuiltModel, cells: Cells, values: Sequence[int]) -> None:
        self.source = built.model.proto
        readable = _readable(built.model)
        self.domains = [list(v.domain) for v in readable.variables]
        self.reads = reads = [_variables_read(c) for c in readable.constraints]
        self.owner = owner = _owners(cells, reads)
        self.cell_vars: dict[Cell, list[int]] = {}
        for index, owned_by in sorted(owner.items()):
            for cell in owned_by:
                self.cell_vars.setdefault(cell, []).append(index)
        # per constraint only the variables a closure can free: a coverage count reads
        # hundreds of people's variables and one shortfall
        self.others: list[list[int]] = []
        self.read_by: list[list[int]] = [[] for _ in self.domains]
        for k, read in enumerate(reads):
            for index in read:
                self.read_by[index].append(k)
            self.others.append([index for index in read if index not in owner])
        self.frame = cp_model.CpModel()  # every variable fixed, no constraint, the objective
        self.frame.proto.copy_from(self.source)
        self.frame.proto.constraints.clear()
        self.frame.proto.clear_solution_hint()
        self.fixed_at = [0] * len(self.domains)
        for index, value in enumerate(values):
            self._fix(index, value)

    def follow(self, values: Sequence[int], changed: Sequence[int]) -> None:
        """Fix the frame at `values`, the roster the next moves start from, which differs from
        the last one at most in the variables `changed` (a move's free variables)."""
        for index in changed:
            if values[index] != self.fixed_at[index]:
                self._fix(index, values[index])

    def _fix(self, index: int, value: int) -> None:
        domain = self.frame.proto.variables[index].domain
        domain.clear()
        domain.extend((value, value))
        self.fixed_at[index] = value

    def model(self, freed: set[Cell]) -> tuple[cp_model.CpModel, list[int]]:
        """The model of a move that frees the cells `freed`, and its free variables."""
        free, active = self._closure([i for cell in freed for i in self.cell_vars.get(cell, ())])
        model = cp_model.CpModel()
        proto = model.proto
        proto.copy_from(self.frame.proto)
        for index in free:
            domain = proto.variables[index].domain
            domain.clear()
            domain.extend(self.domains[index])
        for k in sorted(active):
            proto.constraints.add().copy_from(self.source.constraints[k])
        return model, free

    def rows_near(self, index: int) -> list[int]:
        """The rows whose cells share a constraint with variable `index`, or with a variable
        of no cell that does (the people who can fill a coverage line's shortfall)."""
        rows: set[int] = set()
        frontier, seen = [index], {index}
        for _ in range(NEAR_HOPS):
            loose = []
            for k in {k for i in frontier for k in self.read_by[i]}:
                for other in self.reads[k]:
                    if other in self.owner:
                        rows.update(row for row, _ in self.owner[other])
                    elif other not in seen:
                        seen.add(other)
                        loose.append(other)
            frontier = loose
        return sorted(rows)

    def _closure(self, freed: list[int]) -> tuple[list[int], set[int]]:
        free = list(dict.fromkeys(freed))
        seen = set(free)
        active: set[int] = set()
        stack = list(free)
        while stack:
            for k in self.read_by[stack.pop()]:
                if k in active:
                    continue
                active.add(k)
                for index in self.others[k]:
                    if index not in seen:
                        seen.add(index)
                        free.append(index)
                        stack.append(index)
        return free, active


NEAR_HOPS = 2  # a shortfall, the head count it is measured on, the people counted
OWNING_ROUNDS = 4  # a variable defined from defined ones (a week's count of working days)


def _owners(cells: Cells, reads: list[list[int]]) -> dict[int, set[Cell]]:
    """The cells each variable is a variable of: a shift variable its own; another one, the
    cells of the variables it shares its constraints with, when all of those are of one row."""
    owner: dict[int, set[Cell]] = {}
    for cell, indices in cells.vars.items():
        for index in indices:
            owner[index] = {cell}
    undecided = list(range(len(reads)))
    for _ in range(OWNING_ROUNDS):
        found: dict[int, set[Cell]] = {}
        left = []
        for k in undecided:
            loose = [index for index in reads[k] if index not in owner]
            if not loose:
                continue
            left.append(k)
            if len(loose) > 1 or len(loose) == len(reads[k]):
                continue
            mine = found.setdefault(loose[0], set())
            for index in reads[k]:
                if index != loose[0]:
                    mine |= owner[index]
        shared = {index for index, owned in found.items() if len({row for row, _ in owned}) > 1}
        found = {index: owned for index, owned in found.items() if index not in shared}
        if not found:
            break
        owner.update(found)
        undecided = left
    return owner


def _readable(model: cp_model.CpModel) -> cp_model_pb2.CpModelProto:
    """The model as a Python protocol buffer, whose fields are read far faster than
    through OR-Tools' own wrapper."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.pb"
        model.export_to_file(str(path))
        return cp_model_pb2.CpModelProto.FromString(path.read_bytes())


def _variables_read(constraint: cp_model_pb2.ConstraintProto) -> list[int]:
    """The indices of the variables a constraint reads."""
    kind = constraint.WhichOneof("constraint")
    read = [_index(r) for r in constraint.enforcement_literal]
    if kind in ("bool_or", "bool_and", "at_most_one", "exactly_one", "bool_xor"):
        read += [_index(r) for r in getattr(constraint, kind).literals]
    elif kind == "linear":
        read += constraint.linear.vars
    elif kind in ("lin_max", "int_prod", "int_div", "int_mod"):
        part = getattr(constraint, kind)
        for expression in (part.target, *part.exprs):
            read += expression.vars
    else:
        raise NotImplementedError(f"the neighbourhood search cannot read a {kind} constraint")
    return read


def _index(reference: int) -> int:
    return reference if reference >= 0 else -reference - 1


@dataclass(frozen=True, slots=True)
class Move:
    operator: str
    freed: frozenset[Cell]
    seed: int


@dataclass(frozen=True, slots=True)
class MoveResult:
    move: Move
    values: list[int] | None  # of every model variable, when CP-SAT found a solution
    free: list[int]  # the variables the move could change
    cost: int | None
    optimal: bool
    work: float
    solve_seconds: float
    prepare_seconds: float


Operator = Callable[[random.Random, float, "Search"], set[Cell]]


def _people(rng: random.Random, size: float, search: Search) -> set[Cell]:
    """Some whole rows over the horizon, each with its rotation group."""
    cells = search.cells
    k = max(1, min(cells.rows, round(size / cells.days)))
    rows = rng.sample(range(cells.rows), k)
    return {c for r in rows for t in cells.together(r) for c in cells.row_cells(t)}


def _days(rng: random.Random, size: float, search: Search) -> set[Cell]:
    """Every person over a window of days (some people on one day, when one day of everyone
    is more than the size)."""
    cells = search.cells
    people = len(cells.people)
    width = max(1, min(cells.days, round(size / max(1, people))))
    first = rng.randrange(cells.days - width + 1)
    rows = range(people) if size >= people else rng.sample(range(people), max(1, round(size)))
    return {(r, d) for r in rows for d in range(first, first + width)}


def _block(rng: random.Random, size: float, search: Search) -> set[Cell]:
    """Some people over a window of two weeks (or the horizon when shorter)."""
    cells = search.cells
    width = min(cells.days, 14)
    k = max(1, min(len(cells.people), round(size / width)))
    first = rng.randrange(cells.days - width + 1)
    rows = rng.sample(range(len(cells.people)), k)
    return {(r, d) for r in rows for d in range(first, first + width)}


def _costly(rng: random.Random, size: float, search: Search) -> set[Cell]:
    """Where the roster's penalties are: the person and days around a penalty of one person,
    and for a penalty of a line three of the people it counts, around its day."""
    cells = search.cells
    spots = search.penalised()
    if not spots:
        return _block(rng, size, search)
    freed: set[Cell] = set()
    people = len(cells.people)
    for _ in range(4 * people):
        if len(freed) >= size:
            break
        row, day, index = rng.choice(spots)
        first = max(0, day - 3) if day is not None else 0
        last = min(cells.days - 1, day + 3) if day is not None else cells.days - 1
        near = [row] if row is not None else search.rows_near(index) or range(people)
        for r in rng.sample(near, min(len(near), 3)):
            freed.update(c for t in cells.together(r) for c in cells.row_cells(t, first, last))
    return freed


OPERATORS: dict[str, Operator] = {
    "people": _people,
    "days": _days,
    "block": _block,
    "costly": _costly,
}
# How a neighbourhood is searched: with every cut of the LP (the relaxation is what proves a
# freed part optimal), and without the presolve steps that pay only on a whole model.
SUB_SOLVER = {
    "linearization_level": 2,
    "symmetry_level": 0,
    "cp_model_probing_level": 0,
    "max_presolve_iterations": 1,
}
GROW, SHRINK = 1.15, 0.85  # an operator's size after a move solved to optimality, or not
START_SHARE = 0.025  # of a large roster's cells, what the moves free at first
REACTION = 0.2  # how fast an operator's weight follows its recent rewards
MOVE_WORK = 0.5  # CP-SAT deterministic time a move may take
MIN_MOVE_WORK = 0.01  # what a move counts against a work limit at least: the search ends


class Search:
    def __init__(
        self,
        built: BuiltModel,
        values: list[int],
        *,
        seed: int,
        workers: int,
        move_work: float | None = None,
        on_improve: Callable[[int], None] | None = None,
    ) -> None:
        self.built = built
        self.cells = Cells(built)
        self.sub_models = SubModels(built, self.cells, values)
        self.objective = built.model.proto.objective
        self.values = values
        self.cost = cost_of(self.objective, values)
        self.rng = random.Random(seed)
        self.workers = max(1, workers)
        self.move_work = MOVE_WORK if move_work is None else move_work
        self.on_improve = on_improve
        self.stats = SearchStats()
        # four whole people, or a share of a large roster: the moves grow from there
        start = max(4.0 * self.cells.days, START_SHARE * len(self.cells.all))
        self.stats.operators = {name: OperatorStats(name, start) for name in OPERATORS}
        self._penalties = [
            (self.cells.row_of.get(p.staff_id) if p.staff_id else None, p.day, p.var.index)
            for p in built.penalties
        ]
        self._near: dict[int, list[int]] = {}
        self.proven = False  # a move freed every cell and proved its roster optimal

    def boolean_value(self, var: cp_model.IntVar) -> bool:
        """The current roster's value of `var` (so `roster.engine.solver.read_roster` reads it)."""
        return bool(self.values[var.index])

    def penalised(self) -> list[tuple[int | None, int | None, int]]:
        """Of each penalty the current roster pays: its person's row and its day (None where
        it has none), and its variable."""
        return [spot for spot in self._penalties if self.values[spot[2]] > 0]

    def rows_near(self, index: int) -> list[int]:
        """The rows that can change penalty variable `index` (the people a line counts)."""
        if index not in self._near:
            self._near[index] = self.sub_models.rows_near(index)
        return self._near[index]

    def run(self, budget: Budget, floor: float = -math.inf) -> list[int]:
        """Improve the roster until the budget is spent or its cost is `floor` (a bound no
        roster can beat); returns the best values."""
        began = time.monotonic()
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            while not (self.proven or self.cost <= floor or budget.spent(self.stats.work)):
                if stopping.stop_requested():
                    break
                moves = [self._draw() for _ in range(self.workers)]
                seconds, work = budget.left(self.stats.work)
                limit = self.move_work if work is None else min(self.move_work, work)
                limits = [(limit, seconds)] * len(moves)
                results = list(pool.map(self._solve_move, moves, *zip(*limits, strict=True)))
                self._learn(results)
        self.stats.seconds = time.monotonic() - began
        return self.values

    def _draw(self) -> Move:
        ops = list(self.stats.operators.values())
        op = self.rng.choices(ops, weights=[o.weight for o in ops])[0]
        freed = frozenset(OPERATORS[op.name](self.rng, op.size, self))
        return Move(op.name, freed, self.rng.randrange(1 << 30))

    def _solve_move(self, move: Move, work: float, seconds: float | None) -> MoveResult:
        began = time.perf_counter()
        model, free = self.sub_models.model(set(move.freed))
        model.proto.solution_hint.vars.extend(free)
        model.proto.solution_hint.values.extend(self.values[index] for index in free)
        prepared = time.perf_counter()
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = 1
        params.random_seed = move.seed
        params.max_deterministic_time = work
        for name, value in SUB_SOLVER.items():
            setattr(params, name, value)
        if seconds is not None:
            params.max_time_in_seconds = max(0.01, seconds)
        code = stopping.solve(solver, model)
        solved = time.perf_counter()
        found = code in (cp_model.OPTIMAL, cp_model.FEASIBLE)
        values = [int(v) for v in solver.response_proto.solution] if found else None
        return MoveResult(
            move=move,
            values=values,
            free=free,
            cost=cost_of(self.objective, values) if values is not None else None,
            optimal=code == cp_model.OPTIMAL,
            work=solver.response_proto.deterministic_time,
            solve_seconds=solved - prepared,
            prepare_seconds=prepared - began,
        )

    def _learn(self, results: list[MoveResult]) -> None:
        """Keep the best result when it is no worse; adapt sizes and weights, in move order."""
        stats = self.stats
        best: MoveResult | None = None
        for result in results:
            op = stats.operators[result.move.operator]
            stats.moves += 1
            op.moves += 1
            stats.work += max(result.work, MIN_MOVE_WORK)
            op.work += result.work
            stats.solve_seconds += result.solve_seconds
            stats.prepare_seconds += result.prepare_seconds
            stats.freed_cells += len(result.move.freed)
            gain = 0 if result.cost is None else max(0, self.cost - result.cost)
            if result.optimal and len(result.move.freed) == len(self.cells.all):
                self.proven = True  # the whole roster was free: nothing can beat it
            if result.optimal:
                stats.optimal += 1
                op.optimal += 1
                op.size = min(op.size * GROW, len(self.cells.all))
            else:
                op.size = max(op.size * SHRINK, 2.0)
            if gain:
                stats.improving += 1
                op.improving += 1
                op.gained += gain
            reward = gain / max(result.work, 1e-3)
            op.weight = (1 - REACTION) * op.weight + REACTION * _scaled(reward)  # at least 1
            no_worse = result.cost is not None and result.cost <= self.cost
            if no_worse and (best is None or result.cost < (best.cost or math.inf)):  # type: ignore[operator]
                best = result
        if best is not None and best.values is not None and best.cost is not None:
            improved = best.cost < self.cost
            self.values, self.cost = best.values, best.cost
            self.sub_models.follow(self.values, best.free)
            if improved and self.on_improve is not None:
                self.on_improve(self.cost)


def _scaled(reward: float) -> float:
    """A reward (cost removed per deterministic second) on the scale of the weights."""
    return 1.0 + math.log1p(reward)


def cost_of(objective: Any, values: Sequence[int]) -> int:
    """The objective of `values` computed from them (CP-SAT's reported value can be stale)."""
    total = objective.offset + sum(
        coeff * values[var] for var, coeff in zip(objective.vars, objective.coeffs, strict=True)
    )
    return round(total)

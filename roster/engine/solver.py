"""Runs CP-SAT on a built model and reads the roster back; reports progress through a callback."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from ortools.sat.python import cp_model

from roster import stopping
from roster.domain import Assignment, Roster, SolveSettings
from roster.engine.lns import Budget, Search, cost_of
from roster.engine.model import BuiltModel
from roster.engine.variables import ShiftVars
from roster.result import FEASIBLE, INFEASIBLE, INVALID, NO_SOLUTION, OPTIMAL, SolveOutcome


@dataclass(frozen=True, slots=True)
class Progress:
    objective: float | None  # best roster's cost so far, None before the first roster
    bound: float  # no roster can cost less than this
    elapsed: float  # seconds
    phase: str = ""  # what the solve is doing: "first roster", "portfolio", "neighbourhoods"


ProgressCallback = Callable[[Progress], None]
TICK = 1.0  # seconds between progress reports while nothing changes


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports the phase, best cost and bound so far across the phases of a solve: on each
    change, and once a second from a thread of its own while nothing changes."""

    def __init__(
        self, on_progress: ProgressCallback | None, started: float, objective: float | None
    ) -> None:
        super().__init__()
        self.on_progress = on_progress
        self.objective = objective
        self.bound = 0.0  # only the full portfolio's bound: a neighbourhood search proves nothing
        self.solutions = 0
        self.started = started
        self.phase = "first roster"
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> _Watcher:
        if self.on_progress is not None:
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopped.set()
        if self._ticker is not None:
            self._ticker.join()

    def _tick(self) -> None:
        while not self._stopped.wait(TICK):
            self._report()

    def on_solution_callback(self) -> None:
        self.improved(self.objective_value)

    def improved(self, objective: float) -> None:
        self.solutions += 1
        if self.objective is None or objective < self.objective:
            self.objective = objective
        self._report()

    def on_bound(self, bound: float) -> None:
        self.bound = max(self.bound, bound)  # a later search of the same model starts again
        self._report()

    def enter(self, phase: str) -> None:
        self.phase = phase
        self._report()

    def _report(self) -> None:
        if self.on_progress is not None:
            with self._lock:
                elapsed = time.monotonic() - self.started
                self.on_progress(Progress(self.objective, self.bound, elapsed, self.phase))


class Clock:
    """The solve's budget as it is counted: wall seconds from `started`, or, with a work
    limit, CP-SAT's deterministic time summed over the searches so far."""

    def __init__(self, settings: SolveSettings, started: float) -> None:
        self.settings = settings
        self.started = started
        self.work = 0.0

    @property
    def deterministic(self) -> bool:
        return self.settings.work_limit is not None

    def elapsed(self) -> float:
        return self.work if self.deterministic else time.monotonic() - self.started

    def left(self) -> float:
        return self.settings.limit - self.elapsed()

    def charge(self, solver: cp_model.CpSolver) -> None:
        self.work += solver.response_proto.deterministic_time

    def budget(self) -> Budget:
        """What is left, for the neighbourhood search."""
        if self.deterministic:
            return Budget(work=self.left())
        return Budget(deadline=self.started + self.settings.limit)


def make_solver(settings: SolveSettings, limit: float | None = None) -> cp_model.CpSolver:
    """A solver with the settings' seed and workers, stopped after `limit` (by default the
    settings' whole limit) in the settings' unit: deterministic time or seconds."""
    solver = cp_model.CpSolver()
    limit = max(0.01, settings.limit if limit is None else limit)
    if settings.work_limit is not None:
        solver.parameters.max_deterministic_time = limit
    else:
        solver.parameters.max_time_in_seconds = limit
    solver.parameters.random_seed = settings.seed
    solver.parameters.num_workers = settings.workers
    # Interleaved search runs the workers' strategies in a fixed order, so the same input, seed
    # and worker count give the same roster whenever the solve ends before the time limit (the
    # plain parallel portfolio does not: docs/performance.md, "Determinism and speed").
    solver.parameters.interleave_search = True
    return solver


@dataclass(frozen=True, slots=True)
class _Roster:
    values: list[int]  # of every model variable, by index
    objective: int

    def boolean_value(self, var: cp_model.IntVar) -> bool:
        return bool(self.values[var.index])

    @classmethod
    def of(cls, objective: Any, solution: Iterable[int]) -> _Roster:
        """A solution and its cost, computed here from the values: after a neighbourhood-only
        search CP-SAT 9.15 reported an objective that was not the returned solution's."""
        values = [int(v) for v in solution]
        return cls(values, cost_of(objective, values))


# Of the time limit, for CP-SAT's own portfolio before the neighbourhood search takes over. The
# portfolio proves small problems optimal (the sample at once, Curtois 1-3 in seconds) and
# gives the bound; rosters of larger ones improve far faster by our neighbourhoods, and its
# search of the whole model costs them memory. A rotating roster of up to 2,000 person-days
# gets more: the portfolio solves it whole (a rotating 40-person month) where a move changes
# a pattern only with its whole group, slowly.
PORTFOLIO_SHARE, ROTATING_PORTFOLIO_SHARE, SMALL_ROSTER = 0.05, 0.25, 2_000  # person-days
PORTFOLIO_LEAST = 3.0  # seconds (or work) at least, up to half the limit: the sample is proven in 1
# The portfolio's full searches, beside its neighbourhood ones: the LP with every cut CP-SAT has
# (its bound proved the sample optimal at once, where the default LP's took seconds of search)
# and the unsat-core search, which raises the bound by the objective's terms.
FULL_SEARCHES = ("max_lp", "core")
# A portfolio that ends its share this close to its bound goes on, up to this share of the limit,
# to prove the roster optimal.
PROVING_GAP = 0.05
PROVING_SHARE = 0.5


def _close(objective: float, bound: float) -> bool:
    return objective - bound <= PROVING_GAP * max(abs(objective), 1)


def optimise_model(
    built: BuiltModel,
    settings: SolveSettings,
    on_progress: ProgressCallback | None = None,
    *,
    hard_roster: tuple[cp_model.CpSolverStatus, Roster | None] | None = None,
    started: float | None = None,
    clock: Clock | None = None,
) -> SolveOutcome:
    """Find any roster that holds the hard rules (or take `hard_roster`, one of a model of the
    hard rules alone), optimise it with CP-SAT's interleaved portfolio for a share of
    the limit, and unless that proved the best roster, spend the rest on the neighbourhood
    search of `roster.engine.lns` around the best roster so far.

    Without the objective CP-SAT finds a roster in a second or so where the optimising search
    may take many seconds to find its first, so a roster is there early even when the time
    limit is short; an infeasible model is proven so faster too. That roster is not a hint for
    the portfolio: its full searches follow a hint, and one chosen with no regard for the costs
    misled them.
    """
    clock = clock or Clock(settings, time.monotonic() if started is None else started)
    watcher = _Watcher(on_progress, clock.started, None)
    with watcher:
        outcome = _search_phases(built, settings, watcher, clock, hard_roster)
    if stopping.stop_requested() and outcome.status != OPTIMAL:
        status = NO_SOLUTION if outcome.roster is None else FEASIBLE
        outcome = dataclasses.replace(outcome, status=status, stopped=True)
    return outcome


def _search_phases(
    built: BuiltModel,
    settings: SolveSettings,
    watcher: _Watcher,
    clock: Clock,
    hard_roster: tuple[cp_model.CpSolverStatus, Roster | None] | None,
) -> SolveOutcome:
    """`optimise_model`'s phases in turn: first roster, portfolio, its proof, neighbourhoods."""
    first: _Roster | None = None  # a roster of this model, with every variable's value
    if hard_roster is None:
        code, first = _first_roster(built, settings, clock)
    else:
        code, fallback = hard_roster
        if fallback is not None:
            first = complete(built, fallback, settings, clock)
    if code in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        status = INFEASIBLE if code == cp_model.INFEASIBLE else INVALID
        return SolveOutcome(status, None, None, 0, time.monotonic() - clock.started, 0)
    if first is not None:
        watcher.improved(first.objective)
        watcher.on_bound(0)
    watcher.enter("portfolio")
    limit = settings.limit
    problem = built.works.problem
    small = len(problem.staff) * len(problem.days) <= SMALL_ROSTER
    portion = ROTATING_PORTFOLIO_SHARE if built.patterns and small else PORTFOLIO_SHARE
    share = max(portion * limit, min(PORTFOLIO_LEAST, PROVING_SHARE * limit))
    until = share if first is not None else limit  # no roster yet: nothing to improve
    portfolio = _search(built.model, settings, watcher, clock, until)
    if portfolio.code in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        return _outcome(built, portfolio, watcher, clock.started)
    best = portfolio.better(first)
    if best is not None and _close(best.objective, watcher.bound):
        # nearly proven: the portfolio goes on from its best roster to close the gap
        hinted = built.model.clone()
        hinted.clear_hints()
        hinted.proto.solution_hint.vars.extend(range(len(best.values)))
        hinted.proto.solution_hint.values.extend(best.values)
        portfolio = _search(hinted, settings, watcher, clock, PROVING_SHARE * settings.limit)
        if portfolio.code in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
            return _outcome(built, portfolio, watcher, clock.started)
        best = portfolio.better(best)
    bound = round(watcher.bound)  # the portfolio's, even when it found no roster of its own
    if best is None:
        return SolveOutcome(NO_SOLUTION, None, None, 0, time.monotonic() - clock.started, 0)
    notes: tuple[str, ...] = ()
    if best.objective > bound and clock.left() > 0:
        watcher.enter("neighbourhoods")
        search = Search(
            built,
            best.values,
            seed=settings.seed,
            workers=settings.workers,
            on_improve=watcher.improved,
        )
        values = search.run(clock.budget(), floor=bound)
        clock.work += search.stats.work
        best = _Roster(values, search.cost)
        notes = tuple(search.stats.lines())
    return SolveOutcome(
        status=OPTIMAL if best.objective <= bound else FEASIBLE,
        roster=read_roster(built, best),
        objective=best.objective,
        bound=bound,
        seconds=time.monotonic() - clock.started,
        solutions=watcher.solutions,
        notes=notes,
    )


def complete(
    built: BuiltModel, roster: Roster, settings: SolveSettings, clock: Clock | None = None
) -> _Roster | None:
    """`roster` (of the hard rules alone) as values of every variable of `built`: its shifts
    fixed, CP-SAT sets the rest (penalties, counts) at their cheapest."""
    model = built.model.clone()
    model.clear_hints()
    worked = set(roster.assignments) | set(roster.pattern)
    literals = []
    for works in (built.works, *built.patterns.values()):
        for (staff_id, day, shift_code), var in works.items():
            chosen = Assignment(staff_id=staff_id, day=day, shift_code=shift_code) in worked
            literals.append(var.index if chosen else -var.index - 1)
    model.proto.constraints.add().bool_and.literals.extend(literals)
    clock = clock or Clock(settings, time.monotonic())
    solver = make_solver(settings, clock.left() / 2)
    code = stopping.solve(solver, model)
    clock.charge(solver)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return _Roster.of(model.proto.objective, solver.response_proto.solution)


@dataclass(frozen=True, slots=True)
class _Search:
    model: cp_model.CpModel
    solver: cp_model.CpSolver
    code: cp_model.CpSolverStatus

    def better(self, best: _Roster | None) -> _Roster | None:
        """The cheaper of `best` and this search's roster, as values of every variable."""
        if self.code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return best
        found = _Roster.of(self.model.proto.objective, self.solver.response_proto.solution)
        return best if best is not None and best.objective <= found.objective else found


def _search(
    model: cp_model.CpModel,
    settings: SolveSettings,
    watcher: _Watcher,
    clock: Clock,
    until: float,
) -> _Search:
    """CP-SAT's full portfolio until `until` (in the clock's unit) has passed."""
    solver = make_solver(settings, until - clock.elapsed())
    solver.parameters.subsolvers.extend(FULL_SEARCHES)
    solver.best_bound_callback = watcher.on_bound
    code = stopping.solve(solver, model, watcher)
    clock.charge(solver)
    return _Search(model, solver, code)


def _outcome(built: BuiltModel, search: _Search, watcher: _Watcher, started: float) -> SolveOutcome:
    """A search that ended by itself: a proven optimum, or a proof that there is none."""
    solver, found = search.solver, search.code == cp_model.OPTIMAL
    return SolveOutcome(
        status={cp_model.OPTIMAL: OPTIMAL, cp_model.INFEASIBLE: INFEASIBLE}.get(
            search.code, INVALID
        ),
        roster=read_roster(built, solver) if found else None,
        objective=round(solver.objective_value) if found else None,
        bound=round(solver.best_objective_bound) if found else 0,
        seconds=time.monotonic() - started,
        solutions=watcher.solutions,
    )


def hard_rules_roster(
    built: BuiltModel, settings: SolveSettings, clock: Clock | None = None
) -> tuple[cp_model.CpSolverStatus, Roster | None]:
    """Any roster of a model built with the hard rules only (`optimise_model`'s `hard_roster`):
    on large problems the full model's search, objective cleared, still carries the soft rules'
    max/min constraints over long sums and finds a roster far later."""
    code, values = _first_roster(built, settings, clock or Clock(settings, time.monotonic()))
    return code, read_roster(built, values) if values is not None else None


def _first_roster(
    built: BuiltModel, settings: SolveSettings, clock: Clock
) -> tuple[cp_model.CpSolverStatus, _Roster | None]:
    """The status of a search for any roster that holds the hard rules, and the roster found.
    It may take half of what is left of the limit."""
    feasibility = built.model.clone()
    feasibility.clear_objective()
    solver = make_solver(settings, clock.left() / 2)
    # The interleaved portfolio, not one sequential search: faster on the larger scenarios.
    solver.parameters.stop_after_first_solution = True
    code = stopping.solve(solver, feasibility)
    clock.charge(solver)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return code, None
    return code, _Roster.of(built.model.proto.objective, solver.response_proto.solution)


class _Values(Protocol):
    def boolean_value(self, var: cp_model.IntVar) -> bool: ...


def read_roster(built: BuiltModel, solver: _Values) -> Roster:
    return Roster(
        assignments=_worked(built.works, solver),
        pattern=frozenset().union(*(_worked(p, solver) for p in built.patterns.values())),
    )


def _worked(works: ShiftVars, solver: _Values) -> frozenset[Assignment]:
    return frozenset(
        Assignment(staff_id=staff_id, day=day, shift_code=code)
        for (staff_id, day, code), var in works.items()
        if solver.boolean_value(var)
    )

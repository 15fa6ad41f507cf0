"""Runs CP-SAT on a built model and reads the roster back; reports progress through a callback."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from roster.check import check
from roster.domain import Assignment, Roster, SolveSettings
from roster.model import BuiltModel
from roster.variables import ShiftVars

OPTIMAL, FEASIBLE, INFEASIBLE, NO_SOLUTION, INVALID = (
    "optimal",
    "feasible",
    "infeasible",
    "no solution in time",
    "invalid model",
)


@dataclass(frozen=True, slots=True)
class Progress:
    objective: float | None  # best roster's cost so far, None before the first roster
    bound: float  # no roster can cost less than this
    elapsed: float  # seconds


@dataclass(frozen=True, slots=True)
class SolveOutcome:
    status: str
    roster: Roster | None
    objective: int | None
    bound: int
    seconds: float
    solutions: int

    @property
    def gap(self) -> float:
        """Relative distance between the roster's cost and the best possible cost."""
        if self.objective is None or self.objective == 0:
            return 0.0
        return (self.objective - self.bound) / self.objective


ProgressCallback = Callable[[Progress], None]


class _Watcher(cp_model.CpSolverSolutionCallback):
    """Reports the best cost and bound so far across the phases of a solve."""

    def __init__(
        self, on_progress: ProgressCallback | None, started: float, objective: float | None
    ) -> None:
        super().__init__()
        self.on_progress = on_progress
        self.objective = objective
        self.bound = 0.0  # only the full portfolio's bound: a neighbourhood search proves nothing
        self.solutions = 0
        self.started = started

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self.objective is None or self.objective_value < self.objective:
            self.objective = self.objective_value
        self._report()

    def on_bound(self, bound: float) -> None:
        self.bound = bound
        self._report()

    def _report(self) -> None:
        if self.on_progress is not None:
            elapsed = time.monotonic() - self.started
            self.on_progress(Progress(self.objective, self.bound, elapsed))


def make_solver(settings: SolveSettings) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = settings.time_limit_seconds
    solver.parameters.random_seed = settings.seed
    solver.parameters.num_workers = settings.workers
    # Interleaved search runs the workers' strategies in a fixed order, so the same input, seed
    # and worker count give the same roster whenever the solve ends before the time limit.
    # Measured on the samples: the plain parallel portfolio returned 2 to 5 different optimal
    # rosters in 5 runs; interleaved with 2 workers returned one, in about the same time.
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
        search CP-SAT 9.15 reported an objective that was not the returned solution's (3563 for
        a roster costing 3457 on Curtois Instance 7)."""
        values = [int(v) for v in solution]
        cost = objective.offset + sum(
            coeff * values[var] for var, coeff in zip(objective.vars, objective.coeffs, strict=True)
        )
        return cls(values, round(cost))


PORTFOLIO_SHARE = 0.5  # of the time limit for the full portfolio, before neighbourhoods only
# The portfolio's full searches, beside its neighbourhood ones: the LP with every cut CP-SAT has
# (its bound proved the sample optimal at once, where the default LP's took seconds of search)
# and the unsat-core search, which raises the bound by the objective's terms. At 60 s: Curtois 2
# and 3 proven optimal at 1.1 and 2.5 s (8.0 and 10.9 s to the best known with the default LP
# search), 8 at 1749 instead of 1945, but 5 at 1252 instead of 1144 and 6 at 2149 against 2057.
FULL_SEARCHES = ("max_lp", "core")


def run(
    built: BuiltModel,
    settings: SolveSettings,
    on_progress: ProgressCallback | None = None,
    *,
    hard_roster: tuple[cp_model.CpSolverStatus, Roster | None] | None = None,
    started: float | None = None,
) -> SolveOutcome:
    """Find any roster that holds the hard rules, optimise with CP-SAT's interleaved portfolio,
    and if that has not proven the best roster by `PORTFOLIO_SHARE` of the time limit, spend
    the rest on CP-SAT's large neighbourhood searches only, around the best roster so far.

    Without the objective CP-SAT finds a roster in a second or so where the optimising search
    may take many seconds to find its first (Curtois Instance 6: 0.2 s against more than
    10 s), so a roster is there early even when the time limit is short; an infeasible model
    is proven so faster too. That roster is not a hint for the portfolio: its full searches
    follow a hint, and starting from one chosen with no regard for the costs ended worse
    (Instance 5: 1541 against 1144, Instance 8: 3065 against 2452, after the same work).
    The portfolio proves small problems optimal and gives the bound; on large ones its
    neighbourhood searches are the ones that improve rosters, and alone they did it faster
    (Instance 8: 1822 against 2452 after the same work). Half the time for each, at 60 s:
    Instance 8 2139 against 2454 for the portfolio alone, Instance 7 1186 against 1178.
    """
    started = time.monotonic() if started is None else started
    fallback: Roster | None = None  # a roster of the hard rules only, priced by the checker
    first: _Roster | None = None  # a roster of this model, with every variable's value
    if hard_roster is None:
        code, first = _first_roster(built, settings)
    else:
        code, fallback = hard_roster
    if code in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        status = INFEASIBLE if code == cp_model.INFEASIBLE else INVALID
        return SolveOutcome(status, None, None, 0, time.monotonic() - started, 0)
    fallback_cost = check(built.works.problem, fallback).score if fallback is not None else None
    known = first.objective if first is not None else fallback_cost
    watcher = _Watcher(on_progress, started, known)
    if known is not None:
        watcher.on_bound(0)
    share = PORTFOLIO_SHARE if known is not None else 1.0  # no roster yet: nothing to improve
    portfolio = _search(
        built.model, settings, watcher, started + share * settings.time_limit_seconds
    )
    if portfolio.code in (cp_model.OPTIMAL, cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        return _outcome(built, portfolio, watcher, started)
    best = portfolio.better(first)
    bound = (
        round(portfolio.solver.best_objective_bound) if portfolio.code == cp_model.FEASIBLE else 0
    )
    if best is None and fallback is None:
        return SolveOutcome(NO_SOLUTION, None, None, 0, time.monotonic() - started, 0)
    hinted = built.model.clone()
    hinted.clear_hints()
    if best is not None and (fallback_cost is None or best.objective <= fallback_cost):
        hinted.proto.solution_hint.vars.extend(range(len(best.values)))
        hinted.proto.solution_hint.values.extend(best.values)
    else:  # only the shifts of the hard rules' roster: CP-SAT completes the rest
        assert fallback is not None
        _hint_shifts(hinted, built, fallback)
    deadline = started + settings.time_limit_seconds
    best = _search(hinted, settings, watcher, deadline, neighbourhoods_only=True).better(best)
    seconds, solutions = time.monotonic() - started, watcher.solutions + 1
    if best is None or (fallback_cost is not None and fallback_cost < best.objective):
        assert fallback is not None and fallback_cost is not None
        return SolveOutcome(FEASIBLE, fallback, fallback_cost, bound, seconds, solutions)
    return SolveOutcome(
        status=OPTIMAL if best.objective <= bound else FEASIBLE,
        roster=read_roster(built, best),
        objective=best.objective,
        bound=bound,
        seconds=seconds,
        solutions=solutions,
    )


def _hint_shifts(model: cp_model.CpModel, built: BuiltModel, roster: Roster) -> None:
    worked = set(roster.assignments) | set(roster.pattern)
    shift_vars = [built.works, *built.patterns.values()]
    for works in shift_vars:
        for (staff_id, day, code), var in works.items():
            chosen = Assignment(staff_id=staff_id, day=day, shift_code=code) in worked
            model.add_hint(var, int(chosen))


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
    deadline: float,
    *,
    neighbourhoods_only: bool = False,
) -> _Search:
    solver = make_solver(settings)
    solver.parameters.max_time_in_seconds = max(0.01, deadline - time.monotonic())
    solver.parameters.use_lns_only = neighbourhoods_only
    if not neighbourhoods_only:  # only the full search's bound means anything
        solver.parameters.subsolvers.extend(FULL_SEARCHES)
        solver.best_bound_callback = watcher.on_bound
    return _Search(model, solver, solver.solve(model, watcher))


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
    built: BuiltModel, settings: SolveSettings
) -> tuple[cp_model.CpSolverStatus, Roster | None]:
    """Any roster of a model built with the hard rules only (`run`'s `hard_roster`): on 200
    people x 6 weeks one came at 18 s, where the full model's, objective cleared, came at none
    in 90 s (the soft rules' max/min constraints over long sums stay in it)."""
    code, values = _first_roster(built, settings)
    return code, read_roster(built, values) if values is not None else None


def _first_roster(
    built: BuiltModel, settings: SolveSettings
) -> tuple[cp_model.CpSolverStatus, _Roster | None]:
    """The status of a search for any roster that holds the hard rules, and the roster found.
    It may take half the time limit."""
    feasibility = built.model.clone()
    feasibility.clear_objective()
    solver = make_solver(settings)
    solver.parameters.max_time_in_seconds = settings.time_limit_seconds / 2
    # The interleaved portfolio, not one sequential search: one worker needed 10 s on the
    # 40-person scenario M, the portfolio 3 s (and 1.6 s rather than 1.2 s on Curtois 8).
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(feasibility)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return code, None
    return code, _Roster.of(built.model.proto.objective, solver.response_proto.solution)


def read_roster(built: BuiltModel, solver: cp_model.CpSolver | _Roster) -> Roster:
    return Roster(
        assignments=_worked(built.works, solver),
        pattern=frozenset().union(*(_worked(p, solver) for p in built.patterns.values())),
    )


def _worked(works: ShiftVars, solver: cp_model.CpSolver | _Roster) -> frozenset[Assignment]:
    return frozenset(
        Assignment(staff_id=staff_id, day=day, shift_code=code)
        for (staff_id, day, code), var in works.items()
        if solver.boolean_value(var)
    )

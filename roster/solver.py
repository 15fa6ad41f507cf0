"""Runs CP-SAT on a built model and reads the roster back; reports progress through a callback."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

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
    def __init__(
        self, on_progress: ProgressCallback | None, started: float, objective: float | None
    ) -> None:
        super().__init__()
        self.on_progress = on_progress
        self.objective = objective  # the best roster's cost so far, from any phase
        self.solutions = 0
        self.started = started

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self.objective is None or self.objective_value < self.objective:
            self.objective = self.objective_value
        self._report(self.best_objective_bound)

    def on_bound(self, bound: float) -> None:
        self._report(bound)

    def _report(self, bound: float) -> None:
        if self.on_progress is not None:
            self.on_progress(Progress(self.objective, bound, time.monotonic() - self.started))


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
class _FirstRoster:
    values: list[int]  # of every model variable, by index
    objective: int

    def boolean_value(self, var: cp_model.IntVar) -> bool:
        return bool(self.values[var.index])


def run(
    built: BuiltModel, settings: SolveSettings, on_progress: ProgressCallback | None = None
) -> SolveOutcome:
    """Find any roster that holds the hard rules, then optimise.

    Without the objective CP-SAT finds a roster in well under a second where the optimising
    search may take many seconds to find its first (Curtois Instance 6: 0.2 s against more
    than 10 s), so a roster is there early even when the time limit is short; an infeasible
    model is proven so faster too. The first roster is not handed to the optimiser as a hint:
    measured on Curtois Instances 5 and 7, starting from it ended worse (1537 against 1144,
    1475 against 1202 after 30 s), as the search stayed near a roster chosen with no regard
    for the costs. A large neighbourhood search of our own after the portfolio (re-rostering a
    few whole people, or a run of days for everyone) was measured and not adopted either: on
    Instances 5, 6 and 7 it ended at 1340, 2253 and 1389 after 30 s against 1144, 2060 and 1201
    for CP-SAT's interleaved portfolio alone.
    """
    started = time.monotonic()
    code, first = _first_roster(built, settings)
    if code in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        status = INFEASIBLE if code == cp_model.INFEASIBLE else INVALID
        return SolveOutcome(status, None, None, 0, time.monotonic() - started, 0)
    objective = first.objective if first is not None else None
    watcher = _Watcher(on_progress, started, objective)
    if first is not None:
        watcher.on_bound(0)
    solver = make_solver(settings)
    remaining = settings.time_limit_seconds - (time.monotonic() - started)
    solver.parameters.max_time_in_seconds = max(remaining, 0.01)
    solver.best_bound_callback = watcher.on_bound
    code = solver.solve(built.model, watcher)
    status = {
        cp_model.OPTIMAL: OPTIMAL,
        cp_model.FEASIBLE: FEASIBLE,
        cp_model.INFEASIBLE: INFEASIBLE,
        cp_model.MODEL_INVALID: INVALID,
    }.get(code, NO_SOLUTION)
    found = status in (OPTIMAL, FEASIBLE)
    bound = round(solver.best_objective_bound) if found else 0
    source: cp_model.CpSolver | _FirstRoster | None = solver if found else None
    if first is not None and (not found or first.objective < solver.objective_value):
        status, source, objective = FEASIBLE, first, first.objective
    elif found:
        objective = round(solver.objective_value)
    return SolveOutcome(
        status=status,
        roster=read_roster(built, source) if source is not None else None,
        objective=objective if source is not None else None,
        bound=bound,
        seconds=time.monotonic() - started,
        solutions=watcher.solutions + (first is not None),
    )


def _first_roster(
    built: BuiltModel, settings: SolveSettings
) -> tuple[cp_model.CpSolverStatus, _FirstRoster | None]:
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
    values = [int(v) for v in solver.response_proto.solution]
    objective = built.model.proto.objective
    cost = objective.offset + sum(
        coeff * values[var] for var, coeff in zip(objective.vars, objective.coeffs, strict=True)
    )
    return code, _FirstRoster(values, round(cost))


def read_roster(built: BuiltModel, solver: cp_model.CpSolver | _FirstRoster) -> Roster:
    return Roster(
        assignments=_worked(built.works, solver),
        pattern=frozenset().union(*(_worked(p, solver) for p in built.patterns.values())),
    )


def _worked(works: ShiftVars, solver: cp_model.CpSolver | _FirstRoster) -> frozenset[Assignment]:
    return frozenset(
        Assignment(staff_id=staff_id, day=day, shift_code=code)
        for (staff_id, day, code), var in works.items()
        if solver.boolean_value(var)
    )

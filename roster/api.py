"""The library's front door: load a problem, solve it, check a roster, write the workbook."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from roster.analysis import Finding, analyse
from roster.check import CheckReport, check
from roster.diagnose import explain_infeasible
from roster.domain import Problem, Roster, SolveSettings
from roster.errors import InfeasibleError, NoSolutionError
from roster.io.workbook import read_problem
from roster.model import build_model
from roster.solver import INFEASIBLE, INVALID, NO_SOLUTION, ProgressCallback, SolveOutcome, run

SAMPLE = Path(__file__).parent / "data" / "call_center.xlsx"


@dataclass(frozen=True, slots=True)
class Result:
    problem: Problem
    roster: Roster
    outcome: SolveOutcome
    report: CheckReport  # the independent checker's verdict on `roster`
    findings: tuple[Finding, ...]  # what the pre-solve analysis found

    @property
    def status(self) -> str:
        return self.outcome.status

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")


def load_problem(
    path: str | Path | None = None, *, weeks: int | None = None, mode: str | None = None
) -> Problem:
    """Read an input workbook; with no path, the bundled call-center sample. `weeks` and `mode`
    ("plain" or "rotating") replace the workbook's Settings."""
    return read_problem(path if path is not None else SAMPLE, weeks=weeks, mode=mode)


def solve(
    problem: Problem,
    settings: SolveSettings | None = None,
    on_progress: ProgressCallback | None = None,
) -> Result:
    """Solve with CP-SAT; raises `InfeasibleError` or `NoSolutionError` when there is no roster."""
    if settings is not None:
        problem = dataclasses.replace(problem, settings=settings)
    findings = tuple(analyse(problem))
    impossible = [f.message for f in findings if f.severity == "infeasible"]
    if impossible:
        raise InfeasibleError(impossible)
    outcome = run(build_model(problem), problem.settings, on_progress)
    if outcome.status == INFEASIBLE:
        raise InfeasibleError(explain_infeasible(problem))
    if outcome.status == NO_SOLUTION:
        raise NoSolutionError(
            f"No roster was found within {problem.settings.time_limit_seconds:g} s. "
            "Give the solver more time (--time-limit) or more workers."
        )
    if outcome.status == INVALID or outcome.roster is None:
        raise RuntimeError(f"CP-SAT rejected the model ({outcome.status})")
    return Result(
        problem=problem,
        roster=outcome.roster,
        outcome=outcome,
        report=check(problem, outcome.roster),
        findings=findings,
    )


__all__ = ["Result", "analyse", "check", "load_problem", "solve"]

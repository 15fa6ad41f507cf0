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
from roster.rulebook import effective_rules
from roster.solver import INFEASIBLE, INVALID, NO_SOLUTION, ProgressCallback, SolveOutcome, run

BEST_EFFORT = "best effort"
SAMPLE = Path(__file__).parent / "data" / "call_center.xlsx"


@dataclass(frozen=True, slots=True)
class Result:
    problem: Problem
    roster: Roster
    outcome: SolveOutcome
    report: CheckReport  # the independent checker's verdict on `roster`
    findings: tuple[Finding, ...]  # what the pre-solve analysis found
    # Why the hard rules could not all hold, when this is a best-effort roster: it then keeps
    # every rule but the relaxable ones (coverage), whose shortfalls the report lists.
    infeasible_because: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return BEST_EFFORT if self.infeasible_because else self.outcome.status

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
    *,
    best_effort: bool = False,
) -> Result:
    """Solve with CP-SAT; raises `InfeasibleError` or `NoSolutionError` when there is no roster.

    With `best_effort`, rules that cannot all hold give instead the best roster that keeps every
    rule but the relaxable ones (coverage), with the reasons in `infeasible_because`; only if even
    that is impossible is `InfeasibleError` raised.
    """
    if settings is not None:
        problem = dataclasses.replace(problem, settings=settings)
    findings = tuple(analyse(problem))
    try:
        return _solve(problem, findings, on_progress)
    except InfeasibleError as error:
        if not best_effort:
            raise
        relaxed = relax(problem)
        if relaxed == problem:
            raise
        result = _solve(relaxed, findings, on_progress)
        return dataclasses.replace(result, infeasible_because=error.reasons)


def relax(problem: Problem) -> Problem:
    """The problem with every hard relaxable rule (coverage, and any rule the Rules sheet marks
    relaxable) made soft."""
    rules = tuple(
        dataclasses.replace(config, hard=False) if config.hard and config.relaxable else config
        for _, config in effective_rules(problem)
    )
    return dataclasses.replace(problem, rules=rules)


def _solve(
    problem: Problem, findings: tuple[Finding, ...], on_progress: ProgressCallback | None
) -> Result:
    impossible = [f.message for f in findings if f.severity == "infeasible"]
    if impossible and any(c.hard for _, c in effective_rules(problem) if c.relaxable):
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """One cell of a roster that a repair changes: a person's shifts on a day (empty: off)."""

    staff_id: str
    day: int
    old: tuple[str, ...]
    new: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Repair:
    result: Result  # the repaired roster, solved with `roster` as the problem's baseline
    changes: tuple[Change, ...]  # the cells that differ from `roster`, by person and day


def repair(
    problem: Problem,
    roster: Roster,
    settings: SolveSettings | None = None,
    on_progress: ProgressCallback | None = None,
) -> Repair:
    """The roster closest to `roster` (a hand-edited one) that holds every hard rule.

    It is solved like any roster, with `roster` as the problem's baseline: the soft rule
    `keep_roster` then prices every changed cell (person and day) far above every other soft
    rule, so the fewest cells change. Raises `InfeasibleError` when no roster at all holds the
    hard rules, `NoSolutionError` when none is found in time.
    """
    result = solve(dataclasses.replace(problem, baseline=roster), settings, on_progress)
    return Repair(result=result, changes=changed_cells(problem, roster, result.roster))


def changed_cells(problem: Problem, before: Roster, after: Roster) -> tuple[Change, ...]:
    """The cells (person and day) whose shifts differ between two rosters, in roster order."""
    old, new = before.by_person_day(), after.by_person_day()
    return tuple(
        Change(staff_id=person.id, day=day, old=old.get(key, ()), new=new.get(key, ()))
        for person in problem.staff
        for day in problem.days
        if set(old.get(key := (person.id, day), ())) != set(new.get(key, ()))
    )


__all__ = ["Change", "Repair", "Result", "analyse", "check", "load_problem", "repair", "solve"]

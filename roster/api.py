"""The library's front door: load a problem, solve it, check a roster, write the workbook."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from roster import stopping
from roster.analysis import Finding, analyse
from roster.changes import (
    Absence,
    Change,
    Swap,
    SwapVerdict,
    changed_cells,
    judge_swap,
    suggest_swaps,
)
from roster.check import check
from roster.domain import Problem, Request, Roster, SolveSettings
from roster.engine.diagnose import explain_infeasible
from roster.engine.model import build_model
from roster.engine.search import search
from roster.engine.solver import ProgressCallback
from roster.errors import (
    ArgumentError,
    InfeasibleError,
    NoSolutionError,
    RepairImpossible,
    StoppedError,
)
from roster.io.curtois import benchmark_line
from roster.io.inputs import (
    SAMPLE,
    Added,
    Loaded,
    Written,
    import_availability,
    load_input,
    write_blank_workbook,
    write_hr_grid,
)
from roster.io.lookup import absence, day_index, day_of, first_changeable_day, staff_id
from roster.io.outputs import (
    refuse_replacing_checked,
    refuse_replacing_existing,
    refuse_replacing_input,
    refuse_unwritable,
)
from roster.io.workbook import read_problem
from roster.result import (
    EVALUATED,
    INFEASIBLE,
    INVALID,
    NO_SOLUTION,
    Result,
    SolveOutcome,
)
from roster.rulebook import effective_rules, relax

if TYPE_CHECKING:
    pass


def load_problem(
    path: str | Path | None = None, *, weeks: int | None = None, mode: str | None = None
) -> Problem:
    """Read an input workbook; with no path, the bundled call-center sample. `weeks` and `mode`
    ("plain" or "rotating") replace the workbook's Settings."""
    return read_problem(path if path is not None else SAMPLE, weeks=weeks, mode=mode)


def load_roster(path: str | Path, problem: Problem) -> Roster:
    """Read the Roster sheet of an output workbook (also after hand edits) for `problem`."""
    from roster.io.roster_in import read_roster

    return read_roster(path, problem)


def load_published(
    path: str | Path, input_file: str | Path | None = None
) -> tuple[Problem, Roster]:
    """A roster workbook written by `roster solve` and the problem it was solved for (the input
    sheets it carries, or `input_file`)."""
    from roster.io.roster_in import read_published

    return read_published(path, input_file)


def override_settings(
    settings: SolveSettings,
    *,
    time_limit_seconds: float | None = None,
    work_limit: float | None = None,
    seed: int | None = None,
    workers: int | None = None,
) -> SolveSettings:
    """`settings` with each value that is given (not None) in place of its own."""
    given = {
        "time_limit_seconds": time_limit_seconds,
        "work_limit": work_limit,
        "seed": seed,
        "workers": workers,
    }
    chosen: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
    return dataclasses.replace(settings, **chosen)


def evaluate(problem: Problem, roster: Roster) -> Result:
    """A roster made elsewhere (a workbook, a hand edit) as a `Result`, judged by the checker,
    so that the views and plots work on it as on a solved one."""
    report = check(problem, roster)
    outcome = SolveOutcome(
        status=EVALUATED, roster=roster, objective=report.score, bound=0, seconds=0.0, solutions=0
    )
    return Result(
        problem=problem,
        roster=roster,
        outcome=outcome,
        report=report,
        findings=tuple(analyse(problem)),
    )


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
    started = time.monotonic()  # the analysis and the model's build count against the limit
    if settings is not None:
        problem = dataclasses.replace(problem, settings=settings)
    findings = tuple(analyse(problem))
    try:
        return _search_and_check(problem, findings, on_progress, started=started)
    except InfeasibleError as error:
        if not best_effort:
            raise
        relaxed = relax(problem)
        if relaxed == problem:
            raise
        result = _search_and_check(relaxed, findings, on_progress)
        return dataclasses.replace(result, infeasible_because=error.reasons)


def _search_and_check(
    problem: Problem,
    findings: tuple[Finding, ...],
    on_progress: ProgressCallback | None,
    *,
    explain: bool = True,
    started: float | None = None,
) -> Result:
    """Search for a roster of `problem` and have the checker judge it; raises `InfeasibleError`
    (explained when `explain`) or `NoSolutionError` when there is none."""
    impossible = [f.message for f in findings if f.severity == "infeasible"]
    if impossible and any(c.hard for _, c in effective_rules(problem) if c.relaxable):
        raise InfeasibleError(impossible)
    started = time.monotonic() if started is None else started
    outcome = search(problem, build_model(problem), on_progress, started=started)
    if stopping.stop_requested() and outcome.roster is None:
        raise StoppedError("Stopped by you before a roster was found; nothing was written.")
    if outcome.status == INFEASIBLE:
        explained = explain and not stopping.stop_requested()
        raise InfeasibleError(explain_infeasible(problem) if explained else [])
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


@dataclass(frozen=True, slots=True)
class Repair:
    result: Result  # the repaired roster, solved with `roster` as the problem's baseline
    changes: tuple[Change, ...]  # the cells that differ from `roster`, by person and day

    @property
    def other_cost(self) -> int:
        """The soft-rule cost of the repaired roster apart from its changes."""
        return self.result.report.cost_apart_from("change")

    def to_excel(self, path: str | Path) -> None:
        """Write the changed roster's workbook with its Changes sheet, as `roster repair` does."""
        from roster.present.roster_workbook import write_result

        write_result(self.result, path, self.changes)


def repair(
    problem: Problem,
    roster: Roster,
    settings: SolveSettings | None = None,
    on_progress: ProgressCallback | None = None,
    *,
    absences: Sequence[Absence] = (),
    frozen_days: int = 0,
) -> Repair:
    """The roster closest to `roster` (a published or hand-edited one) that holds every hard
    rule, with `absences` added as leave and the first `frozen_days` kept exactly.

    It is solved like any roster, with `roster` as the problem's baseline: the soft rule
    `keep_roster` then prices every changed cell (person and day) far above every other soft
    rule, and a change soon above one later, so the fewest cells change, as late as possible.
    An absence on a frozen day is not added (that day is kept as published). Raises
    `RepairImpossible` when no roster holds the hard rules (with the closest one that only
    leaves coverage short, if any), `NoSolutionError` when none is found in time.
    """
    leave = tuple(
        Request(staff_id=a.staff_id, day=day, kind="leave", note=a.note)
        for a in absences
        for day in range(max(a.first, frozen_days), a.last + 1)
    )
    requests = problem.requests + tuple(r for r in leave if r not in problem.requests)
    to_solve = dataclasses.replace(
        problem, requests=requests, baseline=roster, frozen_days=frozen_days
    )
    if settings is not None:
        to_solve = dataclasses.replace(to_solve, settings=settings)
    findings = tuple(analyse(to_solve))
    try:
        result = _search_and_check(to_solve, findings, on_progress, explain=False)
    except InfeasibleError as error:
        raise _impossible(to_solve, roster, findings, error) from None
    return Repair(result=result, changes=changed_cells(problem, roster, result.roster))


def apply_swap(problem: Problem, verdict: SwapVerdict) -> Repair:
    """The roster with a judged swap made, checked and with its changed cells, to write as a
    repair is."""
    return Repair(result=evaluate(problem, verdict.roster), changes=verdict.changes)


def _impossible(
    problem: Problem, roster: Roster, findings: tuple[Finding, ...], error: InfeasibleError
) -> RepairImpossible:
    """Why no repair exists, in the supervisor's terms: what the pre-solve arithmetic found,
    and the coverage that even the closest roster leaves short."""
    reasons = list(error.reasons)
    relaxed = _gaps_first(problem)
    closest = None
    if relaxed != problem:
        try:
            result = _search_and_check(relaxed, findings, None, explain=False)
        except InfeasibleError:
            pass
        else:
            closest = Repair(result=result, changes=changed_cells(problem, roster, result.roster))
            short = [v.message for v in result.report.violations if _relaxed_rule(problem, v.rule)]
            more = f" (and {len(short) - 5} more)" if len(short) > 5 else ""
            reasons.append(
                f"The closest roster leaves {len(short)} coverage gap"
                f"{'' if len(short) == 1 else 's'}: {'; '.join(short[:5])}{more}."
            )
    if closest is None:
        reasons.append(
            "Even with coverage left short, no roster holds the other hard rules "
            "(rest, weekly limits, the frozen days): check them with `roster check`."
        )
    return RepairImpossible(reasons, closest)


def _gaps_first(problem: Problem) -> Problem:
    """The problem relaxed (`relax`), a unit of a relaxed rule (a person-minute short) priced
    above any change to the given roster: the closest roster leaves as little short as it can."""
    above = max(
        rule.outweighing(c) for rule, c in effective_rules(problem) if rule.category == "change"
    )
    rules = tuple(
        dataclasses.replace(c, hard=False, weight=c.weight * above) if c.hard and c.relaxable else c
        for _, c in effective_rules(problem)
    )
    return dataclasses.replace(problem, rules=rules)


def _relaxed_rule(problem: Problem, rule: str) -> bool:
    return any(c.name == rule and c.hard and c.relaxable for _, c in effective_rules(problem))


__all__ = [
    "SAMPLE",
    "Absence",
    "Added",
    "ArgumentError",
    "Change",
    "Loaded",
    "Repair",
    "RepairImpossible",
    "Result",
    "Swap",
    "SwapVerdict",
    "Written",
    "absence",
    "analyse",
    "apply_swap",
    "benchmark_line",
    "check",
    "day_index",
    "day_of",
    "evaluate",
    "first_changeable_day",
    "import_availability",
    "judge_swap",
    "load_input",
    "load_problem",
    "load_published",
    "load_roster",
    "override_settings",
    "refuse_replacing_checked",
    "refuse_replacing_existing",
    "refuse_replacing_input",
    "refuse_unwritable",
    "repair",
    "solve",
    "staff_id",
    "suggest_swaps",
    "write_blank_workbook",
    "write_hr_grid",
]

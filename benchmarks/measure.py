"""Measure one benchmark case in a process of its own, so that its peak memory is its own.

    python -m benchmarks.measure benchmarks.scenarios:from_spec M-plain --time-limit 60
    python -m benchmarks.measure roster.io.curtois:read_curtois Instance1.txt --engine plain

A case is a problem factory `module:function`, the one string it takes, the time limit, seed and
workers, and the engine: `roster` builds our model (`roster.engine.model.build_model`), solves
it with `roster.engine.search.search` and has `roster.check.check` judge the roster; `plain`
hands the argument (a Curtois instance file) to `benchmarks.curtois_plain.solve_plain`, a plain
CP-SAT model of the benchmark for reference. It prints one JSON object (`Measurement`);
progress goes to stderr.
`measure_in_child` runs it from another process and reads the object back.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("roster", "plain")
PLAIN_MODULE = "benchmarks.curtois_plain"


@dataclass(frozen=True, slots=True, kw_only=True)
class Case:
    factory: str  # "module:function" returning a roster.domain.Problem from `argument`
    argument: str
    time_limit: float
    seed: int = 0
    workers: int = 2
    engine: str = "roster"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "benchmarks.measure",
            self.factory,
            self.argument,
            f"--time-limit={self.time_limit:g}",
            f"--seed={self.seed}",
            f"--workers={self.workers}",
            f"--engine={self.engine}",
        ]


@dataclass(frozen=True, slots=True, kw_only=True)
class Checker:
    valid: bool | None  # no hard rule broken (None: the engine's checker does not say)
    score: int | None  # the roster's cost as the checker recomputes it
    agrees_with_solver: bool  # the checker's score is the solver's objective


@dataclass(frozen=True, slots=True, kw_only=True)
class Measurement:
    engine: str
    problem: str
    status: str
    build_seconds: float  # the problem read or generated, and the model built
    variables: int
    constraints: int
    first_feasible_seconds: float | None  # from the start of the solve (ours: of the build)
    trace: list[tuple[float, float | None, float]]  # (seconds, objective, bound) on each change
    objective: float | None
    bound: float | None
    gap: float | None  # (objective - bound) / objective, as the solver reports it
    solve_seconds: float
    peak_rss_mb: float
    checker: Checker | None
    check_seconds: float = 0.0
    analysis_seconds: float = 0.0  # the pre-solve analysis `roster solve` runs first
    people: int | None = None
    days: int | None = None
    notes: list[str] = field(default_factory=list)


class Trace:
    """(seconds, objective, bound) each time the objective or the bound changes."""

    def __init__(self) -> None:
        self.points: list[tuple[float, float | None, float]] = []

    def add(self, objective: float | None, bound: float, seconds: float) -> None:
        if not self.points or self.points[-1][1:] != (objective, bound):
            self.points.append((round(seconds, 3), objective, bound))

    @property
    def first_feasible(self) -> float | None:
        return next((t for t, objective, _ in self.points if objective is not None), None)


def load_factory(factory: str) -> Callable[[str], Any]:
    module, _, function = factory.partition(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


def measure(case: Case) -> Measurement:
    if case.engine == "plain":
        return measure_plain(case)
    from roster.analysis import analyse
    from roster.check import check
    from roster.domain import SolveSettings
    from roster.engine.model import build_model
    from roster.engine.search import search
    from roster.engine.solver import Progress

    began = time.perf_counter()
    problem = load_factory(case.factory)(case.argument)
    started = time.monotonic()  # the time limit counts the model's build, as `roster solve`'s
    built = build_model(problem)
    build_seconds = time.perf_counter() - began
    began = time.perf_counter()
    analyse(problem)
    analysis_seconds = time.perf_counter() - began
    proto = built.model.proto
    print(
        f"{problem.name}: built in {build_seconds:.1f} s, {len(proto.variables)} variables, "
        f"{len(proto.constraints)} constraints; solving for {case.time_limit:g} s",
        file=sys.stderr,
    )
    trace = Trace()

    def on_progress(progress: Progress) -> None:
        trace.add(progress.objective, progress.bound, progress.elapsed)

    settings = SolveSettings(
        time_limit_seconds=case.time_limit, seed=case.seed, workers=case.workers
    )
    outcome = search(
        dataclasses.replace(problem, settings=settings), built, on_progress, started=started
    )
    if outcome.objective is not None:  # the proof's last bound need not reach the callback
        trace.add(outcome.objective, outcome.bound, outcome.seconds)
    checker, check_seconds = None, 0.0
    if outcome.roster is not None:
        began = time.perf_counter()
        report = check(problem, outcome.roster)
        check_seconds = time.perf_counter() - began
        checker = Checker(
            valid=report.valid,
            score=report.score,
            agrees_with_solver=report.score == outcome.objective,
        )
    found = outcome.objective is not None
    return Measurement(
        engine=case.engine,
        problem=problem.name,
        status=outcome.status,
        build_seconds=round(build_seconds, 3),
        analysis_seconds=round(analysis_seconds, 3),
        variables=len(proto.variables),
        constraints=len(proto.constraints),
        first_feasible_seconds=trace.first_feasible,
        trace=trace.points,
        objective=outcome.objective,
        bound=outcome.bound if found else None,
        gap=round(outcome.gap, 4) if found else None,
        solve_seconds=round(outcome.seconds, 3),
        check_seconds=round(check_seconds, 3),
        peak_rss_mb=peak_rss_mb(),
        checker=checker,
        people=len(problem.staff),
        days=problem.num_days,
        notes=list(outcome.notes),
    )


def measure_plain(case: Case) -> Measurement:
    """The reference model of `benchmarks.curtois_plain` on the instance file `case.argument`."""
    plain = importlib.import_module(PLAIN_MODULE)
    trace = Trace()
    began = time.perf_counter()
    answer = plain.solve_plain(
        case.argument, case.time_limit, case.seed, case.workers, on_progress=trace.add
    )
    total = time.perf_counter() - began
    objective, bound = answer.get("objective"), answer.get("bound")
    checked = answer.get("checker_objective")  # recomputed in plain Python from the roster
    broken = answer.get("hard_violations")
    return Measurement(
        engine=case.engine,
        problem=Path(case.argument).stem,
        status=str(answer["status"]).lower(),
        build_seconds=round(max(0.0, total - answer["seconds"]), 3),
        variables=answer["variables"],
        constraints=answer["constraints"],
        first_feasible_seconds=trace.first_feasible,
        trace=trace.points,
        objective=objective,
        bound=bound,
        gap=round((objective - bound) / objective, 4) if objective else None,
        solve_seconds=round(answer["seconds"], 3),
        peak_rss_mb=peak_rss_mb(),
        checker=None
        if objective is None
        else Checker(
            valid=broken == 0 if broken is not None else None,
            score=checked,
            agrees_with_solver=checked == objective,
        ),
    )


def peak_rss_mb() -> float:
    """This process's peak resident memory in MiB (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def measure_in_child(case: Case, timeout: float) -> dict[str, Any]:
    """`measure(case)` in a fresh Python process; a crash or a timeout is an `error` entry."""
    try:
        done = subprocess.run(
            case.command(), cwd=ROOT, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"error": f"no answer within {timeout:.0f} s (killed)"}
    if done.returncode != 0 or not done.stdout.strip():
        lines = (done.stderr or "").strip().splitlines() or ["no output"]
        return {"error": f"exit {done.returncode}: {lines[-1]}"}
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factory", help="module:function making a Problem from ARGUMENT")
    parser.add_argument("argument")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engine", choices=ENGINES, default="roster")
    args = parser.parse_args(argv)
    case = Case(
        factory=args.factory,
        argument=args.argument,
        time_limit=args.time_limit,
        seed=args.seed,
        workers=args.workers,
        engine=args.engine,
    )
    print(json.dumps(dataclasses.asdict(measure(case))))


if __name__ == "__main__":
    main()

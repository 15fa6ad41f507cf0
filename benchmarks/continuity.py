"""Period after period, measured: the sample solved as consecutive periods with `--after`, and the
same periods each solved afresh, joined and judged as one roster by the independent checker.

    python -m benchmarks.continuity [--periods 3] [--work-limit 20] [--input INPUT.xlsx]
    python -m benchmarks.continuity --scale L [--work-limit 20]

Prints, for both ways, the joined roster's soft-rule cost, its shifts off the rotation pattern,
its broken hard rules, and per person the C shifts and weekend days over all the periods.
With --scale, what a history costs at a benchmark scenario's size: its second period solved
with and without the first as history (model build seconds, solve seconds, cost, validity).
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from collections import Counter
from pathlib import Path

from roster import api
from roster.check import check
from roster.domain import Assignment, History, Problem, Roster
from roster.engine.model import build_model


def solve_periods(input_file: Path, periods: int, work_limit: float, folder: Path, *, after: bool):
    paths: list[Path] = []
    for period in range(periods):
        problem = api.load_input(input_file, after=paths[-1:]).problem
        if not after:  # the same dates, nothing carried over, the rotation restarted
            problem = dataclasses.replace(
                problem,
                history=None,
                rotations=tuple(dataclasses.replace(g, first_week=0) for g in problem.rotations),
            )
        settings = dataclasses.replace(problem.settings, work_limit=work_limit)
        path = folder / f"{'after' if after else 'fresh'}{period + 1}.xlsx"
        api.solve(problem, settings).to_excel(path)
        paths.append(path)
    return paths


def joined(input_file: Path, paths: list[Path]) -> tuple[Problem, Roster]:
    first, _ = api.load_published(paths[0])
    last, _ = api.load_published(paths[-1])
    weeks = (last.date(last.num_days) - first.start_date).days // 7
    whole = dataclasses.replace(api.load_problem(input_file, weeks=weeks), history=None)
    cells: set[Assignment] = set()
    pattern: frozenset[Assignment] = frozenset()
    for path in paths:
        problem, roster = api.load_published(path)
        offset = (problem.start_date - whole.start_date).days
        cells |= {dataclasses.replace(a, day=a.day + offset) for a in roster.assignments}
        pattern = pattern or roster.pattern
    return whole, Roster(assignments=frozenset(cells), pattern=pattern)


def spread(counts: Counter[str], people: list[str]) -> str:
    values = [counts[p] for p in people]
    return f"{min(values)}-{max(values)} (spread {max(values) - min(values)})"


def at_scale(name: str, work_limit: float) -> None:
    """The scenario's next period, solved with the first as its history and without."""
    from benchmarks.scenarios import scenario

    first = scenario(name, "plain")
    settings = dataclasses.replace(first.settings, work_limit=work_limit)
    earlier = api.solve(first, settings).roster
    history = History(
        days=first.num_days,
        assignments=frozenset(
            dataclasses.replace(a, day=a.day - first.num_days) for a in earlier.assignments
        ),
    )
    following = dataclasses.replace(first, start_date=first.date(first.num_days))
    for label, known in (("no history", None), (f"{first.num_days}-day history", history)):
        problem = dataclasses.replace(following, history=known)
        started = time.perf_counter()
        build_model(problem)
        built = time.perf_counter() - started
        started = time.perf_counter()
        result = api.solve(problem, settings)
        print(
            f"{name}, {len(problem.staff)} people, {problem.weeks} weeks, {label}: model built "
            f"in {built:.2f} s, solved in {time.perf_counter() - started:.1f} s (work limit "
            f"{work_limit:g}), cost {result.report.score}, every hard rule holds: "
            f"{result.report.valid}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--periods", type=int, default=3)
    parser.add_argument("--work-limit", type=float, default=20)
    parser.add_argument("--input", type=Path, default=api.SAMPLE)
    parser.add_argument("--scale", help="a benchmark scenario's name (M, L, XL) instead")
    args = parser.parse_args()
    if args.scale:
        at_scale(args.scale, args.work_limit)
        return
    with tempfile.TemporaryDirectory() as folder:
        for after in (True, False):
            paths = solve_periods(
                args.input, args.periods, args.work_limit, Path(folder), after=after
            )
            whole, roster = joined(args.input, paths)
            report = check(whole, roster)
            people = [p.id for p in whole.staff]
            off_pattern = sum(v.amount for v in report.violations if v.rule == "rotation")
            c_shifts = Counter(a.staff_id for a in roster.assignments if a.shift_code == "C")
            weekends = Counter(
                s
                for s, d in {(a.staff_id, a.day) for a in roster.assignments}
                if whole.is_weekend(d)
            )
            way = "--after" if after else "afresh "
            print(
                f"{way}  {args.periods} periods, {whole.weeks} weeks: "
                f"hard rules broken {len(report.hard_violations)}, soft-rule cost {report.score}, "
                f"shifts off the pattern {off_pattern}, C shifts {spread(c_shifts, people)}, "
                f"weekend days {spread(weekends, people)}"
            )


if __name__ == "__main__":
    main()

"""`roster solve`: an input workbook (or a Curtois instance) to a roster workbook."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from roster.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_STATUS,
    INPUT,
    TIME_LIMIT,
    echo_findings,
    echo_notices,
    echo_violations,
    refuse_overwriting,
    refuse_unwritable,
    reported_errors,
    xlsx_path,
)
from roster.domain import Problem
from roster.io.choices import MODES

if TYPE_CHECKING:  # the commands load what they use: `roster --help` loads none of it
    from roster import api
    from roster.solver import Progress

INPUT_FORMATS = ("xlsx", "curtois")


@click.command(epilog=EXIT_STATUS)
@click.argument("input_file", required=False, type=INPUT)
@click.option(
    "-o",
    "--output",
    type=INPUT,
    default=Path("roster.xlsx"),
    show_default=True,
    callback=xlsx_path,
    help="Workbook to write the roster to (replaced if it exists).",
)
@TIME_LIMIT
@click.option(
    "--work-limit",
    type=click.FloatRange(min=0.01),
    help="Stop after this much CP-SAT deterministic work instead of --time-limit: the same "
    "input, seed, workers and work limit give the same roster on any machine.",
)
@click.option("--seed", type=click.IntRange(min=0), help="Random seed [default: from Settings].")
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Solver threads [default: from Settings]."
)
@click.option(
    "--mode",
    type=click.Choice(MODES),
    help="plain, or rotating: rotation groups cycle through one pattern [default: from Settings].",
)
@click.option(
    "--weeks", type=click.IntRange(1, 52), help="Weeks to roster [default: from Settings]."
)
@click.option(
    "--availability",
    "availability_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="HR availability file (grid or list, .xlsx or .csv) to add; may be repeated.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 3 also for coverage that no shift definition can give (a structural gap).",
)
@click.option(
    "--format",
    "input_format",
    type=click.Choice(INPUT_FORMATS),
    default="xlsx",
    show_default=True,
    help="xlsx: an input workbook; curtois: a Curtois & Qu benchmark instance (.txt).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print no progress and no roster grid.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Also print how the search went (its moves and phases)."
)
def solve(
    input_file: Path | None,
    output: Path,
    time_limit: float | None,
    work_limit: float | None,
    seed: int | None,
    workers: int | None,
    mode: str | None,
    weeks: int | None,
    availability_files: tuple[Path, ...],
    strict: bool,
    input_format: str,
    quiet: bool,
    verbose: bool,
) -> None:
    """Solve INPUT_FILE (default: the bundled call-center sample) and write the roster workbook.

    Nothing is written unless a roster is found; the input file is only read. With --format
    curtois it also prints the objective in the benchmark's terms, recomputed by the checker.
    """
    from roster import api
    from roster.io.hr import merge, read_availability
    from roster.io.roster_out import status_sentence, write_result
    from roster.render import coverage_verdict, demand_verdict, roster_grid

    with reported_errors():
        refuse_overwriting(input_file or api.SAMPLE, output)
        refuse_unwritable(output)
        if input_format == "curtois":
            problem = _curtois_problem(input_file, weeks, mode, availability_files)
        else:
            problem = api.load_problem(input_file, weeks=weeks, mode=mode)
        for file in availability_files:
            imported = read_availability(file, problem)
            echo_notices(imported.notices)
            problem = merge(problem, imported)
        overrides = {
            "time_limit_seconds": time_limit,
            "work_limit": work_limit,
            "seed": seed,
            "workers": workers,
        }
        chosen: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
        settings = dataclasses.replace(problem.settings, **chosen)
        show = not quiet and sys.stderr.isatty()
        progress = _progress if show else None
        result = api.solve(problem, settings, on_progress=progress, best_effort=True)
        if show:
            click.echo(err=True)
        try:
            write_result(result, output)
        except OSError as error:
            reason = error.strerror or error
            raise click.ClickException(f"cannot write {output}: {reason}") from None
        if not quiet:
            click.echo(roster_grid(result.problem, result.roster))
            click.echo()
        _echo_rotations(result.problem)
        echo_findings(f for f in result.findings if f.severity != "infeasible")
        echo_violations(result.report)
        if result.problem.coverage:
            click.echo(coverage_verdict(result.problem, result.roster))
        if result.problem.demands:
            click.echo(demand_verdict(result.problem, result.roster))
        for reason in result.infeasible_because:
            click.echo(f"Infeasible: {reason}")
        if verbose:
            for line in result.outcome.notes:
                click.echo(line)
        click.echo(f"{status_sentence(result)} Wrote {output}")
        if input_format == "curtois" and input_file is not None:
            click.echo(_benchmark_line(result, input_file))
        if not result.report.valid:
            raise click.exceptions.Exit(EXIT_INTERNAL)
        gaps = [f for f in result.findings if f.kind == "structural_gap"]
        if result.infeasible_because or (strict and gaps):
            raise click.exceptions.Exit(EXIT_INFEASIBLE)


def _curtois_problem(
    input_file: Path | None, weeks: int | None, mode: str | None, availability: tuple[Path, ...]
) -> Problem:
    from roster.io.curtois import read_curtois

    if input_file is None:
        raise click.UsageError("--format curtois needs the instance file, e.g. Instance1.txt.")
    workbook_only = {"--weeks": weeks, "--mode": mode, "--availability": availability}
    given = [name for name, value in workbook_only.items() if value]
    if given:
        raise click.UsageError(
            f"{', '.join(given)} apply to input workbooks; a Curtois instance sets its own "
            "horizon and rules."
        )
    return read_curtois(input_file)


def _benchmark_line(result: api.Result, instance: Path) -> str:
    from roster.io.curtois import benchmark_objective, best_known

    terms = benchmark_objective(result.report)
    total = terms.pop("total")
    parts = " + ".join(f"{name} {cost}" for name, cost in terms.items())
    known = best_known(instance)
    versus = "" if known is None else f"; best known {known} ({_versus(total, known)})"
    return f"Benchmark objective: {total} = {parts}{versus}"


def _versus(total: int, known: int) -> str:
    if total == known:
        return "reached"
    if total < known:
        return f"{known - total} better"
    return f"{(total - known) / known:.1%} above"


def _echo_rotations(problem: Problem) -> None:
    for group in problem.rotations:
        starts = ", ".join(f"{sid} on week {i + 1}" for i, sid in enumerate(group.staff_ids))
        click.echo(
            f"Rotation '{group.name}': a {group.pattern_weeks}-week pattern (Pattern sheet); "
            f"in the first week {starts}."
        )


def _progress(progress: Progress) -> None:
    best = "none yet" if progress.objective is None else f"{progress.objective:g}"
    line = (
        f"solving {progress.elapsed:6.1f} s  {progress.phase:<14}  best cost {best}  "
        f"bound {progress.bound:g}"
    )
    click.echo(f"\r{line:<80}", nl=False, err=True)

"""`roster solve`: an input workbook (or a Curtois instance) to a roster workbook."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster import stopping
from roster.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_STATUS,
    EXIT_STOPPED,
    INPUT,
    TIME_LIMIT,
    Finite,
    after_option,
    bounded,
    echo_findings,
    echo_notice,
    echo_violations,
    interruptible,
    output_option,
    reported_errors,
    writing,
)
from roster.domain import Problem, SolveSettings
from roster.io.choices import INPUT_FORMATS, MODES

if TYPE_CHECKING:  # the commands load what they use: `roster --help` loads none of it
    from roster import api
    from roster.engine.solver import Progress


@click.command(epilog=EXIT_STATUS)
@click.argument("input_file", required=False, type=INPUT)
@output_option(
    "Workbook to write the roster to (an existing one is kept unless --force is given).",
    default=Path("roster.xlsx"),
    show_default=True,
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@TIME_LIMIT
@click.option(
    "--work-limit",
    type=Finite(0.01, 1e6),
    help="Stop after this much CP-SAT deterministic work instead of --time-limit: the same "
    "input, seed, workers and work limit give the same roster on any machine.",
)
@click.option("--seed", type=bounded("seed"), help="Random seed [default: from Settings].")
@click.option("--workers", type=bounded("workers"), help="Solver threads [default: from Settings].")
@click.option(
    "--mode",
    type=click.Choice(MODES),
    help="plain, or rotating: rotation groups cycle through one pattern [default: from Settings].",
)
@click.option("--weeks", type=bounded("weeks"), help="Weeks to roster [default: from Settings].")
@click.option(
    "--availability",
    "availability_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="HR availability file (grid or list, .xlsx or .csv) to add; may be repeated.",
)
@after_option(
    "A published roster workbook this roster follows on from: it starts the day after, "
    "keeps rest, runs of days and the rotation going across, and counts fairness over the "
    "look-back."
)
@click.option(
    "--new-pattern",
    is_flag=True,
    help="With --after, solve the rotation pattern anew instead of keeping the previous one.",
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
    force: bool,
    time_limit: float | None,
    work_limit: float | None,
    seed: int | None,
    workers: int | None,
    mode: str | None,
    weeks: int | None,
    availability_files: tuple[Path, ...],
    after: tuple[Path, ...],
    new_pattern: bool,
    strict: bool,
    input_format: str,
    quiet: bool,
    verbose: bool,
) -> None:
    """Solve INPUT_FILE (default: the bundled call-center sample) and write the roster workbook.

    Nothing is written unless a roster is found; the input file is only read. With --format
    curtois it also prints the objective in the benchmark's terms, recomputed by the checker.
    """
    with interruptible() as interruption, reported_errors():
        from roster import api

        api.refuse_replacing_input(output, input_file or api.SAMPLE)
        api.refuse_replacing_existing(output, force)
        api.refuse_unwritable(output)
        if input_file is None and not quiet:
            click.echo(
                f"No INPUT_FILE given: solving the bundled call-center sample ({api.SAMPLE.name})."
            )
        _refuse_workbook_options(input_format, input_file, weeks, mode, availability_files + after)
        problem = api.load_input(
            input_file,
            input_format=input_format,
            weeks=weeks,
            mode=mode,
            availability=availability_files,
            after=after,
            new_pattern=new_pattern,
            on_notice=echo_notice,
        ).problem
        settings = api.override_settings(
            problem.settings,
            time_limit_seconds=time_limit,
            work_limit=work_limit,
            seed=seed,
            workers=workers,
        )
        interruption.solving = True  # Ctrl-C now stops the search: the best roster is kept
        result = _solve_showing_progress(problem, settings, quiet)
        with writing(output):
            result.to_excel(output)
        _echo_result(result, output, quiet=quiet, verbose=verbose)
        if stopping.stop_requested():
            raise click.exceptions.Exit(EXIT_STOPPED)
        if input_format == "curtois" and input_file is not None:
            click.echo(api.benchmark_line(result.report, input_file))
        raise click.exceptions.Exit(_exit_status(result, strict))


def _refuse_workbook_options(
    input_format: str,
    input_file: Path | None,
    weeks: int | None,
    mode: str | None,
    availability: tuple[Path, ...],
) -> None:
    """A Curtois instance needs its file, and takes none of the input workbook's options."""
    if input_format != "curtois":
        return
    if input_file is None:
        raise click.UsageError("--format curtois needs the instance file, e.g. Instance1.txt.")
    workbook_only = {"--weeks": weeks, "--mode": mode, "--availability or --after": availability}
    given = [name for name, value in workbook_only.items() if value]
    if given:
        raise click.UsageError(
            f"{', '.join(given)} apply to input workbooks; a Curtois instance sets its own "
            "horizon and rules."
        )


def _solve_showing_progress(problem: Problem, settings: SolveSettings, quiet: bool) -> api.Result:
    """`api.solve`, best effort, with a progress line on a terminal unless `quiet`."""
    from roster import api

    show = not quiet and sys.stderr.isatty()
    result = api.solve(problem, settings, on_progress=_progress if show else None, best_effort=True)
    if show:
        click.echo(err=True)
    return result


def _progress(progress: Progress) -> None:
    best = "none yet" if progress.objective is None else f"{progress.objective:g}"
    line = (
        f"solving {progress.elapsed:6.1f} s  {progress.phase:<14}  best cost {best}  "
        f"bound {progress.bound:g}"
    )
    click.echo(f"\r{line:<80}", nl=False, err=True)


def _echo_result(result: api.Result, output: Path, *, quiet: bool, verbose: bool) -> None:
    """The roster grid, what the analysis and the checker found, and how the solve ended."""
    from roster.present.render import coverage_verdict, demand_verdict, roster_grid
    from roster.present.roster_workbook import status_sentence

    problem, roster = result.problem, result.roster
    if not quiet:
        click.echo(roster_grid(problem, roster))
        click.echo()
    _echo_rotations(problem)
    echo_findings(f for f in result.findings if f.severity != "infeasible")
    echo_violations(result.report)
    if problem.coverage:
        click.echo(coverage_verdict(problem, roster))
    if problem.demands:
        click.echo(demand_verdict(problem, roster))
    for reason in result.infeasible_because:
        click.echo(f"Infeasible: {reason}")
    if verbose:
        for line in result.outcome.notes:
            click.echo(line)
    click.echo(f"{status_sentence(result)} Wrote {output}")


def _echo_rotations(problem: Problem) -> None:
    for group in problem.rotations:
        starts = ", ".join(
            f"{sid} on week {group.pattern_day(i, 0) // 7 + 1}"
            for i, sid in enumerate(group.staff_ids)
        )
        click.echo(
            f"Rotation '{group.name}': a {group.pattern_weeks}-week pattern (Pattern sheet); "
            f"in the first week {starts}."
        )


def _exit_status(result: api.Result, strict: bool) -> int:
    """1 for a roster the checker rejects, 3 for one that cannot keep every hard rule (with
    `strict`, also for a structural gap), else 0."""
    if not result.report.valid:
        return EXIT_INTERNAL
    gaps = [f for f in result.findings if f.kind == "structural_gap"]
    if result.infeasible_because or (strict and gaps):
        return EXIT_INFEASIBLE
    return EXIT_OK

"""The `roster` command: a thin shell over `roster.api`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from roster.cli_changes import export, repair, swap
from roster.cli_common import (
    EXIT_INFEASIBLE,
    EXIT_INTERNAL,
    EXIT_STATUS,
    INPUT,
    TIME_LIMIT,
    echo_changes,
    echo_violations,
    refuse_replacing_sources,
    refuse_unwritable,
    reported_errors,
    write_changed,
    xlsx_path,
)
from roster.domain import Problem, Roster
from roster.errors import InfeasibleError, InputError, InputIssue
from roster.io.choices import MODES, SHAPES, SHIFT_KINDS

if TYPE_CHECKING:  # the commands load what they use: `roster --help` loads none of it
    from roster import api
    from roster.analysis import Finding
    from roster.solver import Progress

INPUT_FORMATS = ("xlsx", "curtois")


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS)
@click.version_option(package_name="roster-cpsat")
def main() -> None:
    """Shift rosters solved with OR-Tools CP-SAT, from and to Excel workbooks."""


@main.command(epilog=EXIT_STATUS)
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
        _refuse_overwriting(input_file or api.SAMPLE, output)
        refuse_unwritable(output)
        if input_format == "curtois":
            problem = _curtois_problem(input_file, weeks, mode, availability_files)
        else:
            problem = api.load_problem(input_file, weeks=weeks, mode=mode)
        for file in availability_files:
            imported = read_availability(file, problem)
            _echo_notices(imported.notices)
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
        _echo_findings(f for f in result.findings if f.severity != "infeasible")
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


@main.command(epilog=EXIT_STATUS)
@click.argument("input_file", type=INPUT)
@click.argument("roster_file", required=False, type=INPUT)
@click.option(
    "--fix",
    is_flag=True,
    help="Repair a ROSTER_FILE that breaks a hard rule with the fewest changed cells.",
)
@click.option(
    "-o",
    "--output",
    type=INPUT,
    callback=lambda ctx, param, value: value if value is None else xlsx_path(ctx, param, value),
    help="Workbook for the repaired roster (with --fix) [default: ROSTER_FILE's name + -fixed].",
)
def check(input_file: Path, roster_file: Path | None, fix: bool, output: Path | None) -> None:
    """Validate INPUT_FILE; with ROSTER_FILE, check that roster against every rule.

    ROSTER_FILE is a workbook written by `roster solve`, possibly edited by hand: its Roster
    sheet is read back (one row per person, one column per date, shift codes joined by +).
    Exit status 3 when a hard rule is broken (or, without ROSTER_FILE, cannot hold at all).
    With --fix, a broken roster is repaired instead: the fewest cells are changed, the changes
    listed and the repaired roster written (exit 0); exit 3 if no roster can hold every hard rule.
    """
    from roster import api
    from roster.io.roster_in import read_roster

    if (fix or output) and roster_file is None:
        raise click.UsageError("--fix and --output need a ROSTER_FILE to repair.")
    if output and not fix:
        raise click.UsageError("--output is only used with --fix.")
    with reported_errors():
        if fix:
            assert roster_file is not None
            output = output or roster_file.with_name(f"{roster_file.stem}-fixed.xlsx")
            refuse_replacing_sources(output, input_file, roster_file)
            refuse_unwritable(output)
        problem = api.load_problem(input_file)
        if roster_file is None:
            findings = api.analyse(problem)
            click.echo(
                f"{input_file.name}: the input is well-formed ({len(problem.staff)} staff, "
                f"{len(problem.shifts)} shifts, {problem.weeks} weeks)."
            )
            _echo_findings(f for f in findings if f.severity != "infeasible")
            impossible = [f.message for f in findings if f.severity == "infeasible"]
            if impossible:
                raise InfeasibleError(impossible)
            return
        edited = read_roster(roster_file, problem)
        report = api.check(problem, edited)
        echo_violations(report)
        if report.valid:
            click.echo(f"{roster_file.name}: every hard rule holds; soft-rule cost {report.score}.")
            if fix:
                click.echo(f"Nothing to fix; {output} was not written.")
        else:
            click.echo(f"{roster_file.name}: {len(report.hard_violations)} hard rule violations.")
            if fix:
                assert output is not None
                _repair(problem, edited, roster_file, output)
                return
            raise click.exceptions.Exit(EXIT_INFEASIBLE)


def _repair(problem: Problem, edited: Roster, roster_file: Path, output: Path) -> None:
    """`check --fix`: solve for the closest roster, write it, list the changed cells."""
    from roster import api

    try:
        repaired = api.repair(problem, edited)
    except InfeasibleError:
        click.echo(f"Error: {roster_file.name} cannot be repaired.", err=True)
        raise
    result = repaired.result
    write_changed(repaired, output)
    echo_changes(problem, repaired.changes, result.status == "optimal", title="Repair: ")
    others = sum(v.cost for v in result.report.violations if v.category != "change")
    count = len(repaired.changes)
    click.echo(
        f"{count} changed cell{'' if count == 1 else 's'}; every hard rule holds, other soft-rule "
        f"cost {others}. Wrote {output}"
    )


@main.command(epilog=EXIT_STATUS)
@click.argument("output", type=INPUT, callback=xlsx_path)
@click.option(
    "--availability-grid",
    is_flag=True,
    help="Write the grid HR fills in: one row per person, one column per date.",
)
@click.option(
    "--start",
    type=click.DateTime(["%Y-%m-%d"]),
    help="First day of the roster [default: the --input's start_date, else next Monday].",
)
@click.option(
    "--weeks", type=click.IntRange(1, 52), help="Number of weeks [default: the --input's, else 4]."
)
@click.option(
    "--input",
    "input_file",
    type=INPUT,
    help="Input workbook whose staff and shift codes fill the grid (with --availability-grid).",
)
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
def template(
    output: Path,
    availability_grid: bool,
    start: dt.datetime | None,
    weeks: int | None,
    input_file: Path | None,
    force: bool,
) -> None:
    """Write OUTPUT: a blank input workbook to fill in by hand, with an Instructions sheet,
    drop-downs and example rows that load as they are; with --availability-grid, the grid HR
    fills in instead. An existing OUTPUT is kept unless --force is given.
    """
    from roster import api
    from roster.io.template import (
        DEFAULT_WEEKS,
        next_monday,
        write_availability_grid,
        write_template,
    )

    with reported_errors():
        if input_file and not availability_grid:
            raise click.UsageError("--input is only used with --availability-grid.")
        if output.exists() and not force:
            raise click.ClickException(f"{output} exists already; add --force to replace it.")
        problem = api.load_problem(input_file) if input_file else None
        first = start.date() if start else problem.start_date if problem else next_monday()
        weeks = weeks or (problem.weeks if problem else DEFAULT_WEEKS)
        span = f"from {first} for {weeks} week{'s' if weeks > 1 else ''}"
        if not availability_grid:
            write_template(output, first, weeks)
            click.echo(f"Wrote {output}: a blank input workbook {span}.")
            click.echo(f"Read its Instructions sheet, fill it in, then: roster check {output}")
            return
        if input_file:
            _refuse_overwriting(input_file, output)
        staff, codes = (problem.staff, [s.code for s in problem.shifts]) if problem else ((), [])
        write_availability_grid(output, first, weeks, staff, codes)
        people = f"{len(staff)} staff" if staff else "empty rows to fill in"
        click.echo(f"Wrote {output}: an availability grid {span}, {people}.")


@main.command("import", epilog=EXIT_STATUS)
@click.argument("hr_file", type=INPUT)
@click.option(
    "-o",
    "--output",
    type=INPUT,
    required=True,
    callback=xlsx_path,
    help="Input workbook to write; it is also the one read unless --input is given.",
)
@click.option(
    "--input",
    "base",
    type=INPUT,
    help="Input workbook to start from (default: the --output workbook itself).",
)
@click.option("--shape", type=click.Choice(SHAPES), help="Grid or list [default: detected].")
@click.option(
    "--shifts-as",
    type=click.Choice(SHIFT_KINDS),
    default="prefer",
    show_default=True,
    help="What a shift code in a grid cell means: a wish, or a fixed shift.",
)
def import_(
    hr_file: Path, output: Path, base: Path | None, shape: str | None, shifts_as: str
) -> None:
    """Add HR_FILE's availability (leave, days off, wishes) to an input workbook for review.

    HR_FILE is a grid (one row per person, one column per date or weekday) or a list (one
    request per row), .xlsx or .csv (UTF-8 or GBK), with English or Chinese headers.
    """
    from roster import api
    from roster.io.hr import merge, read_availability, write_into_workbook

    with reported_errors():
        base = base or output
        problem = api.load_problem(base)
        imported = read_availability(hr_file, problem, shape=shape, shifts_as=shifts_as)
        _echo_notices(imported.notices)
        merged = merge(problem, imported)
        write_into_workbook(merged, base, output)
        added = len(merged.requests) - len(problem.requests)
        click.echo(
            f"{hr_file.name}: {added} day-requests added to {output} "
            f"({len(imported.requests) - added} were there already)."
        )


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


def _echo_notices(notices: Iterable[str]) -> None:
    for notice in notices:
        click.echo(f"Notice: {notice}", err=True)


def _refuse_overwriting(source: Path, output: Path) -> None:
    if output.exists() and source.exists() and output.samefile(source):
        raise InputError(
            [
                InputIssue(
                    file=output.name,
                    problem="is the input workbook, and writing the roster would replace it",
                    expected="another file for --output, e.g. -o roster.xlsx",
                )
            ]
        )


def _echo_findings(findings: Iterable[Finding]) -> None:
    for finding in findings:
        click.echo(f"{finding.severity.capitalize()}: {finding.message}")


def _progress(progress: Progress) -> None:
    best = "none yet" if progress.objective is None else f"{progress.objective:g}"
    line = (
        f"solving {progress.elapsed:6.1f} s  {progress.phase:<14}  best cost {best}  "
        f"bound {progress.bound:g}"
    )
    click.echo(f"\r{line:<80}", nl=False, err=True)


for command in (export, repair, swap):
    main.add_command(command)

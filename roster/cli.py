"""The `roster` command: a thin shell over `roster.api`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from roster import api
from roster.errors import InfeasibleError, InputError, NoSolutionError, RosterError
from roster.io.report import status_sentence, write_result
from roster.io.roster_in import read_roster
from roster.render import coverage_verdict, roster_grid
from roster.solver import Progress

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4
INPUT = click.Path(dir_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="roster-cpsat")
def main() -> None:
    """Shift rosters solved with OR-Tools CP-SAT, from and to Excel workbooks.

    Exit status: 0 roster found (coverage no shift can give is only a warning), 1 internal
    error, 2 bad input, 3 the hard rules cannot all hold, 4 no roster within the time limit.
    """


@main.command()
@click.argument("input_file", required=False, type=INPUT)
@click.option("-o", "--output", type=INPUT, default=Path("roster.xlsx"), show_default=True,
              help="Workbook to write the roster to.")
@click.option("--time-limit", type=click.FloatRange(min=0.1), help="Seconds the solver may take [default: from Settings].")
@click.option("--seed", type=click.IntRange(min=0), help="Random seed [default: from Settings].")
@click.option("--workers", type=click.IntRange(1, 64), help="Solver threads [default: from Settings].")
@click.option("-q", "--quiet", is_flag=True, help="Print no progress and no roster grid.")
def solve(input_file: Path | None, output: Path, time_limit: float | None, seed: int | None,
          workers: int | None, quiet: bool) -> None:
    """Solve INPUT_FILE (default: the bundled call-center sample) and write the roster workbook."""
    with _errors():
        problem = api.load_problem(input_file)
        settings = problem.settings
        overrides = {"time_limit_seconds": time_limit, "seed": seed, "workers": workers}
        settings = type(settings)(**{
            field: overrides[field] if overrides[field] is not None else getattr(settings, field)
            for field in overrides
        })
        show = not quiet and sys.stderr.isatty()
        result = api.solve(problem, settings, on_progress=_progress if show else None)
        if show:
            click.echo(err=True)
        write_result(result, output)
        if not quiet:
            click.echo(roster_grid(result.problem, result.roster))
            click.echo()
        for finding in result.findings:
            click.echo(f"{finding.severity.capitalize()}: {finding.message}")
        for violation in result.report.violations:
            kind = "Broken rule" if violation.hard else f"Soft rule (cost {violation.cost})"
            click.echo(f"{kind}: {violation.message}")
        click.echo(coverage_verdict(result.problem, result.roster))
        click.echo(f"{status_sentence(result)} Wrote {output}")
        if not result.report.valid:
            raise click.exceptions.Exit(EXIT_INTERNAL)


@main.command()
@click.argument("input_file", type=INPUT)
@click.argument("roster_file", required=False, type=INPUT)
def check(input_file: Path, roster_file: Path | None) -> None:
    """Validate INPUT_FILE; with ROSTER_FILE, check that roster against every rule."""
    with _errors():
        problem = api.load_problem(input_file)
        if roster_file is None:
            click.echo(f"{input_file.name}: the input is valid ({len(problem.staff)} staff, "
                       f"{len(problem.shifts)} shifts, {problem.weeks} weeks).")
            for finding in api.analyse(problem):
                click.echo(f"{finding.severity.capitalize()}: {finding.message}")
            return
        report = api.check(problem, read_roster(roster_file, problem))
        for violation in report.violations:
            kind = "Broken rule" if violation.hard else f"Soft rule (cost {violation.cost})"
            click.echo(f"{kind}: {violation.message}")
        if report.valid:
            click.echo(f"{roster_file.name}: every hard rule holds; soft-rule cost {report.score}.")
        else:
            click.echo(f"{roster_file.name}: {len(report.hard_violations)} hard rule violations.")
            raise click.exceptions.Exit(EXIT_INFEASIBLE)


def _progress(progress: Progress) -> None:
    best = "none yet" if progress.objective is None else f"{progress.objective:g}"
    click.echo(f"\rsolving {progress.elapsed:6.1f} s  best cost {best}  bound {progress.bound:g}   ",
               nl=False, err=True)


class _errors:
    """Turns library errors into `Error:` lines and exit codes; never a traceback."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, error, traceback) -> bool:  # type: ignore[no-untyped-def]
        if error is None or isinstance(error, click.exceptions.Exit | click.ClickException):
            return False
        if isinstance(error, InputError):
            for issue in error.issues:
                click.echo(f"Error: {issue}", err=True)
            raise click.exceptions.Exit(EXIT_BAD_INPUT)
        if isinstance(error, InfeasibleError):
            click.echo("Error: no roster can satisfy every hard rule.", err=True)
            for reason in error.reasons:
                click.echo(f"Error: {reason}", err=True)
            raise click.exceptions.Exit(EXIT_INFEASIBLE)
        if isinstance(error, NoSolutionError):
            click.echo(f"Error: {error}", err=True)
            raise click.exceptions.Exit(EXIT_NO_SOLUTION)
        if isinstance(error, RosterError | OSError):
            click.echo(f"Error: {error}", err=True)
            raise click.exceptions.Exit(EXIT_INTERNAL)
        if os.environ.get("ROSTER_DEBUG"):
            return False
        click.echo(f"Error: internal error ({type(error).__name__}: {error}). Please report it; "
                   "set ROSTER_DEBUG=1 to see the traceback.", err=True)
        raise click.exceptions.Exit(EXIT_INTERNAL)

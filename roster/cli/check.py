"""`roster check`: validate an input workbook, check a roster against every rule, repair it."""

from __future__ import annotations

from pathlib import Path

import click

from roster.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_STATUS,
    INPUT,
    after_option,
    beside,
    echo_changes,
    echo_findings,
    echo_violations,
    interruptible,
    output_option,
    reported_errors,
    write_changed,
    writing,
)
from roster.domain import Problem, Roster
from roster.errors import InfeasibleError


@click.command(epilog=EXIT_STATUS)
@click.argument("input_file", type=INPUT)
@click.argument("roster_file", required=False, type=INPUT)
@click.option(
    "--fix",
    is_flag=True,
    help="Repair a ROSTER_FILE that breaks a hard rule with the fewest changed cells.",
)
@click.option(
    "--refresh",
    is_flag=True,
    help="Rewrite ROSTER_FILE from the roster it holds now: its Diagnostics, Summary and every "
    "other sheet as the checker finds them after a hand edit.",
)
@after_option(
    "The published roster ROSTER_FILE follows on from: the rules are judged across the "
    "boundary too (rest, successions, runs of days, fairness over the look-back)."
)
@output_option(
    "Workbook for the repaired roster (with --fix) [default: ROSTER_FILE's name + -fixed]."
)
def check(
    input_file: Path,
    roster_file: Path | None,
    fix: bool,
    refresh: bool,
    after: tuple[Path, ...],
    output: Path | None,
) -> None:
    """Validate INPUT_FILE; with ROSTER_FILE, check that roster against every rule.

    ROSTER_FILE is a workbook written by `roster solve`, possibly edited by hand: its Roster
    sheet is read back (one row per person, one column per date, shift codes joined by +).
    Exit status 3 when a hard rule is broken (or, without ROSTER_FILE, cannot hold at all).
    With --fix, a broken roster is repaired instead: the fewest cells are changed, the changes
    listed and the repaired roster written (exit 0); exit 3 if no roster can hold every hard rule.
    """
    if (fix or output or refresh) and roster_file is None:
        raise click.UsageError("--fix, --refresh and --output need a ROSTER_FILE.")
    if fix and refresh:
        raise click.UsageError(
            "--fix writes a new workbook; --refresh rewrites ROSTER_FILE: give one."
        )
    if output and not fix:
        raise click.UsageError("--output is only used with --fix.")
    with interruptible() as interruption, reported_errors():
        from roster import api

        if fix and roster_file is not None:
            output = output or beside(roster_file, "fixed")
            api.refuse_replacing_checked(output, input_file, roster_file)
            api.refuse_unwritable(output)
        problem = api.load_input(input_file, after=after).problem
        if roster_file is None:
            _check_input(problem, input_file)
        elif refresh:
            _refresh(problem, roster_file)
        else:
            interruption.solving = fix  # Ctrl-C stops a repair's search: the best is kept
            _check_roster(problem, roster_file, output if fix else None)


def _check_input(problem: Problem, input_file: Path) -> None:
    """The input is well-formed; what the analysis finds; exit 3 if the rules cannot hold."""
    from roster import api

    findings = api.analyse(problem)
    click.echo(
        f"{input_file.name}: the input is well-formed ({len(problem.staff)} staff, "
        f"{len(problem.shifts)} shifts, {problem.weeks} weeks)."
    )
    echo_findings(f for f in findings if f.severity != "infeasible")
    impossible = [f.message for f in findings if f.severity == "infeasible"]
    if impossible:
        raise InfeasibleError(impossible)


def _check_roster(problem: Problem, roster_file: Path, fix_to: Path | None) -> None:
    """The checker's findings on the roster; a broken one is repaired into `fix_to` if given,
    else exit 3."""
    from roster import api

    roster = api.load_roster(roster_file, problem)
    report = api.check(problem, roster)
    echo_violations(report)
    if report.valid:
        click.echo(f"{roster_file.name}: every hard rule holds; soft-rule cost {report.score}.")
        if fix_to:
            click.echo(f"Nothing to fix; {fix_to} was not written.")
        return
    click.echo(f"{roster_file.name}: {len(report.hard_violations)} hard rule violations.")
    if fix_to is None:
        raise click.exceptions.Exit(EXIT_INFEASIBLE)
    _repair(problem, roster, roster_file, fix_to)


def _refresh(problem: Problem, roster_file: Path) -> None:
    """`check --refresh`: the roster as it is now, checked and written back over its workbook."""
    from roster import api
    from roster.io.outputs import exclusive

    api.refuse_unwritable(roster_file)
    with exclusive(roster_file):  # a read-modify-write: another writer is waited for
        result = api.evaluate(problem, api.load_roster(roster_file, problem))
        with writing(roster_file):
            result.to_excel(roster_file)
    echo_violations(result.report)
    held = (
        "every hard rule holds"
        if result.report.valid
        else (f"{len(result.report.hard_violations)} hard rule violations")
    )
    click.echo(f"Refreshed {roster_file}: {held}; soft-rule cost {result.report.score}.")
    if not result.report.valid:
        raise click.exceptions.Exit(EXIT_INFEASIBLE)


def _repair(problem: Problem, edited: Roster, roster_file: Path, output: Path) -> None:
    """`check --fix`: solve for the closest roster, write it, list the changed cells."""
    from roster import api

    try:
        repaired = api.repair(problem, edited)
    except InfeasibleError:
        click.echo(f"Error: {roster_file.name} cannot be repaired.", err=True)
        raise
    write_changed(repaired, output)
    proven = repaired.result.status == "optimal"
    echo_changes(problem, repaired.changes, proven, title="Repair: ")
    count = len(repaired.changes)
    click.echo(
        f"{count} changed cell{'' if count == 1 else 's'}; every hard rule holds, other soft-rule "
        f"cost {repaired.other_cost}. Wrote {output}"
    )

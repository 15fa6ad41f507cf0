"""`roster template`: a blank input workbook, or the availability grid HR fills in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster.cli.common import EXIT_STATUS, INPUT, interruptible, reported_errors, xlsx_path

if TYPE_CHECKING:  # the commands load what they use: `roster --help` loads none of it
    from roster import api


@click.command(epilog=EXIT_STATUS)
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
    with interruptible(), reported_errors():
        from roster import api

        if input_file and not availability_grid:
            raise click.UsageError("--input is only used with --availability-grid.")
        api.refuse_replacing_existing(output, force)
        first = start.date() if start else None
        if not availability_grid:
            blank = api.write_blank_workbook(output, first, weeks)
            click.echo(f"Wrote {output}: a blank input workbook {_span(blank)}.")
            click.echo(f"Read its Instructions sheet, fill it in, then: roster check {output}")
            return
        problem = api.load_problem(input_file) if input_file else None
        if input_file:
            api.refuse_replacing_input(output, input_file)
        grid = api.write_hr_grid(output, problem, first, weeks)
        people = f"{grid.staff} staff" if grid.staff else "empty rows to fill in"
        click.echo(f"Wrote {output}: an availability grid {_span(grid)}, {people}.")


def _span(written: api.Written) -> str:
    return f"from {written.start} for {written.weeks} week{'s' if written.weeks > 1 else ''}"

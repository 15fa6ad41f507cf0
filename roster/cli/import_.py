"""`roster import`: an HR availability file added to an input workbook."""

from __future__ import annotations

from pathlib import Path

import click

from roster.cli.common import EXIT_STATUS, INPUT, echo_notices, reported_errors, xlsx_path
from roster.io.choices import SHAPES, SHIFT_KINDS


@click.command("import", epilog=EXIT_STATUS)
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
        echo_notices(imported.notices)
        merged = merge(problem, imported)
        write_into_workbook(merged, base, output)
        added = len(merged.requests) - len(problem.requests)
        click.echo(
            f"{hr_file.name}: {added} day-requests added to {output} "
            f"({len(imported.requests) - added} were there already)."
        )

"""`roster import`: an HR availability file added to an input workbook."""

from __future__ import annotations

from pathlib import Path

import click

from roster.cli.common import (
    EXIT_STATUS,
    INPUT,
    echo_notice,
    interruptible,
    output_option,
    reported_errors,
)
from roster.io.choices import SHAPES, SHIFT_KINDS


@click.command("import", epilog=EXIT_STATUS)
@click.argument("hr_file", type=INPUT)
@output_option(
    "Input workbook to write; it is also the one read unless --input is given.", required=True
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
    with interruptible(), reported_errors():
        from roster import api

        added = api.import_availability(
            hr_file, output, base=base, shape=shape, shifts_as=shifts_as, on_notice=echo_notice
        )
        click.echo(
            f"{hr_file.name}: {added.added} day-requests added to {output} "
            f"({added.already_there} were there already)."
        )

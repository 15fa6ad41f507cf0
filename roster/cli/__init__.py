"""The `roster` command: a group of thin commands over `roster.api`, one module per command
(repair, swap and export together in `changes`), what they share in `common`."""

from __future__ import annotations

import click

from roster.cli import changes, check, import_, solve, template
from roster.cli.common import EXIT_STATUS


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_STATUS)
@click.version_option(package_name="roster-cpsat")
def main() -> None:
    """Shift rosters solved with OR-Tools CP-SAT, from and to Excel workbooks."""


for command in (
    solve.solve,
    check.check,
    template.template,
    import_.import_,
    changes.repair,
    changes.swap,
    changes.export,
):
    main.add_command(command)

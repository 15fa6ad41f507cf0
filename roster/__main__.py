"""`python -m roster`: the `roster` command."""

from roster.cli import main

main()

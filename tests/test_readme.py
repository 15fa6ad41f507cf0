"""The README stays in step with the rule table and the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from roster.constraints import REGISTRY, catalogue

from roster.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands():
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_the_rule_catalogue_is_the_registrys():
    assert catalogue() in README, "README's rule table is stale: python -m roster.constraints"
    for rule in REGISTRY:
        assert f"| `{rule.name}` | {'hard' if rule.hard else 'soft'} | {rule.weight} |" in README


def test_every_cli_option_is_documented():
    runner = CliRunner()
    for command in ("solve", "check", "import", "template"):
        help_text = runner.invoke(main, [command, "--help"]).output
        for option in re.findall(r"(--[a-z-]+)", help_text):
            if option != "--help":
                assert option in README, f"{command} {option} is not in the README"

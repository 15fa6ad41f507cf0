"""The README stays in step with the rule table and the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from roster.constraints import REGISTRY

from roster.cli import main

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands():
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_every_rule_is_in_the_catalogue_with_its_defaults():
    for rule in REGISTRY:
        row = re.search(rf"^\| `{rule.name}` \|(.*)$", README, re.MULTILINE)
        assert row, f"{rule.name} missing from the README's rule catalogue"
        cells = [c.strip() for c in row.group(1).split("|")]
        assert cells[0] == ("hard" if rule.hard else "soft")
        assert cells[1] == str(rule.weight)
        assert cells[2] == rule.unit
        assert rule.doc() in row.group(1)


def test_every_cli_option_is_documented():
    runner = CliRunner()
    for command in ("solve", "check", "import", "template"):
        help_text = runner.invoke(main, [command, "--help"]).output
        for option in re.findall(r"(--[a-z-]+)", help_text):
            if option != "--help":
                assert option in README, f"{command} {option} is not in the README"

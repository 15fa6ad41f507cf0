"""The README and the docs keep in step with the rules and the CLI; their links lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from roster.constraints import REGISTRY, catalogue

from roster.cli import main
from roster.io.schema import SETTING_ROWS, SHEETS, refresh

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
RULES = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
INPUT = (ROOT / "docs" / "input-workbook.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands():
    first_block = README.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block


def test_the_rule_catalogue_is_the_registrys():
    assert catalogue() in RULES, "docs/rules.md's table is stale: python -m roster.constraints"
    for rule in REGISTRY:
        assert f"| `{rule.name}` | {'hard' if rule.hard else 'soft'} | {rule.weight} |" in RULES


def test_the_input_workbook_page_lists_every_column_as_the_schema_says():
    assert refresh(INPUT) == INPUT, "docs/input-workbook.md is stale: " + (
        "python -m roster.io.schema docs/input-workbook.md"
    )
    for sheet in SHEETS:
        described = SETTING_ROWS if sheet.name == "Settings" else sheet.columns
        for column in described:
            if not column.for_people:
                assert f"| {column.name} | {column.meaning} |" in INPUT, (sheet.name, column.name)


def test_the_example_tables_of_the_input_workbook_page_use_only_known_columns():
    sections = re.split(r"^\*\*(\w+)\*\*", INPUT, flags=re.MULTILINE)[1:]
    by_name = {sheet.name: sheet for sheet in SHEETS}
    assert [name for name in sections[::2]] == list(by_name)
    for name, text in zip(sections[::2], sections[1::2], strict=True):
        example = next(line for line in text.splitlines() if line.startswith("| "))
        headers = [cell.strip() for cell in example.strip("|").split("|")]
        assert set(headers) <= set(by_name[name].headers), (name, headers)


def test_every_cli_option_is_documented():
    runner = CliRunner()
    for command in ("solve", "check", "import", "template"):
        help_text = runner.invoke(main, [command, "--help"]).output
        for option in re.findall(r"(--[a-z-]+)", help_text):
            if option != "--help":
                assert option in README, f"{command} {option} is not in the README"


def test_every_link_of_the_readme_and_the_docs_leads_to_a_file():
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    links = 0
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            links += 1
            assert (page.parent / target).exists(), f"{page.name} links to missing {target}"
    assert links >= 5  # the README's reference list at least


def test_the_readme_states_the_reading_limits_the_reader_applies():
    from roster.io import workbook

    limits = " ".join(README.split("Limits on what is read")[1].split("\n\n")[0].split())
    for sheet in SHEETS:
        assert f"{sheet.max_rows:,}" in limits and sheet.name in limits, sheet.name
    for number in (
        workbook.ROSTER_ROWS - 1,
        workbook.MAX_ROWS,
        workbook.MAX_COLUMNS,
        workbook.MAX_SHARED_STRINGS,
        workbook.MAX_PART_BYTES,
        workbook.MAX_TOTAL_BYTES,
    ):
        assert f"{number:,}" in limits, number

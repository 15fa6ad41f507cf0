"""The `roster` command end to end: solve, check, exit statuses and help."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from roster import api
from roster.cli import main
from roster.views import coverage_rows

SAMPLE = Path(__file__).parent.parent / "sample_inputs" / "call_center.xlsx"
START = dt.date(2026, 12, 7)
FAST = ("--time-limit", "10", "--workers", "2")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> tuple[Result, Path]:
    """`roster solve` with no INPUT: the bundled call-center sample."""
    output = tmp_path_factory.mktemp("solved") / "roster.xlsx"
    return run("solve", "-o", output, *FAST), output


def edited_copy(source: Path, target: Path, sheet: str, edit) -> Path:  # type: ignore[no-untyped-def]
    shutil.copy(source, target)
    book = openpyxl.load_workbook(target)
    edit(book[sheet])
    book.save(target)
    return target


def broken_rules(result: Result, *words: str) -> list[str]:
    """The `Broken rule:` lines that contain every one of `words`."""
    return [
        line
        for line in result.output.splitlines()
        if line.startswith("Broken rule: ") and all(w in line for w in words)
    ]


def test_solve_without_input_solves_the_sample_and_writes_the_workbook(solved):
    result, output = solved
    assert result.exit_code == 0, result.output
    assert f"Wrote {output}" in result.output
    assert [p.name for p in output.parent.iterdir()] == ["roster.xlsx"]  # no temporary left
    assert "No INPUT_FILE given: solving the bundled call-center sample" in result.output
    book = openpyxl.load_workbook(output)
    assert {"Roster", "Coverage", "Summary", "Diagnostics"} <= set(book.sheetnames)
    rows = list(book["Roster"].iter_rows(values_only=True))
    dates = [dt.datetime.combine(START + dt.timedelta(days=d), dt.time()) for d in range(21)]
    assert rows[0] == ("id", "name", *dates)
    assert [row[0] for row in rows[1:5]] == ["S01", "S02", "S03", "S04"]


def test_solve_warns_in_words_that_no_shift_covers_22_to_24(solved):
    result, _ = solved
    warning = next(line for line in result.output.splitlines() if line.startswith("Warning:"))
    assert "from 22:00 to 24:00" in warning and "no shift covers that time" in warning
    assert "on every day of the 3-week horizon" in warning


def test_solve_accepts_time_limit_seed_and_workers(tmp_path):
    output = tmp_path / "roster.xlsx"
    result = run(
        "solve",
        SAMPLE,
        "-o",
        output,
        "--time-limit",
        "5",
        "--seed",
        "3",
        "--workers",
        "1",
        "--quiet",
    )
    assert result.exit_code == 0, result.output
    assert output.exists()
    assert "week 1 from" not in result.output  # --quiet prints no grid


def test_check_accepts_a_valid_input(tmp_path):
    result = run("check", SAMPLE)
    assert result.exit_code == 0, result.output
    assert (
        "call_center.xlsx: the input is well-formed (4 staff, 3 shifts, 3 weeks)." in result.output
    )


def test_check_accepts_the_roster_just_solved(solved):
    _, output = solved
    result = run("check", SAMPLE, output)
    assert result.exit_code == 0, result.output
    assert "roster.xlsx: every hard rule holds; soft-rule cost" in result.output


def test_check_reports_a_day_left_blank_by_hand(solved, tmp_path):
    def blank_first_day(ws) -> None:  # type: ignore[no-untyped-def]
        for row in range(2, 6):
            ws.cell(row, 3).value = None

    edited = edited_copy(solved[1], tmp_path / "edited.xlsx", "Roster", blank_first_day)
    result = run("check", SAMPLE, edited)
    assert result.exit_code == 3, result.output
    assert broken_rules(result, "2026-12-07", "coverage")
    assert "edited.xlsx: " in result.output and "hard rule violations." in result.output


def test_check_reports_seven_working_days_for_one_person(solved, tmp_path):
    def seven_days(ws) -> None:  # type: ignore[no-untyped-def]
        for column in range(3, 10):
            ws.cell(2, column).value = "A"

    edited = edited_copy(solved[1], tmp_path / "edited.xlsx", "Roster", seven_days)
    result = run("check", SAMPLE, edited)
    assert result.exit_code == 3, result.output
    assert broken_rules(result, "S01 Wang Fang", "7 days", "2026-12-07", "allows 5")


@pytest.fixture
def no_double_duty(tmp_path) -> Path:
    """The sample with A+C no longer combinable: 21 shifts a week, 4 people x 5 days = 20."""

    def clear_combinable(ws) -> None:  # type: ignore[no-untyped-def]
        column = next(c for c in ws[1] if c.value == "combinable_with").column
        for row in range(2, ws.max_row + 1):
            ws.cell(row, column).value = None

    return edited_copy(SAMPLE, tmp_path / "input.xlsx", "Shifts", clear_combinable)


def test_solve_explains_with_arithmetic_and_writes_a_best_effort_roster(no_double_duty, tmp_path):
    output = tmp_path / "roster.xlsx"
    result = run("solve", no_double_duty, "-o", output, *FAST)
    assert result.exit_code == 3, result.output
    assert "Infeasible: Weekly demand is 21 shifts" in result.output
    assert "4 people x 5 days = 20 working days" in result.output
    uncovered = [line for line in result.output.splitlines() if line.startswith("Uncovered")]
    assert len(uncovered) == 3  # one 2-hour C evening a week: the fewest a roster can leave
    assert all("20:00-22:00: 0 of 1 people at work" in line for line in uncovered)
    assert "Best-effort roster: the hard rules cannot all hold" in result.output
    assert "6 person-hours of coverable demand" in result.output
    book = openpyxl.load_workbook(output)
    problem, written = api.load_published(output)
    assert sum(1 for row in coverage_rows(problem, written) if row.note == "short") == 3
    diagnostics = [row[0] for row in book["Diagnostics"].iter_rows(min_row=2, values_only=True)]
    assert "infeasible" in diagnostics


def test_check_of_an_input_that_cannot_hold_exits_3(no_double_duty):
    result = run("check", no_double_duty)
    assert result.exit_code == 3, result.output
    assert "the input is well-formed" in result.output
    assert "21 shifts" in result.stderr and "= 20 working days" in result.stderr


def test_solve_refuses_to_write_over_its_input(tmp_path):
    source = tmp_path / "input.xlsx"
    shutil.copy(SAMPLE, source)
    result = run("solve", source, "-o", tmp_path / "." / "input.xlsx", *FAST)
    assert result.exit_code == 2, result.output
    assert (
        "Error: input.xlsx: is the input workbook, and writing the roster would replace it"
        in result.stderr
    )
    assert source.read_bytes() == SAMPLE.read_bytes()


def test_solve_keeps_an_existing_roster_unless_forced(solved, tmp_path):
    _, first = solved
    output = tmp_path / "roster.xlsx"
    shutil.copy(first, output)
    kept = output.read_bytes()
    refused = run("solve", SAMPLE, "-o", output, *FAST)
    assert refused.exit_code == 1, refused.output
    assert f"Error: {output} exists already; add --force to replace it." in refused.stderr
    assert "Optimal" not in refused.output  # refused before solving
    assert output.read_bytes() == kept
    replaced = run("solve", SAMPLE, "-o", output, "--force", *FAST)
    assert replaced.exit_code == 0, replaced.output
    assert output.read_bytes() != kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]


@pytest.mark.parametrize("how", ["Excel's lock file", "read-only"])
def test_a_roster_open_in_excel_is_refused_before_solving(solved, tmp_path, how):
    if how == "read-only" and os.geteuid() == 0:
        pytest.skip("root may write a read-only file: run the tests as a user to check this")
    _, first = solved
    output = tmp_path / "roster.xlsx"
    shutil.copy(first, output)
    kept = output.read_bytes()
    if how == "read-only":
        output.chmod(0o444)
    else:
        (tmp_path / "~$roster.xlsx").write_bytes(b"owner")
    result = run("solve", SAMPLE, "-o", output, "--force", *FAST)
    assert result.exit_code == 1, result.output
    assert f"Error: cannot write {output}: it is open in Excel" in result.stderr
    assert "close it there, or write to another file with -o" in result.stderr
    assert "Optimal" not in result.output
    assert output.read_bytes() == kept


def test_solve_wants_an_xlsx_output(tmp_path):
    result = run("solve", "-o", tmp_path / "roster.csv", *FAST)
    assert result.exit_code == 2
    assert "roster.csv does not end in .xlsx" in result.stderr
    assert not list(tmp_path.iterdir())


def test_an_output_that_cannot_be_written_is_a_plain_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("solve", "-o", blocker / "roster.xlsx", *FAST)
    assert result.exit_code == 1
    assert f"Error: cannot write {blocker / 'roster.xlsx'}: " in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("command", "mentions"),
    [
        ((), ("solve", "check", "Exit status: 0", "2 bad input", "3 the hard rules")),
        (
            ("solve",),
            (
                "--output",
                "--time-limit",
                "--seed",
                "--workers",
                "--quiet",
                "bundled call-center sample",
                "Exit status: 0",
                "4 no roster",
            ),
        ),
        (("check",), ("ROSTER_FILE", "Exit status 3 when a hard rule is broken", "2 bad input")),
    ],
    ids=["roster", "solve", "check"],
)
def test_help_names_the_options_and_exit_statuses(command, mentions):
    result = run(*command, "--help")
    assert result.exit_code == 0
    text = " ".join(result.output.split())  # help is wrapped to the terminal width
    for mention in mentions:
        assert mention in text


def test_strict_turns_the_structural_gap_into_exit_3(tmp_path):
    output = tmp_path / "roster.xlsx"
    relaxed = run("solve", "-o", output, *FAST)
    strict = run("solve", "--strict", "-o", output, "--force", *FAST)
    assert relaxed.exit_code == 0 and strict.exit_code == 3
    assert "no shift covers that time" in strict.output
    assert output.exists()  # the roster is still written


def test_help_loads_neither_the_solver_nor_the_spreadsheet_libraries():
    """`roster --help` answers at once: the commands load what they use when they run."""
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from roster.cli import main\n"
        "assert CliRunner().invoke(main, ['--help']).exit_code == 0\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & {'ortools', 'pandas', "
        "'openpyxl', 'matplotlib', 'numpy'})))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_python_dash_m_roster_is_the_command():
    done = subprocess.run(
        [sys.executable, "-m", "roster", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(f"version {version('roster-cpsat')}")


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--seed", "99999999999999999999", "is not in the range 0<=x<=2147483647"),
        ("--seed", "-1", "is not in the range 0<=x<=2147483647"),
        ("--time-limit", "nan", "'nan' is not a finite number (0.1<=x<=86400)"),
        ("--time-limit", "inf", "is not in the range 0.1<=x<=86400"),
        ("--work-limit", "nan", "'nan' is not a finite number"),
        ("--workers", "65", "is not in the range 1<=x<=64"),
        ("--weeks", "53", "is not in the range 1<=x<=52"),
    ],
)
def test_every_numeric_option_is_range_checked_as_the_settings_sheet_is(
    tmp_path, option, value, says
):
    result = run("solve", "-o", tmp_path / "roster.xlsx", option, value)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.stderr and says in result.stderr
    assert "internal error" not in result.output
    assert not list(tmp_path.iterdir())

"""Period after period: `roster solve --after PREVIOUS.xlsx` starts the day after PREVIOUS ends,
carries its days over and goes on with its rotation; `roster check --after` judges the boundary."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from test_living_workbook import needs_libreoffice, recalculated

from roster import api

sys.path.insert(0, str(Path(__file__).parent.parent))
from benchmarks.continuity import joined, solve_periods
from roster.check import check
from roster.cli import main
from roster.domain import Problem

SAMPLE = Path(__file__).parent.parent / "sample_inputs" / "call_center.xlsx"
PERIODS = 3  # of the sample's 3 weeks each: 9 weeks in all


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def solved(problem: Problem, path: Path) -> Path:
    settings = dataclasses.replace(problem.settings, work_limit=20)
    result = api.solve(problem, settings)
    assert result.report.valid, [v.message for v in result.report.hard_violations]
    result.to_excel(path)
    return path


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> list[Path]:
    """The sample solved three times, each period after the one before."""
    folder = tmp_path_factory.mktemp("chain")
    paths: list[Path] = []
    for period in range(PERIODS):
        problem = api.load_input(SAMPLE, after=paths[-1:]).problem
        paths.append(solved(problem, folder / f"period{period + 1}.xlsx"))
    return paths


def test_each_period_starts_the_day_after_the_one_before(chain):
    starts = [api.load_published(path)[0].start_date for path in chain]
    assert starts == [dt.date(2026, 12, 7), dt.date(2026, 12, 28), dt.date(2027, 1, 18)]


def test_three_periods_chain_into_one_nine_week_roster_the_checker_accepts(chain):
    whole, roster = joined(SAMPLE, chain)
    report = check(whole, roster)
    assert report.valid, [v.message for v in report.hard_violations]
    # The rotation goes on across both boundaries: nobody leaves the pattern in nine weeks.
    assert [v.message for v in report.violations if v.rule == "rotation"] == []
    # The C shifts and the weekends stay fair over the nine weeks, not only within a period.
    assert [v.message for v in report.violations if v.rule.startswith("fair_")] == []
    c_shifts = Counter(a.staff_id for a in roster.assignments if a.shift_code == "C")
    weekends = Counter(
        staff_id
        for staff_id, day in {(a.staff_id, a.day) for a in roster.assignments}
        if whole.is_weekend(day)
    )
    assert max(c_shifts.values()) - min(c_shifts.values()) <= 1
    assert max(weekends.values()) - min(weekends.values()) <= 1


def test_periods_solved_afresh_are_what_it_prevents(tmp_path):
    """The yardstick: the same three periods, each solved as if nothing came before."""
    fresh = solve_periods(SAMPLE, PERIODS, 20, tmp_path, after=False)
    whole, roster = joined(SAMPLE, fresh)
    broken = {v.rule for v in check(whole, roster).violations}
    assert "rotation" in broken  # each period restarts the rotation


def test_the_rotation_week_and_history_travel_in_the_published_workbook(chain):
    second, _ = api.load_published(chain[1])
    assert second.history is not None and second.history.days == 21
    (group,) = second.rotations
    assert group.first_week == 3  # three weeks of the pattern went by in the first period
    third, _ = api.load_published(chain[2])
    assert third.history is not None and third.history.days == 42
    assert third.rotations[0].first_week == 6


def test_check_after_names_a_rule_broken_across_the_boundary(chain, tmp_path):
    first, roster = api.load_published(chain[0])
    last_day = first.num_days - 1
    worker = next(a.staff_id for a in sorted(roster.assignments, key=str) if a.day == last_day)
    edited = tmp_path / "edited.xlsx"
    book = openpyxl.load_workbook(chain[1])
    row = next(r for r in book["Roster"].iter_rows(min_row=2) if r[0].value == worker)
    for cell in row[2:8]:  # Monday to Saturday: six days, after the Sunday before
        cell.value = "B"
    book.save(edited)
    result = run("check", SAMPLE, edited, "--after", chain[0])
    assert result.exit_code == 3, result.output
    across = [line for line in result.output.splitlines() if "in the previous roster" in line]
    assert across, result.output
    assert all(f"{worker} " in line and "days in a row up to" in line for line in across)
    # The same roster checked without the earlier period cannot see the boundary.
    alone = run("check", SAMPLE, edited)
    assert "in the previous roster" not in alone.output


def test_solve_after_tells_what_it_carries_over(chain, tmp_path):
    result = run(
        "solve", SAMPLE, "--after", chain[0], "-o", tmp_path / "next.xlsx", "--work-limit", "5"
    )
    assert result.exit_code == 0, result.output
    assert (
        "Follows on from period1.xlsx: the 21 days from 2026-12-07 to 2026-12-27 count for "
        "rest, shift successions and runs of days across the start, and in the fairness "
        "tallies; rotation 'all' goes on where it stopped, its first person on pattern week 4 "
        "(the same pattern)." in result.output
    )


def test_previous_rosters_with_a_gap_are_refused(chain, tmp_path):
    result = run(
        "solve", SAMPLE, "--after", chain[0], "--after", chain[2], "-o", tmp_path / "x.xlsx"
    )
    assert result.exit_code == 2
    assert (
        "Error: period3.xlsx: starts 2027-01-18, but period1.xlsx ends 2026-12-27: it leaves "
        "21 days uncovered; expected rosters that follow each other: the next one starting "
        "2026-12-28" in result.output
    )
    assert not (tmp_path / "x.xlsx").exists()


def test_several_previous_rosters_in_any_order_give_the_same_history(chain):
    one = api.load_input(SAMPLE, after=chain[1:2]).problem
    two = api.load_input(SAMPLE, after=[chain[1], chain[0]]).problem
    assert one.start_date == two.start_date == dt.date(2027, 1, 18)
    assert one.history is not None and two.history is not None
    assert one.history.assignments == two.history.assignments


def with_history_sheet(tmp_path: Path, *rows: tuple[object, ...]) -> Path:
    book = openpyxl.load_workbook(SAMPLE)
    sheet = book["History"]  # the samples carry it empty, with its header
    for row in rows:
        sheet.append(list(row))
    path = tmp_path / "with-history.xlsx"
    book.save(path)
    return path


def test_a_typed_history_sheet_is_read_as_the_days_before_the_start(tmp_path):
    path = with_history_sheet(tmp_path, ("2026-12-05", "S01", None), ("2026-12-06", "S01", "B"))
    problem = api.load_problem(path)
    assert problem.history is not None and problem.history.days == 2
    assert problem.history.codes("S01", -1) == ("B",)
    assert problem.history.codes("S01", -2) == ()


def test_every_bad_line_of_the_history_sheet_is_named(tmp_path):
    path = with_history_sheet(
        tmp_path,
        ("2026-12-07", "S01", "A"),
        ("2026-12-06", "S99", "A"),
        ("2026-12-06", "S02", "X"),
        ("2026-12-05", "S02", "A"),
        ("2026-12-05", "S02", "B"),
    )
    result = run("check", path)
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert errors == [
        "Error: with-history.xlsx, sheet History, row 2, column A (date): is not before the "
        "roster's start date (found '2026-12-07'); expected a date before 2026-12-07: the History "
        "sheet holds the days before the roster",
        "Error: with-history.xlsx, sheet History, row 3, column B (staff_id): is not a staff id "
        "of the Staff sheet (found 'S99'); expected an id from the Staff sheet (someone no longer "
        "on it: leave the line out)",
        "Error: with-history.xlsx, sheet History, row 4, column C (shifts): is not a shift code "
        "(found 'X'); expected A, B or C, several joined with +",
        "Error: with-history.xlsx, sheet History, row 6, column A (date): is used twice (found "
        "'2026-12-05'); expected one line per person and day. Row 5 has it already",
    ]


def test_a_repair_of_a_later_period_keeps_the_boundary(chain):
    problem, roster = api.load_published(chain[1])
    assert problem.history is not None  # from the workbook's Input History sheet
    absent = next(a.staff_id for a in sorted(roster.assignments, key=str) if a.day == 0)
    repaired = api.repair(problem, roster, absences=[api.Absence(staff_id=absent, first=0, last=0)])
    assert repaired.result.problem.history == problem.history  # judged across the boundary
    report = check(repaired.result.problem, repaired.result.roster)
    assert report.valid, [v.message for v in report.hard_violations]
    assert repaired.result.roster.shifts_of(absent, 0) == ()


@needs_libreoffice
def test_the_summary_shows_the_weeks_before_beside_this_periods_tallies(chain, tmp_path):
    problem, roster = api.load_published(chain[1])
    first, earlier = api.load_published(chain[0])
    book = recalculated(chain[1], tmp_path)
    rows = list(book["Summary"].iter_rows(values_only=True))
    header = rows[0]
    weekend = header.index("weekend days worked before")
    c_total = header.index("C shifts in all")
    for person, values in zip(problem.staff, rows[1:], strict=False):
        c_shifts = sum(
            a.shift_code == "C" and a.staff_id == person.id
            for r in (earlier, roster)
            for a in r.assignments
        )
        weekends = {a.day for a in earlier.assignments if a.staff_id == person.id}
        assert values[weekend] == sum(first.is_weekend(d) for d in weekends)
        assert values[c_total] == c_shifts
    fairness = {row[0]: row for row in book["Fairness"].iter_rows(values_only=True)}
    assert fairness["C shifts in all"][5] <= 1


def test_an_input_workbook_given_as_the_previous_roster_is_named_as_such(tmp_path):
    result = run("solve", SAMPLE, "--after", SAMPLE, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert errors == [
        "Error: call_center.xlsx: is not a roster workbook written by `roster solve` (it lacks "
        "the Roster sheet or the Input sheets a published roster carries); expected the roster "
        "published for the period before, e.g. roster.xlsx. Give the input workbook as "
        "INPUT_FILE and the earlier roster after --after"
    ]
    assert not (tmp_path / "x.xlsx").exists()


def test_a_roster_of_another_period_is_named_in_one_line(chain):
    result = run("check", SAMPLE, chain[2], "--after", chain[0])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error: ")]
    assert errors == [
        "Error: period3.xlsx, sheet Roster, row 1: holds another period: its dates run from "
        "2027-01-18 to 2027-02-07; expected one column per date from 2026-12-28 to 2027-01-17; "
        "a roster that follows on from another is checked with --after and the roster "
        "published just before it"
    ]

"""The contract and demand fields beyond the basics, typed in the input workbook: successions on
Shifts, limits over the whole roster on Staff, the Demand sheet and weighted wishes.

Bad values of these columns are in test_bad_input.py with the other located messages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from roster import api
from roster.check import check
from roster.cli import main
from roster.domain import Request, ShiftDemand, SolveSettings
from roster.io.curtois import read_curtois
from roster.io.template import write_problem, write_template
from roster.rulebook import effective_rules

TESTS = Path(__file__).parent
TEAM = TESTS.parent / "sample_inputs" / "call_center_team.xlsx"
MONDAY = dt.date(2027, 3, 1)  # no public holiday in the two weeks from here


def fill(ws: Worksheet, row: int, **values: object) -> None:
    """Type values into a row by column header, as a person fills in the template."""
    headers = [cell.value for cell in ws[1]]
    for header, value in values.items():
        ws.cell(row, headers.index(header) + 1).value = value


@pytest.fixture
def template(tmp_path) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(path, MONDAY, 2)
    return path


def test_the_new_columns_of_the_template_load_as_typed(template):
    book = openpyxl.load_workbook(template)
    fill(book["Shifts"], 3, not_followed_by="E")  # L: no early the morning after a late
    fill(
        book["Staff"],
        2,
        max_shifts="L=3, E = 8",
        min_hours_total=40,
        max_hours_total=72.5,
        max_weekends=0,
        min_consecutive_days=2,
        min_consecutive_days_off=2,
    )
    demand = book["Demand"]
    demand.append(["weekdays", "E", 1])
    demand.append(["Sat", "L", 1, 10, 3])
    demand.append([dt.datetime(2027, 3, 3), "L", 2, None, 0])  # a Wednesday, as an Excel date
    availability = book["Availability"]
    availability.append(["P02", "2027-03-02", "2027-03-03", "prefer_off", None, "course", 3])
    availability.append(["P03", "2027-03-04", None, "prefer", "E"])
    book.save(template)

    problem = api.load_problem(template)
    assert problem.shift("L").not_followed_by == {"E"}
    assert problem.shift("E").not_followed_by == frozenset()
    first, second = problem.staff[:2]
    assert first.max_shifts_by_code == (("L", 3), ("E", 8))
    assert first.max_shifts_of("E") == 8 and first.max_shifts_of("X") is None
    assert (first.min_minutes_total, first.max_minutes_total) == (2400, 4350)
    assert first.max_weekends == 0
    assert (first.min_consecutive_days, first.min_consecutive_days_off) == (2, 2)
    assert second == dataclasses.replace(second, max_shifts_by_code=(), max_weekends=None)
    assert second.min_minutes_total is second.min_consecutive_days is None
    weekdays = [d for d in range(14) if d % 7 < 5]
    assert problem.demands == (
        *(ShiftDemand(day=d, shift_code="E", people=1) for d in weekdays),
        *(
            ShiftDemand(day=d, shift_code="L", people=1, under_weight=10, over_weight=3)
            for d in (5, 12)
        ),
        ShiftDemand(day=2, shift_code="L", people=2, over_weight=0),
    )
    assert problem.requests == (
        Request(staff_id="P02", day=1, kind="prefer_off", weight=3, note="course"),
        Request(staff_id="P02", day=2, kind="prefer_off", weight=3, note="course"),
        Request(staff_id="P03", day=3, kind="prefer", shift_code="E"),
    )


def test_a_problem_with_every_new_field_is_written_and_read_back_unchanged(tmp_path):
    problem = read_curtois(TESTS / "data" / "curtois_tiny.txt")
    assert problem.demands and any(r.weight > 1 for r in problem.requests)
    assert any(s.not_followed_by for s in problem.shifts)
    assert all(p.max_shifts_by_code and p.max_weekends is not None for p in problem.staff)
    path = tmp_path / "tiny.xlsx"
    write_problem(problem, path)
    back = api.load_problem(path)
    assert back == dataclasses.replace(problem, name="tiny")
    assert effective_rules(back) == effective_rules(problem)


def test_the_demand_sheet_may_be_left_out(tmp_path):
    path = tmp_path / "input.xlsx"
    shutil.copy(TEAM, path)
    book = openpyxl.load_workbook(path)
    book.remove(book["Demand"])
    book.save(path)
    assert api.load_problem(path) == dataclasses.replace(api.load_problem(TEAM), name="input")


def test_weighted_wishes_survive_an_hr_import(tmp_path):
    base = tmp_path / "base.xlsx"
    shutil.copy(TEAM, base)
    book = openpyxl.load_workbook(base)
    book["Availability"].append(["T03", "2026-12-08", None, "prefer_off", None, None, 4])
    book.save(base)
    hr = tmp_path / "hr.xlsx"
    sheet = openpyxl.Workbook()
    sheet.active.append(["工号", "日期", "类型", "班次", "权重"])
    sheet.active.append(["T09", "2026-12-15", "想上", "B", 2])
    sheet.save(hr)
    output = tmp_path / "out.xlsx"

    result = CliRunner().invoke(main, ["import", str(hr), "--input", str(base), "-o", str(output)])

    assert result.exit_code == 0, result.output
    weights = {(r.staff_id, r.kind): r.weight for r in api.load_problem(output).requests}
    assert weights[("T03", "prefer_off")] == 4 and weights[("T09", "prefer")] == 2
    assert weights[("T02", "prefer_off")] == 1


def test_max_weekends_weights_and_demand_lines_shape_the_roster(template):
    """P01 wishes to work Saturday's early shift (weight 5) but may work no weekend; Wednesdays
    need two people on the late shift. Without the limit P01 works that Saturday and two more
    weekend days (cost 0); the Coverage sheet alone needs one person on L."""
    book = openpyxl.load_workbook(template)
    fill(book["Staff"], 2, max_weekends=0)
    fill(book["Staff"], 3, skills="leader")  # so that P01 need not lead every weekday
    book["Availability"].append(["P01", "2027-03-06", None, "prefer", "E", None, 5])
    book["Demand"].append(["Wed", "L", 2])
    book.save(template)
    problem = api.load_problem(template)

    result = api.solve(problem, SolveSettings(time_limit_seconds=10, seed=0, workers=1))

    report = check(problem, result.roster)
    assert report.valid and report == result.report
    assert report.score == result.outcome.objective
    cells = result.roster.by_person_day()
    assert [d for (who, d) in cells if who == "P01" and problem.is_weekend(d)] == []
    (refused,) = [v for v in report.violations if v.rule == "preferences"]
    assert (refused.staff_id, refused.day, refused.cost) == ("P01", 5, 10 * 5)
    for wednesday in (2, 9):
        on_late = [who for (who, d), codes in cells.items() if d == wednesday and "L" in codes]
        assert len(on_late) == 2

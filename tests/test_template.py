"""`roster template`: the blank input workbook a supervisor fills in, and the grid HR fills in."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from roster.constraints import REGISTRY

from roster import api
from roster.cli import main
from roster.cli.template import template as template_command
from roster.domain import (
    AVAILABILITY_KINDS,
    WEEKDAY_NAMES,
    CoverageLine,
    Problem,
    Request,
    RuleConfig,
    Shift,
    SolveSettings,
    Staff,
)
from roster.io.schema import ENTRY_ROWS, SHEETS
from roster.io.template import (
    LISTS_SHEET,
    choices_formula,
    next_monday,
    write_availability_grid,
    write_template,
)

SAMPLE = Path(__file__).parent.parent / "sample_inputs" / "call_center.xlsx"
README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
MONDAY = dt.date(2027, 3, 1)  # no public holiday in the two weeks from here
LAST = ENTRY_ROWS + 1


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def template(tmp_path) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(path, MONDAY, 2)
    return path


def validations(ws: Worksheet) -> dict[str, DataValidation]:
    """Each data validation of a sheet by the cells it covers, e.g. `E2:E501`."""
    return {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}


def choices(dv: DataValidation, book: openpyxl.Workbook | None = None) -> list[str]:
    """A drop-down's values: inline, or (given the book) from a column of the Lists sheet."""
    assert dv.type == "list"
    if dv.formula1.startswith('"'):
        return dv.formula1.strip('"').split(",")
    assert book is not None and dv.formula1.startswith(f"{LISTS_SHEET}!"), dv.formula1
    cells = book[LISTS_SHEET][dv.formula1.split("!")[1].replace("$", "")]
    return [cell.value for (cell,) in cells]


def test_the_blank_template_loads_and_solves_as_written(template):
    problem = api.load_problem(template)
    assert (problem.start_date, problem.weeks) == (MONDAY, 2)
    assert [s.code for s in problem.shifts] == ["E", "L"]
    assert [p.id for p in problem.staff] == ["P01", "P02", "P03"]
    assert [line.label for line in problem.coverage] == ["daily", "weekdays"]
    assert problem.requests == ()
    assert [r.name for r in problem.rules] == [rule.name for rule in REGISTRY]
    result = api.solve(problem, SolveSettings(time_limit_seconds=10, seed=0, workers=1))
    assert result.report.valid


def test_roster_check_accepts_the_blank_template(template):
    result = run("check", template)
    assert result.exit_code == 0, result.output
    assert "template.xlsx: the input is well-formed (3 staff, 2 shifts, 2 weeks)." in result.output


def type_row(ws: Worksheet, row: int, *values: object) -> None:
    """What a person does: type over the cells of a row, emptying those they clear."""
    for column, value in enumerate(values, start=1):
        ws.cell(row, column).value = value


def test_a_template_filled_in_by_hand_loads_as_typed(template, tmp_path):
    book = openpyxl.load_workbook(template)
    shifts, staff, coverage = book["Shifts"], book["Staff"], book["Coverage"]
    type_row(shifts, 2, "A", "Day", "09:00", "17:00", "onsite", None, "C")
    type_row(shifts, 3, "B", None, "12:00", "20:00", "onsite", None, None)
    type_row(shifts, 4, "C", "Evening at home", "20:00", "22:00", "remote", 2, "A")
    type_row(staff, 2, "S01", "Wang Fang", "leader", "yes", 40, 5, 6, None)
    type_row(staff, 3, "S02", "Li Na", None, "no", 40, 5, None, 2)
    type_row(staff, 4, "S03", "Zhang Wei", "leader, english", "yes", 32.5, 4, None, None)
    type_row(staff, 5, "S04", "Liu Yang", None, "yes", None, None, None, None)
    type_row(coverage, 2, "daily", "09:00", "24:00", 1, None)
    type_row(coverage, 3, "weekdays", "12:00", "17:00", 2, None)  # the skill cell cleared
    type_row(coverage, 4, "Sat, Sun", "09:00", "17:00", 1, "leader")
    availability = book["Availability"]
    type_row(availability, 2, "S02", dt.datetime(2027, 3, 3), None, "leave", None, "dentist")
    type_row(availability, 3, "Zhang Wei", "2027-03-08", "2027-03-10", "leave", None, None)
    type_row(availability, 4, "S04", dt.datetime(2027, 3, 2), None, "fixed", "A", None)
    rules = book["Rules"]
    row_of = {rules.cell(row, 1).value: row for row in range(2, rules.max_row + 1)}
    rules.cell(row_of["min_rest"], 5).value = "hours=12"
    rules.cell(row_of["preferences"], 4).value = 20
    rules.cell(row_of["combined_shifts"], 2).value = "off"
    settings = book["Settings"]
    settings["B2"] = dt.datetime(2027, 3, 1)  # a real Excel date
    settings["B3"] = 2
    filled = tmp_path / "filled.xlsx"
    book.save(filled)

    changed = {
        "min_rest": {"params": {"hours": 12}},
        "preferences": {"weight": 20},
        "combined_shifts": {"enabled": False},
    }
    expected = Problem(
        name="filled",
        start_date=MONDAY,
        weeks=2,
        shifts=(
            Shift(
                code="A",
                name="Day",
                start=540,
                end=1020,
                paid_minutes=480,
                combinable_with=frozenset("C"),
            ),
            Shift(code="B", name="B", start=720, end=1200, paid_minutes=480),
            Shift(
                code="C",
                name="Evening at home",
                start=1200,
                end=1320,
                location="remote",
                paid_minutes=120,
                combinable_with=frozenset("A"),
            ),
        ),
        staff=(
            Staff(
                id="S01",
                name="Wang Fang",
                skills=frozenset({"leader"}),
                max_minutes_per_week=2400,
                max_days_per_week=5,
                max_consecutive_days=6,
            ),
            Staff(
                id="S02",
                name="Li Na",
                remote_ok=False,
                max_minutes_per_week=2400,
                max_days_per_week=5,
                min_days_off_per_week=2,
            ),
            Staff(
                id="S03",
                name="Zhang Wei",
                skills=frozenset({"leader", "english"}),
                max_minutes_per_week=1950,
                max_days_per_week=4,
            ),
            Staff(id="S04", name="Liu Yang"),
        ),
        coverage=(
            CoverageLine(
                label="daily",
                days=frozenset(range(14)),
                start=540,
                end=1440,
                min_people=1,
                source_row=2,
            ),
            CoverageLine(
                label="weekdays",
                days=frozenset({0, 1, 2, 3, 4, 7, 8, 9, 10, 11}),
                start=720,
                end=1020,
                min_people=2,
                source_row=3,
            ),
            CoverageLine(
                label="Sat, Sun",
                days=frozenset({5, 6, 12, 13}),
                start=540,
                end=1020,
                min_people=1,
                skill="leader",
                source_row=4,
            ),
        ),
        requests=(
            Request(staff_id="S02", day=2, kind="leave", note="dentist"),
            *(Request(staff_id="S03", day=day, kind="leave") for day in (7, 8, 9)),
            Request(staff_id="S04", day=1, kind="fixed", shift_code="A"),
        ),
        rules=tuple(
            RuleConfig(
                **{
                    "name": rule.name,
                    "hard": rule.hard,
                    "weight": rule.weight,
                    "params": rule.params,
                    "relaxable": rule.relaxable,
                    **changed.get(rule.name, {}),
                }
            )
            for rule in REGISTRY
        ),
        settings=SolveSettings(time_limit_seconds=30, seed=0, workers=2),
    )
    assert api.load_problem(filled) == expected


def test_instructions_come_first_and_explain_every_column(template):
    book = openpyxl.load_workbook(template)
    visible = [ws.title for ws in book if ws.sheet_state == "visible"]
    assert visible == ["Instructions", *(sheet.name for sheet in SHEETS)]
    text = "\n".join(
        str(cell) for row in book["Instructions"].iter_rows(values_only=True) for cell in row
    )
    assert "roster check input.xlsx" in text and "roster solve input.xlsx" in text
    assert "examples" in text and "24:00" in text
    rows = set(book["Instructions"].iter_rows(values_only=True))
    for sheet in SHEETS:
        assert list(sheet.headers) == [c.value for c in book[sheet.name][1] if c.value]
        for column in sheet.columns:
            if not column.for_people:
                assert any(row[:2] == (sheet.name, column.name) for row in rows), column.name


def test_every_sheet_has_a_frozen_header_and_readable_widths(template):
    book = openpyxl.load_workbook(template)
    for sheet in SHEETS:
        ws = book[sheet.name]
        assert ws.freeze_panes == "A2"
        for index, header in enumerate(sheet.headers, start=1):
            width = ws.column_dimensions[openpyxl.utils.get_column_letter(index)].width
            assert width >= len(header), (sheet.name, header)


def test_drop_downs_offer_the_valid_values(template):
    book = openpyxl.load_workbook(template)
    shift = validations(book["Availability"])[f"E2:E{LAST}"]
    assert (shift.type, shift.formula1) == ("list", f"Shifts!$A$2:$A${LAST}")
    assert shift.showErrorMessage
    assert book["Shifts"]["A1"].value == "code"
    assert choices(validations(book["Availability"])[f"D2:D{LAST}"]) == list(AVAILABILITY_KINDS)
    assert choices(validations(book["Shifts"])[f"E2:E{LAST}"]) == ["onsite", "remote"]
    assert choices(validations(book["Staff"])[f"D2:D{LAST}"]) == ["yes", "no"]
    rules = validations(book["Rules"])
    assert choices(rules[f"A2:A{LAST}"], book) == [rule.name for rule in REGISTRY]
    assert choices(rules[f"B2:B{LAST}"]) == ["on", "off"]
    assert choices(rules[f"C2:C{LAST}"]) == ["hard", "soft"]
    assert all(dv.showErrorMessage for dv in rules.values() if dv.type == "list")


def test_coverage_days_suggest_keywords_but_allow_dates(template):
    days = validations(openpyxl.load_workbook(template)["Coverage"])[f"A2:A{LAST}"]
    assert choices(days) == ["daily", "weekdays", "weekends", *WEEKDAY_NAMES]
    assert not days.showErrorMessage  # free text, such as 2027-03-05 or "Mon, Tue", is allowed
    assert days.showInputMessage and "YYYY-MM-DD" in days.prompt


@pytest.mark.parametrize(("sheet", "columns"), [("Shifts", "CD"), ("Coverage", "BC")])
def test_time_cells_are_text_with_an_input_message(template, sheet, columns):
    ws = openpyxl.load_workbook(template)[sheet]
    by_cells = validations(ws)
    for letter in columns:
        assert ws.column_dimensions[letter].number_format == "@"  # 24:00 stays 24:00
        assert ws[f"{letter}2"].number_format == "@" and re.fullmatch(
            r"\d\d:\d\d", ws[f"{letter}2"].value
        )
        assert "HH:MM" in by_cells[f"{letter}2:{letter}{LAST}"].prompt


def test_numbers_are_checked_and_every_column_has_an_input_message(template):
    book = openpyxl.load_workbook(template)
    days = validations(book["Staff"])[f"F2:F{LAST}"]
    assert (days.type, days.formula1, days.formula2) == ("whole", "0", "7")
    for sheet in SHEETS:
        prompts = [dv for dv in validations(book[sheet.name]).values() if dv.showInputMessage]
        assert len(prompts) == sum(1 for c in sheet.columns if not c.for_people), sheet.name
        assert all(0 < len(dv.prompt) <= 255 for dv in prompts)


def test_the_contract_demand_and_weight_columns_are_checked_and_explained(template):
    book = openpyxl.load_workbook(template)

    def column(sheet: str, header: str) -> DataValidation:
        headers = [c.value for c in book[sheet][1]]
        letter = openpyxl.utils.get_column_letter(headers.index(header) + 1)
        return validations(book[sheet])[f"{letter}2:{letter}{LAST}"]

    numbers = {
        ("Staff", "max_weekends"): ("whole", "0", "52"),
        ("Staff", "min_hours_total"): ("decimal", "0", "8784"),
        ("Staff", "max_hours_total"): ("decimal", "0", "8784"),
        ("Staff", "min_consecutive_days"): ("whole", "1", "366"),
        ("Staff", "min_consecutive_days_off"): ("whole", "1", "366"),
        ("Demand", "people"): ("whole", "0", "10000"),
        ("Demand", "under_weight"): ("whole", "0", "1000000"),
        ("Demand", "over_weight"): ("whole", "0", "1000000"),
        ("Availability", "weight"): ("whole", "1", "1000000"),
    }
    for (sheet, header), limits in numbers.items():
        dv = column(sheet, header)
        assert (dv.type, dv.formula1, dv.formula2) == limits, header
        assert dv.showErrorMessage and dv.showInputMessage, header
    shift = column("Demand", "shift")
    assert (shift.type, shift.formula1) == ("list", f"Shifts!$A$2:$A${LAST}")
    days = column("Demand", "days")
    assert choices(days) == ["daily", "weekdays", "weekends", *WEEKDAY_NAMES]
    assert not days.showErrorMessage
    assert "prefer and prefer_off lines only" in column("Availability", "weight").prompt
    assert "N=0" in column("Staff", "max_shifts").prompt
    assert "Empty: any shift may follow" in column("Shifts", "not_followed_by").prompt
    text = " ".join(str(c) for row in book["Instructions"].iter_rows(values_only=True) for c in row)
    assert "Example lines for the Demand sheet" in text and "5. Demand (may stay empty)" in text


def test_the_rules_sheet_lists_every_rule_with_its_default(template):
    rows = list(openpyxl.load_workbook(template)["Rules"].iter_rows(values_only=True))
    assert rows[0] == (
        "rule",
        "enabled",
        "hard",
        "weight",
        "parameters",
        "relaxable",
        "unit",
        "what it means",
    )
    assert [row[0] for row in rows[1:]] == [rule.name for rule in REGISTRY]
    for rule, (_, enabled, hard, weight, params, relaxable, unit, meaning) in zip(
        REGISTRY, rows[1:], strict=True
    ):
        assert (enabled, hard, weight) == ("on", "hard" if rule.hard else "soft", rule.weight)
        assert relaxable == ("yes" if rule.relaxable else "no")
        assert (params or "") == ", ".join(f"{k}={v:g}" for k, v in rule.params.items())
        assert (unit, meaning) == (rule.unit, rule.doc())


def test_example_rows_are_marked_grey_and_availability_has_none(template):
    book = openpyxl.load_workbook(template)
    for sheet in ("Shifts", "Staff", "Coverage"):
        assert book[sheet]["A2"].font.italic and book[sheet]["B2"].font.color.rgb.endswith("808080")
    assert book["Availability"].max_row == 1
    assert book["Rules"]["A2"].font.color is None or not book["Rules"]["A2"].font.italic


def test_a_drop_down_list_too_long_for_excel_moves_to_a_hidden_sheet():
    book = openpyxl.Workbook()
    short = choices_formula(book, ["a", "b"])
    values = [f"rule_number_{i}" for i in range(40)]
    long = choices_formula(book, values)
    assert short == '"a,b"'
    assert long == f"{LISTS_SHEET}!$A$1:$A$40"
    assert book[LISTS_SHEET].sheet_state == "hidden"
    assert choices(DataValidation(type="list", formula1=long), book) == values
    assert choices_formula(book, ["x,y", "z"]) == f"{LISTS_SHEET}!$B$1:$B$2"


def test_next_monday_is_the_first_monday_after_today():
    assert next_monday(dt.date(2027, 3, 1)) == dt.date(2027, 3, 8)  # a Monday: the next one
    assert next_monday(dt.date(2027, 3, 7)) == dt.date(2027, 3, 8)  # a Sunday
    assert next_monday(dt.date(2027, 3, 3)) == dt.date(2027, 3, 8)


# --- the availability grid ---------------------------------------------------------------------


@pytest.fixture
def grid(tmp_path) -> Path:
    path = tmp_path / "grid.xlsx"
    staff = api.load_problem(SAMPLE).staff
    write_availability_grid(path, MONDAY, 2, staff, ["A", "B", "C"])
    return path


def test_the_grid_has_one_iso_column_per_date_and_one_row_per_person(grid):
    book = openpyxl.load_workbook(grid)
    assert book.sheetnames[0] == "Availability"  # HR's readers take the first filled sheet
    ws = book["Availability"]
    dates = [(MONDAY + dt.timedelta(days=d)).isoformat() for d in range(14)]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("id", "name", *dates)
    assert [row[:2] for row in rows[1:5]] == [
        ("S01", "Wang Fang"),
        ("S02", "Li Na"),
        ("S03", "Zhang Wei"),
        ("S04", "Liu Yang"),
    ]
    assert all(not any(row) for row in rows[5:])  # spare rows for people added by hand
    assert ws.freeze_panes == "C2"


def test_the_grid_shades_weekends(grid):
    ws = openpyxl.load_workbook(grid)["Availability"]
    shaded = [
        c.column - 3 for c in ws[2][2:] if c.fill.fgColor.rgb and c.fill.fgColor.rgb != "00000000"
    ]
    assert shaded == [5, 6, 12, 13]


def test_grid_cells_offer_the_codes_in_english_and_chinese(grid):
    book = openpyxl.load_workbook(grid)
    ws = book["Availability"]
    (dv,) = ws.data_validations.dataValidation
    assert str(dv.sqref) == f"C2:P{ws.max_row}" and ws.max_row >= 5
    assert choices(dv) == [
        "休",
        "OFF",
        "假",
        "年假",
        "病假",
        "LEAVE",
        "A",
        "B",
        "C",
        "!A",
        "!B",
        "!C",
    ]
    assert dv.errorStyle == "warning"  # other entries possible after a warning
    codes = {row[0] for row in book["Instructions"].iter_rows(values_only=True)}
    assert {"休", "OFF", "假", "年假", "病假", "LEAVE", "A", "!C", "(empty)"} <= codes
    text = " ".join(str(c) for row in book["Instructions"].iter_rows(values_only=True) for c in row)
    assert "2027-03-01 to 2027-03-14" in text and "2027-03-01 至 2027-03-14" in text


def test_a_grid_without_staff_has_empty_rows_and_explains_shift_codes(tmp_path):
    path = tmp_path / "grid.xlsx"
    write_availability_grid(path, MONDAY, 1)
    book = openpyxl.load_workbook(path)
    rows = list(book["Availability"].iter_rows(values_only=True))
    assert len(rows[0]) == 9 and all(not any(row) for row in rows[1:]) and len(rows) > 10
    (dv,) = book["Availability"].data_validations.dataValidation
    assert choices(dv) == ["休", "OFF", "假", "年假", "病假", "LEAVE"]
    text = " ".join(str(c) for row in book["Instructions"].iter_rows(values_only=True) for c in row)
    assert "C stands for any shift code" in text


def test_a_filled_in_grid_reads_back_as_hr_availability(grid):
    from roster.io.hr import read_availability

    book = openpyxl.load_workbook(grid)
    ws = book["Availability"]
    ws["C2"], ws["D3"], ws["E4"], ws["F5"] = "休", "年假", "!C", "A"
    book.save(grid)
    problem = dataclasses.replace(api.load_problem(SAMPLE), start_date=MONDAY, weeks=2)
    requests = read_availability(grid, problem).requests
    got = {(r.staff_id, r.day, r.shift_code): r.kind for r in requests}
    assert got.keys() == {("S01", 0, None), ("S02", 1, None), ("S03", 2, "C"), ("S04", 3, "A")}
    assert got[("S01", 0, None)] == "prefer_off"  # 休: a day off wanted
    assert got[("S02", 1, None)] == "leave"  # 年假
    assert got[("S03", 2, "C")] not in ("prefer", "fixed")  # !C: not shift C
    assert got[("S04", 3, "A")] == "prefer"  # a shift code: that shift wanted


# --- the command -------------------------------------------------------------------------------


def test_template_command_writes_a_workbook_that_roster_check_accepts(tmp_path):
    output = tmp_path / "input.xlsx"
    result = run("template", output, "--start", "2027-03-01", "--weeks", "2")
    assert result.exit_code == 0, result.output
    assert f"Wrote {output}: a blank input workbook from 2027-03-01 for 2 weeks." in result.output
    assert f"roster check {output}" in result.output
    problem = api.load_problem(output)
    assert (problem.start_date, problem.weeks) == (MONDAY, 2)
    assert run("check", output).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["input.xlsx"]  # no temporary file left


def test_template_starts_next_monday_by_default(tmp_path):
    output = tmp_path / "input.xlsx"
    assert run("template", output).exit_code == 0
    problem = api.load_problem(output)
    assert (problem.start_date, problem.weeks) == (next_monday(), 4)


def test_template_keeps_an_existing_file_unless_forced(tmp_path):
    output = tmp_path / "input.xlsx"
    output.write_bytes(b"my own work")
    result = run("template", output)
    assert result.exit_code == 1
    assert f"Error: {output} exists already; add --force to replace it." in result.stderr
    assert output.read_bytes() == b"my own work"
    result = run("template", output, "--force")
    assert result.exit_code == 0, result.output
    assert api.load_problem(output).staff


def test_template_wants_an_xlsx_output(tmp_path):
    result = run("template", tmp_path / "input.csv")
    assert result.exit_code == 2
    assert "input.csv does not end in .xlsx" in result.stderr
    assert not list(tmp_path.iterdir())


def test_input_is_only_for_the_grid(tmp_path):
    result = run("template", tmp_path / "input.xlsx", "--input", SAMPLE)
    assert result.exit_code == 2
    assert "--input is only used with --availability-grid." in result.stderr
    assert not list(tmp_path.iterdir())


def test_grid_command_takes_staff_and_dates_from_the_input(tmp_path):
    output = tmp_path / "grid.xlsx"
    result = run("template", "--availability-grid", "--input", SAMPLE, output)
    assert result.exit_code == 0, result.output
    assert (
        f"Wrote {output}: an availability grid from 2026-12-07 for 3 weeks, 4 staff."
        in result.output
    )
    rows = list(openpyxl.load_workbook(output)["Availability"].iter_rows(values_only=True))
    assert rows[0][2] == "2026-12-07" and rows[0][-1] == "2026-12-27" and len(rows[0]) == 23
    assert [row[0] for row in rows[1:5]] == ["S01", "S02", "S03", "S04"]


def test_grid_command_without_input_needs_no_staff(tmp_path):
    output = tmp_path / "grid.xlsx"
    result = run("template", "--availability-grid", "--start", "2027-03-01", "--weeks", "1", output)
    assert result.exit_code == 0, result.output
    assert "grid from 2027-03-01 for 1 week, empty rows to fill in." in result.output
    header = next(openpyxl.load_workbook(output)["Availability"].iter_rows(values_only=True))
    assert header[2:] == tuple((MONDAY + dt.timedelta(days=d)).isoformat() for d in range(7))


def test_grid_command_reports_a_bad_input_and_writes_nothing(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    output = tmp_path / "grid.xlsx"
    result = run("template", "--availability-grid", "--input", bad, output)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: bad.xlsx: cannot be read as an Excel workbook")
    assert not output.exists()


def test_grid_command_never_replaces_its_input(tmp_path):
    source = tmp_path / "input.xlsx"
    source.write_bytes(SAMPLE.read_bytes())
    result = run("template", "--availability-grid", "--input", source, "--force", source)
    assert result.exit_code == 2
    assert "is the input workbook" in result.stderr
    assert source.read_bytes() == SAMPLE.read_bytes()


def test_template_help_and_readme_name_every_option():
    help_text = run("template", "--help").output
    options = {o for p in template_command.params for o in p.opts if o.startswith("--")}
    assert options == {"--availability-grid", "--start", "--weeks", "--input", "--force"}
    assert all(option in help_text for option in options)
    for option in options:
        assert option in README, f"template {option} is not in the README"
    assert "roster template" in README

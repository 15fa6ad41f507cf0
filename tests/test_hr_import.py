"""HR's availability files: grids and lists, English and Chinese, .xlsx and .csv in 3 encodings."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from roster import api
from roster.cli import main
from roster.errors import InputError
from roster.io.hr import merge, read_availability
from roster.io.outputs import exclusive

SAMPLES = Path(__file__).parent.parent / "sample_inputs"
HR_FILES = sorted(p.name for p in SAMPLES.glob("hr_*"))


@pytest.fixture(scope="module")
def team():
    return api.load_problem(SAMPLES / "call_center_team.xlsx")


def write(path: Path, rows: list) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_there_is_a_fixture_for_every_shape_language_and_encoding():
    assert {"hr_grid_en.xlsx", "hr_grid_zh.xlsx", "hr_grid_zh_gbk.csv", "hr_list_en.xlsx"} <= set(
        HR_FILES
    )
    assert {"hr_list_zh_utf8.csv", "hr_list_zh_utf8_bom.csv", "hr_list_zh_gbk.csv"} <= set(HR_FILES)
    assert (SAMPLES / "hr_list_zh_gbk.csv").read_bytes() != (
        SAMPLES / "hr_list_zh_utf8.csv"
    ).read_bytes()


@pytest.mark.parametrize("file", HR_FILES)
def test_every_hr_file_imports_to_the_same_problem(team, file):
    reference = merge(team, read_availability(SAMPLES / "hr_list_en.xlsx", team))
    imported = read_availability(SAMPLES / file, team)
    assert len(imported.requests) == 12
    assert merge(team, imported) == reference


def test_the_imported_requests_are_the_ones_hr_meant(team):
    requests = read_availability(SAMPLES / "hr_grid_zh.xlsx", team).requests
    by_kind = {(r.staff_id, team.date(r.day).isoformat(), r.kind, r.shift_code) for r in requests}
    assert ("T05", "2026-12-21", "leave", None) in by_kind  # 年假
    assert ("T06", "2026-12-25", "unavailable", "C") in by_kind  # 不要C
    assert ("T08", "2026-12-27", "prefer_off", None) in by_kind  # 休
    assert ("T10", "2026-12-22", "prefer", "A") in by_kind  # a shift code is a wish by default


def test_unused_columns_are_reported_as_notices(team):
    notices = read_availability(SAMPLES / "hr_list_zh_utf8.csv", team).notices
    assert notices == ("hr_list_zh_utf8.csv: column '部门' is not used and was ignored",)


def test_weekday_headers_make_a_recurring_week(team, tmp_path):
    path = write(tmp_path / "week.xlsx", [["姓名", "周一", "Sat"], ["Zhou Tao", "休", "OFF"]])
    requests = read_availability(path, team).requests
    weekdays = sorted(team.date(r.day).strftime("%a") for r in requests)
    assert weekdays == ["Mon"] * team.weeks + ["Sat"] * team.weeks
    assert {r.kind for r in requests} == {"prefer_off"}


def test_grid_shift_codes_can_mean_fixed_shifts(team):
    requests = read_availability(SAMPLES / "hr_grid_en.xlsx", team, shifts_as="fixed").requests
    assert {r.kind for r in requests if r.shift_code == "A"} == {"fixed"}


def test_an_unknown_name_gives_close_matches(team, tmp_path):
    path = write(tmp_path / "typo.xlsx", [["Name", "2026-12-21"], ["Zhou Ta", "休"]])
    with pytest.raises(InputError) as raised:
        read_availability(path, team)
    (issue,) = raised.value.issues
    assert str(issue).startswith("typo.xlsx, sheet Sheet, row 2, column A (name): is not on")
    assert issue.hint == "Did you mean Zhou Tao?"


def test_a_name_two_people_share_is_ambiguous(team, tmp_path):
    twins = dataclasses.replace(team.staff[1], name=team.staff[0].name)
    problem = dataclasses.replace(team, staff=(team.staff[0], twins, *team.staff[2:]))
    path = write(tmp_path / "twins.xlsx", [["姓名", "12月21日"], ["Chen Jing", "休"]])
    with pytest.raises(InputError) as raised:
        read_availability(path, problem)
    assert "names 2 people (T01, T02)" in str(raised.value)
    assert "Use the id instead" in str(raised.value)


def test_a_bad_grid_cell_is_located_by_row_and_date_column(team, tmp_path):
    path = write(tmp_path / "bad.xlsx", [["工号", "2026-12-21", "2026-12-22"], ["T05", "休", "X9"]])
    with pytest.raises(InputError) as raised:
        read_availability(path, team)
    (issue,) = raised.value.issues
    assert str(issue).startswith(
        "bad.xlsx, sheet Sheet, row 2, column C (2026-12-22): is not a grid code (found 'X9')"
    )
    assert "!C or 不要C" in issue.expected


def test_leave_and_a_fixed_shift_on_one_day_contradict(team, tmp_path):
    path = write(
        tmp_path / "clash.xlsx",
        [["staff_id", "date", "kind", "shift"], ["T01", "2026-12-07", "leave", None]],
    )
    with pytest.raises(InputError) as raised:
        read_availability(path, team)
    (issue,) = raised.value.issues
    assert "T01 has a fixed shift A on 2026-12-07 but is marked leave that day" in str(issue)
    assert "clash.xlsx, sheet Sheet, row 2" in str(issue)


def test_a_file_that_is_neither_grid_nor_list_says_what_would_do(team, tmp_path):
    path = write(tmp_path / "odd.xlsx", [["who", "when"], ["T01", "soon"]])
    with pytest.raises(InputError) as raised:
        read_availability(path, team)
    assert "is neither a grid nor a list of requests" in str(raised.value)


def test_dates_outside_the_roster_are_skipped_with_a_notice(team, tmp_path):
    path = write(tmp_path / "long.xlsx", [["ID", "2026-12-21", "2027-03-01"], ["T05", "休", "休"]])
    imported = read_availability(path, team)
    assert len(imported.requests) == 1
    assert "1 date column(s) outside the roster" in imported.notices[0]


def test_cli_import_writes_the_workbook_for_review_and_keeps_the_hr_file(tmp_path):
    base = tmp_path / "input.xlsx"
    base.write_bytes((SAMPLES / "call_center_team.xlsx").read_bytes())
    hr_file = SAMPLES / "hr_grid_zh_gbk.csv"
    before = hr_file.read_bytes()
    result = CliRunner().invoke(main, ["import", str(hr_file), "-o", str(base)])
    assert result.exit_code == 0, result.output
    assert "12 day-requests added" in result.output
    assert hr_file.read_bytes() == before
    reloaded = api.load_problem(base)
    team = api.load_problem(SAMPLES / "call_center_team.xlsx")
    expected = merge(team, read_availability(hr_file, team))
    assert set(reloaded.requests) == set(expected.requests)  # the sheet lists them by date
    assert dataclasses.replace(reloaded, requests=expected.requests, name=expected.name) == expected


def test_cli_import_from_another_workbook_leaves_that_one_alone(tmp_path):
    base = SAMPLES / "call_center_team.xlsx"
    before = base.read_bytes()
    out = tmp_path / "reviewed.xlsx"
    args = ["import", str(SAMPLES / "hr_list_en.xlsx"), "--input", str(base), "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert base.read_bytes() == before
    assert len(api.load_problem(out).requests) == len(api.load_problem(base).requests) + 12


def test_cli_solve_merges_availability_files(tmp_path):
    out = tmp_path / "roster.xlsx"
    args = [
        "solve",
        str(SAMPLES / "call_center_team.xlsx"),
        "--availability",
        str(SAMPLES / "hr_list_zh_utf8_bom.csv"),
        "-o",
        str(out),
        "-q",
        "--workers",
        "1",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    roster = openpyxl.load_workbook(out)["Roster"]
    header = [c.value for c in roster[1]]
    t05 = next(row for row in roster.iter_rows(values_only=True) if row[0] == "T05")
    for date in ("2026-12-21", "2026-12-22", "2026-12-23"):  # 年假
        assert t05[header.index(dt.datetime.fromisoformat(date))] is None


def test_cli_import_of_a_bad_file_exits_2_and_writes_nothing(tmp_path):
    base = tmp_path / "input.xlsx"
    base.write_bytes((SAMPLES / "call_center_team.xlsx").read_bytes())
    before = base.read_bytes()
    bad = write(tmp_path / "bad.xlsx", [["工号", "2026-12-21"], ["T99", "休"]])
    result = CliRunner().invoke(main, ["import", str(bad), "-o", str(base)])
    assert result.exit_code == 2
    assert (
        "Error: bad.xlsx, sheet Sheet, row 2, column A (staff_id): is not on the Staff sheet"
        in (result.output)
    )
    assert base.read_bytes() == before


def test_year_less_chinese_dates_land_in_the_roster_year(team, tmp_path):
    path = write(tmp_path / "zh.xlsx", [["工号", "12月31日", "1月2日"], ["T08", "休", "休"]])
    days = sorted(r.day for r in read_availability(path, team).requests)
    assert [team.date(d) for d in days] == [dt.date(2026, 12, 31), dt.date(2027, 1, 2)]


def test_an_import_waits_while_another_command_writes_the_same_workbook(tmp_path):
    """Two imports into one workbook both reported success and one's lines were lost: now the
    second waits for the first and reads what it wrote."""
    base = tmp_path / "input.xlsx"
    base.write_bytes((SAMPLES / "call_center_team.xlsx").read_bytes())
    before = base.read_bytes()
    command = [sys.executable, "-m", "roster", "import", str(SAMPLES / "hr_list_en.xlsx")]
    with exclusive(base):  # as another import holds it
        waiting = subprocess.Popen(
            [*command, "-o", str(base)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        time.sleep(4)  # far longer than an import takes
        assert waiting.poll() is None, waiting.communicate()
        assert base.read_bytes() == before
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert "day-requests added" in out
    assert len(api.load_problem(base).requests) > len(
        api.load_problem(SAMPLES / "call_center_team.xlsx").requests
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.xlsx"]


def test_an_unclosed_quote_in_a_csv_is_refused_not_read_as_one_note(tmp_path):
    """The quote swallowed the next lines into a note: a leave line vanished silently."""
    csv_file = tmp_path / "leave.csv"
    csv_file.write_text(
        "工号,姓名,开始日期,结束日期,类型,班次,备注\n"
        'T05,Zhou Tao,2026-12-21,2026-12-23,年假,,"年假\n'
        "T06,Wu Xia,2026-12-21,2026-12-25,不可用,C,上课\n"
        "T08,Sun Yan,2026-12-26,2026-12-27,休,,\n",
        encoding="utf-8",
    )
    output = tmp_path / "out.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "import",
            str(csv_file),
            "--input",
            str(SAMPLES / "call_center_team.xlsx"),
            "-o",
            str(output),
        ],
    )
    assert result.exit_code == 2, result.output
    assert (
        'Error: leave.csv, row 2, column G: holds 2 more lines of the file: a quote (") opened '
        "in this cell is never closed" in result.stderr
    )
    assert not output.exists()

"""What the commands do, done from a notebook: `roster.api`'s loading with HR files, the staff
ids and dates a person types, the checks before a solve, and the blank workbooks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest

from roster import api
from roster.domain import Problem, SolveSettings
from roster.errors import InputError, OutputError

SAMPLES = Path(__file__).parent.parent / "sample_inputs"
TEAM = SAMPLES / "call_center_team.xlsx"
TINY = Path(__file__).parent / "data" / "curtois_tiny.txt"


@pytest.fixture(scope="module")
def sample() -> Problem:
    return api.load_problem()


def test_load_input_adds_each_hr_file_and_hears_its_notices_as_it_reads_it():
    heard: list[str] = []
    files = [SAMPLES / "hr_list_zh_utf8.csv", SAMPLES / "hr_grid_en.xlsx"]
    loaded = api.load_input(TEAM, availability=files, on_notice=heard.append)
    assert loaded.notices == ("hr_list_zh_utf8.csv: column '部门' is not used and was ignored",)
    assert heard == list(loaded.notices)
    assert len(loaded.problem.requests) > len(api.load_problem(TEAM).requests)


def test_load_input_without_a_path_is_the_sample_with_weeks_and_mode_over_its_settings():
    loaded = api.load_input(weeks=1, mode="rotating")
    assert loaded.problem.weeks == 1 and loaded.problem.rotations
    assert loaded.notices == ()


def test_load_input_reads_a_curtois_instance_and_refuses_workbook_options():
    assert api.load_input(TINY, input_format="curtois").problem.staff
    with pytest.raises(ValueError, match="Curtois"):
        api.load_input(TINY, input_format="curtois", weeks=2)


def test_override_settings_replaces_only_what_is_given():
    settings = SolveSettings(time_limit_seconds=30, seed=4, workers=2)
    changed = api.override_settings(settings, time_limit_seconds=5, workers=None)
    assert changed == dataclasses.replace(settings, time_limit_seconds=5)


def test_staff_ids_and_dates_are_checked_against_the_roster(sample):
    assert api.staff_id(sample, "S02") == "S02"
    with pytest.raises(api.ArgumentError, match="Did you mean S04"):
        api.staff_id(sample, "S05")
    assert api.day_of(sample, "2026-12-09") == 2
    with pytest.raises(api.ArgumentError, match="is not a date; expected a date from 2026-12-07"):
        api.day_of(sample, "10/12")
    with pytest.raises(api.ArgumentError, match="is not a date of this roster"):
        api.day_of(sample, "2027-01-10")


def test_an_absence_is_a_date_or_a_range_of_them(sample):
    assert api.absence(sample, "S01", "2026-12-08") == api.Absence(staff_id="S01", first=1, last=1)
    assert api.absence(sample, "S01", "2026-12-08..2026-12-10").last == 3
    with pytest.raises(api.ArgumentError, match="the last date comes before the first"):
        api.absence(sample, "S01", "2026-12-10..2026-12-08")


def test_the_first_changeable_day_is_never_before_the_roster_nor_after_it(sample):
    assert api.first_changeable_day(sample, dt.date(2026, 1, 1)) == 0
    assert api.first_changeable_day(sample, dt.date(2026, 12, 10)) == 3
    with pytest.raises(api.ArgumentError, match="nothing is left to change"):
        api.first_changeable_day(sample, dt.date(2027, 5, 1))


def test_an_output_may_not_replace_what_is_read_nor_go_where_nothing_can_be_written(tmp_path):
    source = shutil.copy(api.SAMPLE, tmp_path / "in.xlsx")
    with pytest.raises(InputError, match="is the input workbook"):
        api.refuse_replacing_input(source, source)
    with pytest.raises(InputError, match="is one of the files being checked"):
        api.refuse_replacing_checked(source, None, source)
    api.refuse_replacing_checked(tmp_path / "other.xlsx", None, source)
    blocker = tmp_path / "blocker"
    blocker.touch()
    with pytest.raises(OutputError, match="is not a writable folder"):
        api.refuse_unwritable(blocker / "roster.xlsx")


def test_blank_workbooks_start_next_monday_or_at_the_problems_start(tmp_path, sample):
    blank = api.write_blank_workbook(tmp_path / "blank.xlsx", weeks=2)
    assert blank.start.weekday() == 0 and blank.start > dt.date.today() and blank.weeks == 2
    grid = api.write_hr_grid(tmp_path / "grid.xlsx", sample)
    assert grid == api.Written(sample.start_date, sample.weeks, len(sample.staff))
    assert api.load_problem(tmp_path / "blank.xlsx").weeks == 2


def test_import_availability_writes_the_requests_for_review(tmp_path):
    output = shutil.copy(TEAM, tmp_path / "team.xlsx")
    first = api.import_availability(SAMPLES / "hr_grid_en.xlsx", output)
    again = api.import_availability(SAMPLES / "hr_list_en.xlsx", tmp_path / "b.xlsx", base=output)
    assert first.added > 0 and first.already_there == 0
    assert again.added == 0 and again.already_there == first.added

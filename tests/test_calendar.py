"""Public holidays and make-up working days: from the package, the Holidays sheet, into coverage,
the output workbook and the terminal; a year without official data is reported, never guessed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from builder import TEST_SETTINGS, only_rules, person, shift
from openpyxl.utils import get_column_letter

from roster import api
from roster.analysis import analyse
from roster.calendar import official_calendar
from roster.domain import CalendarDay, CoverageLine, Problem
from roster.errors import InputError
from roster.io.template import write_problem
from roster.present.render import roster_grid
from roster.present.roster_workbook import HOLIDAY_HEADER_FILL, WORKDAY_HEADER_FILL, write_result

SEPTEMBER_14 = dt.date(2026, 9, 14)  # a Monday; four weeks to Sunday 2026-10-11


def day_of(date: str, start: dt.date = SEPTEMBER_14) -> int:
    return (dt.date.fromisoformat(date) - start).days


def days_of(*dates: str) -> frozenset[int]:
    return frozenset(day_of(d) for d in dates)


def date_range(first: str, last: str) -> list[str]:
    begin, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    return [(begin + dt.timedelta(days=n)).isoformat() for n in range((end - begin).days + 1)]


NATIONAL_DAY = date_range("2026-10-01", "2026-10-07")
MID_AUTUMN = date_range("2026-09-25", "2026-09-27")
MAKE_UP_DAYS = ("2026-09-20", "2026-10-10")  # a Sunday and a Saturday worked for National Day


def line(days: str, people: int = 1, start: str = "09:00", end: str = "17:00") -> CoverageLine:
    """A coverage line as the workbook states it; reading the workbook fills in its days."""
    clock = {"09:00": 540, "17:00": 1020}
    return CoverageLine(
        label=days, days=frozenset(), start=clock[start], end=clock[end], min_people=people
    )


def input_problem(
    *coverage: CoverageLine, country: str = "CN", start: dt.date = SEPTEMBER_14, weeks: int = 4
) -> Problem:
    return Problem(
        start_date=start,
        weeks=weeks,
        shifts=(shift("A", "09:00", "17:00"),),
        staff=tuple(person(f"P{i}") for i in range(1, 4)),
        coverage=coverage,
        rules=only_rules("coverage", "one_shift_per_day"),
        settings=TEST_SETTINGS,
        holiday_country=country,
    )


def load(
    tmp_path: Path, problem: Problem, holidays: tuple[tuple[object, ...], ...] = ()
) -> Problem:
    """Write `problem` as an input workbook, add Holidays sheet rows, read it back."""
    path = tmp_path / "input.xlsx"
    write_problem(problem, path)
    book = openpyxl.load_workbook(path)
    for row in holidays:
        book["Holidays"].append(list(row))
    book.save(path)
    return api.load_problem(path)


def errors_of(tmp_path: Path, problem: Problem, *holidays: tuple[object, ...]) -> str:
    with pytest.raises(InputError) as raised:
        load(tmp_path, problem, holidays)
    return "\n".join(str(issue) for issue in raised.value.issues)


# The package's official days


def test_national_day_2026_is_seven_holidays_with_a_make_up_weekend_day_each_side():
    days, warnings = official_calendar("CN", SEPTEMBER_14, 28)
    holidays = {c.day: c.name for c in days if c.kind == "holiday"}
    workdays = {c.day: c.name for c in days if c.kind == "workday"}
    assert warnings == []
    assert {d for d, name in holidays.items() if name == "National Day"} == days_of(*NATIONAL_DAY)
    assert workdays == {day_of(d): "National Day" for d in MAKE_UP_DAYS}
    assert set(holidays) == days_of(*NATIONAL_DAY, *MID_AUTUMN)


def test_a_year_without_official_data_is_reported_and_not_guessed():
    days, warnings = official_calendar("CN", dt.date(2026, 12, 28), 14)  # to 2027-01-10
    assert days == []  # not even New Year's Day: 2027's schedule is not published in the package
    (warning,) = warnings
    assert warning.startswith("No official holiday calendar for 2027 yet (chinesecalendar ")
    assert "knows 2004-2026" in warning
    assert "from 2027-01-01 to 2027-01-10" in warning
    assert "pip install -U chinesecalendar" in warning and "Holidays sheet" in warning


def test_the_warning_reaches_the_analysis(tmp_path):
    problem = load(tmp_path, input_problem(line("daily"), start=dt.date(2026, 12, 28), weeks=2))
    assert problem.calendar == ()
    (finding,) = [f for f in analyse(problem) if f.kind == "calendar"]
    assert finding.severity == "warning" and "2027" in finding.message


def test_other_countries_come_from_the_holidays_package():
    days, warnings = official_calendar("DE", dt.date(2026, 12, 21), 14)
    names = {c.day: c.name for c in days}
    assert names == {4: "Christmas Day", 5: "Second Day of Christmas", 11: "New Year's Day"}
    assert warnings == []
    assert official_calendar("none", SEPTEMBER_14, 28) == ([], [])


# The Holidays sheet


def test_holidays_sheet_adds_days_and_overrides_the_package(tmp_path):
    problem = load(
        tmp_path,
        input_problem(line("daily")),
        (
            ("2026-10-08", "Company anniversary", "holiday"),  # added
            ("2026-10-10", "Office closed", "holiday"),  # a make-up Saturday becomes a holiday
            ("2026-10-01", None, "workday"),  # a public holiday worked as an ordinary day
            ("2025-12-25", "Outside the roster", "holiday"),  # ignored
        ),
    )
    assert problem.holiday_name(day_of("2026-10-08")) == "Company anniversary"
    assert problem.holiday_name(day_of("2026-10-10")) == "Office closed"
    assert problem.calendar_day(day_of("2026-10-01")) == CalendarDay(
        day=day_of("2026-10-01"), name="make-up working day", kind="workday"
    )
    assert not problem.is_rest_day(day_of("2026-10-01"))
    assert problem.holiday_name(day_of("2026-10-02")) == "National Day"  # the package's
    assert problem.calendar_day(day_of("2026-09-20")).kind == "workday"


def test_holidays_sheet_rows_for_a_missing_year_replace_the_warning(tmp_path):
    start = dt.date(2026, 12, 28)
    problem = load(
        tmp_path,
        input_problem(line("daily"), start=start, weeks=2),
        (("2027-01-01", "New Year's Day", "holiday"),),
    )
    assert problem.calendar_warnings == ()
    assert [c.day for c in problem.calendar] == [day_of("2027-01-01", start)]


def test_holidays_sheet_works_without_a_country(tmp_path):
    problem = load(
        tmp_path, input_problem(line("holiday"), country="none"), (("2026-09-18", "Fair", None),)
    )
    assert problem.coverage[0].days == days_of("2026-09-18")


def test_holidays_sheet_round_trips_through_the_input_workbook(tmp_path):
    first = load(tmp_path, input_problem(line("daily")), (("2026-10-08", "Company day", None),))
    again = load(tmp_path, first)
    assert again.calendar == first.calendar


def test_bad_holidays_rows_are_located(tmp_path):
    message = errors_of(
        tmp_path,
        input_problem(line("daily")),
        ("2026-10-08", "A", "day off"),
        ("2026-13-01", "B", "holiday"),
        ("2026-10-09", "C", "holiday"),
        ("2026-10-09", "D", "holiday"),
    )
    assert "sheet Holidays, row 2, column C (kind): is not valid (found 'day off')" in message
    assert "expected holiday or workday" in message
    assert "sheet Holidays, row 3, column A (date): is not valid" in message
    assert "sheet Holidays, row 5, column A (date): is used twice" in message


def test_an_unknown_country_code_is_a_located_error(tmp_path):
    path = tmp_path / "input.xlsx"
    write_problem(input_problem(line("daily")), path)
    book = openpyxl.load_workbook(path)
    settings = book["Settings"]
    row = next(r for r in range(1, settings.max_row + 1) if settings.cell(r, 1).value == "holidays")
    settings.cell(row, 2).value = "China"
    book.save(path)
    with pytest.raises(InputError) as raised:
        api.load_problem(path)
    (issue,) = raised.value.issues
    text = str(issue)
    assert f"sheet Settings, row {row}, column B (value): is not valid (found 'China')" in text
    assert "a country code such as CN, HK, TW" in text and "or none" in text


# Coverage keywords


def test_calendar_keywords_select_exactly_their_days(tmp_path):
    problem = load(
        tmp_path,
        input_problem(
            line("holiday"),
            line("Holidays"),
            line("workdays"),
            line("restdays"),
            line("Sat, holiday"),
        ),
    )
    holiday, holidays, workdays, restdays, saturdays_and_holidays = (
        c.days for c in problem.coverage
    )
    all_days = frozenset(range(28))
    weekends = frozenset(d for d in all_days if d % 7 >= 5)
    expected_holidays = days_of(*NATIONAL_DAY, *MID_AUTUMN)
    make_up = days_of(*MAKE_UP_DAYS)
    assert holiday == holidays == expected_holidays
    assert restdays == (weekends | expected_holidays) - make_up
    assert workdays == all_days - restdays
    assert make_up <= workdays
    assert saturdays_and_holidays == expected_holidays | {d for d in all_days if d % 7 == 5}


def test_a_calendar_keyword_without_a_calendar_is_an_error(tmp_path):
    message = errors_of(tmp_path, input_problem(line("workdays"), country="none"))
    assert "sheet Coverage, row 2, column A (days): is not valid (found 'workdays')" in message
    assert "set the Settings row 'holidays' to a country code such as CN" in message


def test_unknown_days_list_the_calendar_keywords(tmp_path):
    message = errors_of(tmp_path, input_problem(line("festivals")))
    assert "holiday (public holidays), workdays (official working days)" in message


# Solving and the output


@pytest.fixture(scope="module")
def national_day(tmp_path_factory) -> api.Result:
    """Two on duty on public holidays, one on other days, over National Day 2026."""
    tmp_path = tmp_path_factory.mktemp("national_day")
    problem = load(tmp_path, input_problem(line("daily"), line("holiday", people=2)))
    return api.solve(problem)


def test_a_holiday_coverage_line_is_met_and_checked(national_day):
    assert national_day.report.valid
    assert national_day.report.score == national_day.outcome.objective
    cells = national_day.roster.by_person_day()
    for day in days_of(*NATIONAL_DAY):
        assert sum(1 for (_, d) in cells if d == day) >= 2


def test_roster_sheet_marks_holiday_and_make_up_columns(national_day, tmp_path):
    path = tmp_path / "roster.xlsx"
    write_result(national_day, path)
    book = openpyxl.load_workbook(path)
    roster = book["Roster"]
    holiday = roster.cell(1, 3 + day_of("2026-10-01"))
    make_up = roster.cell(1, 3 + day_of("2026-10-10"))
    ordinary = roster.cell(1, 3 + day_of("2026-10-08"))
    assert holiday.value == dt.datetime(2026, 10, 1)  # a real date, shown with its weekday
    assert holiday.number_format == "ddd mm-dd"
    assert holiday.fill.fgColor.rgb == HOLIDAY_HEADER_FILL.fgColor.rgb
    assert holiday.comment.text == "National Day"
    assert make_up.fill.fgColor.rgb == WORKDAY_HEADER_FILL.fgColor.rgb
    assert make_up.comment.text == "make-up working day (National Day)"
    assert ordinary.comment is None
    legend = [roster.cell(r, 2).value for r in range(1, roster.max_row + 1)]
    assert "2026-10-01 to 2026-10-07 National Day" in legend
    coverage = [row for row in book["Coverage"].iter_rows(min_row=2, values_only=True)]
    assert (dt.datetime(2026, 10, 1), "Thu, National Day") in {row[:2] for row in coverage}
    summary = book["Summary"]
    headers = [c.value for c in summary[1]]
    holidays = [d for d in national_day.problem.days if national_day.problem.holiday_name(d)]
    assert len(holidays) == len(NATIONAL_DAY) + len(MID_AUTUMN)
    formula = summary.cell(2, headers.index("holiday days worked") + 1).value
    counted = re.findall(r"Roster!([A-Z]+)2<>", formula)  # the holiday columns of row 2
    assert counted == [get_column_letter(3 + day) for day in holidays]


def test_terminal_grid_marks_holidays_with_a_legend(national_day):
    grid = roster_grid(national_day.problem, national_day.roster)
    lines = grid.splitlines()
    week_3 = lines[1].split("|")[2].split()  # 2026-09-28 to 2026-10-04
    assert week_3 == ["Mo", "Tu", "We", "Th*", "Fr*", "Sa*", "Su*"]
    assert "Sa!" in lines[1].split("|")[3]  # 2026-10-10, a make-up working Saturday
    assert lines[-1].startswith("Calendar (* public holiday, ! make-up working day): ")
    assert "2026-10-10 make-up working day (National Day)" in lines[-1]


def test_problems_without_a_calendar_are_unchanged(tmp_path):
    problem = load(tmp_path, input_problem(line("daily"), country="none"))
    assert problem.calendar == () and problem.calendar_warnings == ()
    assert dataclasses.replace(problem, name="") == dataclasses.replace(
        load(tmp_path, problem), name=""
    )

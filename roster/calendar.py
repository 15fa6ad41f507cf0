"""Public holidays and official make-up working days (调休) inside a roster's horizon.

China (CN) comes from `chinesecalendar`, which holds the State Council's published schedules,
make-up working days included; a year it has no data for is reported, never guessed. Every other
country comes from `holidays`, which computes each year from the country's holiday law.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from importlib.metadata import version

import chinese_calendar
import holidays

from roster.domain import CalendarDay, Problem

CHINA = ("CN", "CHN")
NO_CALENDAR = "none"
HOLIDAY, WORKDAY = "holiday", "workday"
CALENDAR_KINDS = (HOLIDAY, WORKDAY)
DEFAULT_NAMES = {HOLIDAY: "public holiday", WORKDAY: "make-up working day"}
COUNTRY_EXAMPLES = "CN, HK, TW, SG, JP, KR, US, GB, DE or FR"


def _is_holiday(problem: Problem, day: int) -> bool:
    return problem.holiday_name(day) is not None


def _is_working_day(problem: Problem, day: int) -> bool:
    return not problem.is_rest_day(day)


# The coverage `days` keywords that depend on the calendar, and the days each selects.
DAY_KEYWORDS: dict[str, Callable[[Problem, int], bool]] = {
    "holiday": _is_holiday,
    "holidays": _is_holiday,
    "workdays": _is_working_day,
    "restdays": Problem.is_rest_day,
}


def country_code(text: str) -> str | None:
    """`CN` for `cn`, `none` for no calendar; None for a code no package knows."""
    code = text.strip().upper()
    if code.lower() == NO_CALENDAR:
        return NO_CALENDAR
    if code in CHINA:
        return "CN"
    return code if code in holidays.list_supported_countries() else None


def official_calendar(
    country: str, start: dt.date, num_days: int, *, listed_years: Iterable[int] = ()
) -> tuple[list[CalendarDay], list[str]]:
    """The holidays and make-up working days from `start` for `num_days` days, and a warning
    for every year the package has no official data for (unless `listed_years` covers it)."""
    code = country_code(country)
    if code is None:
        raise ValueError(f"unknown country code {country!r}; try {COUNTRY_EXAMPLES}")
    if code == NO_CALENDAR:
        return [], []
    dates = [start + dt.timedelta(days=day) for day in range(num_days)]
    days, missing = _china(dates) if code == "CN" else _by_rule(code, dates)
    unlisted = [year for year in missing if year not in set(listed_years)]
    return days, [_missing_year_warning(code, year, dates) for year in unlisted]


def roster_calendar(
    country: str, start: dt.date, num_days: int, listed: Iterable[CalendarDay]
) -> tuple[tuple[CalendarDay, ...], tuple[str, ...]]:
    """The package's days with the user's own list on top: a listed day replaces the package's
    entry for that date. `listed` days may lie outside the horizon (a year's list); a year with
    any listed day counts as listed in full, so its missing official data is no warning."""
    listed = list(listed)
    years = {(start + dt.timedelta(days=c.day)).year for c in listed}
    official, warnings = official_calendar(country, start, num_days, listed_years=years)
    by_day = {c.day: c for c in official}
    by_day.update({c.day: c for c in listed if 0 <= c.day < num_days})
    return tuple(by_day[day] for day in sorted(by_day)), tuple(warnings)


def _china(dates: list[dt.date]) -> tuple[list[CalendarDay], list[int]]:
    days, missing = [], []
    for day, date in enumerate(dates):
        try:
            rest, name = chinese_calendar.get_holiday_detail(date)
        except NotImplementedError:  # no published schedule for that year
            if date.year not in missing:
                missing.append(date.year)
            continue
        if name is not None:  # an unnamed day is an ordinary weekday or weekend
            days.append(CalendarDay(day=day, name=name, kind=HOLIDAY if rest else WORKDAY))
    return days, missing


def _by_rule(country: str, dates: list[dt.date]) -> tuple[list[CalendarDay], list[int]]:
    years = sorted({date.year for date in dates})
    table = holidays.country_holidays(country, years=years, language="en_US")
    days = []
    for day, date in enumerate(dates):
        if date in table.weekend_workdays:
            days.append(CalendarDay(day=day, name=DEFAULT_NAMES[WORKDAY], kind=WORKDAY))
        elif date in table:
            days.append(CalendarDay(day=day, name=table[date], kind=HOLIDAY))
    missing = [year for year in years if not table.start_year <= year <= table.end_year]
    return days, missing


def known_years(country: str) -> tuple[int, int]:
    """The first and last year the package has holiday data for `country` (a valid code)."""
    if country == "CN":
        known = chinese_calendar.holidays
        return min(known).year, max(known).year
    table = holidays.country_holidays(country)
    return table.start_year, table.end_year


def _missing_year_warning(country: str, year: int, dates: list[dt.date]) -> str:
    package = "chinesecalendar" if country == "CN" else "holidays"
    first, last = known_years(country)
    inside = [date for date in dates if date.year == year]
    future = year > last
    listing = f"{year}'s holidays and make-up working days in the Holidays sheet"
    fix = (
        f"Update the package (pip install -U {package}) once it has {year}, or list "
        if future
        else "List "
    )
    return (
        f"No official holiday calendar for {year}{' yet' if future else ''} ({package} "
        f"{version(package)} knows {first}-{last}): the roster's days from "
        f"{inside[0].isoformat()} to {inside[-1].isoformat()} have no public holiday and no "
        f"make-up working day. {fix}{listing}."
    )


def listed_days(problem: Problem) -> list[CalendarDay]:
    """The days of the problem's calendar that its country's package does not give: what a
    Holidays sheet lists (the inverse of `roster_calendar`)."""
    official, _ = official_calendar(problem.holiday_country, problem.start_date, problem.num_days)
    return [c for c in problem.calendar if c not in official]

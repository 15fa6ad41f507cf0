"""The input side as a user works it: an input workbook (or a Curtois instance) loaded with HR's
availability files, an HR file added to a workbook for review, and the blank workbooks to fill
in by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from roster.domain import Problem
from roster.io.curtois import read_curtois
from roster.io.hr import merge, read_availability, write_into_workbook
from roster.io.outputs import exclusive
from roster.io.previous import follow_on
from roster.io.template import DEFAULT_WEEKS, next_monday, write_availability_grid, write_template
from roster.io.workbook import read_problem

SAMPLE = Path(__file__).parent.parent / "data" / "call_center.xlsx"

Notice = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Loaded:
    """A problem and the notices its HR files gave: things ignored or clipped, not errors."""

    problem: Problem
    notices: tuple[str, ...] = ()


def load_input(
    path: str | Path | None = None,
    *,
    input_format: str = "xlsx",
    weeks: int | None = None,
    mode: str | None = None,
    availability: Sequence[str | Path] = (),
    after: Sequence[str | Path] = (),
    new_pattern: bool = False,
    on_notice: Notice | None = None,
) -> Loaded:
    """The problem of an input workbook (with no path, the bundled sample) with `weeks` and
    `mode` over its Settings and each HR `availability` file's requests added, or of a Curtois
    instance (`input_format="curtois"`); `on_notice` hears each notice as soon as its file is read.

    With `after` (published roster workbooks), the roster follows on from them: it starts the
    day after the last one ends, with their days as its history and the rotation going on where
    it stopped, on the same pattern unless `new_pattern`.
    """
    if input_format == "curtois":
        if path is None or weeks or mode or availability or after:
            raise ValueError("a Curtois instance needs its path and sets its own horizon and rules")
        return Loaded(read_curtois(path))
    previous = follow_on(after, keep_pattern=not new_pattern) if after else None
    problem = read_problem(
        path if path is not None else SAMPLE, weeks=weeks, mode=mode, follow_on=previous
    )
    notices: list[str] = []
    for file in availability:
        imported = read_availability(file, problem)
        _tell(imported.notices, on_notice)
        notices += imported.notices
        problem = merge(problem, imported)
    return Loaded(problem, tuple(notices))


def _tell(notices: Sequence[str], on_notice: Notice | None) -> None:
    if on_notice is not None:
        for notice in notices:
            on_notice(notice)


@dataclass(frozen=True, slots=True)
class Added:
    """What an HR file added to an input workbook: its day-requests new and already there."""

    added: int
    already_there: int
    notices: tuple[str, ...]


def import_availability(
    hr_file: str | Path,
    output: str | Path,
    *,
    base: str | Path | None = None,
    shape: str | None = None,
    shifts_as: str = "prefer",
    on_notice: Notice | None = None,
) -> Added:
    """Write `output`: the input workbook `base` (by default `output` itself) with the HR file's
    requests added to its Availability sheet, for review before a solve."""
    base = base or output
    with exclusive(Path(output)):  # another import into it waits: none of its lines is lost
        problem = read_problem(base)
        imported = read_availability(hr_file, problem, shape=shape, shifts_as=shifts_as)
        _tell(imported.notices, on_notice)
        merged = merge(problem, imported)
        write_into_workbook(merged, base, output)
    added = len(merged.requests) - len(problem.requests)
    return Added(added, len(imported.requests) - added, imported.notices)


@dataclass(frozen=True, slots=True)
class Written:
    """What a blank workbook covers: its first day, its weeks and the people listed on it."""

    start: dt.date
    weeks: int
    staff: int = 0


def write_blank_workbook(
    path: str | Path, start: dt.date | None = None, weeks: int | None = None
) -> Written:
    """A blank input workbook to fill in by hand, from `start` (by default next Monday) for
    `weeks` (by default 4)."""
    written = Written(start or next_monday(), weeks or DEFAULT_WEEKS)
    write_template(path, written.start, written.weeks)
    return written


def write_hr_grid(
    path: str | Path,
    problem: Problem | None = None,
    start: dt.date | None = None,
    weeks: int | None = None,
) -> Written:
    """The availability grid HR fills in, with `problem`'s staff and shift codes (empty rows
    without one), from `start` for `weeks` (by default the problem's, else next Monday and 4)."""
    first = start or (problem.start_date if problem else next_monday())
    weeks = weeks or (problem.weeks if problem else DEFAULT_WEEKS)
    staff = problem.staff if problem else ()
    codes = [s.code for s in problem.shifts] if problem else []
    write_availability_grid(path, first, weeks, staff, codes)
    return Written(first, weeks, len(staff))

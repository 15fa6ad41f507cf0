"""The rosters a new one follows on from (`roster solve --after`): published roster workbooks,
read back with the inputs they carry, joined into the history the new roster starts from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

from roster.domain import Assignment, History, Problem, Roster
from roster.errors import InputError, InputIssue
from roster.io.roster_in import read_published
from roster.io.workbook import FollowOn


def follow_on(paths: Sequence[str | Path], *, keep_pattern: bool = True) -> FollowOn:
    """What a roster after the published rosters at `paths` starts from: the day after the last
    one ends, every day they (and the histories they carry) know, the rotation week where the
    last one stopped, and its pattern unless `keep_pattern` is False."""
    published = sorted(
        ((Path(path), *_published(Path(path))) for path in paths), key=lambda p: p[1].start_date
    )
    _refuse_gaps(published)
    _, last, last_roster = published[-1]
    start = last.date(last.num_days)
    cells: set[tuple[str, dt.date, str]] = set()
    earliest = start
    for _, problem, roster in published:
        known = _known_days(problem, roster)
        cells |= known
        earliest = min(earliest, problem.date(problem.days_back().start))
    history = History(
        days=(start - earliest).days,
        assignments=frozenset(
            Assignment(staff_id=staff_id, day=(date - start).days, shift_code=code)
            for staff_id, date, code in cells
        ),
        pattern=last_roster.pattern if keep_pattern else frozenset(),
        sources=tuple(path.name for path, _, _ in published),
    )
    return FollowOn(start=start, history=history, rotation_week=_next_rotation_week(last))


def _published(path: Path) -> tuple[Problem, Roster]:
    """A published roster workbook; an input workbook given by mistake is named as such."""
    try:
        return read_published(path)
    except InputError as error:
        if not any("is missing" in issue.problem for issue in error.issues):
            raise
        raise InputError(
            [
                InputIssue(
                    file=path.name,
                    problem="is not a roster workbook written by `roster solve` (it lacks the "
                    "Roster sheet or the Input sheets a published roster carries)",
                    expected="the roster published for the period before, e.g. roster.xlsx",
                    hint="Give the input workbook as INPUT_FILE and the earlier roster after "
                    "--after",
                )
            ]
        ) from error


def _known_days(problem: Problem, roster: Roster) -> set[tuple[str, dt.date, str]]:
    """(person, date, shift) of every shift a published roster and its own history hold."""
    cells = {(a.staff_id, problem.date(a.day), a.shift_code) for a in roster.assignments}
    if problem.history is not None:
        cells |= {
            (a.staff_id, problem.date(a.day), a.shift_code) for a in problem.history.assignments
        }
    return cells


def _next_rotation_week(problem: Problem) -> int | None:
    """The pattern week the first members start on after `problem`'s roster (None: it did not
    rotate, so the new input's own rotation_week applies)."""
    if not problem.rotations:
        return None
    return problem.rotations[0].first_week + problem.weeks + 1


def _refuse_gaps(published: list[tuple[Path, Problem, Roster]]) -> None:
    """Several previous rosters must follow each other day after day."""
    issues = []
    for (path_a, a, _), (path_b, b, _) in pairwise(published):
        day_after = a.date(a.num_days)
        if b.start_date != day_after:
            gap = (b.start_date - day_after).days
            what = f"leaves {gap} days uncovered" if gap > 0 else f"overlaps it by {-gap} days"
            issues.append(
                InputIssue(
                    file=path_b.name,
                    problem=f"starts {b.start_date.isoformat()}, but {path_a.name} ends "
                    f"{a.date(a.num_days - 1).isoformat()}: it {what}",
                    expected=f"rosters that follow each other: the next one starting "
                    f"{day_after.isoformat()}",
                    hint="Give --after only the rosters published one after the other",
                )
            )
    if issues:
        raise InputError(issues)

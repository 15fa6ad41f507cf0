"""The pandas views on a result: thin tables over roster.views and the checker's report."""

from __future__ import annotations

import pandas as pd
import pytest

import roster
from roster.domain import SolveSettings
from roster.views import coverage_rows, person_summaries

FAST = SolveSettings(time_limit_seconds=20, seed=0, workers=2)


@pytest.fixture(scope="module")
def result():
    return roster.solve(roster.load_problem(), FAST)


def test_assignments_one_row_per_shift_worked(result):
    frame = result.assignments
    assert list(frame.columns) == ["person", "name", "date", "shift", "start", "end", "hours"]
    assert len(frame) == len(result.roster.assignments)
    assert set(zip(frame["person"], frame["shift"], frame["date"], strict=True)) == {
        (a.staff_id, a.shift_code, pd.Timestamp(result.problem.date(a.day)))
        for a in result.roster.assignments
    }
    c = frame[frame["shift"] == "C"].iloc[0]
    assert (c["start"].hour, c["end"].hour, c["hours"]) == (20, 22, 2.0)
    assert (frame["end"] > frame["start"]).all()


def test_coverage_gap_is_negative_exactly_on_the_short_slots(result):
    frame = result.coverage()
    columns = ["date", "start", "end", "line", "skill", "required", "scheduled", "gap"]
    assert list(frame.columns)[:8] == columns
    rows = coverage_rows(result.problem, result.roster)
    assert len(frame) == len(rows)
    assert (frame["gap"] == frame["scheduled"] - frame["required"]).all()
    short = frame[frame["gap"] < 0]
    assert list(short.index) == [i for i, row in enumerate(rows) if row.short]
    # the call-center sample's structural gap: nobody is on shift from 22:00 to 24:00
    assert len(short) == result.problem.num_days
    assert (short["start"].dt.hour == 22).all() and (short["gap"] == -1).all()
    assert (short["end"] - short["start"] == pd.Timedelta(hours=2)).all()


def test_summary_one_row_per_person(result):
    frame = result.summary()
    summaries = person_summaries(result.problem, result.roster)
    assert list(frame["person"]) == [p.staff_id for p in summaries]
    assert list(frame["hours"]) == [p.paid_minutes / 60 for p in summaries]
    assert {"A shifts", "B shifts", "C shifts", "weekend_days", "days_worked"} <= set(frame)
    assert frame[["A shifts", "B shifts", "C shifts"]].to_numpy().sum() == len(
        result.roster.assignments
    )


def test_fairness_matches_the_summary(result):
    frame = result.fairness().set_index("measure")
    hours = result.summary()["hours"]
    assert frame.loc["paid hours", "spread"] == hours.max() - hours.min()


def test_violations_mirror_the_report(result):
    frame = result.violations()
    columns = ["rule", "person", "date", "amount", "cost", "hard", "message"]
    assert list(frame.columns)[:7] == columns
    assert len(frame) == len(result.report.violations)
    assert frame["cost"].sum() == result.report.score
    assert set(frame["rule"]) == {"combined_shifts"}
    assert not frame["hard"].any() and frame["date"].notna().all()


def test_to_excel_and_load_roster_round_trip(result, tmp_path):
    path = tmp_path / "out.xlsx"
    result.to_excel(path)
    assert roster.load_roster(path, result.problem) == result.roster
    assert "load_roster" in roster.__all__

"""The charts draw the result's own tables, and save as PNG."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import roster
from roster.domain import SolveSettings
from roster.present import plot

FAST = SolveSettings(time_limit_seconds=20, seed=0, workers=2)
FIRST = pd.Timestamp("2026-12-07")


@pytest.fixture(scope="module")
def result():
    return roster.solve(roster.load_problem(), FAST)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def _slot_gap(result, at: pd.Timestamp) -> int:
    coverage = result.coverage()
    (gap,) = coverage[(coverage["start"] <= at) & (at < coverage["end"])]["gap"]
    return int(gap)


def test_heatmap_cells_are_the_coverage_gaps(result):
    data = plot.heatmap_data(result)
    assert data.shape == (result.problem.num_days, 48)
    assert list(data.columns[:3]) == ["00:00", "00:30", "01:00"]
    assert data.loc[FIRST, "22:00"] == -1 and data.loc[FIRST, "23:30"] == -1
    assert data.loc[FIRST, "10:00"] == _slot_gap(result, FIRST + pd.Timedelta(hours=10))
    for date in data.index:
        for time in ("09:00", "12:30", "17:00", "20:00", "21:30", "22:00"):
            at = date + pd.Timedelta(time + ":00")
            assert data.loc[date, time] == _slot_gap(result, at)
    assert data.loc[:, "00:00":"08:30"].isna().all().all()  # nothing required before 09:00
    assert (data.loc[:, "09:00":] >= -1).all().all()


def test_heatmap_figure_holds_its_data_and_saves(result, tmp_path):
    fig, ax = plot.coverage_heatmap(result)
    assert isinstance(fig, Figure) and isinstance(ax, Axes)
    pd.testing.assert_frame_equal(ax.roster_data, plot.heatmap_data(result))
    (image,) = ax.get_images()
    drawn = np.ma.filled(image.get_array(), np.nan)
    np.testing.assert_array_equal(drawn, ax.roster_data.to_numpy())
    assert fig.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert "Coverage" in ax.get_title()
    path = tmp_path / "heatmap.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_staffing_curve_for_one_date(result):
    fig, ax = plot.staffing_curve(result, "2026-12-07")
    assert isinstance(fig, Figure) and isinstance(ax, Axes)
    data = ax.roster_data
    assert len(data) == 48
    assert data.loc["10:00", "required"] == 1 and data.loc["08:00", "required"] == 0
    assert data.loc["22:30", "scheduled"] == 0
    assigned = result.assignments
    on_day = assigned[
        (assigned["start"] <= FIRST + pd.Timedelta("13:15:00"))
        & (FIRST + pd.Timedelta("13:15:00") < assigned["end"])
    ]
    assert data.loc["13:00", "scheduled"] == on_day["person"].nunique()
    required = ax.get_lines()[0].get_ydata()
    np.testing.assert_array_equal(required[:-1], data["required"].to_numpy())
    gaps = (data["scheduled"] - data["required"])[data["required"] > 0]
    heat = plot.heatmap_data(result).loc[FIRST].dropna()
    pd.testing.assert_series_equal(gaps, heat, check_names=False)


def test_staffing_curve_average_week(result):
    _, ax = plot.staffing_curve(result)
    data = ax.roster_data
    assert len(data) == 7 * 48
    assert data.index[0] == "Mon 00:00" and data.index[-1] == "Sun 23:30"
    assert data.loc["Mon 10:00", "required"] == 1
    assert (data.loc["Mon 22:00":"Mon 23:30", "scheduled"] == 0).all()


def test_staffing_curve_rejects_a_date_outside_the_horizon(result):
    with pytest.raises(ValueError, match="not in the roster's horizon"):
        plot.staffing_curve(result, "2027-01-01")


def test_person_load_plots_the_summary(result, tmp_path):
    fig, ax = plot.person_load(result)
    assert isinstance(fig, Figure) and isinstance(ax, Axes)
    summary = result.summary().set_index("person")
    data = ax.roster_data
    assert list(data.index) == list(summary.index)
    for column in ("hours", "C shifts", "weekend_days"):
        pd.testing.assert_series_equal(data[column], summary[column])
    bars = [p.get_height() for p in ax.patches]
    assert bars[4:8] == list(summary["B shifts"])  # the second group of bars
    fig.savefig(tmp_path / "load.png")


def test_gantt_has_one_bar_per_shift(result, tmp_path):
    fig, ax = plot.roster_gantt(result)
    assert isinstance(fig, Figure) and isinstance(ax, Axes)
    pd.testing.assert_frame_equal(ax.roster_data, result.assignments)
    assert len(ax.patches) == len(result.roster.assignments)
    fig.savefig(tmp_path / "gantt.png")


def test_importing_roster_does_not_import_matplotlib():
    import subprocess
    import sys

    code = "import sys, roster, roster.api; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""Charts of a solved roster with matplotlib: coverage heatmap, staffing curve, load, Gantt.

Every chart function returns `(fig, ax)` and leaves the table it drew on the axes as
`ax.roster_data` (a DataFrame); the same table comes from the matching `*_data` function, so
what is drawn can be tested against `Result.coverage()`, `Result.summary()` and
`Result.assignments`. Figures have a white face and black text, so they read the same in print
and under a dark notebook theme. Nothing is printed and nothing is shown: save or display the
returned figure.

matplotlib is imported on first use, not with the `roster` package. When no backend has been
chosen (no MPLBACKEND, no rcParams backend, pyplot not yet imported) and there is no display,
the non-interactive Agg backend is selected.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from roster.result import Result

BIN_MINUTES = 30
BINS_PER_DAY = 24 * 60 // BIN_MINUTES
_STYLE: dict[Any, Any] = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "text.color": "black",
    "axes.labelcolor": "black",
    "axes.titlecolor": "black",
    "axes.edgecolor": "black",
    "xtick.color": "black",
    "ytick.color": "black",
    "xtick.labelcolor": "black",
    "ytick.labelcolor": "black",
    "legend.facecolor": "white",
    "legend.edgecolor": "black",
    "legend.labelcolor": "black",
}
_NO_REQUIREMENT = "#bdbdbd"


# ---- the tables the charts draw -------------------------------------------------------------


def bin_labels() -> list[str]:
    """`00:00`, `00:30`, ... `23:30`: the heatmap's columns."""
    return [f"{m // 60:02d}:{m % 60:02d}" for m in range(0, 24 * 60, BIN_MINUTES)]


def heatmap_data(result: Result) -> pd.DataFrame:
    """Dates (rows) x 30-minute bins (columns `HH:MM`): scheduled minus required, the lowest of
    every coverage slot (of any line) that overlaps the bin; NaN where nothing is required.

    A slot past midnight counts on the next date's row; past the horizon it is left out."""
    first = _day_zero(result)
    grid = np.full((result.problem.num_days, BINS_PER_DAY), np.nan)
    flat = grid.reshape(-1)
    for row in result.coverage().itertuples(index=False):
        for b in _bins(first, row.start, row.end, len(flat)):
            flat[b] = np.fmin(flat[b], row.gap)
    return pd.DataFrame(grid, index=_dates(result), columns=pd.Index(bin_labels(), name="time"))


def staffing_data(result: Result, date: Any = None) -> pd.DataFrame:
    """`required` and `scheduled` people per 30-minute bin, at the bin's midpoint.

    `required` is the highest requirement of the coverage lines without a skill (of all lines
    if every line has one), 0 where none; `scheduled` counts the people at work
    (`Result.assignments`). With a `date`, one row per bin of that day (index: `HH:MM`); with
    none, the average week: one row per weekday and bin, Monday first (index: `Mon 09:00`)."""
    first = _day_zero(result)
    days = result.problem.num_days
    required = np.zeros(days * BINS_PER_DAY)
    coverage = result.coverage()
    plain = coverage[coverage["skill"].isna()]
    for row in (plain if len(plain) else coverage).itertuples(index=False):
        for b in _bins(first, row.start, row.end, len(required), midpoint=True):
            required[b] = max(required[b], row.required)
    scheduled = np.zeros(days * BINS_PER_DAY)
    for _, shifts in result.assignments.groupby("person"):
        at_work = np.zeros(days * BINS_PER_DAY, dtype=bool)
        for row in shifts.itertuples(index=False):
            at_work[_bins(first, row.start, row.end, len(at_work), midpoint=True)] = True
        scheduled += at_work
    labels = bin_labels()
    by_day = pd.DataFrame(
        {
            "date": np.repeat(_dates(result), BINS_PER_DAY),
            "time": labels * days,
            "required": required,
            "scheduled": scheduled,
        }
    )
    if date is not None:
        day = by_day[by_day["date"] == pd.Timestamp(date)]
        if day.empty:
            raise ValueError(f"{date} is not in the roster's horizon")
        return day.set_index("time")[["required", "scheduled"]]
    by_day["weekday"] = by_day["date"].dt.day_of_week
    week = by_day.groupby(["weekday", "time"], sort=True)[["required", "scheduled"]].mean()
    week.index = pd.Index(
        [f"{_WEEKDAYS[w]} {t}" for w, t in week.index], name="time"
    )  # weekday order, then HH:MM, which sorts as text
    return week


def load_data(result: Result) -> pd.DataFrame:
    """Per person (index): paid hours, the count of each shift and the weekend days worked,
    taken from `Result.summary()`."""
    summary = result.summary().set_index("person")
    counts = [c for c in summary.columns if c.endswith(" shifts")]
    return summary[["hours", *counts, "weekend_days"]]


def gantt_data(result: Result) -> pd.DataFrame:
    """`Result.assignments`: the bars of the Gantt chart."""
    return result.assignments


# ---- the charts -----------------------------------------------------------------------------


def coverage_heatmap(result: Result) -> tuple[Figure, Axes]:
    """Dates x time of day, coloured by scheduled minus required: gaps red, surplus blue,
    exactly covered white, no requirement grey."""
    plt = _pyplot()
    from matplotlib.colors import Normalize
    from matplotlib.ticker import MaxNLocator

    data = heatmap_data(result)
    values = data.to_numpy()
    reach = max(1.0, float(np.nanmax(np.abs(values)))) if np.isfinite(values).any() else 1.0
    with _style():
        fig, ax = plt.subplots(figsize=(12, max(3.0, 0.28 * len(data) + 1.5)))
        cmap = plt.get_cmap("RdBu").with_extremes(bad=_NO_REQUIREMENT)
        image = ax.imshow(
            np.ma.masked_invalid(values),
            aspect="auto",
            interpolation="nearest",
            cmap=cmap,
            norm=Normalize(vmin=-reach, vmax=reach),
            extent=(0, 24, len(data) - 0.5, -0.5),
        )
        ax.set_xticks(range(0, 25, 2), [f"{h:02d}:00" for h in range(0, 25, 2)])
        ax.set_yticks(range(len(data)), [_date_label(d) for d in data.index])
        ax.set_xlabel("time of day")
        ax.set_ylabel("date")
        ax.set_title(f"Coverage: scheduled minus required{_name(result)}")
        bar = fig.colorbar(image, ax=ax, ticks=MaxNLocator(integer=True))
        bar.set_label("people (red: short, blue: surplus, grey: nothing required)")
        fig.tight_layout()
    ax.roster_data = data  # type: ignore[attr-defined]
    return fig, ax


def staffing_curve(result: Result, date: Any = None) -> tuple[Figure, Axes]:
    """Required and scheduled people over one day (`date`), or over the average week."""
    plt = _pyplot()
    data = staffing_data(result, date)
    hours = np.arange(len(data) + 1) * BIN_MINUTES / 60
    with _style():
        fig, ax = plt.subplots(figsize=(12 if date is None else 9, 4))
        for column, colour in (("required", "black"), ("scheduled", "tab:blue")):
            values = data[column].to_numpy()
            ax.step(hours, [*values, values[-1]], where="post", label=column, color=colour)
        if date is None:
            ax.set_xticks(range(0, 24 * 7 + 1, 24), [*_WEEKDAYS, ""], ha="left")
            ax.set_xlabel("average week")
            what = f"the average week over {result.problem.weeks} weeks"
        else:
            ax.set_xticks(range(0, 25, 3), [f"{h:02d}:00" for h in range(0, 25, 3)])
            ax.set_xlabel("time of day")
            what = _date_label(pd.Timestamp(date))
        ax.set_xlim(0, hours[-1])
        ax.set_ylim(bottom=0)
        ax.set_ylabel("people")
        ax.set_title(f"Required and scheduled people, {what}{_name(result)}")
        ax.legend()
        ax.grid(alpha=0.3)
        fig.tight_layout()
    ax.roster_data = data  # type: ignore[attr-defined]
    return fig, ax


def person_load(result: Result) -> tuple[Figure, Axes]:
    """Grouped bars per person: the count of each shift and the weekend days worked; paid hours
    as black diamonds on the right-hand axis."""
    plt = _pyplot()
    data = load_data(result)
    counts = [c for c in data.columns if c != "hours"]
    x = np.arange(len(data))
    width = 0.8 / max(1, len(counts))
    with _style():
        fig, ax = plt.subplots(figsize=(max(6.0, 1.2 * len(data) + 2), 4.5))
        for i, column in enumerate(counts):
            ax.bar(x + (i - (len(counts) - 1) / 2) * width, data[column], width, label=column)
        ax.set_xticks(x, list(data.index))
        ax.set_ylabel("count over the horizon")
        hours = ax.twinx()
        hours.plot(x, data["hours"], "D", color="black", label="paid hours")
        hours.set_ylabel("paid hours")
        hours.set_ylim(0, max(1.0, float(data["hours"].max())) * 1.15)
        lines, labels = ax.get_legend_handles_labels()
        more, more_labels = hours.get_legend_handles_labels()
        ax.legend(lines + more, labels + more_labels, loc="lower right", fontsize="small")
        ax.set_title(f"Load per person{_name(result)}")
        fig.tight_layout()
    ax.roster_data = data  # type: ignore[attr-defined]
    return fig, ax


def roster_gantt(result: Result) -> tuple[Figure, Axes]:
    """People (rows, in input order) x time: one bar per shift worked, coloured by shift."""
    plt = _pyplot()
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    data = gantt_data(result)
    people = [p.id for p in result.problem.staff]
    row = {person: i for i, person in enumerate(people)}
    codes = [s.code for s in result.problem.shifts]
    palette = plt.get_cmap("tab10")
    colour = {code: palette(i % 10) for i, code in enumerate(codes)}
    with _style():
        fig, ax = plt.subplots(figsize=(14, max(2.5, 0.45 * len(people) + 1.5)))
        for code in codes:
            shifts = data[data["shift"] == code]
            if shifts.empty:
                continue
            start = mdates.date2num(shifts["start"].to_numpy())
            end = mdates.date2num(shifts["end"].to_numpy())
            ax.barh(
                [row[p] for p in shifts["person"]],
                end - start,
                left=start,
                height=0.6,
                color=colour[code],
                edgecolor="black",
                linewidth=0.3,
            )
        names = {p.id: f"{p.id} {p.name}".strip() for p in result.problem.staff}
        ax.set_yticks(range(len(people)), [names[p] for p in people])
        ax.invert_yaxis()
        first = pd.Timestamp(result.problem.start_date)
        ax.set_xlim(
            mdates.date2num(first), mdates.date2num(first + pd.Timedelta(days=_num_days(result)))
        )
        ax.xaxis.set_major_locator(mdates.DayLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%a\n%m-%d"))
        ax.tick_params(axis="x", labelsize="small")
        ax.grid(axis="x", alpha=0.3)
        ax.legend(
            handles=[
                Patch(color=colour[c], label=f"{c} {_shift_window(result, c)}") for c in codes
            ],
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize="small",
        )
        ax.set_title(f"Roster{_name(result)}")
        fig.tight_layout()
    ax.roster_data = data  # type: ignore[attr-defined]
    return fig, ax


# ---- helpers --------------------------------------------------------------------------------

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _pyplot() -> Any:
    import matplotlib

    if "matplotlib.pyplot" not in sys.modules and _no_backend_chosen(matplotlib):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _no_backend_chosen(matplotlib: Any) -> bool:
    if os.environ.get("MPLBACKEND"):
        return False
    chosen = getattr(matplotlib.rcParams, "_get_backend_or_none", lambda: None)()
    if chosen is not None:
        return False
    has_display = sys.platform in ("darwin", "win32") or bool(
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    )
    return not has_display


@contextmanager
def _style() -> Iterator[None]:
    """Our style while a chart is drawn. Only its own settings are put back afterwards: a whole
    `rc_context` would also put back `interactive`, which Jupyter's inline backend switches on
    when the first chart loads it, and the later charts of the notebook would not be shown."""
    import matplotlib

    before = {key: matplotlib.rcParams[key] for key in _STYLE}
    matplotlib.rcParams.update(_STYLE)
    try:
        yield
    finally:
        matplotlib.rcParams.update(before)


def _day_zero(result: Result) -> pd.Timestamp:
    return pd.Timestamp(result.problem.start_date)


def _num_days(result: Result) -> int:
    return result.problem.num_days


def _dates(result: Result) -> pd.DatetimeIndex:
    return pd.date_range(_day_zero(result), periods=_num_days(result), freq="D", name="date")


def _bins(
    first: pd.Timestamp, start: pd.Timestamp, end: pd.Timestamp, count: int, midpoint: bool = False
) -> list[int]:
    """Indexes of the 30-minute bins (counted from `first`) that [start, end) overlaps, or with
    `midpoint` whose midpoints it holds; those past `count` are left out."""
    a = (start - first) / pd.Timedelta(minutes=BIN_MINUTES)
    b = (end - first) / pd.Timedelta(minutes=BIN_MINUTES)
    if midpoint:
        low, high = int(np.ceil(a - 0.5)), int(np.ceil(b - 0.5))
    else:
        low, high = int(np.floor(a)), int(np.ceil(b))
    return list(range(max(0, low), min(count, high)))


def _date_label(date: pd.Timestamp) -> str:
    return f"{_WEEKDAYS[date.weekday()]} {date.date().isoformat()}"


def _name(result: Result) -> str:
    return f" ({result.problem.name})" if result.problem.name else ""


def _shift_window(result: Result, code: str) -> str:
    return result.problem.shift(code).window

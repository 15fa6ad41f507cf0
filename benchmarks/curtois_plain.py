"""Plain CP-SAT reference model of the Curtois & Qu shift scheduling benchmark (Instances 1-24).

What a competent engineer writes in an afternoon straight from the benchmark's FORMAT.md: one
boolean x[e,d,s] per (employee, day, shift), the hard rules 1-9 in exactly the clause forms given
there, and the soft objective (shift-on/off requests plus under/over cover) with one integer
under/over variable per cover line. CP-SAT runs with default parameters except the time limit,
the random seed and the number of workers.

It serves two purposes:

* the baseline the project's own solver is compared against (`make bench`);
* an independent evaluator: `objective` and `hard_violations` recompute the benchmark objective
  and check the hard rules of a roster in plain Python, without any solver.

It deliberately imports nothing from the project's `roster` or `constraints` packages.

Command line:

    .venv/bin/python benchmarks/curtois_plain.py Instance1.txt [--time-limit S] [--workers N]
        [--seed K] [--json]

Conventions (FORMAT.md): day 0 is a Monday and the horizon H is a multiple of 7, so weekend q is
days {7q+5, 7q+6}. The days just outside the horizon count as days off for rules 2 and 5; for the
minimum-run rules 6 and 7 a run that touches day 0 or day H-1 is exempt.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ortools.sat.python import cp_model

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)

ProgressCallback = Callable[[float | None, float, float], None]


# --------------------------------------------------------------------------------------------
# Instance


@dataclass(frozen=True)
class Shift:
    id: str
    length: int  # minutes
    cannot_follow: tuple[str, ...]  # shifts forbidden on day d+1 after this one on day d


@dataclass(frozen=True)
class Staff:
    id: str
    max_shifts: tuple[tuple[str, int], ...]  # (shift id, limit) for every shift type
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int

    def max_shifts_of(self, shift_id: str) -> int:
        for sid, limit in self.max_shifts:
            if sid == shift_id:
                return limit
        raise KeyError(shift_id)


@dataclass(frozen=True)
class Request:
    staff: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class Cover:
    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass(frozen=True)
class Instance:
    name: str
    horizon: int
    shifts: tuple[Shift, ...]
    staff: tuple[Staff, ...]
    days_off: tuple[tuple[str, int], ...]  # one (employee, day) per listed day, in file order
    on_requests: tuple[Request, ...]
    off_requests: tuple[Request, ...]
    cover: tuple[Cover, ...]  # the complete H x shifts grid, in file order

    @property
    def shift_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.shifts)

    @property
    def staff_ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.staff)

    def shift(self, shift_id: str) -> Shift:
        for s in self.shifts:
            if s.id == shift_id:
                return s
        raise KeyError(shift_id)

    def weekends(self) -> tuple[tuple[int, int], ...]:
        """Weekend q = (Saturday 7q+5, Sunday 7q+6), q = 0..H/7-1 (day 0 is a Monday)."""
        return tuple((7 * q + 5, 7 * q + 6) for q in range(self.horizon // 7))


# --------------------------------------------------------------------------------------------
# Parser


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, content) of the meaningful lines: \\r stripped, no comments, no blanks."""
    with path.open(encoding="ascii", errors="strict", newline="") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.replace("\r", "").replace("\n", "").strip()
            if not line or line.startswith("#"):
                continue
            yield number, line


def parse(path: str | Path) -> Instance:
    """Read one `InstanceN.txt` file. Raises ValueError naming the file and line on bad input."""
    path = Path(path)
    where = str(path)

    def fail(line: int | None, message: str) -> ValueError:
        return ValueError(f"{where}:{line}: {message}" if line else f"{where}: {message}")

    def integer(line: int, text: str, what: str, minimum: int = 0) -> int:
        try:
            value = int(text)
        except ValueError:
            raise fail(line, f"{what} must be an integer, got {text!r}") from None
        if value < minimum:
            raise fail(line, f"{what} must be >= {minimum}, got {value}")
        return value

    def fields(line: int, text: str, count: int | None, what: str) -> list[str]:
        parts = [p.strip() for p in text.split(",")]
        if count is not None and len(parts) != count:
            raise fail(line, f"{what} line needs {count} comma-separated fields, got {len(parts)}")
        return parts

    try:
        raw = list(_lines(path))
    except UnicodeDecodeError as exc:
        raise fail(None, f"not an ASCII text file ({exc})") from None

    # Split into sections, in the documented order.
    body: dict[str, list[tuple[int, str]]] = {}
    current: str | None = None
    for number, line in raw:
        if line.startswith("SECTION_"):
            if line not in SECTIONS:
                raise fail(number, f"unknown section {line!r}")
            if line in body:
                raise fail(number, f"section {line} appears twice")
            expected = SECTIONS[len(body)]
            if line != expected:
                raise fail(number, f"section {line} out of order, expected {expected}")
            current = line
            body[line] = []
        elif current is None:
            raise fail(number, f"data before the first section header: {line!r}")
        else:
            body[current].append((number, line))
    for name in SECTIONS:
        if name not in body:
            raise fail(None, f"missing section {name}")

    # Horizon
    horizon_lines = body["SECTION_HORIZON"]
    if len(horizon_lines) != 1:
        first = horizon_lines[1][0] if len(horizon_lines) > 1 else None
        raise fail(first, f"SECTION_HORIZON needs exactly one value, got {len(horizon_lines)}")
    number, text = horizon_lines[0]
    horizon = integer(number, text, "horizon H", minimum=7)
    if horizon % 7:
        raise fail(number, f"horizon H={horizon} is not a multiple of 7 (weeks start on day 0)")

    # Shifts
    shift_rows: list[tuple[int, str, int, list[str]]] = []
    seen_shifts: set[str] = set()
    for number, text in body["SECTION_SHIFTS"]:
        parts = fields(number, text, None, "shift")
        if len(parts) == 2:  # tolerate a missing trailing comma for an empty CannotFollow
            parts.append("")
        if len(parts) != 3:
            raise fail(number, f"shift line needs 3 comma-separated fields, got {len(parts)}")
        sid, length_text, follow_text = parts
        if not sid:
            raise fail(number, "empty shift ID")
        if sid in seen_shifts:
            raise fail(number, f"shift {sid!r} defined twice")
        seen_shifts.add(sid)
        length = integer(number, length_text, f"length of shift {sid}", minimum=0)
        follow = [t.strip() for t in follow_text.split("|") if t.strip()]
        shift_rows.append((number, sid, length, follow))
    if not shift_rows:
        raise fail(None, "SECTION_SHIFTS is empty")
    shifts: list[Shift] = []
    for number, sid, length, follow in shift_rows:
        for t in follow:
            if t not in seen_shifts:
                raise fail(number, f"shift {sid}: CannotFollow names unknown shift {t!r}")
        shifts.append(Shift(sid, length, tuple(dict.fromkeys(follow))))
    shift_order = [s.id for s in shifts]

    # Staff
    staff: list[Staff] = []
    seen_staff: set[str] = set()
    for number, text in body["SECTION_STAFF"]:
        parts = fields(number, text, 8, "staff")
        eid = parts[0]
        if not eid:
            raise fail(number, "empty employee ID")
        if eid in seen_staff:
            raise fail(number, f"employee {eid!r} defined twice")
        seen_staff.add(eid)
        limits: dict[str, int] = {}
        for item in parts[1].split("|"):
            key, sep, value = item.partition("=")
            key = key.strip()
            if not sep:
                raise fail(number, f"employee {eid}: MaxShifts item {item!r} is not ShiftID=limit")
            if key not in seen_shifts:
                raise fail(number, f"employee {eid}: MaxShifts names unknown shift {key!r}")
            if key in limits:
                raise fail(number, f"employee {eid}: MaxShifts names shift {key!r} twice")
            limits[key] = integer(number, value.strip(), f"employee {eid}: MaxShifts {key}")
        missing = [s for s in shift_order if s not in limits]
        if missing:
            raise fail(number, f"employee {eid}: MaxShifts has no limit for shift(s) {missing}")
        names = (
            "MaxTotalMinutes",
            "MinTotalMinutes",
            "MaxConsecutiveShifts",
            "MinConsecutiveShifts",
            "MinConsecutiveDaysOff",
            "MaxWeekends",
        )
        v = [
            integer(number, t, f"employee {eid}: {n}")
            for n, t in zip(names, parts[2:8], strict=True)
        ]
        staff.append(
            Staff(
                id=eid,
                max_shifts=tuple((s, limits[s]) for s in shift_order),
                max_total_minutes=v[0],
                min_total_minutes=v[1],
                max_consecutive_shifts=v[2],
                min_consecutive_shifts=v[3],
                min_consecutive_days_off=v[4],
                max_weekends=v[5],
            )
        )
    if not staff:
        raise fail(None, "SECTION_STAFF is empty")

    def day(number: int, text: str) -> int:
        d = integer(number, text, "day")
        if d >= horizon:
            raise fail(number, f"day {d} is outside the horizon 0..{horizon - 1}")
        return d

    def employee(number: int, text: str) -> str:
        if text not in seen_staff:
            raise fail(number, f"unknown employee {text!r}")
        return text

    def shift_id(number: int, text: str) -> str:
        if text not in seen_shifts:
            raise fail(number, f"unknown shift {text!r}")
        return text

    # Days off: "EmployeeID, day, day, ..." (variable length)
    days_off: list[tuple[str, int]] = []
    for number, text in body["SECTION_DAYS_OFF"]:
        parts = fields(number, text, None, "days-off")
        eid = employee(number, parts[0])
        for d_text in parts[1:]:
            if d_text:  # tolerate a trailing comma
                days_off.append((eid, day(number, d_text)))

    def requests(section: str) -> list[Request]:
        out = []
        for number, text in body[section]:
            eid, d_text, s_text, w_text = fields(number, text, 4, "request")
            out.append(
                Request(
                    employee(number, eid),
                    day(number, d_text),
                    shift_id(number, s_text),
                    integer(number, w_text, "request weight"),
                )
            )
        return out

    on_requests = requests("SECTION_SHIFT_ON_REQUESTS")
    off_requests = requests("SECTION_SHIFT_OFF_REQUESTS")

    # Cover: the complete H x shifts grid.
    cover: list[Cover] = []
    seen_cover: set[tuple[int, str]] = set()
    for number, text in body["SECTION_COVER"]:
        d_text, s_text, req_text, under_text, over_text = fields(number, text, 5, "cover")
        d, s = day(number, d_text), shift_id(number, s_text)
        if (d, s) in seen_cover:
            raise fail(number, f"cover for day {d}, shift {s} given twice")
        seen_cover.add((d, s))
        cover.append(
            Cover(
                d,
                s,
                integer(number, req_text, "cover requirement"),
                integer(number, under_text, "cover weight under"),
                integer(number, over_text, "cover weight over"),
            )
        )
    missing_cover = [
        (d, s) for d in range(horizon) for s in shift_order if (d, s) not in seen_cover
    ]
    if missing_cover:
        raise fail(
            None,
            f"SECTION_COVER is incomplete: {len(missing_cover)} (day, shift) pairs missing, "
            f"first {missing_cover[0]}",
        )

    return Instance(
        name=path.stem,
        horizon=horizon,
        shifts=tuple(shifts),
        staff=tuple(staff),
        days_off=tuple(days_off),
        on_requests=tuple(on_requests),
        off_requests=tuple(off_requests),
        cover=tuple(cover),
    )


# --------------------------------------------------------------------------------------------
# Pure-Python evaluator


def _check_assignment(instance: Instance, assignment: Mapping[tuple[str, int], str]) -> None:
    staff, shifts = set(instance.staff_ids), set(instance.shift_ids)
    for (e, d), s in assignment.items():
        if e not in staff:
            raise ValueError(f"assignment names unknown employee {e!r}")
        if not isinstance(d, int) or not 0 <= d < instance.horizon:
            raise ValueError(f"assignment day {d!r} is outside 0..{instance.horizon - 1}")
        if s not in shifts:
            raise ValueError(f"assignment ({e!r}, {d}) names unknown shift {s!r}")


def objective(instance: Instance, assignment: Mapping[tuple[str, int], str]) -> int:
    """The benchmark objective of a roster {(staff_id, day): shift_id} (days off absent).

    Unmet shift-on requests + granted shift-off requests (their weights) + for every cover line
    WeightUnder * max(0, req - n) + WeightOver * max(0, n - req), n = staff on that shift that day.
    Hard rules are not checked here (see `hard_violations`).
    """
    _check_assignment(instance, assignment)
    total = 0
    for r in instance.on_requests:
        if assignment.get((r.staff, r.day)) != r.shift:
            total += r.weight
    for r in instance.off_requests:
        if assignment.get((r.staff, r.day)) == r.shift:
            total += r.weight
    count = Counter((d, s) for (_, d), s in assignment.items())
    for c in instance.cover:
        n = count[(c.day, c.shift)]
        total += c.weight_under * max(0, c.requirement - n) + c.weight_over * max(
            0, n - c.requirement
        )
    return total


def _runs(worked: list[bool], value: bool) -> Iterator[tuple[int, int]]:
    """Maximal runs [start, end] (inclusive) of days whose worked flag equals `value`."""
    start = None
    for d, w in enumerate([*worked, not value]):
        if w == value and start is None:
            start = d
        elif w != value and start is not None:
            yield start, d - 1
            start = None


def hard_violations(instance: Instance, assignment: Mapping[tuple[str, int], str]) -> list[str]:
    """Every broken hard rule (FORMAT.md rules 1-9) of a roster, one readable line each.

    Rule 1 (one shift per day) cannot be broken by a {(staff, day): shift} mapping.
    """
    _check_assignment(instance, assignment)
    H = instance.horizon
    length = {s.id: s.length for s in instance.shifts}
    follow = {s.id: set(s.cannot_follow) for s in instance.shifts}
    off_days: dict[str, set[int]] = {}
    for e, d in instance.days_off:
        off_days.setdefault(e, set()).add(d)
    out: list[str] = []
    for emp in instance.staff:
        e = emp.id
        row = [assignment.get((e, d)) for d in range(H)]
        worked = [s is not None for s in row]
        # 2. forbidden successions
        for d in range(H - 1):
            s, t = row[d], row[d + 1]
            if s is not None and t is not None and t in follow[s]:
                out.append(f"{e}: shift {t} on day {d + 1} cannot follow shift {s} on day {d}")
        # 3. max shifts per type
        counts = Counter(s for s in row if s is not None)
        for sid, limit in emp.max_shifts:
            if counts[sid] > limit:
                out.append(f"{e}: {counts[sid]} shifts of type {sid} > MaxShifts {limit}")
        # 4. total minutes
        minutes = sum(length[s] for s in row if s is not None)
        if minutes > emp.max_total_minutes:
            out.append(f"{e}: {minutes} minutes > MaxTotalMinutes {emp.max_total_minutes}")
        if minutes < emp.min_total_minutes:
            out.append(f"{e}: {minutes} minutes < MinTotalMinutes {emp.min_total_minutes}")
        # 5. max consecutive shifts (runs counted inside the horizon only)
        for a, b in _runs(worked, True):
            if b - a + 1 > emp.max_consecutive_shifts:
                out.append(
                    f"{e}: {b - a + 1} consecutive shifts on days {a}-{b}"
                    f" > MaxConsecutiveShifts {emp.max_consecutive_shifts}"
                )
        # 6. min consecutive shifts (runs touching day 0 or day H-1 are exempt)
        for a, b in _runs(worked, True):
            if a > 0 and b < H - 1 and b - a + 1 < emp.min_consecutive_shifts:
                out.append(
                    f"{e}: {b - a + 1} consecutive shifts on days {a}-{b}"
                    f" < MinConsecutiveShifts {emp.min_consecutive_shifts}"
                )
        # 7. min consecutive days off (runs touching day 0 or day H-1 are exempt)
        for a, b in _runs(worked, False):
            if a > 0 and b < H - 1 and b - a + 1 < emp.min_consecutive_days_off:
                out.append(
                    f"{e}: {b - a + 1} consecutive days off on days {a}-{b}"
                    f" < MinConsecutiveDaysOff {emp.min_consecutive_days_off}"
                )
        # 8. max weekends (Saturday or Sunday worked)
        weekends = sum(1 for sat, sun in instance.weekends() if worked[sat] or worked[sun])
        if weekends > emp.max_weekends:
            out.append(f"{e}: {weekends} weekends worked > MaxWeekends {emp.max_weekends}")
        # 9. days off
        for d in sorted(off_days.get(e, ())):
            if worked[d]:
                out.append(f"{e}: works shift {row[d]} on day {d}, a listed day off")
    return out


# --------------------------------------------------------------------------------------------
# CP-SAT model


@dataclass
class Model:
    model: cp_model.CpModel
    x: dict[tuple[str, int, str], cp_model.IntVar]


def build_model(instance: Instance) -> Model:
    """The straightforward model: x[e,d,s] booleans, rules 1-9 as written in FORMAT.md."""
    m = cp_model.CpModel()
    H = instance.horizon
    S = instance.shift_ids
    x = {
        (e.id, d, s): m.new_bool_var(f"x[{e.id},{d},{s}]")
        for e in instance.staff
        for d in range(H)
        for s in S
    }
    for emp in instance.staff:
        e = emp.id
        # w[e,d] = sum_s x[e,d,s]; 1. one shift per day (w is a 0/1 variable)
        w = []
        for d in range(H):
            wd = m.new_bool_var(f"w[{e},{d}]")
            m.add(wd == sum(x[e, d, s] for s in S))
            w.append(wd)
        # 2. forbidden successions
        for sh in instance.shifts:
            for t in sh.cannot_follow:
                for d in range(H - 1):
                    m.add(x[e, d, sh.id] + x[e, d + 1, t] <= 1)
        # 3. max shifts per type
        for sid, limit in emp.max_shifts:
            m.add(sum(x[e, d, sid] for d in range(H)) <= limit)
        # 4. total minutes
        minutes = sum(sh.length * x[e, d, sh.id] for d in range(H) for sh in instance.shifts)
        m.add_linear_constraint(minutes, emp.min_total_minutes, emp.max_total_minutes)
        # 5. max consecutive shifts: every window of Max+1 days holds a day off
        k = emp.max_consecutive_shifts
        for d in range(H - k):
            m.add(sum(w[d : d + k + 1]) <= k)
        # 6. min consecutive shifts: forbid off(d), work(d+1..d+k), off(d+k+1)
        for k in range(1, emp.min_consecutive_shifts):
            for d in range(H - k - 1):
                m.add_bool_or([w[d], *(~w[i] for i in range(d + 1, d + k + 1)), w[d + k + 1]])
        # 7. min consecutive days off: forbid work(d), off(d+1..d+k), work(d+k+1)
        for k in range(1, emp.min_consecutive_days_off):
            for d in range(H - k - 1):
                m.add_bool_or([~w[d], *(w[i] for i in range(d + 1, d + k + 1)), ~w[d + k + 1]])
        # 8. max weekends: a weekend is worked if Saturday or Sunday is
        weekend_vars = []
        for q, (sat, sun) in enumerate(instance.weekends()):
            wk = m.new_bool_var(f"weekend[{e},{q}]")
            m.add_max_equality(wk, [w[sat], w[sun]])
            weekend_vars.append(wk)
        m.add(sum(weekend_vars) <= emp.max_weekends)
    # 9. days off
    for e, d in instance.days_off:
        m.add(sum(x[e, d, s] for s in S) == 0)

    # Objective
    terms: list[Any] = []
    for r in instance.on_requests:
        terms.append(r.weight * (1 - x[r.staff, r.day, r.shift]))
    for r in instance.off_requests:
        terms.append(r.weight * x[r.staff, r.day, r.shift])
    n_staff = len(instance.staff)
    for c in instance.cover:
        n = sum(x[e.id, c.day, c.shift] for e in instance.staff)
        under = m.new_int_var(0, max(c.requirement, 0), f"under[{c.day},{c.shift}]")
        over = m.new_int_var(0, n_staff, f"over[{c.day},{c.shift}]")
        # under = max(0, req - n) and n - req = over - under, so over = max(0, n - req) exactly:
        # every solution's objective is the benchmark objective, not just an upper bound on it.
        m.add_max_equality(under, [0, c.requirement - n])
        m.add(n - c.requirement == over - under)
        terms.append(c.weight_under * under + c.weight_over * over)
    m.minimize(sum(terms))
    return Model(m, x)


class _Progress(cp_model.CpSolverSolutionCallback):
    """Records (t, objective, bound) on every solution and every bound improvement."""

    def __init__(self, start: float, on_progress: ProgressCallback | None) -> None:
        super().__init__()
        self.start = start
        self.on_progress = on_progress
        self.lock = threading.Lock()
        self.best: float | None = None
        self.bound = -math.inf
        self.first_feasible: float | None = None
        self.trace: list[list[float | int | None]] = []

    def record(self, objective_value: float | None, bound: float) -> None:
        with self.lock:
            t = time.perf_counter() - self.start
            if objective_value is not None:
                if self.first_feasible is None:
                    self.first_feasible = t
                if self.best is None or objective_value < self.best:
                    self.best = objective_value
            self.bound = max(self.bound, bound)
            best_int = None if self.best is None else round(self.best)
            self.trace.append([round(t, 4), best_int, _int_bound(self.bound)])
            best, bound_now = self.best, self.bound
        if self.on_progress is not None:
            self.on_progress(best, bound_now, t)

    def on_solution_callback(self) -> None:
        self.record(self.objective_value, self.best_objective_bound)

    def on_bound(self, bound: float) -> None:
        self.record(None, bound)


_STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.UNKNOWN: "no solution in time",
}


def _int_bound(value: float) -> int:
    if not math.isfinite(value):
        return 0
    return math.ceil(value - 1e-6)  # integer objective: the bound rounds up


def solve_plain(
    path: str | Path,
    time_limit: float,
    seed: int,
    workers: int,
    on_progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Solve one instance file with the plain model and CP-SAT's default parameters.

    Only max_time_in_seconds, random_seed and num_workers are set. `on_progress(objective or
    None, bound, seconds since the solve started)` is called on every solution and on every
    bound improvement. Returns a json-friendly dict:

    status                  "optimal", "feasible", "infeasible" or "no solution in time"
    objective               int, or None without a solution
    bound                   int, CP-SAT's lower bound rounded up (0 when infeasible)
    seconds                 wall time of the solve; build_seconds: model building
    variables, constraints  sizes of the model as built (before presolve)
    first_feasible_seconds  float, or None
    trace                   [[seconds, objective or None, bound], ...] one row per event
    checker_objective       `objective(...)` recomputed in Python from the roster, or None
    hard_violations         len(`hard_violations(...)`) of the roster, or None without one
    assignment              {"E,d": "S"} for the worked days
    instance                the file's stem, e.g. "Instance1"
    """
    instance = parse(path)
    t0 = time.perf_counter()
    built = build_model(instance)
    build_seconds = time.perf_counter() - t0
    proto = built.model.proto

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.random_seed = int(seed)
    solver.parameters.num_workers = int(workers)
    start = time.perf_counter()
    progress = _Progress(start, on_progress)
    solver.best_bound_callback = progress.on_bound
    status = solver.solve(built.model, progress)
    seconds = time.perf_counter() - start
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # The last bound improvement (e.g. the one proving optimality) does not always reach the
        # bound callback: report the final state once more if it moved.
        final_bound = solver.best_objective_bound
        if (
            progress.best is None
            or final_bound > progress.bound
            or solver.objective_value < progress.best
        ):
            progress.record(solver.objective_value, final_bound)
    if status not in _STATUS:
        raise RuntimeError(f"{instance.name}: CP-SAT returned {solver.status_name(status)}")

    has_solution = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    assignment: dict[tuple[str, int], str] = {}
    if has_solution:
        for (e, d, s), var in built.x.items():
            if solver.boolean_value(var):
                assignment[e, d] = s
    result: dict[str, Any] = {
        "instance": instance.name,
        "status": _STATUS[status],
        "objective": round(solver.objective_value) if has_solution else None,
        # CP-SAT's final lower bound, rounded up (it reports 0 when the model is infeasible).
        "bound": _int_bound(max(solver.best_objective_bound, progress.bound)),
        "seconds": round(seconds, 3),
        "build_seconds": round(build_seconds, 3),
        "variables": len(proto.variables),
        "constraints": len(proto.constraints),
        "first_feasible_seconds": (
            round(progress.first_feasible, 4) if progress.first_feasible is not None else None
        ),
        "trace": progress.trace,
        "checker_objective": objective(instance, assignment) if has_solution else None,
        "hard_violations": len(hard_violations(instance, assignment)) if has_solution else None,
        "assignment": {f"{e},{d}": s for (e, d), s in sorted(assignment.items())},
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", help="an InstanceN.txt file")
    parser.add_argument("--time-limit", type=float, default=10.0, help="seconds (default 10)")
    parser.add_argument("--workers", type=int, default=8, help="CP-SAT workers (default 8)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(argv)
    try:
        result = solve_plain(args.file, args.time_limit, args.seed, args.workers)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"{result['instance']}: {result['status']} objective={result['objective']}"
        f" bound={result['bound']} seconds={result['seconds']}"
        f" first_feasible={result['first_feasible_seconds']}"
        f" checker={result['checker_objective']} hard_violations={result['hard_violations']}"
        f" variables={result['variables']} constraints={result['constraints']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The plain CP-SAT reference model of the Curtois & Qu benchmark (benchmarks/curtois_plain.py).

Parser counts against FORMAT.md, the pure-Python objective and hard-rule checker on hand-built
rosters (edge cases at the horizon border, weekends, forbidden successions), the solver's roster
re-checked by the pure-Python functions, and the solver's optimum against brute force on tiny
instances.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "benchmarks" / "curtois"
INSTANCES = BENCH / "instances"


def _load() -> ModuleType:
    name = "curtois_plain"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "curtois_plain.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look the module up while the class is created
    spec.loader.exec_module(module)
    return module


cp = _load()

needs_benchmark = pytest.mark.skipif(
    not INSTANCES.is_dir(),
    reason=f"Curtois benchmark files not found at {BENCH} (shared read-only folder absent)",
)


# ----------------------------------------------------------------------------------------------
# Tiny instance files written by hand


def write_instance(
    tmp_path: Path,
    *,
    horizon: int = 7,
    shifts: tuple[str, ...] = ("D,480,",),
    staff: tuple[str, ...] = ("A,D=7,3360,0,7,1,1,2",),
    days_off: tuple[str, ...] = (),
    on: tuple[str, ...] = (),
    off: tuple[str, ...] = (),
    cover: dict[tuple[int, str], int] | None = None,
    name: str = "Tiny",
) -> Path:
    """An instance file in the benchmark format (CRLF, comments); cover requirement 0 if absent."""
    shift_ids = [line.split(",")[0] for line in shifts]
    cover = cover or {}
    cover_lines = [
        f"{d},{s},{cover.get((d, s), 0)},100,1" for d in range(horizon) for s in shift_ids
    ]
    parts = [
        "# tiny test instance",
        "SECTION_HORIZON",
        "# days",
        str(horizon),
        "",
        "SECTION_SHIFTS",
        "# ShiftID, Length in mins, Shifts which cannot follow this shift | separated",
        *shifts,
        "",
        "SECTION_STAFF",
        "# ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, ...",
        *staff,
        "",
        "SECTION_DAYS_OFF",
        "# EmployeeID, DayIndexes (start at zero)",
        *days_off,
        "",
        "SECTION_SHIFT_ON_REQUESTS",
        "# EmployeeID, Day, ShiftID, Weight",
        *on,
        "",
        "SECTION_SHIFT_OFF_REQUESTS",
        "# EmployeeID, Day, ShiftID, Weight",
        *off,
        "",
        "SECTION_COVER",
        "# Day, ShiftID, Requirement, Weight for under, Weight for over",
        *cover_lines,
    ]
    path = tmp_path / f"{name}.txt"
    path.write_bytes(("\r\n".join(parts) + "\r\n").encode("ascii"))
    return path


def roster(employee: str, pattern: str) -> dict[tuple[str, int], str]:
    """'DD.LL..' -> {(employee, 0): 'D', (employee, 1): 'D', (employee, 3): 'L', ...}."""
    return {(employee, d): s for d, s in enumerate(pattern) if s != "."}


# ----------------------------------------------------------------------------------------------
# Parser


# FORMAT.md section 4: H, shift types, staff, days-off entries, on-req, off-req, cover lines.
FORMAT_TABLE = {
    1: (14, 1, 8, 8, 21, 5, 14),
    2: (14, 2, 14, 14, 50, 12, 28),
    3: (14, 3, 20, 20, 39, 25, 42),
    4: (28, 2, 10, 20, 52, 19, 56),
    5: (28, 2, 16, 32, 79, 27, 56),
    6: (28, 3, 18, 36, 87, 48, 84),
    7: (28, 3, 20, 40, 104, 64, 84),
    8: (28, 4, 30, 60, 139, 86, 112),
}


@needs_benchmark
@pytest.mark.parametrize("number", sorted(FORMAT_TABLE))
def test_parse_counts_match_format_table(number: int) -> None:
    inst = cp.parse(INSTANCES / f"Instance{number}.txt")
    counts = (
        inst.horizon,
        len(inst.shifts),
        len(inst.staff),
        len(inst.days_off),
        len(inst.on_requests),
        len(inst.off_requests),
        len(inst.cover),
    )
    assert counts == FORMAT_TABLE[number]
    assert inst.name == f"Instance{number}"
    assert {s.length for s in inst.shifts} == {480}
    assert {(c.weight_under, c.weight_over) for c in inst.cover} == {(100, 1)}
    # MaxShifts names every shift type, in shift order.
    assert all(tuple(k for k, _ in e.max_shifts) == inst.shift_ids for e in inst.staff)


@needs_benchmark
def test_parse_instance1_details() -> None:
    inst = cp.parse(str(INSTANCES / "Instance1.txt"))  # a str works as well as a Path
    assert inst.shifts == (cp.Shift("D", 480, ()),)
    a = inst.staff[0]
    assert (a.id, a.max_shifts, a.max_total_minutes, a.min_total_minutes) == (
        "A",
        (("D", 14),),
        4320,
        3360,
    )
    assert (
        a.max_consecutive_shifts,
        a.min_consecutive_shifts,
        a.min_consecutive_days_off,
        a.max_weekends,
    ) == (5, 2, 2, 1)
    assert inst.days_off[0] == ("A", 0)
    assert inst.on_requests[2] == cp.Request("B", 0, "D", 3)
    assert inst.cover[0] == cp.Cover(0, "D", 5, 100, 1)
    assert inst.weekends() == ((5, 6), (12, 13))


@needs_benchmark
def test_parse_cannot_follow_lists() -> None:
    inst = cp.parse(INSTANCES / "Instance8.txt")
    follow = {s.id: s.cannot_follow for s in inst.shifts}
    assert follow == {"E": (), "D": ("E",), "L": ("E", "D"), "N": ("E", "D", "L")}


def test_parse_tolerates_variable_days_off_and_empty_cannot_follow(tmp_path: Path) -> None:
    path = write_instance(
        tmp_path,
        shifts=("E,480,", "L,600,E|"),
        staff=("A,E=3|L=2,3000,0,5,1,1,1", "B,L=4|E=0,3000,0,5,1,1,1"),
        days_off=("A,1,3,5", "B,0"),
    )
    inst = cp.parse(path)
    assert inst.shift("L") == cp.Shift("L", 600, ("E",))
    assert inst.days_off == (("A", 1), ("A", 3), ("A", 5), ("B", 0))
    # MaxShifts is stored in shift order whatever the order in the file.
    assert inst.staff[1].max_shifts == (("E", 0), ("L", 4))
    assert inst.staff[1].max_shifts_of("L") == 4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (dict(horizon=10), "not a multiple of 7"),
        (dict(staff=("A,D=x,3360,0,7,1,1,2",)), ":12: employee A: MaxShifts D must be an integer"),
        (dict(staff=("A,3360,0,7,1,1,2",)), "staff line needs 8"),
        (dict(staff=("A,E=7,3360,0,7,1,1,2",)), "unknown shift 'E'"),
        (dict(shifts=("D,480,", "E,480,"), staff=("A,D=7,3360,0,7,1,1,2",)), "no limit"),
        (dict(shifts=("D,480,X",)), "CannotFollow names unknown shift 'X'"),
        (dict(days_off=("Z,1",)), "unknown employee 'Z'"),
        (dict(days_off=("A,7",)), "day 7 is outside the horizon 0..6"),
        (dict(on=("A,1,D",)), "request line needs 4"),
        (dict(off=("A,1,N,1",)), "unknown shift 'N'"),
        (dict(on=("A,1,D,-1",)), "request weight must be >= 0"),
    ],
)
def test_parse_errors_name_file_and_line(tmp_path: Path, change: dict, message: str) -> None:
    path = write_instance(tmp_path, **change)
    with pytest.raises(ValueError, match=r"Tiny\.txt") as info:
        cp.parse(path)
    assert message in str(info.value)


def test_parse_rejects_missing_or_incomplete_sections(tmp_path: Path) -> None:
    path = write_instance(tmp_path)
    text = path.read_text()
    cut = tmp_path / "Cut.txt"
    cut.write_text(text.split("SECTION_COVER")[0])
    with pytest.raises(ValueError, match="missing section SECTION_COVER"):
        cp.parse(cut)
    short = tmp_path / "Short.txt"
    short.write_text(text.rsplit("0,D,", 1)[0].rstrip() + "\n")  # drop the last cover line
    with pytest.raises(ValueError, match="SECTION_COVER is incomplete"):
        cp.parse(short)
    swapped = tmp_path / "Swapped.txt"
    swapped.write_text(text.replace("SECTION_SHIFT_ON_REQUESTS", "SECTION_XX"))
    with pytest.raises(ValueError, match=r"Swapped\.txt:\d+: unknown section 'SECTION_XX'"):
        cp.parse(swapped)


# ----------------------------------------------------------------------------------------------
# Pure-Python objective and hard rules on hand-built rosters


def test_objective_requests_and_cover(tmp_path: Path) -> None:
    inst = cp.parse(
        write_instance(
            tmp_path,
            shifts=("E,480,", "L,480,E"),
            staff=("A,E=7|L=7,3360,0,7,1,1,2", "B,E=7|L=7,3360,0,7,1,1,2"),
            on=("A,0,E,2", "A,1,L,3"),  # day 0 met, day 1 unmet (A works E)
            off=("B,0,E,1", "B,2,L,2"),  # day 0 violated, day 2 respected (B off)
            cover={(0, "E"): 1, (1, "E"): 0, (1, "L"): 2},
        )
    )
    a = {("A", 0): "E", ("B", 0): "E", ("A", 1): "E"}
    # requests: 3 (A day 1) + 1 (B day 0); cover: day 0 E one over (1), day 1 E one over (1),
    # day 1 L two under (200).
    assert cp.objective(inst, a) == 3 + 1 + 1 + 1 + 200
    assert cp.objective(inst, {}) == 2 + 3 + 100 + 200  # on-requests unmet, cover missing


def test_objective_rejects_unknown_names(tmp_path: Path) -> None:
    inst = cp.parse(write_instance(tmp_path))
    for bad in ({("Z", 0): "D"}, {("A", 7): "D"}, {("A", 0): "N"}):
        with pytest.raises(ValueError):
            cp.objective(inst, bad)
        with pytest.raises(ValueError):
            cp.hard_violations(inst, bad)


def test_min_consecutive_shifts_border_runs_are_exempt(tmp_path: Path) -> None:
    inst = cp.parse(write_instance(tmp_path, staff=("A,D=7,3360,0,7,2,1,2",)))
    assert cp.hard_violations(inst, roster("A", "D.....D")) == []  # runs touch day 0 / day 6
    assert cp.hard_violations(inst, roster("A", "DDDDDDD")) == []
    assert cp.hard_violations(inst, roster("A", ".DD.DD.")) == []
    (v,) = cp.hard_violations(inst, roster("A", "D..D..D"))
    assert "1 consecutive shifts on days 3-3 < MinConsecutiveShifts 2" in v
    (v,) = cp.hard_violations(inst, roster("A", ".D....."))
    assert "days 1-1" in v


def test_min_consecutive_days_off_border_runs_are_exempt(tmp_path: Path) -> None:
    inst = cp.parse(write_instance(tmp_path, staff=("A,D=7,3360,0,7,1,3,2",)))
    assert cp.hard_violations(inst, roster("A", ".DDDDD.")) == []  # single days off at the border
    assert cp.hard_violations(inst, roster("A", "..DDDD.")) == []
    assert cp.hard_violations(inst, roster("A", ".......")) == []
    assert cp.hard_violations(inst, roster("A", "D...DDD")) == []  # exactly 3 off: fine
    violations = cp.hard_violations(inst, roster("A", "D.D..DD"))
    assert len(violations) == 2
    assert "1 consecutive days off on days 1-1 < MinConsecutiveDaysOff 3" in violations[0]
    assert "2 consecutive days off on days 3-4" in violations[1]


def test_max_consecutive_shifts_counts_inside_the_horizon(tmp_path: Path) -> None:
    inst = cp.parse(write_instance(tmp_path, staff=("A,D=7,3360,0,3,1,1,2",)))
    assert cp.hard_violations(inst, roster("A", "DDD.DDD")) == []
    (v,) = cp.hard_violations(inst, roster("A", "DDDD.DD"))
    assert "4 consecutive shifts on days 0-3 > MaxConsecutiveShifts 3" in v


def test_weekends_are_saturday_or_sunday(tmp_path: Path) -> None:
    path = write_instance(tmp_path, horizon=14, staff=("A,D=14,9999,0,14,1,1,1",))
    inst = cp.parse(path)
    # days 5/6 and 12/13 are the weekends (day 0 is a Monday)
    assert cp.hard_violations(inst, roster("A", "DDDDD..DDDDD..")) == []
    assert cp.hard_violations(inst, roster("A", ".....DD.......")) == []  # both days: 1 weekend
    (v,) = cp.hard_violations(inst, roster("A", "......D.....D."))  # Sunday, then Saturday
    assert "2 weekends worked > MaxWeekends 1" in v
    inst0 = cp.parse(write_instance(tmp_path, horizon=14, staff=("A,D=14,9999,0,14,1,1,0",)))
    assert len(cp.hard_violations(inst0, roster("A", ".............D"))) == 1
    assert cp.hard_violations(inst0, roster("A", "DDDDD.........")) == []


def test_cannot_follow(tmp_path: Path) -> None:
    inst = cp.parse(
        write_instance(
            tmp_path,
            shifts=("E,480,", "D,480,E", "L,480,E|D"),
            staff=("A,E=7|D=7|L=7,3360,0,7,1,1,2",),
        )
    )
    assert cp.hard_violations(inst, roster("A", "EDLL.EL")) == []  # forward rotation is fine
    assert cp.hard_violations(inst, roster("A", "L.E...L")) == []  # a day off in between
    violations = cp.hard_violations(inst, roster("A", "LEDE..."))
    assert violations == [
        "A: shift E on day 1 cannot follow shift L on day 0",
        "A: shift E on day 3 cannot follow shift D on day 2",
    ]


def test_other_hard_rules(tmp_path: Path) -> None:
    inst = cp.parse(
        write_instance(
            tmp_path,
            shifts=("E,480,", "L,600,"),
            staff=("A,E=2|L=0,1500,900,7,1,1,2",),
            days_off=("A,3",),
        )
    )
    assert cp.hard_violations(inst, roster("A", "EE.....")) == []
    assert cp.hard_violations(inst, roster("A", "EEEL...")) == [
        "A: 3 shifts of type E > MaxShifts 2",
        "A: 1 shifts of type L > MaxShifts 0",
        "A: 2040 minutes > MaxTotalMinutes 1500",
        "A: works shift L on day 3, a listed day off",
    ]
    assert cp.hard_violations(inst, roster("A", "E......")) == [
        "A: 480 minutes < MinTotalMinutes 900"
    ]


# ----------------------------------------------------------------------------------------------
# The CP-SAT model against the pure-Python functions


@needs_benchmark
def test_instance1_solver_roster_rechecked_in_python() -> None:
    events: list[tuple[float | None, float, float]] = []
    result = cp.solve_plain(
        str(INSTANCES / "Instance1.txt"),
        time_limit=5.0,
        seed=0,
        workers=2,
        on_progress=lambda o, b, t: events.append((o, b, t)),
    )
    assert result["status"] in ("optimal", "feasible")
    assert result["checker_objective"] == result["objective"]
    assert result["hard_violations"] == 0
    inst = cp.parse(INSTANCES / "Instance1.txt")
    assignment = {
        (k.split(",")[0], int(k.split(",")[1])): s for k, s in result["assignment"].items()
    }
    assert cp.objective(inst, assignment) == result["objective"]
    assert cp.hard_violations(inst, assignment) == []
    assert result["objective"] >= 607  # best known value of Instance1 (proved optimal)
    if result["status"] == "optimal":
        assert result["objective"] == result["bound"] == 607
    # progress: reported on solutions and bound improvements, the trace mirrors the calls
    assert events and len(events) == len(result["trace"])
    assert result["first_feasible_seconds"] is not None
    assert events[-1][0] == result["objective"]
    times = [t for _, _, t in events]
    assert times == sorted(times)
    assert result["variables"] > 0 and result["constraints"] > 0


def _brute_force(inst: Any) -> int | None:
    """The best objective over every roster without hard violations (None: infeasible)."""
    cells = [(e.id, d) for e in inst.staff for d in range(inst.horizon)]
    options = (None, *inst.shift_ids)
    best = None
    for combo in itertools.product(options, repeat=len(cells)):
        a = {cell: s for cell, s in zip(cells, combo, strict=True) if s is not None}
        if not cp.hard_violations(inst, a):
            value = cp.objective(inst, a)
            best = value if best is None else min(best, value)
    return best


def _random_tiny(tmp_path: Path, seed: int) -> Path:
    rng = random.Random(seed)
    two_people = seed % 2 == 0  # 2 people x 1 shift, or 1 person x 2 shifts, over 7 days
    shifts = ("D,480,",) if two_people else ("E,480,", "L,600,E")
    ids = [s.split(",")[0] for s in shifts]
    staff = []
    for e in ("A", "B") if two_people else ("A",):
        limits = "|".join(f"{s}={rng.randint(2, 7)}" for s in ids)
        staff.append(
            f"{e},{limits},{rng.choice([2400, 3000, 9999])},{rng.choice([0, 960, 1440])},"
            f"{rng.randint(2, 5)},{rng.randint(1, 3)},{rng.randint(1, 3)},{rng.randint(0, 1)}"
        )
    people = [s.split(",")[0] for s in staff]
    requests = [
        f"{rng.choice(people)},{rng.randrange(7)},{rng.choice(ids)},{rng.randint(1, 3)}"
        for _ in range(6)
    ]
    return write_instance(
        tmp_path,
        shifts=shifts,
        staff=tuple(staff),
        days_off=(f"{people[0]},{rng.randrange(7)}",),
        on=tuple(requests[:3]),
        off=tuple(requests[3:]),
        cover={(d, s): rng.randint(0, 2) for d in range(7) for s in ids},
        name=f"Random{seed}",
    )


@pytest.mark.parametrize("seed", range(8))  # seed 7 is infeasible
def test_solver_optimum_matches_brute_force(tmp_path: Path, seed: int) -> None:
    path = _random_tiny(tmp_path, seed)
    expected = _brute_force(cp.parse(path))
    result = cp.solve_plain(path, time_limit=10.0, seed=0, workers=2)
    if expected is None:
        assert result["status"] == "infeasible"
        assert result["objective"] is None
    else:
        assert result["status"] == "optimal"
        assert result["objective"] == result["checker_objective"] == expected
        assert result["hard_violations"] == 0

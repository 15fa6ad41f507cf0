"""How long writing the roster workbook takes at a real call center's size.

Scenario XL (1000 people over 4 weeks, `benchmarks/scenarios.py`) with a simple rotating roster
(no solve: each person works the shifts in turn, five days a week), judged by the checker as a
hand-made roster would be. It prints the Coverage sheet's rows and the seconds and peak memory of
`Result.to_excel`, the best of a few runs. The target is well under 10 s.

    .venv/bin/python benchmarks/write_speed.py [S|M|L|XL]
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # also when run as a script

from benchmarks.scenarios import scenario
from roster import api
from roster.domain import Assignment, Problem, Roster
from roster.views import coverage_rows

RUNS = 3


def simple_roster(problem: Problem) -> Roster:
    """Person i works shift (i + week) mod the shifts, Monday to Friday of every week."""
    codes = [s.code for s in problem.shifts]
    return Roster(
        assignments=frozenset(
            Assignment(staff_id=p.id, day=day, shift_code=codes[(i + day // 7) % len(codes)])
            for i, p in enumerate(problem.staff)
            for day in problem.days
            if day % 7 < 5
        )
    )


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "XL"
    problem = scenario(name, "plain")
    result = api.evaluate(problem, simple_roster(problem))
    rows = len(coverage_rows(problem, result.roster))
    print(
        f"scenario {name}: {len(problem.staff)} people, {problem.weeks} weeks, {rows} coverage rows"
    )
    seconds = []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(RUNS):
            began = time.perf_counter()
            result.to_excel(Path(folder) / f"roster{run}.xlsx")
            seconds.append(time.perf_counter() - began)
        size = (Path(folder) / "roster0.xlsx").stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"write: best {min(seconds):.2f} s of {', '.join(f'{s:.2f}' for s in seconds)}; ")
    print(f"workbook {size / 1e6:.1f} MB; peak memory of the process {peak:.0f} MB")


if __name__ == "__main__":
    main()

"""How long the pre-solve analysis takes on a large problem: scenario L, 200 people over 6 weeks.

Six shifts (one crossing midnight, one remote), a coverage curve in 30-minute steps, two skills,
about 10% of the person-days on leave (`benchmarks/scenarios.py`). Run it on its own with the
project's interpreter, or as the last section of `make bench`:

    .venv/bin/python benchmarks/analysis_speed.py

It prints the findings by kind (the only ones expected are structural gaps: nobody works the
first night's 00:00-06:00, as the horizon starts at midnight with no night shift before it), the
first run of `analyse(problem)` (cold: it imports OR-Tools) and the median of the following runs.
The target is well under a second.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # also when run as a script

from benchmarks.scenarios import scenario
from roster.analysis import Finding, analyse
from roster.domain import Problem

RUNS = 5


def build() -> Problem:
    return scenario("L", "plain")


def timings(runs: int = RUNS) -> tuple[list[float], list[Finding]]:
    """Seconds of `runs + 1` analyses of `build()` (the first cold), and the findings."""
    problem = build()
    times = []
    findings: list[Finding] = []
    for _ in range(runs + 1):
        began = time.perf_counter()
        findings = analyse(problem)
        times.append(time.perf_counter() - began)
    return times, findings


def main() -> None:
    problem = build()
    leave = len(problem.requests_of(("leave",)))
    print(
        f"{len(problem.staff)} people, {len(problem.shifts)} shifts, {problem.weeks} weeks, "
        f"{len(problem.coverage)} coverage lines, {leave} leave days"
    )
    times, findings = timings()
    kinds = Counter(f"{f.severity} {f.kind}" for f in findings)
    print("findings:", ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none")
    for finding in findings:
        if finding.kind != "structural_gap":  # the first night: no night shift before day 1
            print(f"  {finding.severity}: {finding.message}")
    print(
        f"analyse(): first run {times[0]:.3f} s (with importing OR-Tools), "
        f"median of the next {RUNS} {statistics.median(times[1:]):.3f} s"
    )


if __name__ == "__main__":
    main()

"""`make bench`: how fast and how well rosters are found, from 4 people to 1000, and on Curtois.

    .venv/bin/python -m benchmarks.run                  # everything (23 minutes on 2 cores)
    .venv/bin/python -m benchmarks.run --quick          # S and M, short limits, Curtois 1-3 at 10 s
    make bench BENCH_ARGS="--sizes M --runs 5" CURTOIS=/path/to/curtois

Three sections:

- scale: the scenarios of `benchmarks/scenarios.py` (S, M, L, XL; plain and rotating where they
  come so). Each run is one `benchmarks.measure` child process (its own peak memory), run i with
  solver seed `--seed` + i. Timings are medians over `--runs` (default 3 for S and M, 1 for L and
  XL); the peak memory is the largest. Each case is held against its target, and the table says
  met or missed: a missed target is a finding, never a failure, so the exit status is 0 whatever
  the machine.
- curtois: per public instance (`--curtois DIR` holding `instances/InstanceN.txt` and
  `best_known.csv`), our model (`roster.io.curtois.read_curtois`) and the plain CP-SAT reference
  model (`benchmarks.curtois_plain`), each solved once at each of `--curtois-limit` (60 and 300 s
  by default): the objective at 10 s and at the end against the best known value, when the best
  known was reached, and the neighbourhood search's statistics; then one table side by side.
- analysis: the pre-solve analysis on scenario L (`benchmarks/analysis_speed.py`).

Every number goes to `--json` (default `benchmarks/results/latest.json`, not committed) with the
machine's facts, rewritten after each case so that an interrupted run keeps what it measured.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.metadata
import importlib.util
import json
import math
import os
import platform
import statistics
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.measure import PLAIN_MODULE, ROOT, Case, measure_in_child
from benchmarks.scenarios import NAMES, modes_of

Run = dict[str, Any]  # one `Measurement` as JSON, or {"error": ...}
SECTIONS = ("scale", "curtois", "analysis")
LIMITS = {"S": 10.0, "M": 60.0, "L": 60.0, "XL": 180.0}
RUNS = {"S": 3, "M": 3, "L": 1, "XL": 1}
QUICK_LIMITS = {"S": 5.0, "M": 20.0}
CURTOIS_DEFAULT = ROOT.parent / "shared" / "benchmarks" / "curtois"
CURTOIS_FACTORY = "roster.io.curtois:read_curtois"
CURTOIS_EARLY = 10.0  # the objective is also read off the trace at this many seconds
JSON_DEFAULT = ROOT / "benchmarks" / "results" / "latest.json"
GIB = 1024.0  # MiB


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    text: str
    met: Callable[[dict[str, Any]], bool | None]  # from a case's summary; None: not measured


def first_roster_under(seconds: float) -> Target:
    def met(summary: dict[str, Any]) -> bool | None:
        first = summary["first_roster_seconds"]
        return first is not None and first < seconds

    return Target(text=f"first roster <{seconds:g} s", met=met)


def optimal_under(seconds: float) -> Target:
    def met(summary: dict[str, Any]) -> bool | None:
        return bool(summary["all_optimal"] and summary["solve_seconds"] < seconds)

    return Target(text=f"optimal proven <{seconds:g} s solve", met=met)


def near_bound_at(share: float, seconds: float) -> Target:
    def met(summary: dict[str, Any]) -> bool | None:
        if summary["time_limit"] < seconds and not summary["all_optimal"]:
            return None  # stopped before the target's time
        above = summary["above_bound_at"].get(f"{seconds:g}")
        return above is not None and above <= share

    return Target(text=f"within {share:.0%} of bound at {seconds:g} s", met=met)


def memory_under(gib: float) -> Target:
    def met(summary: dict[str, Any]) -> bool | None:
        peak = summary["peak_rss_mb"]
        return peak is not None and peak < gib * GIB

    return Target(text=f"peak memory <{gib:g} GiB", met=met)


TARGETS = {
    "S": (optimal_under(1),),
    "M": (first_roster_under(5), near_bound_at(0.02, 60)),
    "L": (first_roster_under(30),),
    "XL": (first_roster_under(120), memory_under(8)),
}


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    results: dict[str, Any] = {
        "started": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": machine(),
        "arguments": {k: str(v) for k, v in vars(args).items()},
    }
    print(describe(results["machine"]))
    if "scale" in args.sections:
        results["scale"] = []
        scale_section(args, results)
    if "curtois" in args.sections:
        results["curtois"] = []
        curtois_section(args, results)
    if "analysis" in args.sections:
        analysis_section(results)
    save(args.json, results)
    print(f"\nAll numbers: {args.json}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--sizes", default=",".join(NAMES), help="S,M,L,XL (default: all)")
    parser.add_argument("--modes", default="plain,rotating", help="plain,rotating (default: both)")
    parser.add_argument(
        "--runs", help="runs per case, one number or S=5,M=3 (default: S=3,M=3,L=1,XL=1)"
    )
    parser.add_argument(
        "--time-limit",
        help="seconds per solve, one number or M=30,L=90 (default: S=10,M=60,L=60,XL=180)",
    )
    parser.add_argument("--seed", type=int, default=0, help="first solver seed (default 0)")
    parser.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
    parser.add_argument(
        "--curtois", type=Path, help=f"the Curtois folder (default {CURTOIS_DEFAULT})"
    )
    parser.add_argument("--instances", default="1-12", help="Curtois instances: 1-12, 1,3,5 ...")
    parser.add_argument(
        "--curtois-limit",
        default="60,300",
        help="seconds per instance; several (60,300) run each instance at each (default 60,300)",
    )
    parser.add_argument("--sections", default=",".join(SECTIONS), help="scale,curtois,analysis")
    parser.add_argument("--json", type=Path, default=JSON_DEFAULT, help="where all numbers go")
    parser.add_argument(
        "--quick", action="store_true", help="S and M at 5 and 20 s, one run, Curtois 1-3 at 10 s"
    )
    args = parser.parse_args(argv)
    args.sizes = [s for s in args.sizes.split(",") if s]
    unknown = set(args.sizes) - set(NAMES)
    if unknown:
        parser.error(f"unknown size {', '.join(sorted(unknown))}; sizes are {', '.join(NAMES)}")
    args.modes = [m for m in args.modes.split(",") if m]
    args.sections = [s for s in args.sections.split(",") if s]
    if args.quick:
        args.sizes = [s for s in args.sizes if s in QUICK_LIMITS]
        args.runs = args.runs or "1"
        args.time_limit = args.time_limit or ",".join(f"{k}={v:g}" for k, v in QUICK_LIMITS.items())
        args.instances = "1-3" if args.instances == "1-12" else args.instances
        args.curtois_limit = f"{CURTOIS_EARLY:g}"
    args.runs = per_size(args.runs, RUNS, int)
    args.time_limit = per_size(args.time_limit, LIMITS, float)
    args.instances = numbers(args.instances)
    args.curtois_limit = [float(limit) for limit in str(args.curtois_limit).split(",") if limit]
    return args


def per_size(
    text: str | None, defaults: dict[str, Any], cast: Callable[[str], Any]
) -> dict[str, Any]:
    """`30` (every size) or `M=30,L=90` (those sizes) over `defaults`."""
    values = dict(defaults)
    if text and "=" not in text:
        return {size: cast(text) for size in values}
    for item in (text or "").split(","):
        if item:
            size, _, value = item.partition("=")
            values[size.strip()] = cast(value)
    return values


def numbers(text: str) -> list[int]:
    """`1-3,5` -> [1, 2, 3, 5]."""
    chosen: list[int] = []
    for item in text.split(","):
        first, _, last = item.partition("-")
        chosen += range(int(first), int(last or first) + 1)
    return chosen


# --- scale ---------------------------------------------------------------------------------------


def scale_section(args: argparse.Namespace, results: dict[str, Any]) -> None:
    print("\n== Scale: seeded call-center scenarios (benchmarks/scenarios.py) ==")
    rows = []
    for size in args.sizes:
        for mode in modes_of(size):
            if mode not in args.modes:
                continue
            limit, runs = args.time_limit[size], args.runs[size]
            spec = f"{size}-{mode}"
            measured = []
            for index in range(runs):
                case = Case(
                    factory="benchmarks.scenarios:from_spec",
                    argument=spec,
                    time_limit=limit,
                    seed=args.seed + index,
                    workers=args.workers,
                )
                run = measure_in_child(case, timeout=child_timeout(limit))
                measured.append(run)
                print(f"  {spec} run {index + 1}/{runs} (seed {case.seed}): {one_line(run)}")
                summary = summarise(measured, limit)
                record = {"case": spec, "size": size, "mode": mode, "summary": summary}
                record["runs"] = measured
                record["targets"] = {t.text: t.met(summary) for t in TARGETS[size]}
                replace_case(results["scale"], record)
                save(args.json, results)
            rows.append(scale_row(results["scale"][-1]))
    headers = [
        "case", "runs", "vars", "cons", "build s", "1st feas s", "objective", "bound", "gap",
        "status", "solve s", "RSS MB", "checker", "targets",
    ]  # fmt: skip
    print()
    print_table(headers, rows)
    print(
        "  1st feas and solve s: from the start of the build (median), which the time limit"
        " counts too. gap = (objective - bound) / objective at the end."
    )


def child_timeout(limit: float) -> float:
    return 3 * limit + 900  # building XL takes minutes; a child past this is stuck


def replace_case(cases: list[dict[str, Any]], record: dict[str, Any]) -> None:
    if cases and cases[-1]["case"] == record["case"]:
        cases[-1] = record
    else:
        cases.append(record)


def summarise(runs: list[Run], limit: float) -> dict[str, Any]:
    """Medians of the timings, the largest memory, every status, the checker over all runs."""
    good = [r for r in runs if "error" not in r]
    outcomes = [r if "error" not in r else {} for r in runs]  # a failed run found nothing

    def first_roster(run: Run) -> float | None:
        return run.get("first_feasible_seconds")  # the build included

    checked = [r["checker"] for r in good if r["checker"]]
    return {
        "time_limit": limit,
        "runs": len(runs),
        "errors": [r["error"] for r in runs if "error" in r],
        "statuses": [r["status"] for r in good],
        "all_optimal": len(good) == len(runs) and all(r["status"] == "optimal" for r in good),
        "variables": good[0]["variables"] if good else None,
        "constraints": good[0]["constraints"] if good else None,
        "build_seconds": median([r["build_seconds"] for r in good]),
        "analysis_seconds": median([r["analysis_seconds"] for r in good]),
        "first_feasible_seconds": median([r.get("first_feasible_seconds") for r in outcomes]),
        "first_roster_seconds": median([first_roster(r) for r in outcomes]),
        "objective": median([r.get("objective") for r in outcomes]),
        "bound": median([r.get("bound") for r in outcomes]),
        "gap": median([r.get("gap") for r in outcomes]),
        "solve_seconds": median([r["solve_seconds"] for r in good]),
        "check_seconds": median([r["check_seconds"] for r in good]),
        "peak_rss_mb": max((r["peak_rss_mb"] for r in good), default=None),
        "above_bound_at": {
            f"{at:g}": median([above_bound(r.get("trace", []), at) for r in outcomes])
            for at in (CURTOIS_EARLY, 60.0)
        },
        "checker_valid": bool(checked) and all(c["valid"] for c in checked),
        "checker_agrees": bool(checked) and all(c["agrees_with_solver"] for c in checked),
        "checked_runs": len(checked),
    }


def median(values: Sequence[float | None]) -> float | None:
    """The median, where None (a run that found no roster, or no such number) counts as worse
    than any number: None when at least half the runs have none."""
    if not values:
        return None
    ranked = sorted(math.inf if v is None else v for v in values)
    half = len(ranked) // 2
    middle = ranked[half] if len(ranked) % 2 else (ranked[half - 1] + ranked[half]) / 2
    return None if math.isinf(middle) else round(middle, 3)


def above_bound(trace: list[list[Any]], seconds: float) -> float | None:
    """How far the best roster at `seconds` is above the bound then, relative to the bound
    (0.02: within 2%); None without a roster, or with a bound of 0 below a positive cost."""
    objective, bound = at_time(trace, seconds)
    if objective is None or bound is None:
        return None
    if objective <= bound:
        return 0.0
    return round((objective - bound) / bound, 4) if bound > 0 else None


def at_time(trace: list[list[Any]], seconds: float) -> tuple[float | None, float | None]:
    """The (objective, bound) of the trace's last point at or before `seconds`."""
    objective = bound = None
    for when, value, low in trace:
        if when > seconds:
            break
        objective, bound = value, low
    return objective, bound


def scale_row(record: dict[str, Any]) -> list[str]:
    s = record["summary"]
    statuses = sorted(set(s["statuses"])) + (["error"] if s["errors"] else [])
    targets = [f"{text}: {verdict(met)}" for text, met in record["targets"].items()]
    return [
        record["case"],
        str(s["runs"]),
        count(s["variables"]),
        count(s["constraints"]),
        number(s["build_seconds"]),
        number(s["first_feasible_seconds"], 2, none="none" if s["statuses"] else "-"),
        number(s["objective"], 0),
        number(s["bound"], 0),
        percent(s["gap"]),
        "/".join(statuses),
        number(s["solve_seconds"]),
        number(s["peak_rss_mb"], 0),
        checker_text(s),
        "; ".join(targets),
    ]


def checker_text(summary: dict[str, Any]) -> str:
    if not summary["checked_runs"]:
        return "-"
    valid = "valid" if summary["checker_valid"] else "INVALID"
    return valid + (", agrees" if summary["checker_agrees"] else ", DISAGREES")


def verdict(met: bool | None) -> str:
    return {True: "met", False: "missed", None: "not measured"}[met]


def one_line(run: Run) -> str:
    if "error" in run:
        return f"error: {run['error']}"
    first = run["first_feasible_seconds"]
    found = f"first roster at {first:.1f} s" if first is not None else "no roster"
    return (
        f"built {run['build_seconds']:.1f} s, {found}, {run['status']}, objective "
        f"{number(run['objective'], 0)} bound {number(run['bound'], 0)}, "
        f"RSS {run['peak_rss_mb']:.0f} MB, checker {checker_text(summarise([run], 0))}"
    )


# --- curtois -------------------------------------------------------------------------------------


def curtois_section(args: argparse.Namespace, results: dict[str, Any]) -> None:
    limits = ", ".join(f"{limit:g}" for limit in args.curtois_limit)
    print(
        "\n== Curtois & Qu public instances: objective against the best known (lower is better),"
        f" {limits} s each, {args.workers} workers =="
    )
    folder = args.curtois or (CURTOIS_DEFAULT if CURTOIS_DEFAULT.is_dir() else None)
    if folder is None or not (folder / "best_known.csv").is_file():
        print(
            f"  Skipped: no Curtois folder ({args.curtois or CURTOIS_DEFAULT} has no "
            "best_known.csv). Pass one holding instances/InstanceN.txt and best_known.csv: "
            "--curtois DIR, or make bench CURTOIS=DIR."
        )
        results["curtois_skipped"] = "no instance folder"
        return
    best = best_known(folder / "best_known.csv")
    engines = []
    module = CURTOIS_FACTORY.partition(":")[0]
    for engine, needed in (("roster", module), ("plain", PLAIN_MODULE)):
        if importlib.util.find_spec(needed) is None:
            note = f"engine {engine} skipped: {needed} is missing"
            print(f"  {note}")
            results.setdefault("curtois_notes", []).append(note)
        else:
            engines.append(engine)
    rows = []
    for limit in args.curtois_limit:
        for number_ in args.instances:
            name = f"Instance{number_}"
            path = folder / "instances" / f"{name}.txt"
            if not path.is_file():
                print(f"  {name}: no {path}")
                continue
            for engine in engines:
                case = Case(
                    factory=CURTOIS_FACTORY,
                    argument=str(path),
                    time_limit=limit,
                    seed=args.seed,
                    workers=args.workers,
                    engine=engine,
                )
                run = measure_in_child(case, timeout=child_timeout(limit))
                record = curtois_record(name, engine, run, best.get(name), limit)
                results["curtois"].append(record)
                save(args.json, results)
                print(f"  {name} {engine} at {limit:g} s: {one_line(run)}")
                for note in run.get("notes", []):
                    print(f"    {note}")
                rows.append(curtois_row(record))
    headers = [
        "instance", "engine", "limit", "best known", f"obj@{CURTOIS_EARLY:g}s", "obj@end",
        "vs best", "best known at", "1st feas s", "bound", "status", "vars", "RSS MB", "checker",
    ]  # fmt: skip
    print()
    print_table(headers, rows)
    print("  vs best = (objective - best known) / best known at the end; times from solve start.")
    print()
    print_table(*curtois_summary(results["curtois"], args.curtois_limit, engines))
    print("  Side by side, from the runs above; * marks the better of ours and plain.")


def curtois_summary(
    records: list[dict[str, Any]], limits: list[float], engines: list[str]
) -> tuple[list[str], list[list[str]]]:
    """One row per instance: the best known value, then ours and plain at each limit."""
    by_key = {(r["instance"], r["engine"], r["limit"]): r for r in records}
    headers = ["instance", "best known"]
    headers += [f"{engine} {limit:g} s" for limit in limits for engine in engines]
    rows = []
    for instance in dict.fromkeys(r["instance"] for r in records):
        best = next(r["best_known"] for r in records if r["instance"] == instance)
        row = [instance, number(best, 0)]
        for limit in limits:
            ends = {e: by_key.get((instance, e, limit), {}).get("objective_end") for e in engines}
            known = [v for v in ends.values() if v is not None]
            for engine in engines:
                end, above = ends[engine], by_key.get((instance, engine, limit), {})
                cell = (
                    "none"
                    if end is None
                    else f"{end:.0f} ({percent(above.get('above_best_known'))})"
                )
                if end is not None and len(known) > 1 and end == min(known):
                    cell += " *"
                row.append(cell)
        rows.append(row)
    return headers, rows


def best_known(path: Path) -> dict[str, float]:
    with path.open(newline="") as file:
        return {row["instance"]: float(row["best_known_ub"]) for row in csv.DictReader(file)}


def curtois_record(
    name: str, engine: str, run: Run, best: float | None, limit: float
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "instance": name,
        "engine": engine,
        "limit": limit,
        "best_known": best,
        "run": run,
    }
    if "error" in run:
        return record
    trace = run["trace"]
    record["objective_early"] = at_time(trace, CURTOIS_EARLY)[0]
    record["objective_end"] = run["objective"]
    record["best_known_reached_seconds"] = next(
        (t for t, objective, _ in trace if None not in (objective, best) and objective <= best),
        None,
    )
    end = run["objective"]
    record["above_best_known"] = round((end - best) / best, 4) if end is not None and best else None
    return record


def curtois_row(record: dict[str, Any]) -> list[str]:
    run = record["run"]
    if "error" in run:
        return [record["instance"], record["engine"], number(record["best_known"], 0), "error"]
    reached = record["best_known_reached_seconds"]
    checker = run["checker"]
    return [
        record["instance"],
        record["engine"],
        f"{record['limit']:g} s",
        number(record["best_known"], 0),
        number(record["objective_early"], 0),
        number(record["objective_end"], 0),
        percent(record["above_best_known"]),
        f"{reached:.1f} s" if reached is not None else "not reached",
        number(run["first_feasible_seconds"], 2, none="none"),
        number(run["bound"], 0),
        run["status"],
        count(run["variables"]),
        number(run["peak_rss_mb"], 0),
        "-"
        if checker is None
        else f"{checker['score']}, " + ("agrees" if checker["agrees_with_solver"] else "DISAGREES"),
    ]


# --- analysis ------------------------------------------------------------------------------------


def analysis_section(results: dict[str, Any]) -> None:
    from benchmarks.analysis_speed import RUNS as ANALYSIS_RUNS
    from benchmarks.analysis_speed import timings

    print("\n== Pre-solve analysis on scenario L (benchmarks/analysis_speed.py) ==")
    times, findings = timings()
    warm = statistics.median(times[1:])
    infeasible = [f.message for f in findings if f.severity == "infeasible"]
    results["analysis"] = {
        "first_seconds": round(times[0], 3),
        "median_seconds": round(warm, 3),
        "runs": ANALYSIS_RUNS,
        "infeasible_findings": infeasible,
    }
    print(
        f"  analyse(): first run {times[0]:.3f} s, median of the next {ANALYSIS_RUNS} {warm:.3f} s"
        f" (target well under 1 s: {verdict(warm < 1)}); "
        f"{len(infeasible)} findings say the rules cannot hold"
    )


# --- shared --------------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    def version(package: str) -> str | None:
        try:
            return importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            return None

    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") if os.name == "posix" else 0
    return {
        "cpu_count": os.cpu_count(),
        "usable_cpus": len(affinity) if affinity is not None else None,
        "memory_gib": round(pages / 1024**3, 1) if pages else None,
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "ortools": version("ortools"),
        "commit": git_commit(),
    }


def git_commit() -> str | None:
    try:
        head = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return head.stdout.strip() or None


def describe(facts: dict[str, Any]) -> str:
    return (
        f"Machine: {facts['usable_cpus'] or facts['cpu_count']} CPUs, {facts['memory_gib']} GiB, "
        f"{facts['platform']}, Python {facts['python']}, OR-Tools {facts['ortools']}, "
        f"commit {facts['commit']}"
    )


def save(path: Path, results: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(results, indent=1))
    partial.replace(path)


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    rows = [row + [""] * (len(headers) - len(row)) for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)]
    for row in [headers, ["-" * width for width in widths], *rows]:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))


def number(value: float | None, digits: int = 1, none: str = "-") -> str:
    return none if value is None else f"{value:.{digits}f}"


def count(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


if __name__ == "__main__":
    main()

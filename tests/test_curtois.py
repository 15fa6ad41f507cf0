"""The Curtois & Qu benchmark importer: parsed counts, the objective in the benchmark's terms
(recomputed by the checker and by the independent reference in `benchmarks/curtois_plain.py`),
the `--format curtois` command and bad instance files.

The public instances live in `../shared/benchmarks/curtois/`, outside the project; tests that need
them skip when it is absent (a fresh clone). `tests/data/curtois_tiny.txt` is our own instance.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_curtois_plain import FORMAT_TABLE  # the published counts, one copy

from benchmarks import curtois_plain
from roster import api
from roster.cli import main
from roster.domain import SolveSettings
from roster.errors import InputError
from roster.io.curtois import benchmark_objective, best_known, read_curtois

ROOT = Path(__file__).resolve().parents[1]
TINY = ROOT / "tests" / "data" / "curtois_tiny.txt"
CURTOIS = ROOT.parent / "shared" / "benchmarks" / "curtois"
needs_instances = pytest.mark.skipif(
    not (CURTOIS / "instances").is_dir(),
    reason=f"the public Curtois instances are not here ({CURTOIS}); they are third-party data "
    "kept outside the project",
)
SETTINGS = SolveSettings(time_limit_seconds=10, seed=0, workers=2)


def instance(number: int) -> Path:
    return CURTOIS / "instances" / f"Instance{number}.txt"


def sizes(path: Path) -> tuple[int, ...]:
    problem = read_curtois(path)
    kinds = [r.kind for r in problem.requests]
    return (
        problem.num_days,
        len(problem.shifts),
        len(problem.staff),
        kinds.count("unavailable"),
        kinds.count("prefer"),
        kinds.count("prefer_off"),
        len(problem.demands),
    )


@needs_instances
@pytest.mark.parametrize("number", sorted(FORMAT_TABLE))
def test_parsed_counts_match_the_published_table(number):
    assert sizes(instance(number)) == FORMAT_TABLE[number]


@needs_instances
def test_contract_fields_are_read_as_in_the_file():
    problem = read_curtois(instance(2))
    # "D,E=14|L=0,4320,3360,5,2,2,1" and "L,480,E"
    person = problem.person("D")
    assert person.max_shifts_by_code == (("E", 14), ("L", 0))
    assert (person.max_minutes_total, person.min_minutes_total) == (4320, 3360)
    assert (person.max_consecutive_days, person.min_consecutive_days) == (5, 2)
    assert (person.min_consecutive_days_off, person.max_weekends) == (2, 1)
    assert problem.shift("L").not_followed_by == frozenset({"E"})
    assert problem.date(0).weekday() == 0  # day 0 is a Monday


def plain_view(result: api.Result) -> dict[tuple[str, int], str]:
    return {(a.staff_id, a.day): a.shift_code for a in result.roster.assignments}


def assert_agrees_with_the_reference(path: Path, result: api.Result) -> None:
    """The checker's score, the solver's objective and the independent reference agree."""
    reference = curtois_plain.parse(path)
    assignment = plain_view(result)
    assert result.report.valid
    assert curtois_plain.hard_violations(reference, assignment) == []
    assert result.report.score == result.outcome.objective
    assert benchmark_objective(result.report)["total"] == result.outcome.objective
    assert curtois_plain.objective(reference, assignment) == result.outcome.objective


def test_tiny_instance_solves_to_the_reference_objective():
    result = api.solve(read_curtois(TINY), SETTINGS)
    assert result.status == "optimal"
    assert_agrees_with_the_reference(TINY, result)


@needs_instances
def test_instance_1_reaches_its_best_known_value():
    result = api.solve(read_curtois(instance(1)), SETTINGS)
    assert_agrees_with_the_reference(instance(1), result)
    assert result.outcome.objective == best_known(instance(1)) == 607
    assert result.status == "optimal"


@needs_instances
@pytest.mark.parametrize("number", [2, 7])
def test_any_roster_found_is_scored_like_the_reference(number):
    """Within a short time limit the roster is not the best, but its cost is exact."""
    settings = SolveSettings(time_limit_seconds=5, seed=0, workers=2)
    result = api.solve(read_curtois(instance(number)), settings)
    assert_agrees_with_the_reference(instance(number), result)


def test_cli_prints_the_objective_in_the_benchmarks_terms(tmp_path):
    out = tmp_path / "tiny.xlsx"
    run = CliRunner().invoke(
        main, ["solve", "--format", "curtois", str(TINY), "--time-limit", "5", "-o", str(out)]
    )
    assert run.exit_code == 0, run.output
    line = re.search(
        r"Benchmark objective: (\d+) = cover under (\d+) \+ cover over (\d+) \+ "
        r"shift on/off requests (\d+)",
        run.output,
    )
    assert line, run.output
    total, *parts = (int(n) for n in line.groups())
    assert total == sum(parts)
    result = api.solve(read_curtois(TINY), SETTINGS)
    assert total == result.outcome.objective
    assert out.is_file()


@needs_instances
def test_cli_compares_with_the_best_known_value(tmp_path):
    run = CliRunner().invoke(
        main,
        ["solve", "--format", "curtois", str(instance(1)), "-o", str(tmp_path / "i1.xlsx"), "-q"],
    )
    assert run.exit_code == 0, run.output
    assert "Benchmark objective: 607 = " in run.output
    assert "best known 607 (reached)" in run.output


def test_workbook_options_are_refused_for_an_instance(tmp_path):
    run = CliRunner().invoke(
        main,
        ["solve", "--format", "curtois", str(TINY), "--weeks", "2", "-o", str(tmp_path / "x.xlsx")],
    )
    assert run.exit_code == 2
    assert "--weeks apply to input workbooks" in run.output
    assert not (tmp_path / "x.xlsx").exists()


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = TINY.read_text(encoding="ascii")
    assert old in text
    path = tmp_path / "broken.txt"
    path.write_text(text.replace(old, new, 1), encoding="ascii")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("L,600,E", "L,6OO,E", "line 9: the shift length is not a whole number"),
        ("L,600,E", "L,600,X", "line 9: CannotFollow names unknown shift 'X'"),
        ("B,E=7|L=0", "B,E=7|N=0", "line 14: MaxShifts names unknown shift 'N'"),
        ("A,0,L,2", "Z,0,L,2", "line 24: unknown employee 'Z'"),
        (
            "C,4,E,3",
            "C,9,E,3",
            "line 25: day 9 is past the horizon (found 'C,9,E,3'); expected a day from 0 to 6",
        ),
        ("0,E,1,100,1", "0,E,1,100", "line 33: a cover line has 5 fields"),
        ("SECTION_COVER", "SECTION_COVERS", "unknown section"),
    ],
)
def test_bad_instance_lines_are_named(tmp_path, old, new, message):
    path = broken(tmp_path, old, new)
    with pytest.raises(InputError) as error:
        read_curtois(path)
    assert message in str(error.value)
    run = CliRunner().invoke(
        main, ["solve", "--format", "curtois", str(path), "-o", str(tmp_path / "out.xlsx")]
    )
    assert run.exit_code == 2
    assert "Traceback" not in run.output
    assert f"Error: {path}" in run.output
    assert not (tmp_path / "out.xlsx").exists()


def test_a_missing_instance_file_is_bad_input(tmp_path):
    missing = tmp_path / "Instance99.txt"
    run = CliRunner().invoke(
        main, ["solve", "--format", "curtois", str(missing), "-o", str(tmp_path / "out.xlsx")]
    )
    assert run.exit_code == 2
    assert f"Error: {missing}: cannot be read (No such file or directory)" in run.output

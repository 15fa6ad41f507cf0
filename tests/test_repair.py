"""Repairing a hand-edited roster: `roster.api.repair` and `roster check --fix`."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import shutil
from collections.abc import Iterator
from itertools import combinations, product
from pathlib import Path

import openpyxl
import pytest
from builder import cover, only_rules, person, problem, roster, shift
from click.testing import CliRunner, Result

from roster import api
from roster.check import check
from roster.cli import main
from roster.domain import Assignment, Problem, Request, Roster
from roster.errors import InfeasibleError
from roster.present.roster_workbook import write_result

SAMPLE = Path(__file__).parent.parent / "sample_inputs" / "call_center.xlsx"
A = shift("A", "09:00", "17:00")
CHANGE_LINE = re.compile(r"^  (S0\d [A-Za-z ]+?)  +(\w{3} \d{4}-\d\d-\d\d)  (\S+) -> (\S+)$")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample() -> api.Result:
    return api.solve(api.load_problem(SAMPLE))


@pytest.fixture(scope="module")
def solved_file(sample: api.Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("solved") / "roster.xlsx"
    write_result(sample, path)
    return path


def without(roster_: Roster, *cells: Assignment) -> Roster:
    return dataclasses.replace(roster_, assignments=roster_.assignments - set(cells))


def first_b(roster_: Roster) -> Assignment:
    return min(
        (a for a in roster_.assignments if a.shift_code == "B"), key=lambda a: (a.day, a.staff_id)
    )


def fewest_changes(prob: Problem, edited: Roster, most: int) -> int | None:
    """The fewest cells to change for a roster holding every hard rule, by trying every set
    of up to `most` cells with every content (day off or one shift): for tiny problems only."""
    cells = [(p.id, d) for p in prob.staff for d in prob.days]
    contents = [(), *((s.code,) for s in prob.shifts)]
    for count in range(most + 1):
        for chosen in combinations(cells, count):
            for new in _alternatives(edited, chosen, contents):
                if check(prob, new).valid:
                    return count
    return None


def _alternatives(
    edited: Roster, chosen: tuple[tuple[str, int], ...], contents: list[tuple[str, ...]]
) -> Iterator[Roster]:
    old = edited.by_person_day()
    options = [[c for c in contents if set(c) != set(old.get(cell, ()))] for cell in chosen]
    for picked in product(*options):
        kept = {a for a in edited.assignments if (a.staff_id, a.day) not in chosen}
        added = {
            Assignment(staff_id=s, day=d, shift_code=code)
            for (s, d), codes in zip(chosen, picked, strict=True)
            for code in codes
        }
        yield Roster(assignments=frozenset(kept | added))


# --- the library --------------------------------------------------------------------------


def test_a_blanked_shift_is_repaired_by_one_change(sample):
    gone = first_b(sample.roster)
    edited = without(sample.roster, gone)
    assert not check(sample.problem, edited).valid
    repaired = api.repair(sample.problem, edited)
    assert repaired.result.status == "optimal"
    assert len(repaired.changes) == 1  # the edited roster is broken: at least one change
    (change,) = repaired.changes
    assert change.day == gone.day and change.old == edited.shifts_of(change.staff_id, gone.day)
    assert repaired.result.report.valid
    assert check(sample.problem, repaired.result.roster).valid
    assert repaired.result.problem.baseline == edited
    kept = [v for v in repaired.result.report.violations if v.rule == "keep_roster"]
    assert [(v.staff_id, v.day) for v in kept] == [(change.staff_id, change.day)]


def test_a_replaced_code_is_one_changed_cell(sample):
    gone = first_b(sample.roster)
    swapped = dataclasses.replace(gone, shift_code="A")
    edited = Roster(
        assignments=(sample.roster.assignments - {gone}) | {swapped},
        pattern=sample.roster.pattern,
    )
    assert not check(sample.problem, edited).valid
    repaired = api.repair(sample.problem, edited)
    assert len(repaired.changes) == 1
    assert repaired.result.report.valid


def two_days_too_many() -> tuple[Problem, Roster]:
    """P1 works 5 days on a 4-day contract: no single cell fixes it (a day less leaves that
    day uncovered, a shift more for P2 leaves P1 at 5), two do."""
    prob = problem(
        shifts=[A],
        staff=[person("P1", max_days_per_week=4), person("P2", max_days_per_week=4)],
        coverage=[cover("09:00", "17:00")],
        rules=only_rules("coverage", "one_shift_per_day", "max_days_per_week", "keep_roster"),
    )
    edited = roster(*(("P1", d, "A") for d in range(5)), ("P2", 5, "A"), ("P2", 6, "A"))
    return prob, edited


def test_a_repair_that_needs_two_changes_makes_exactly_two():
    prob, edited = two_days_too_many()
    assert fewest_changes(prob, edited, most=2) == 2
    repaired = api.repair(prob, edited)
    assert repaired.result.status == "optimal"
    first, second = repaired.changes
    assert (first.staff_id, first.old, first.new) == ("P1", ("A",), ())
    assert (second.staff_id, second.old, second.new) == ("P2", (), ("A",))
    # Any of P1's days 0-4 would do; a change sooner costs more, so the latest is moved: a cell
    # costs 10 tenths plus one per day before the end of the first week, times the weight 100.
    assert first.day == second.day == 4
    assert repaired.result.outcome.objective == 2 * 100 * (10 + 7 - 4)
    assert check(prob, repaired.result.roster).valid


def test_no_repair_when_no_roster_holds_the_hard_rules():
    prob = problem(
        shifts=[A],
        staff=[person("P1")],
        coverage=[cover("09:00", "17:00")],
        requests=[Request(staff_id="P1", day=2, kind="leave", note="dentist")],
        rules=only_rules("coverage", "availability", "keep_roster"),
    )
    edited = roster(*(("P1", d, "A") for d in range(7)))
    with pytest.raises(InfeasibleError) as raised:
        api.repair(prob, edited)
    assert any(
        "On 2026-12-09" in reason and "(P1) is on leave" in reason
        for reason in raised.value.reasons
    ), raised.value.reasons


# --- the command --------------------------------------------------------------------------


def blanked(solved_file: Path, sample: api.Result, target: Path) -> tuple[Path, Assignment]:
    """A copy of the solved workbook with the first B shift's cell emptied by hand."""
    gone = first_b(sample.roster)
    shutil.copy(solved_file, target)
    book = openpyxl.load_workbook(target)
    sheet = book["Roster"]
    row = next(r for r in range(2, 6) if sheet.cell(r, 1).value == gone.staff_id)
    sheet.cell(row, gone.day + 3).value = None
    book.save(target)
    return target, gone


def test_fix_writes_the_repaired_roster_and_lists_the_change(solved_file, sample, tmp_path):
    edited, gone = blanked(solved_file, sample, tmp_path / "edited.xlsx")
    before = digest(SAMPLE), digest(edited)
    result = run("check", SAMPLE, edited, "--fix")
    assert result.exit_code == 0, result.output
    assert "edited.xlsx: 1 hard rule violations." in result.output
    assert "Repair: 1 cell changed (the fewest possible):" in result.output
    changes = [m.groups() for line in result.output.splitlines() if (m := CHANGE_LINE.match(line))]
    assert len(changes) == 1
    who, date, old, new = changes[0]
    when = sample.problem.date(gone.day)
    assert date == f"{when:%a} {when.isoformat()}"  # Mon 2026-12-07
    assert who.split()[0] in {p.id for p in sample.problem.staff} and old != new
    fixed = tmp_path / "edited-fixed.xlsx"
    assert "1 changed cell; every hard rule holds, other soft-rule cost" in result.output
    assert result.output.rstrip().endswith(f"Wrote {fixed}")
    assert (digest(SAMPLE), digest(edited)) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["edited-fixed.xlsx", "edited.xlsx"]
    again = run("check", SAMPLE, fixed)
    assert again.exit_code == 0, again.output
    assert "edited-fixed.xlsx: every hard rule holds" in again.output


def test_fix_writes_to_output_and_never_over_the_files_checked(solved_file, sample, tmp_path):
    edited, _ = blanked(solved_file, sample, tmp_path / "edited.xlsx")
    chosen = tmp_path / "out" / "repaired.xlsx"
    result = run("check", SAMPLE, edited, "--fix", "-o", chosen)
    assert result.exit_code == 0, result.output
    assert chosen.is_file() and not (tmp_path / "edited-fixed.xlsx").exists()
    before = digest(edited)
    for target in (edited, tmp_path / "." / "edited.xlsx"):
        refused = run("check", SAMPLE, edited, "--fix", "--output", target)
        assert refused.exit_code == 2, refused.output
        assert "writing the repaired roster would replace it" in refused.stderr
    assert digest(edited) == before
    source = tmp_path / "input.xlsx"
    shutil.copy(SAMPLE, source)
    refused = run("check", source, edited, "--fix", "-o", source)
    assert refused.exit_code == 2 and digest(source) == digest(SAMPLE)


def test_output_and_fix_need_each_other_and_a_roster(solved_file, tmp_path):
    alone = run("check", SAMPLE, solved_file, "-o", tmp_path / "x.xlsx")
    assert alone.exit_code == 2 and "--output is only used with --fix" in alone.output
    no_roster = run("check", SAMPLE, "--fix")
    assert no_roster.exit_code == 2 and "need a ROSTER_FILE" in no_roster.output
    assert not list(tmp_path.iterdir())


def test_fix_leaves_a_valid_roster_alone(solved_file):
    result = run("check", SAMPLE, solved_file, "--fix")
    assert result.exit_code == 0, result.output
    assert "Nothing to fix; " in result.output
    assert not solved_file.with_name("roster-fixed.xlsx").exists()


def test_fix_of_a_roster_no_repair_can_save_exits_3(solved_file, tmp_path):
    """A+C no longer combinable: 21 shifts a week for 4 people x 5 days, so no roster exists."""
    source = tmp_path / "input.xlsx"
    shutil.copy(SAMPLE, source)
    book = openpyxl.load_workbook(source)
    sheet = book["Shifts"]
    column = next(c for c in sheet[1] if c.value == "combinable_with").column
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, column).value = None
    book.save(source)
    edited = shutil.copy(solved_file, tmp_path / "edited.xlsx")
    result = run("check", source, edited, "--fix")
    assert result.exit_code == 3, result.output
    assert "Error: edited.xlsx cannot be repaired." in result.stderr
    assert "Error: no repair keeps every hard rule." in result.stderr
    assert "Weekly demand is 21 shifts" in result.stderr
    assert not (tmp_path / "edited-fixed.xlsx").exists()


def test_check_help_names_fix_and_output():
    text = " ".join(run("check", "--help").output.split())
    assert "--fix" in text and "-o, --output" in text and "-fixed" in text

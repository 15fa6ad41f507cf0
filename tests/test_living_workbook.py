"""The roster workbook stays true when a supervisor edits it: LibreOffice recalculates its
formulas after a hand edit, and they agree with the independent checker on the edited roster."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from roster import api
from roster.check import check
from roster.cli import main
from roster.domain import SolveSettings, clock_minutes
from roster.io.schema import SHEET_NAMES
from roster.present.roster_workbook import (
    LEAVE_FILL,
    SHORT_MINUTES,
    summary_headers,
    valid_codes,
)
from roster.views import PersonSummary, coverage_rows, granted, person_summaries

TEAM = Path(__file__).parent.parent / "sample_inputs" / "call_center_team.xlsx"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (.ci/run installs Debian's libreoffice-calc-nogui "
    "when it can; locally: apt-get install libreoffice-calc-nogui)",
)


def recalculated(path: Path, folder: Path) -> openpyxl.Workbook:
    """`path` opened, recalculated and saved again by LibreOffice; its values read back."""
    out = folder / "recalculated"
    subprocess.run(
        [
            str(SOFFICE),
            "--headless",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return openpyxl.load_workbook(out / path.name, data_only=True)


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    result = api.solve(api.load_problem(TEAM), SolveSettings(time_limit_seconds=10, seed=0))
    path = tmp_path_factory.mktemp("living") / "team.xlsx"
    result.to_excel(path)
    return path


def edit_by_hand(published: Path, target: Path) -> tuple[str, str]:
    """A supervisor's edit: the first worked weekday cell emptied, the next empty one given A;
    and the part-timer of the last row given B on their first day off (beyond their contract)."""
    book = openpyxl.load_workbook(published)
    grid = book["Roster"]
    worked = next(
        c for row in grid.iter_rows(min_row=2, max_row=13, min_col=3) for c in row if c.value
    )
    free = next(
        c for row in grid.iter_rows(min_row=2, max_row=13, min_col=3) for c in row if not c.value
    )
    emptied, filled = worked.coordinate, free.coordinate
    worked.value, free.value = None, "A"
    next(c for c in grid[13][2:] if not c.value).value = "B"
    book.save(target)
    return emptied, filled


@needs_libreoffice
def test_formulas_recalculated_after_a_hand_edit_agree_with_the_checker(published, tmp_path):
    edited = tmp_path / "team.xlsx"
    emptied, filled = edit_by_hand(published, edited)
    problem, roster = api.load_published(edited)
    assert roster != api.load_published(published)[1], (emptied, filled)
    book = recalculated(edited, tmp_path)

    expected = coverage_rows(problem, roster)
    shown = list(book["Coverage"].iter_rows(min_row=2, values_only=True))
    assert len(shown) == len(expected) > 100
    for row, want in zip(shown, expected, strict=True):
        assert (row[5], row[6], row[7]) == (want.required, want.scheduled, want.short), row

    minutes_short = 0
    for row in shown:
        start, end = (clock_minutes(t) for t in row[2].split("-"))
        minutes_short += row[7] * ((end - start) % 1440 or 1440)
    report = check(problem, roster)
    assert minutes_short == sum(v.amount for v in report.violations if v.rule in SHORT_MINUTES)
    assert minutes_short > 0  # the emptied cell leaves a slot short

    people = list(book["Summary"].iter_rows(min_row=2, values_only=True))
    codes = [s.code for s in problem.shifts]
    first = summary_headers(codes).index(f"{codes[0]} shifts")
    contracted = 0
    for row, person in zip(people, person_summaries(problem, roster), strict=True):
        assert row[2] == person.paid_minutes / 60
        assert row[4:first] == contract_columns(person)
        contracted += person.contracted_minutes is not None
        assert list(row[first : first + len(codes)]) == [person.shifts[c] for c in codes]
        rest = row[first + len(codes) : -1]
        assert list(rest) == [
            person.days_worked,
            person.days_off,
            person.weekend_days_worked,
            person.holiday_days_worked,
            person.wishes,
            person.wishes_granted,
            person.wishes - person.wishes_granted,
        ]
    assert contracted == 2  # the part-timers' contracts pay for 24 h a week
    solved = check(problem, api.load_published(published)[1])  # the cost stays as written
    for row, person in zip(people, problem.staff, strict=True):
        assert row[-1] == sum(v.cost for v in solved.soft_violations if v.staff_id == person.id)
    fairness = {row[0]: row for row in book["Fairness"].iter_rows(min_row=2, values_only=True)}
    hours = [person.paid_minutes / 60 for person in person_summaries(problem, roster)]
    assert fairness["paid hours"][2] == max(hours) and fairness["paid hours"][4] == min(hours)


def test_the_roster_grid_offers_only_valid_codes_and_colours_by_formula(published):
    book = openpyxl.load_workbook(published)
    grid = book["Roster"]
    problem = api.load_published(published)[0]
    validations = grid.data_validations.dataValidation
    assert len(validations) == 1 and validations[0].showErrorMessage
    assert str(validations[0].sqref) == f"C2:AD{len(problem.staff) + 1}"
    formula = validations[0].formula1.strip('"').split(",")
    assert formula == valid_codes(problem) == ["A", "B", "C", "A+C"]
    rules = [rule for ranges in grid.conditional_formatting for rule in ranges.rules]
    assert len(rules) == len(problem.shifts)  # one colour per shift, following edits
    header = grid.cell(1, 3)
    assert header.number_format == "ddd mm-dd" and header.value.date() == problem.start_date


def test_leave_and_wishes_are_marked_in_the_grid(published):
    book = openpyxl.load_workbook(published)
    grid = book["Roster"]
    problem, roster = api.load_published(published)
    rows = {p.id: row for row, p in enumerate(problem.staff, start=2)}
    for request in problem.requests:
        cell = grid.cell(rows[request.staff_id], 3 + request.day)
        assert cell.comment is not None, request
        if request.kind == "leave":
            assert cell.comment.text.startswith("On leave")
            assert cell.fill.fgColor.rgb == LEAVE_FILL.fgColor.rgb
        if request.kind in ("prefer", "prefer_off"):
            assert cell.comment.text.startswith("Wishes") and cell.border.left.style == "dashed"
            kept = granted(request, roster.shifts_of(request.staff_id, request.day))
            assert (": granted" if kept else ": not granted") in cell.comment.text
            assert cell.border.left.color.rgb.endswith("00B050" if kept else "ED7D31")


def test_refresh_rewrites_a_hand_edited_workbook_from_the_checker(published, tmp_path):
    edited = tmp_path / "team.xlsx"
    edit_by_hand(published, edited)
    problem, roster = api.load_published(edited)
    before = [r for r in openpyxl.load_workbook(edited)["Diagnostics"].iter_rows(values_only=True)]
    result = CliRunner().invoke(main, ["check", str(TEAM), str(edited), "--refresh"])
    report = check(problem, roster)
    assert result.exit_code == (0 if report.valid else 3), result.output
    assert f"Refreshed {edited}" in result.output
    assert api.load_published(edited)[1] == roster  # the same roster, written anew
    rows = list(openpyxl.load_workbook(edited)["Diagnostics"].iter_rows(values_only=True))
    assert rows != before
    messages = {row[4] for row in rows}
    assert all(v.message in messages for v in report.violations)
    status = next(row[4] for row in rows if row[0] == "status")
    assert status.startswith("Roster checked, not solved:")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team.xlsx"]


def test_every_sheet_prints_on_a4_with_the_period_and_the_inputs_stay_out_of_print(published):
    book = openpyxl.load_workbook(published)
    problem = api.load_published(published)[0]
    period = f"{problem.start_date.isoformat()} to {problem.date(problem.num_days - 1).isoformat()}"
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    hidden = [ws for ws in book.worksheets if ws.sheet_state == "hidden"]
    assert [ws.title for ws in visible] == [
        "Roster",
        "Coverage",
        "Summary",
        "Fairness",
        "Diagnostics",
    ]
    assert [ws.title for ws in hidden] == [f"Input {sheet}" for sheet in SHEET_NAMES]
    assert book.worksheets[-len(hidden) :] == hidden  # the inputs come last
    for ws in book.worksheets:
        setup = ws.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth) == (9, "landscape", 1)
        assert ws.print_title_rows == "$1:$1"
        assert period in ws.oddHeader.center.text and problem.site in ws.oddHeader.center.text
        assert "&D" in ws.oddFooter.left.text and "&P of &N" in ws.oddFooter.right.text
    assert book["Roster"].print_title_cols == "$A:$B"  # the names repeat on every page
    for ws in visible:
        assert ws.auto_filter.ref, ws.title


def test_a_published_workbook_is_opened_once_and_only_its_roster_and_inputs_read(
    published, monkeypatch
):
    from roster.io import workbook

    opened, read = [], []
    load = workbook.openpyxl.load_workbook

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        book = load(*args, **kwargs)
        opened.append(book)
        for ws in book.worksheets:
            rows = ws.iter_rows

            def reading(*a, title=ws.title, rows=rows, **k):  # type: ignore[no-untyped-def]
                read.append(title)
                return rows(*a, **k)

            ws.iter_rows = reading
        return book

    monkeypatch.setattr(workbook.openpyxl, "load_workbook", counting)
    api.load_published(published)
    assert len(opened) == 1
    assert "Roster" in read and "Input Staff" in read
    assert not {"Coverage", "Summary", "Fairness", "Diagnostics"} & set(read)


@needs_libreoffice
@pytest.mark.parametrize("sample", ["call_center.xlsx", "call_center_team.xlsx"])
def test_formulas_agree_with_the_views_on_each_sample_as_solved(sample, tmp_path):
    problem = api.load_problem(TEAM.parent / sample)
    result = api.solve(problem, SolveSettings(time_limit_seconds=10, seed=0))
    path = tmp_path / sample
    result.to_excel(path)
    book = recalculated(path, tmp_path)
    shown = [row[5:8] for row in book["Coverage"].iter_rows(min_row=2, values_only=True)]
    expected = coverage_rows(problem, result.roster)
    assert shown == [(r.required, r.scheduled, r.short) for r in expected]
    people = list(book["Summary"].iter_rows(min_row=2, values_only=True))
    summaries = person_summaries(problem, result.roster)
    assert [row[2] for row in people] == [s.paid_minutes / 60 for s in summaries]
    assert [row[4:6] for row in people] == [contract_columns(s) for s in summaries]
    worked = summary_headers([s.code for s in problem.shifts]).index("days worked")
    assert [row[worked] for row in people] == [s.days_worked for s in summaries]


def contract_columns(person: PersonSummary) -> tuple[object, object]:
    """What the Summary's contracted hours and hours over contract show for `person`."""
    if person.contracted_minutes is None:
        return (None, None)
    return (
        person.contracted_minutes / 60,
        (person.paid_minutes - person.contracted_minutes) / 60,
    )


def test_the_summary_shows_contracted_hours_and_the_difference_as_a_formula(published):
    book = openpyxl.load_workbook(published)
    problem = api.load_published(published)[0]
    summary = book["Summary"]
    headers = [c.value for c in summary[1]]
    assert headers[2:6] == [
        "paid hours",
        "hours per week",
        "contracted hours",
        "hours over contract",
    ]
    rows = {row[0].value: row for row in summary.iter_rows(min_row=2)}
    for person in problem.staff:
        row = rows[person.id]
        target = person.limits.get("contract_hours_per_week")
        assert row[4].value == (None if target is None else target * problem.weeks / 60)
        assert row[5].value.startswith("=")  # recalculated: see the LibreOffice tests above
    assert rows["T11"][4].value == 24 * 4

"""Every malformed workbook gives located `Error:` lines, exit status 2, and touches no file."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from openpyxl import Workbook
from roster.constraints import RULES_BY_NAME

from roster import api
from roster.cli import main
from roster.domain import SolveSettings
from roster.present.roster_workbook import write_result

SAMPLE = Path(__file__).parent.parent / "sample_inputs" / "call_center.xlsx"
WHERE = "input.xlsx, sheet"  # how every located message starts
Edit = Callable[[Workbook], None]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_rejected(
    result: Result, *fragments: str, untouched: dict[Path, bytes], output: Path | None = None
) -> list[str]:
    """Exit 2, every fragment in the `Error:` lines on stderr, no traceback, no file changed."""
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert result.exit_code == 2, result.output
    assert errors, result.output
    assert "Traceback" not in result.output and "Exception" not in result.output
    for fragment in fragments:
        assert any(fragment in line for line in errors), f"{fragment!r} not in {errors}"
    for path, before in untouched.items():
        assert path.read_bytes() == before, f"{path.name} was modified"
    if output is not None:
        assert not output.exists()
        assert not list(output.parent.glob(f".{output.stem}*")), "a temporary file was left"
    return errors


def solve_rejects(path: Path, *fragments: str) -> list[str]:
    before = path.read_bytes()
    output = path.parent / "out" / "roster.xlsx"
    result = run("solve", path, "-o", output, "--time-limit", "5", "--workers", "1", "-q")
    return assert_rejected(result, *fragments, untouched={path: before}, output=output)


def workbook(tmp_path: Path, edit: Edit, source: Path = SAMPLE) -> Path:
    path = tmp_path / "input.xlsx"
    shutil.copy(source, path)
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def row_of(book: Workbook, sheet: str, first_cell: str) -> int:
    """The Excel row whose column A holds `first_cell`."""
    ws = book[sheet]
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == first_cell)


def set_cell(sheet: str, ref: str, value: object) -> Edit:
    def edit(book: Workbook) -> None:
        book[sheet][ref] = value

    return edit


def availability(*values: object) -> Edit:
    """Add one Availability line (row 2: the sample has none)."""
    return lambda book: book["Availability"].append(list(values))


def demand(*values: object) -> Edit:
    """Add one Demand line (row 2: the sample has none)."""
    return lambda book: book["Demand"].append(list(values))


def in_row_of(sheet: str, first_cell: str, column: str, value: object) -> Edit:
    def edit(book: Workbook) -> None:
        book[sheet][f"{column}{row_of(book, sheet, first_cell)}"] = value

    return edit


CASES: dict[str, tuple[Edit, tuple[str, ...]]] = {
    "missing sheet": (
        lambda book: book.remove(book["Staff"]),
        ("Error: input.xlsx: sheet 'Staff' is missing", "Sheets found: Shifts, Coverage"),
    ),
    "missing column": (
        set_cell("Shifts", "C1", "begin"),
        (
            f"{WHERE} Shifts, row 1: column 'start' is missing; expected a header row with code",
            "Headers found: code, name, begin, end",
        ),
    ),
    "duplicate staff id": (
        set_cell("Staff", "A3", "S01"),
        (
            f"{WHERE} Staff, row 3, column A (id): is used twice (found 'S01'); "
            "expected a unique staff id. Row 2 has it already",
        ),
    ),
    "duplicate shift code": (
        set_cell("Shifts", "A3", "A"),
        (
            f"{WHERE} Shifts, row 3, column A (code): is used twice (found 'A'); "
            "expected a unique shift code. Row 2 has it already",
        ),
    ),
    "unknown shift code in Availability": (
        availability("S01", "2026-12-08", None, "fixed", "D"),
        (
            f"{WHERE} Availability, row 2, column E (shift): is not a shift code (found 'D'); "
            "expected a code from the Shifts sheet: A, B, C",
        ),
    ),
    "unknown staff id in Availability": (
        availability("S99", "2026-12-08", None, "leave"),
        (
            f"{WHERE} Availability, row 2, column A (staff_id): is not on the Staff sheet "
            "(found 'S99'); expected an id (or name) from the Staff sheet: S01, S02, S03, S04",
        ),
    ),
    "Availability line without a staff id": (
        availability(None, "2026-12-08", None, "leave"),
        (
            f"{WHERE} Availability, row 2, column A (staff_id): is empty; "
            "expected a staff id or name",
        ),
    ),
    "date outside the horizon": (
        availability("S01", "2027-02-08", None, "leave"),
        (
            f"{WHERE} Availability, row 2, column B (date): is outside the roster "
            "(found 2027-02-08); expected a date from 2026-12-07 to 2026-12-27",
        ),
    ),
    "until before date": (
        availability("S01", "2026-12-10", "2026-12-08", "leave"),
        (
            f"{WHERE} Availability, row 2, column C (until): is before the date in column B (date) "
            "(found 2026-12-08); expected a date on or after 2026-12-10",
        ),
    ),
    "leave and a fixed shift the same day": (
        lambda book: [
            availability("S02", "2026-12-08", "2026-12-09", "leave")(book),
            availability("S02", "2026-12-09", None, "fixed", "A")(book),
        ],
        (
            f"{WHERE} Availability, row 3: S02 has a fixed shift A on 2026-12-09 but is marked "
            "leave that day (input.xlsx, sheet Availability, row 2); expected one of the two",
        ),
    ),
    "hour 25": (
        set_cell("Shifts", "C2", "25:00"),
        (
            f"{WHERE} Shifts, row 2, column C (start): is not valid (found '25:00'); "
            "expected a time of day as HH:MM between 00:00 and 24:00",
        ),
    ),
    "time in Chinese": (
        set_cell("Shifts", "D2", "9点"),
        (
            f"{WHERE} Shifts, row 2, column D (end): is not valid (found '9点'); "
            "expected a time of day as HH:MM",
        ),
    ),
    "zero-length shift": (
        set_cell("Shifts", "D2", "09:00"),
        (
            f"{WHERE} Shifts, row 2, column D (end): equals the start: the shift would last zero "
            "minutes (found '09:00'); expected an end after the start",
        ),
    ),
    "negative weekly hours": (
        set_cell("Staff", "E2", -5),
        (
            f"{WHERE} Staff, row 2, column E (max_hours_per_week): is not valid (found -5); "
            "expected a number from 0 to 168",
        ),
    ),
    "absurd weekly hours": (
        set_cell("Staff", "E3", 500),
        (
            f"{WHERE} Staff, row 3, column E (max_hours_per_week): is not valid (found 500); "
            "expected a number from 0 to 168",
        ),
    ),
    "unknown rule": (
        in_row_of("Rules", "max_hours_per_week", "A", "max_hour_per_week"),
        (
            "column A (rule): is not a known rule (found 'max_hour_per_week'); expected coverage, ",
            "Did you mean max_hours_per_week?",
            f"{WHERE} Rules, row ",
        ),
    ),
    "unknown rule parameter": (
        in_row_of("Rules", "min_rest", "E", "hourz=11"),
        (
            "column E (parameters): 'hourz' is not a parameter of rule min_rest "
            "(found 'hourz=11'); expected hours=<number>. Did you mean hours?",
        ),
    ),
    "unknown setting": (
        in_row_of("Settings", "time_limit_seconds", "A", "time_limit"),
        (
            "column A (setting): is not a known setting (found 'time_limit'); expected start_date, "
            "weeks, time_limit_seconds, seed, workers, mode, pattern_weeks, rotation_week, "
            "lookback_weeks, holidays, time_zone or site. Did you mean time_limit_seconds?",
        ),
    ),
    "misspelt time zone": (
        in_row_of("Settings", "time_zone", "B", "Asia/Shanghia"),
        (
            "sheet Settings, row 9, column B (value): is not valid (found 'Asia/Shanghia'); "
            "expected an IANA time zone name such as Asia/Shanghai, Europe/Berlin or UTC "
            "(did you mean Asia/Shanghai?)",
        ),
    ),
    "weeks in words": (
        in_row_of("Settings", "weeks", "B", "three"),
        (
            f"{WHERE} Settings, row 3, column B (value): is not valid (found 'three'); "
            "expected a whole number from 1 to 52",
        ),
    ),
    "fixed without a shift": (
        availability("S01", "2026-12-08", None, "fixed"),
        (
            f"{WHERE} Availability, row 2, column E (shift): is empty, but kind 'fixed' needs a "
            "shift; expected a code from the Shifts sheet: A, B, C",
        ),
    ),
    "prefer without a shift": (
        availability("S02", "2026-12-09", None, "prefer"),
        (
            f"{WHERE} Availability, row 2, column E (shift): is empty, but kind 'prefer' needs a "
            "shift",
        ),
    ),
    "weight on a leave line": (
        availability("S01", "2026-12-08", None, "leave", None, None, 2),
        (
            f"{WHERE} Availability, row 2, column G (weight): is set, but kind 'leave' is not a "
            "wish (found 2); expected an empty cell: only wishes (prefer_off or prefer) have a "
            "weight",
        ),
    ),
    "wish of weight 0": (
        availability("S01", "2026-12-08", None, "prefer_off", None, None, 0),
        (
            f"{WHERE} Availability, row 2, column G (weight): is not valid (found 0); "
            "expected a whole number from 1 to 1000000",
        ),
    ),
    "unknown shift after which another is forbidden": (
        set_cell("Shifts", "H3", "A, X"),
        (
            f"{WHERE} Shifts, row 3, column H (not_followed_by): is not a shift code (found 'X'); "
            "expected codes from column A (code): A, B, C",
        ),
    ),
    "max weekends in words": (
        set_cell("Staff", "M2", "two"),
        (
            f"{WHERE} Staff, row 2, column M (max_weekends): is not valid (found 'two'); "
            "expected a whole number from 0 to 52",
        ),
    ),
    "negative total hours": (
        set_cell("Staff", "L3", -8),
        (
            f"{WHERE} Staff, row 3, column L (max_hours_total): is not valid (found -8); "
            "expected a number from 0 to 8784",
        ),
    ),
    "total hours minimum above the maximum": (
        lambda book: [set_cell("Staff", "K2", 130)(book), set_cell("Staff", "L2", 120)(book)],
        (
            f"{WHERE} Staff, row 2, column K (min_hours_total): is more than column L "
            "(max_hours_total) allows (found 130); expected at most 120 hours, or a higher "
            "max_hours_total",
        ),
    ),
    "shortest run of work above the longest": (
        set_cell("Staff", "N4", 7),
        (
            f"{WHERE} Staff, row 4, column N (min_consecutive_days): is more than column G "
            "(max_consecutive_days) allows (found 7); expected at most 6 days, or a higher "
            "max_consecutive_days. No run of working days could be both long enough",
        ),
    ),
    "half a day off in a row": (
        set_cell("Staff", "O2", 1.5),
        (
            f"{WHERE} Staff, row 2, column O (min_consecutive_days_off): is not valid "
            "(found 1.5); expected a whole number from 1 to 366",
        ),
    ),
    "unknown shift code in max_shifts": (
        set_cell("Staff", "J2", "C=8, N=0"),
        (
            f"{WHERE} Staff, row 2, column J (max_shifts): 'N' is not a shift code "
            "(found 'C=8, N=0'); expected a code from the Shifts sheet: A, B, C",
        ),
    ),
    "shift code in max_shifts in the wrong case": (
        set_cell("Staff", "J2", "c=8"),
        (
            f"{WHERE} Staff, row 2, column J (max_shifts): 'c' is not a shift code "
            "(found 'c=8'); expected a code from the Shifts sheet: A, B, C. Did you mean C?",
        ),
    ),
    "max_shifts without a limit": (
        set_cell("Staff", "J3", "C"),
        (
            f"{WHERE} Staff, row 3, column J (max_shifts): 'C' is not a shift code and a number "
            "(found 'C'); expected shift code=most shifts, several joined by commas, e.g. "
            "C=8, N=0",
        ),
    ),
    "max_shifts limit in words": (
        set_cell("Staff", "J3", "A=10; C=many"),
        (
            f"{WHERE} Staff, row 3, column J (max_shifts): the limit of C is not valid "
            "(found 'A=10; C=many'); expected C=<a whole number from 0 to 366>, e.g. C=8",
        ),
    ),
    "max_shifts naming a shift twice": (
        set_cell("Staff", "J3", "C=5, C=6"),
        (
            f"{WHERE} Staff, row 3, column J (max_shifts): names shift C twice "
            "(found 'C=5, C=6'); expected each shift code once",
        ),
    ),
    "unknown shift code in Demand": (
        demand("weekends", "D", 2),
        (
            f"{WHERE} Demand, row 2, column B (shift): is not a shift code (found 'D'); "
            "expected a code from the Shifts sheet: A, B, C",
        ),
    ),
    "Demand days not understood": (
        demand("Fridays", "A", 2),
        (
            f"{WHERE} Demand, row 2, column A (days): is not valid (found 'Fridays'); "
            "expected daily, weekdays, weekends, holiday (public holidays)",
        ),
    ),
    "Demand line without people": (
        demand("daily", "B", None, 5),
        (
            f"{WHERE} Demand, row 2, column C (people): is empty; "
            "expected a whole number from 0 to 10000",
        ),
    ),
    "negative under-staffing weight": (
        demand("daily", "B", 1, -1),
        (
            f"{WHERE} Demand, row 2, column D (under_weight): is not valid (found -1); "
            "expected a whole number from 0 to 1000000",
        ),
    ),
    "a shift and day asked for twice": (
        lambda book: [demand("daily", "A", 1)(book), demand("Sat, Sun", "A", 2)(book)],
        (
            f"{WHERE} Demand, row 3, column A (days): asks again for shift A on 2026-12-12 and "
            "5 more days (found 'Sat, Sun'); expected each shift on each day in one row only. "
            "Row 2 asks for it already",
        ),
    ),
    "Demand sheet without a people column": (
        set_cell("Demand", "C1", "staff"),
        (
            f"{WHERE} Demand, row 1: column 'people' is missing; expected a header row with days, "
            "shift, people, under_weight (optional), over_weight (optional). Headers found: days, "
            "shift, staff, under_weight, over_weight",
        ),
    ),
    "two Staff sheets apart from a trailing space": (
        lambda book: book.copy_worksheet(book["Staff"]).__setattr__("title", "Staff "),
        (
            "input.xlsx, sheet Staff : has the same name as sheet 'Staff' apart from case and "
            "spaces, so which one to read cannot be told",
        ),
    ),
    "a date in a time column": (
        set_cell("Shifts", "C2", dt.datetime(2026, 12, 7)),
        (
            f"{WHERE} Shifts, row 2, column C (start): is not valid (found 2026-12-07); "
            "expected a time of day as HH:MM between 00:00 and 24:00, e.g. 09:00 or 24:00, not a "
            "date (the cell holds 2026-12-07)",
        ),
    ),
    "fewest days a week above the most": (
        set_cell("Staff", "P2", 6),
        (
            f"{WHERE} Staff, row 2, column P (min_days_per_week): is more than column F "
            "(max_days_per_week) allows (found 6); expected at most 5 days, or a higher "
            "max_days_per_week",
        ),
    ),
    "weekly target above the most hours": (
        set_cell("Staff", "Q2", 45),
        (
            f"{WHERE} Staff, row 2, column Q (contract_hours_per_week): is more than column E "
            "(max_hours_per_week) allows (found 45); expected at most 40 hours, or a higher "
            "max_hours_per_week",
        ),
    ),
    "fewest hours a week above the target": (
        lambda book: [set_cell("Staff", "Q2", 36)(book), set_cell("Staff", "R2", 38)(book)],
        (
            f"{WHERE} Staff, row 2, column R (min_hours_per_week): is more than column Q "
            "(contract_hours_per_week) allows (found 38); expected at most 36 hours, or a higher "
            "contract_hours_per_week",
        ),
    ),
    "fewest hours a week above the most, without a target": (
        set_cell("Staff", "R2", 41),
        (
            f"{WHERE} Staff, row 2, column R (min_hours_per_week): is more than column E "
            "(max_hours_per_week) allows (found 41); expected at most 40 hours, or a higher "
            "max_hours_per_week",
        ),
    ),
    "seconds in a time": (
        set_cell("Coverage", "C2", "23:59:59"),
        (
            f"{WHERE} Coverage, row 2, column C (to): is not valid (found '23:59:59'); expected "
            "a time of day as HH:MM between 00:00 and 24:00, e.g. 09:00 or 24:00, in whole "
            "minutes (no seconds)",
        ),
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_a_broken_workbook_is_rejected_with_the_cell_that_is_wrong(tmp_path, case):
    edit, fragments = CASES[case]
    errors = solve_rejects(workbook(tmp_path, edit), *fragments)
    assert len(errors) == 1, errors  # one mistake, one message: nothing follows from it


def test_an_unknown_rule_message_lists_every_known_rule(tmp_path):
    path = workbook(tmp_path, CASES["unknown rule"][0])
    (error,) = solve_rejects(path, "is not a known rule")
    assert all(name in error for name in RULES_BY_NAME)


def test_several_mistakes_are_all_reported_at_once_in_sheet_order(tmp_path):
    def edit(book: Workbook) -> None:
        book["Settings"]["B3"] = "three"
        book["Shifts"]["C2"] = "25:00"
        book["Staff"]["A3"] = "S01"
        book["Staff"]["E4"] = -5
        book["Rules"]["A2"] = "nope"

    errors = solve_rejects(
        workbook(tmp_path, edit),
        "(found 'three')",
        "(found '25:00')",
        "(found 'S01')",
        "(found -5)",
        "(found 'nope')",
    )
    sheets = [error.split(", ")[1] for error in errors]
    assert sheets == ["sheet Shifts", "sheet Staff", "sheet Staff", "sheet Rules", "sheet Settings"]


def zipped(files: dict[str, bytes]) -> bytes:
    """A zip archive holding `files`, as another program's document is."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (
            zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            "It is an OpenDocument spreadsheet (.ods, from LibreOffice or OpenOffice): open it "
            "there and use File > Save As > Excel 2007-365 (.xlsx)",
        ),
        (
            zipped({"Index/Document.iwa": b"\0", "Metadata/Properties.plist": b""}),
            "It is an Apple Numbers document: open it in Numbers and use File > Export To > Excel",
        ),
    ],
    ids=["ods", "numbers"],
)
def test_another_programs_spreadsheet_is_named_with_how_to_save_it_as_xlsx(
    tmp_path, content, fragment
):
    path = tmp_path / "input.xlsx"
    path.write_bytes(content)
    solve_rejects(path, "Error: input.xlsx: cannot be read as an Excel workbook", fragment)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "input.xlsx: the file is empty (0 bytes)"),
        (
            b"id,name\nS01,Wang Fang\n",
            "It is not a workbook (perhaps text or CSV renamed to .xlsx)",
        ),
        (SAMPLE.read_bytes()[:3000], "It is damaged, or a zip archive that is not a workbook"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + bytes(2000), "password-protected workbook or an old"),
    ],
    ids=["empty", "text", "truncated zip", "encrypted"],
)
def test_a_file_that_is_no_workbook_is_rejected(tmp_path, content, fragment):
    path = tmp_path / "input.xlsx"
    path.write_bytes(content)
    solve_rejects(path, "Error: input.xlsx: ", fragment)


def test_a_workbook_with_a_damaged_sheet_inside_is_rejected(tmp_path):
    path = tmp_path / "input.xlsx"
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(path, "w") as damaged:
        for item in source.infolist():
            data = source.read(item)
            damaged.writestr(item, data[:300] if item.filename.endswith("sheet2.xml") else data)
    solve_rejects(path, "input.xlsx: cannot be read as an Excel workbook", "It is damaged")


def test_a_missing_input_file_is_bad_input(tmp_path):
    result = run("solve", tmp_path / "nothing.xlsx", "-o", tmp_path / "out.xlsx")
    assert_rejected(
        result, "nothing.xlsx: file not found", untouched={}, output=tmp_path / "out.xlsx"
    )


@pytest.fixture(scope="module")
def roster_file(tmp_path_factory) -> Path:
    """A roster for the call-center sample, as `roster solve` writes it."""
    problem = api.load_problem(SAMPLE)
    result = api.solve(problem, SolveSettings(time_limit_seconds=10, seed=0, workers=1))
    path = tmp_path_factory.mktemp("solved") / "roster.xlsx"
    write_result(result, path)
    return path


@pytest.mark.parametrize(
    ("ref", "value", "fragment"),
    [
        (
            "E3",
            "D",
            "roster.xlsx, sheet Roster, row 3, column E (2026-12-09): is not a shift code "
            "(found 'D'); expected A, B, C, several joined with +, or empty for a day off",
        ),
        (
            "A3",
            "S99",
            "roster.xlsx, sheet Roster, row 3, column A (id): is not a staff id of the "
            "input (found 'S99'); expected an id from its Staff sheet: S01, S02, S03, S04",
        ),
        (
            "E1",
            "2027-01-30",
            "roster.xlsx, sheet Roster, row 1, column E: is outside the roster's dates "
            "(found '2027-01-30'); expected one column per date from 2026-12-07 to 2026-12-27",
        ),
        (
            "A3",
            "S01",
            "roster.xlsx, sheet Roster, row 3, column A (id): repeats the person of row 2",
        ),
    ],
    ids=["unknown shift code", "unknown staff id", "date outside the horizon", "person twice"],
)
def test_check_rejects_a_roster_sheet_it_cannot_read(tmp_path, roster_file, ref, value, fragment):
    edited = tmp_path / "roster.xlsx"
    shutil.copy(roster_file, edited)
    book = openpyxl.load_workbook(edited)
    book["Roster"][ref] = value
    book.save(edited)
    untouched = {SAMPLE: SAMPLE.read_bytes(), edited: edited.read_bytes()}
    assert_rejected(run("check", SAMPLE, edited), fragment, untouched=untouched)


def test_check_rejects_a_roster_with_a_date_column_deleted(tmp_path, roster_file):
    edited = tmp_path / "roster.xlsx"
    shutil.copy(roster_file, edited)
    book = openpyxl.load_workbook(edited)
    book["Roster"].delete_cols(5)
    book.save(edited)
    assert_rejected(
        run("check", SAMPLE, edited),
        "sheet Roster, row 1: has no column for 2026-12-09",
        untouched={edited: edited.read_bytes()},
    )


def test_every_column_a_sheet_does_not_read_is_named_and_a_near_miss_suggested(tmp_path):
    """A misspelt limit would silently drop its rule: each unknown header is a warning."""
    source = tmp_path / "input.xlsx"
    shutil.copy(SAMPLE, source)
    book = openpyxl.load_workbook(source)
    staff, shifts = book["Staff"], book["Shifts"]
    headers = [cell.value for cell in staff[1]]
    staff.cell(1, headers.index("max_days_per_week") + 1).value = "max_days_per_wk"
    staff.cell(1, len(headers) + 1).value = "notes"
    shifts.cell(1, shifts.max_column + 1).value = "colour"
    book.save(source)
    before = source.read_bytes()

    problem = api.load_problem(source)
    assert all(p.max_days_per_week is None for p in problem.staff)  # the limit is gone ...
    letter = openpyxl.utils.get_column_letter
    assert problem.input_warnings == (  # ... and every unread header is named
        f"input.xlsx, sheet Shifts, column {letter(shifts.max_column)} ('colour') is not a "
        "column roster reads: it was ignored.",
        f"input.xlsx, sheet Staff, column {letter(headers.index('max_days_per_week') + 1)} "
        "('max_days_per_wk') is not a column roster reads: it was ignored. "
        "Did you mean max_days_per_week?",
        f"input.xlsx, sheet Staff, column {letter(len(headers) + 1)} ('notes') is not a column "
        "roster reads: it was ignored.",
    )
    checked = run("check", source)
    assert checked.exit_code == 0, checked.output
    warnings = [line for line in checked.output.splitlines() if "is not a column" in line]
    assert warnings == [f"Warning: {message}" for message in problem.input_warnings]
    assert source.read_bytes() == before


def test_a_name_typed_two_ways_in_unicode_is_one_person(tmp_path):
    """NFC é and NFD e + combining accent look the same: they are read as one text."""
    composed, decomposed = "Jos\u00e9", "Jose\u0301"
    path = workbook(
        tmp_path,
        lambda book: [
            set_cell("Staff", "A2", composed)(book),
            availability(decomposed, "2026-12-08", None, "leave")(book),
        ],
    )
    problem = api.load_problem(path)
    assert problem.staff[0].id == composed
    assert [r.staff_id for r in problem.requests if r.kind == "leave"] == [composed]


def test_every_problem_of_the_shifts_sheet_shows_at_once(tmp_path):
    """A bad start no longer hides the same row's bad paid hours and unknown codes."""
    path = workbook(
        tmp_path,
        lambda book: [
            set_cell("Shifts", "C2", "25:00")(book),
            set_cell("Shifts", "F2", -3)(book),
            set_cell("Shifts", "G2", "Q")(book),
            set_cell("Shifts", "H2", "Z")(book),
        ],
    )
    errors = solve_rejects(path)
    located = sorted(line.split("(")[1].split(")")[0] for line in errors)
    assert located == ["combinable_with", "not_followed_by", "paid_hours", "start"], errors


def test_a_cell_longer_than_excel_holds_is_refused_not_cut(tmp_path):
    """openpyxl would cut a 100,000-character name to 32,767 when the roster is written."""
    path = tmp_path / "input.xlsx"
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if b"Wang Fang" in data and item.filename.startswith("xl/worksheets/"):
                data = data.replace(b"Wang Fang", b"x" * 100_000)
            target.writestr(item, data)
    solve_rejects(
        path,
        "holds 100,000 characters (found 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'); "
        "expected at most 32,767: more cannot be written back to a workbook, and would be cut off",
    )

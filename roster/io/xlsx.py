"""Small helpers shared by every workbook we write: safe text, styles, atomic saving."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = PatternFill("solid", fgColor="1F3864")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WEEKEND_FILL = PatternFill("solid", fgColor="E7E6E6")
SHORT_FILL = PatternFill("solid", fgColor="F8CBAD")
OK_FILL = PatternFill("solid", fgColor="E2EFDA")
WARNING_FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="BFBFBF")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center")
SHIFT_COLOURS = ("BDD7EE", "FFE699", "C9B3E6", "C6E0B4", "F4B183", "9BC2E6", "FFD966", "A9D08E")


FORMULA_STARTS = ("=", "+", "-", "@")


def append_row(ws: Worksheet, values: Sequence[object]) -> None:
    """Append a row; text that Excel would run as a formula (=, +, -, @) stays plain text, and
    characters a worksheet cannot hold (control characters from a CSV) are dropped."""
    ws.append([_safe(ws, value) for value in values])


class Formula(str):
    """A spreadsheet formula we wrote ourselves: written as a formula, where any other text
    starting with = is kept as plain text."""


def _safe(ws: Worksheet, value: object) -> object:
    if not isinstance(value, str) or isinstance(value, Formula):
        return value
    text: str = ILLEGAL_CHARACTERS_RE.sub("", value)
    if not text.startswith(FORMULA_STARTS):
        return text
    cell = Cell(ws, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def write_table(
    ws: Worksheet,
    headers: Sequence[object],
    rows: Iterable[Sequence[object]],
    widths: dict[int, int] | None = None,
) -> None:
    append_row(ws, headers)
    for cell in ws[1]:
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, CENTER
    for row in rows:
        append_row(ws, row)
    ws.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        width = (widths or {}).get(index, max(10, len(str(header)) + 2))
        ws.column_dimensions[get_column_letter(index)].width = width


def row_cells(ws: Worksheet, row: int, columns: int) -> list[Cell]:
    """The first `columns` cells of a row. `ws[row]` would look at every cell of the sheet to
    find its width, which makes styling a long sheet row by row quadratic."""
    return [ws.cell(row, column) for column in range(1, columns + 1)]


def print_one_page_wide(book: Workbook) -> None:
    """Every sheet prints landscape, one page wide, its header row repeated on each page."""
    for ws in book.worksheets:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"


def save_atomically(book: Workbook, path: str | Path) -> None:
    """Write to a temporary file next to `path`, then rename: never a half-written workbook."""
    replace_atomically(Path(path), book.save, suffix=".xlsx")


def write_atomically(path: Path, data: bytes) -> None:
    """`data` as the whole new content of `path`, never half written."""
    replace_atomically(path, lambda temp: Path(temp).write_bytes(data))


def replace_atomically(path: Path, write: Callable[[str], object], suffix: str = ".tmp") -> None:
    """`write` a temporary file next to `path`, then rename it over `path`: the file is either
    the old one or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=suffix)
    os.close(handle)
    TEMPORARIES.add(temp)
    try:
        write(temp)
        os.chmod(temp, _file_mode(path))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    finally:
        TEMPORARIES.discard(temp)


TEMPORARIES: set[str] = set()  # being written now: removed if the process must end at once


def remove_temporaries() -> None:
    for temp in list(TEMPORARIES):
        Path(temp).unlink(missing_ok=True)


def _file_mode(path: Path) -> int:
    """The mode an ordinary new file would get (temporary files are private), or the old one's."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask

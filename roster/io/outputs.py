"""The checks made before a long solve or repair: that its output file can be saved, and that
saving it replaces none of the files it reads."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from roster.errors import InputError, InputIssue, OutputError

EXCEL_LOCK = "~$"  # Excel marks a workbook it has open with "~$" + its name beside it


def refuse_replacing_input(output: Path, source: Path) -> None:
    """Raise `InputError` when `output` is the input workbook `source`."""
    if _same_file(output, source):
        raise _replacing(
            output,
            "is the input workbook, and writing the roster would replace it",
            "another file for --output, e.g. -o roster.xlsx",
        )


def refuse_replacing_checked(output: Path, *sources: Path | None) -> None:
    """Raise `InputError` when `output` is one of the rosters or workbooks being changed (a
    source that is None is not given)."""
    if any(source is not None and _same_file(output, source) for source in sources):
        raise _replacing(
            output,
            "is one of the files being checked, and writing the repaired roster would replace it",
            "another file for --output, e.g. -o fixed.xlsx",
        )


WAIT_FOR_WRITER = 120.0  # seconds another roster command may hold a workbook before we give up


@contextmanager
def exclusive(path: Path, wait: float = WAIT_FOR_WRITER) -> Iterator[None]:
    """Hold `path` for a read-modify-write: another roster command writing it (an import into
    the same workbook) is waited for, never overwritten. The lock files live in the system's
    temporary folder, one per workbook, so nothing is left beside the user's files."""
    from filelock import FileLock, Timeout

    key = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
    folder = Path(tempfile.gettempdir()) / "roster-locks"
    folder.mkdir(exist_ok=True)
    try:
        with FileLock(folder / f"{key}.lock", timeout=wait):
            yield
    except Timeout:
        raise OutputError(
            f"cannot write {path}: another roster command has been writing it for "
            f"{wait:.0f} s; try again when it has finished"
        ) from None


def refuse_replacing_existing(output: Path, force: bool) -> None:
    """Raise `OutputError` when `output` exists and `force` is not given: a roster, or any other
    workbook, is never replaced by accident."""
    if output.exists() and not force:
        raise OutputError(f"{output} exists already; add --force to replace it.")


def refuse_unwritable(output: Path) -> None:
    """Raise `OutputError` when `output` could not be saved (also when it is open in Excel):
    fail before a long solve, not after it."""
    folder = output.resolve().parent
    while not folder.exists():  # missing folders are created when the roster is saved
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {output}: {folder} is not a writable folder")
    lock = output.with_name(EXCEL_LOCK + output.name)
    if output.exists() and (lock.exists() or not os.access(output, os.W_OK)):
        why = f"its lock file {lock.name} is there" if lock.exists() else "it is read-only"
        raise OutputError(
            f"cannot write {output}: it is open in Excel or another program ({why}); close it "
            "there, or write to another file with -o"
        )


def _same_file(output: Path, source: Path) -> bool:
    return output.exists() and source.exists() and output.samefile(source)


def _replacing(output: Path, problem: str, expected: str) -> InputError:
    return InputError([InputIssue(file=output.name, problem=problem, expected=expected)])

"""The checks made before a long solve or repair: that its output file can be saved, and that
saving it replaces none of the files it reads."""

from __future__ import annotations

import os
from pathlib import Path

from roster.errors import InputError, InputIssue, OutputError


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


def refuse_unwritable(output: Path) -> None:
    """Raise `OutputError` when `output` could not be saved: fail before a long solve, not
    after it."""
    folder = output.resolve().parent
    while not folder.exists():  # missing folders are created when the roster is saved
        folder = folder.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise OutputError(f"cannot write {output}: {folder} is not a writable folder")


def _same_file(output: Path, source: Path) -> bool:
    return output.exists() and source.exists() and output.samefile(source)


def _replacing(output: Path, problem: str, expected: str) -> InputError:
    return InputError([InputIssue(file=output.name, problem=problem, expected=expected)])

"""Ctrl-C and SIGTERM, sent to a real `roster solve` at several moments: it stops within a
second or two, writes the best roster so far (or says none was found), exits 130 and leaves no
temporary file."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from benchmarks.scenarios import scenario
from roster import api
from roster.check import check
from roster.io.template import write_problem

SEARCHING = 8.0  # seconds after the start: the first roster is found, the search goes on


@pytest.fixture(scope="module")
def forty_people(tmp_path_factory) -> Path:
    """A 40-person month that takes the whole time limit."""
    path = tmp_path_factory.mktemp("interrupt") / "input.xlsx"
    write_problem(scenario("M", "plain"), path)
    return path


def solving(source: Path, output: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "roster",
            "solve",
            str(source),
            "-o",
            str(output),
            "-q",
            "--time-limit",
            "120",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def ended(process: subprocess.Popen[str]) -> tuple[float, str]:
    """Seconds until the process ended after the last signal, and all it printed."""
    began = time.monotonic()
    out, err = process.communicate(timeout=60)
    return time.monotonic() - began, out + err


def no_temporaries(folder: Path) -> None:
    left = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    assert not left, left


@pytest.mark.parametrize(
    ("sent", "after"),
    [
        (signal.SIGINT, 1.5),  # reading, the analysis or the first roster
        (signal.SIGINT, 3.0),  # the first roster or CP-SAT's portfolio
        (signal.SIGINT, 5.0),  # the portfolio or the neighbourhoods
        (signal.SIGINT, SEARCHING),  # the neighbourhoods
        (signal.SIGTERM, SEARCHING),
    ],
    ids=["Ctrl-C at 1.5 s", "Ctrl-C at 3 s", "Ctrl-C at 5 s", "Ctrl-C at 8 s", "SIGTERM at 8 s"],
)
def test_a_signal_at_any_moment_stops_with_the_best_roster_or_none(
    forty_people, tmp_path, sent, after
):
    output = tmp_path / "roster.xlsx"
    process = solving(forty_people, output)
    time.sleep(after)
    process.send_signal(sent)
    seconds, printed = ended(process)
    assert process.returncode == 130, printed
    assert seconds < 5, seconds  # the search stops at once; writing the workbook takes the rest
    assert "Traceback" not in printed
    no_temporaries(tmp_path)
    if not output.exists():  # stopped before any roster: it says so
        assert "nothing was written" in printed, printed
        assert after < SEARCHING
        return
    assert "Stopped by you: the best roster found so far" in printed
    problem, roster = api.load_published(output)
    assert check(problem, roster).valid
    status = next(
        row[4]
        for row in openpyxl.load_workbook(output)["Diagnostics"].iter_rows(values_only=True)
        if row[0] == "status"
    )
    assert status.startswith("Stopped by you: the best roster found so far")


def test_ctrl_c_before_the_search_writes_nothing(forty_people, tmp_path):
    output = tmp_path / "roster.xlsx"
    process = solving(forty_people, output)
    time.sleep(0.5)  # loading the libraries and reading the input
    process.send_signal(signal.SIGINT)
    seconds, printed = ended(process)
    assert process.returncode == 130, printed
    assert "Stopped by you; nothing was written." in printed and "Traceback" not in printed
    assert seconds < 2
    assert not output.exists()
    no_temporaries(tmp_path)


def test_a_second_ctrl_c_ends_at_once_leaving_no_half_written_file(forty_people, tmp_path):
    output = tmp_path / "roster.xlsx"
    process = solving(forty_people, output)
    time.sleep(SEARCHING)
    process.send_signal(signal.SIGINT)
    time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    seconds, printed = ended(process)
    assert process.returncode == 130, printed
    assert seconds < 1 and "Traceback" not in printed
    assert "Stopped at once by you; no half-written file was left." in printed
    if output.exists():  # written in full before the second Ctrl-C came, or not at all
        api.load_published(output)
    no_temporaries(tmp_path)

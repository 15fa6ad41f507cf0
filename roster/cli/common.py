"""What the `roster` commands share: exit codes, the options several take, and how results,
errors and changes are shown."""

from __future__ import annotations

import math
import os
import signal
import socket
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from roster import stopping
from roster.domain import Problem
from roster.errors import (
    ArgumentError,
    InfeasibleError,
    InputError,
    NoSolutionError,
    RosterError,
    StoppedError,
)
from roster.io.choices import SETTING_RANGES

if TYPE_CHECKING:  # the commands load what they use: `roster --help` loads none of it
    from roster import api
    from roster.analysis import Finding
    from roster.check import CheckReport

Command = TypeVar("Command", bound=Callable[..., Any])

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT, EXIT_INFEASIBLE, EXIT_NO_SOLUTION = 0, 1, 2, 3, 4
EXIT_STOPPED = 130  # stopped by Ctrl-C or SIGTERM: the shells' convention, 128 + SIGINT
EXIT_STATUS = (
    "Exit status: 0 success (coverage that no shift can give is only a warning), 1 internal "
    "error or an output that cannot be written, 2 bad input (each problem listed with file, "
    "sheet, row and column), 3 the hard rules cannot all hold (solve then writes a best-effort "
    "roster with the uncovered slots listed; check: a checked roster breaks one), 4 no roster "
    "within the time limit."
)
INPUT = click.Path(dir_okay=False, path_type=Path)

# --- options that several commands take ------------------------------------------------------


class Finite(click.FloatRange):
    """A number within the range; nan and infinity are no number of seconds."""

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number ({self._describe_range()}).", param, ctx)
        return number


def bounded(setting: str) -> click.ParamType:
    """The range the Settings sheet allows for `setting`, as an option's type."""
    low, high, whole = SETTING_RANGES[setting]
    return click.IntRange(int(low), int(high)) if whole else Finite(low, high)


TIME_LIMIT = click.option(
    "--time-limit",
    type=bounded("time_limit_seconds"),
    help="Seconds the solver may take [default: from Settings].",
)


def after_option(help_text: str):  # type: ignore[no-untyped-def]
    """`--after PREVIOUS.xlsx`, repeatable: the published rosters this one follows on from."""
    return click.option(
        "--after",
        multiple=True,
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help=help_text + " May be repeated.",
    )


def xlsx_path(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    if value.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{value} does not end in .xlsx; the roster is an Excel workbook.")
    return value


def optional_xlsx(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    return None if value is None else xlsx_path(ctx, param, value)


def output_option(help_text: str, **settings: Any) -> Callable[[Command], Command]:
    """`-o/--output`: the workbook to write (an .xlsx); without a default, optional."""
    given = settings.get("required") or "default" in settings
    return click.option(
        "-o",
        "--output",
        type=INPUT,
        callback=xlsx_path if given else optional_xlsx,
        help=help_text,
        **settings,
    )


def solved_from(roster_argument: str) -> Callable[[Command], Command]:
    """The `--input` option: the input workbook a roster was solved from."""
    return click.option(
        "--input",
        "input_file",
        type=INPUT,
        help="Input workbook the roster was solved from "
        f"[default: the inputs {roster_argument} carries].",
    )


def beside(source: Path, suffix: str) -> Path:
    """The default output next to `source`: its name + `-suffix`, as a workbook."""
    return source.with_name(f"{source.stem}-{suffix}.xlsx")


# --- errors as `Error:` lines and exit codes -------------------------------------------------


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turns library errors into `Error:` lines and exit codes; never a traceback."""
    try:
        yield
    except InputError as error:
        for issue in error.issues:
            click.echo(f"Error: {issue}", err=True)
        raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
    except InfeasibleError as error:
        click.echo(f"Error: {error.headline}", err=True)
        for reason in error.reasons:
            click.echo(f"Error: {reason}", err=True)
        raise click.exceptions.Exit(EXIT_INFEASIBLE) from None
    except NoSolutionError as error:
        click.echo(f"Error: {error}", err=True)
        raise click.exceptions.Exit(EXIT_NO_SOLUTION) from None
    except StoppedError as error:
        click.echo(str(error), err=True)
        raise click.exceptions.Exit(EXIT_STOPPED) from None
    except KeyboardInterrupt:  # stopped before the solve began
        click.echo("Stopped by you; nothing was written.", err=True)
        raise click.exceptions.Exit(EXIT_STOPPED) from None
    except ArgumentError as error:
        raise click.BadParameter(str(error)) from None
    except OSError as error:
        where = f": {error.filename}" if error.filename else ""
        click.echo(f"Error: {error.strerror or error}{where}", err=True)
        raise click.exceptions.Exit(EXIT_INTERNAL) from None
    except RosterError as error:
        click.echo(f"Error: {error}", err=True)
        raise click.exceptions.Exit(EXIT_INTERNAL) from None
    except (click.exceptions.Exit, click.ClickException):
        raise
    except Exception as error:
        interrupted = isinstance(error.__context__, KeyboardInterrupt)
        if interrupted or stopping.stop_requested():  # Ctrl-C inside an import: its own error
            click.echo("Stopped by you; nothing was written.", err=True)
            raise click.exceptions.Exit(EXIT_STOPPED) from None
        if os.environ.get("ROSTER_DEBUG"):
            raise
        click.echo(
            f"Error: internal error ({type(error).__name__}: {error}). Please report it; "
            "set ROSTER_DEBUG=1 to see the traceback.",
            err=True,
        )
        raise click.exceptions.Exit(EXIT_INTERNAL) from None


@dataclass
class Interruption:
    """What Ctrl-C (or SIGTERM) does now: before the solve it stops the command; once
    `solving` is set, the first stops the search (the best roster so far is then written) and
    a second ends the process at once, removing any half-written file."""

    solving: bool = False
    signals: int = 0


@contextmanager
def interruptible() -> Iterator[Interruption]:
    """Ctrl-C and SIGTERM as `Interruption` says. The main thread is inside CP-SAT most of the
    time, where Python runs no handler: the signal's byte on a wakeup socket reaches a thread
    that stops the search at once."""
    state = Interruption()
    if threading.current_thread() is not threading.main_thread():
        yield state
        return
    reader, writer = socket.socketpair()
    writer.setblocking(False)

    def watch() -> None:
        while data := _received(reader):
            for _ in data:
                state.signals += 1
                if state.signals == 1:
                    stopping.request_stop()
                else:
                    _end_at_once()

    def on_signal(signum: int, frame: object) -> None:
        if not state.solving:
            raise KeyboardInterrupt

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    wakeup = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    threading.Thread(target=watch, daemon=True).start()
    try:
        yield state
    finally:
        signal.set_wakeup_fd(wakeup)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        writer.close()
        reader.close()
        stopping.reset()


def _received(reader: socket.socket) -> bytes:
    try:
        return reader.recv(16)
    except OSError:  # closed: the command is over
        return b""


def _end_at_once() -> None:
    from roster.io.xlsx import remove_temporaries

    remove_temporaries()
    os.write(2, b"Stopped at once by you; no half-written file was left.\n")
    os._exit(EXIT_STOPPED)


@contextmanager
def given_as(param_hint: str) -> Iterator[None]:
    """A staff id or date the roster does not hold is a bad value of `param_hint`."""
    try:
        yield
    except ArgumentError as error:
        raise click.BadParameter(str(error), param_hint=f"'{param_hint}'") from None


@contextmanager
def writing(output: Path) -> Iterator[None]:
    """An output that cannot be written is an `Error: cannot write` line (exit 1)."""
    try:
        yield
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror or error}") from None


def write_changed(done: api.Repair, output: Path) -> None:
    """The changed roster with its Changes sheet; nothing when the checker finds a hard rule
    broken that the solver did not mean to break."""
    if not done.result.report.valid and not done.result.infeasible_because:
        echo_violations(done.result.report)
        raise click.exceptions.Exit(EXIT_INTERNAL)
    with writing(output):
        done.to_excel(output)


# --- what the commands print -----------------------------------------------------------------


def echo_changes(
    problem: Problem, changes: Sequence[api.Change], proven: bool | None = None, title: str = ""
) -> None:
    """The terminal diff of a repair or a swap: one line per changed cell (who, date, was ->
    now), `(absent)` where the person is on leave that day."""
    count = len(changes)
    how = ""
    if proven is not None:
        how = " (the fewest possible)" if proven else " (time limit reached: fewer may do)"
    click.echo(f"{title}{count} cell{'' if count == 1 else 's'} changed{how}:")
    leave = {(r.staff_id, r.day) for r in problem.requests_of(("leave",))}
    names = {p.id: name_of(problem, p.id) for p in problem.staff}
    width = max((len(names[c.staff_id]) for c in changes), default=0)
    for change in changes:
        old, new = "+".join(change.old) or "off", "+".join(change.new) or "off"
        why = "  (absent)" if (change.staff_id, change.day) in leave else ""
        click.echo(
            f"  {names[change.staff_id]:<{width}}  {date_of(problem, change.day)}  "
            f"{old} -> {new}{why}"
        )


def name_of(problem: Problem, staff_id: str) -> str:
    return f"{staff_id} {problem.person(staff_id).name}".strip()


def date_of(problem: Problem, day: int) -> str:
    from roster.views import weekday_short

    return f"{weekday_short(problem, day)} {problem.date(day).isoformat()}"


def echo_violations(report: CheckReport) -> None:
    for violation in report.violations:
        if violation.hard:
            kind = "Broken rule"
        elif violation.category == "coverage":
            kind = f"Uncovered (cost {violation.cost})"
        else:
            kind = f"Soft rule (cost {violation.cost})"
        click.echo(f"{kind}: {violation.message}")


def echo_findings(findings: Iterable[Finding]) -> None:
    for finding in findings:
        click.echo(f"{finding.severity.capitalize()}: {finding.message}")


def echo_notice(notice: str) -> None:
    click.echo(f"Notice: {notice}", err=True)

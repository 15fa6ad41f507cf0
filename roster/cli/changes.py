"""`roster repair`, `roster swap` and `roster export`: what happens to a roster once it is
published (a thin shell over `roster.api`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from roster import stopping
from roster.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_STATUS,
    EXIT_STOPPED,
    INPUT,
    TIME_LIMIT,
    beside,
    date_of,
    echo_changes,
    given_as,
    interruptible,
    name_of,
    output_option,
    reported_errors,
    solved_from,
    write_changed,
)
from roster.domain import Problem, Roster
from roster.io.choices import PERIODS, VIEWS

if TYPE_CHECKING:  # the commands load what they use: `roster --help` loads none of it
    from roster import api


@click.command(epilog=EXIT_STATUS)
@click.argument("published", type=INPUT)
@click.option(
    "--absent",
    "absences",
    nargs=2,
    multiple=True,
    metavar="ID DATE[..DATE]",
    help="A person who cannot work on a date or dates (2026-12-08..2026-12-10); may be repeated.",
)
@click.option(
    "--from",
    "from_date",
    type=click.DateTime(["%Y-%m-%d"]),
    help="First date that may change; earlier dates stay as published [default: today].",
)
@output_option("Workbook for the repaired roster [default: PUBLISHED's name + -repaired].")
@solved_from("PUBLISHED")
@TIME_LIMIT
@click.option(
    "--best-effort",
    is_flag=True,
    help="When no repair keeps every rule, still write the closest roster (coverage short).",
)
def repair(
    published: Path,
    absences: tuple[tuple[str, str], ...],
    from_date: dt.datetime | None,
    output: Path | None,
    input_file: Path | None,
    time_limit: float | None,
    best_effort: bool,
) -> None:
    """Re-roster PUBLISHED after absences with as few changed cells as possible.

    Every date before --from keeps its shifts; later, a change soon costs more than one next
    week. The repaired roster is written with a Changes sheet (who, date, was, now) and the
    changes are listed here. Exit 3, and nothing written, when no repair keeps every hard rule:
    the reasons say what stays short (--best-effort writes that closest roster anyway).
    """
    with interruptible() as interruption, reported_errors():
        from roster import api

        output = output or beside(published, "repaired")
        api.refuse_replacing_checked(output, published, input_file)
        api.refuse_unwritable(output)
        problem, roster = api.load_published(published, input_file)
        first = _first_changeable_day(problem, from_date)
        with given_as("--absent"):
            absent = [api.absence(problem, staff_id, dates) for staff_id, dates in absences]
        click.echo(_repair_intro(problem, published, absent, first))
        settings = api.override_settings(problem.settings, time_limit_seconds=time_limit)
        interruption.solving = True  # Ctrl-C now stops the search: the best repair is kept
        try:
            done = api.repair(problem, roster, settings, absences=absent, frozen_days=first)
        except api.RepairImpossible as impossible:
            _write_closest(impossible, output, best_effort)
        write_changed(done, output)
        echo_changes(done.result.problem, done.changes, proven=done.result.status == "optimal")
        click.echo(f"Every hard rule holds; other soft-rule cost {done.other_cost}. Wrote {output}")
        if stopping.stop_requested():
            click.echo("Stopped by you: the best repair found so far, not proven the fewest.")
            raise click.exceptions.Exit(EXIT_STOPPED)


def _first_changeable_day(problem: Problem, from_date: dt.datetime | None) -> int:
    """--from (by default today) as the first day of the roster that the repair may change."""
    from roster import api

    try:
        return api.first_changeable_day(problem, from_date.date() if from_date else None)
    except api.ArgumentError as error:
        raise click.BadParameter(
            f"{error} Give an earlier --from.", param_hint="'--from'"
        ) from None


def _repair_intro(
    problem: Problem, published: Path, absences: Sequence[api.Absence], first: int
) -> str:
    """What the repair is for, and which dates it may change."""
    who = "; ".join(
        f"{name_of(problem, a.staff_id)} absent {_dates(problem, a.first, a.last)}"
        for a in absences
    )
    kept = (
        f"changes from {date_of(problem, first)}, earlier dates stay as published"
        if first
        else "every date may change"
    )
    return f"Repairing {published.name}: {who or 'no new absence'} ({kept})."


def _dates(problem: Problem, first: int, last: int) -> str:
    return date_of(problem, first) + (f" to {date_of(problem, last)}" if last > first else "")


def _write_closest(impossible: api.RepairImpossible, output: Path, best_effort: bool) -> NoReturn:
    """With --best-effort, write the closest roster (exit 3); else say that it could."""
    closest = impossible.closest
    if not (best_effort and closest):
        if closest:
            impossible.reasons += ("Add --best-effort to write that closest roster.",)
        raise impossible
    write_changed(closest, output)
    echo_changes(closest.result.problem, closest.changes)
    for reason in impossible.reasons:
        click.echo(f"Infeasible: {reason}")
    click.echo(f"Best effort: coverage stays short where listed. Wrote {output}")
    raise click.exceptions.Exit(EXIT_INFEASIBLE)


@click.command(epilog=EXIT_STATUS)
@click.argument("roster_file", metavar="ROSTER.xlsx", type=INPUT)
@click.argument("people_and_dates", nargs=-1, metavar="ID1 DATE1 ID2 [DATE2]")
@click.option(
    "--suggest",
    nargs=2,
    metavar="ID DATE",
    help="List the colleagues who could take ID's shift on DATE without breaking a rule.",
)
@output_option("Workbook for the swapped roster [default: ROSTER's name + -swapped].")
@solved_from("ROSTER")
def swap(
    roster_file: Path,
    people_and_dates: tuple[str, ...],
    suggest: tuple[str, str] | None,
    output: Path | None,
    input_file: Path | None,
) -> None:
    """Check a swap of shifts between two colleagues against every rule, and apply it.

    ID2 takes ID1's shift(s) on DATE1, and ID1 takes ID2's shift(s) on DATE2 (DATE1 if not
    given: an exchange on one day, or a give-away when ID2 is off). A swap that keeps every
    hard rule is written to a new workbook with a Changes sheet; one that breaks a rule is
    refused with the rules it breaks (exit 3, nothing written). With --suggest ID DATE, list
    who could take ID's shift that day, best first (trades only with days from today on), and
    write nothing.
    """
    with interruptible(), reported_errors():
        from roster import api

        if suggest:
            if people_and_dates or output:
                raise click.UsageError("--suggest takes no ID1 DATE1 ID2 and writes no file.")
            _suggest(roster_file, input_file, *suggest)
            return
        if len(people_and_dates) not in (3, 4):
            raise click.UsageError("give ID1 DATE1 ID2 [DATE2], or --suggest ID DATE.")
        output = output or beside(roster_file, "swapped")
        api.refuse_replacing_checked(output, roster_file, input_file)
        api.refuse_unwritable(output)
        problem, roster = api.load_published(roster_file, input_file)
        proposed = _swap(problem, roster, people_and_dates)
        verdict = api.judge_swap(problem, roster, proposed)
        click.echo(_swap_text(problem, roster, proposed))
        if not verdict.legal:
            _refuse_swap(problem, verdict, roster_file)
        _write_swap(problem, verdict, output)


def _swap(problem: Problem, roster: Roster, words: tuple[str, ...]) -> api.Swap:
    """ID1 DATE1 ID2 [DATE2] as a swap that moves at least one shift."""
    from roster import api

    with given_as("ID1"):
        giver = api.staff_id(problem, words[0])
    with given_as("ID2"):
        taker = api.staff_id(problem, words[2])
    with given_as("DATE1"):
        day = api.day_of(problem, words[1])
    with given_as("DATE2"):
        back = api.day_of(problem, words[3]) if len(words) == 4 else None
    if giver == taker:
        raise click.BadParameter("ID1 and ID2 are the same person.", param_hint="'ID2'")
    proposed = api.Swap(giver=giver, day=day, taker=taker, taker_day=back)
    if not roster.shifts_of(giver, day) and not roster.shifts_of(taker, proposed.back_day):
        raise click.BadParameter(
            f"neither {name_of(problem, giver)} on {date_of(problem, day)} nor "
            f"{name_of(problem, taker)} on {date_of(problem, proposed.back_day)} has a shift: "
            "nothing to swap.",
            param_hint="'ID1 DATE1 ID2 [DATE2]'",
        )
    return proposed


def _swap_text(problem: Problem, roster: Roster, proposed: api.Swap) -> str:
    """The swap in words: who takes what from whom."""
    given = "+".join(roster.shifts_of(proposed.giver, proposed.day)) or "nothing"
    back = "+".join(roster.shifts_of(proposed.taker, proposed.back_day))
    text = (
        f"{name_of(problem, proposed.taker)} takes {name_of(problem, proposed.giver)}'s {given} on "
        f"{date_of(problem, proposed.day)}"
    )
    if back:
        text += f"; {proposed.giver} takes {proposed.taker}'s {back}"
        if proposed.back_day != proposed.day:
            text += f" on {date_of(problem, proposed.back_day)}"
    return text + "."


def _write_swap(problem: Problem, verdict: api.SwapVerdict, output: Path) -> None:
    """The swapped roster with its Changes sheet, and the changes."""
    from roster import api

    write_changed(api.apply_swap(problem, verdict), output)
    echo_changes(problem, verdict.changes)
    click.echo(
        f"Every hard rule holds; soft-rule cost {verdict.cost_before} -> "
        f"{verdict.cost_after}. Wrote {output}"
    )


def _refuse_swap(problem: Problem, verdict: api.SwapVerdict, roster_file: Path) -> NoReturn:
    """The rules the swap breaks, and how to find one that breaks none (exit 3)."""
    click.echo("Refused: the swap breaks these rules:")
    for violation in verdict.broken:
        click.echo(f"  {violation.message} ({violation.rule})")
    proposed = verdict.swap
    click.echo(
        f"Nothing written. Try: roster swap {roster_file.name} --suggest "
        f"{proposed.giver} {problem.date(proposed.day).isoformat()}"
    )
    raise click.exceptions.Exit(EXIT_INFEASIBLE)


def _suggest(roster_file: Path, input_file: Path | None, staff_text: str, date: str) -> None:
    """`swap --suggest`: who could take the person's shift that day, best first."""
    from roster import api

    problem, roster = api.load_published(roster_file, input_file)
    with given_as("--suggest"):
        staff_id, day = api.staff_id(problem, staff_text), api.day_of(problem, date)
    shifts = "+".join(roster.shifts_of(staff_id, day))
    if not shifts:
        raise click.BadParameter(
            f"{name_of(problem, staff_id)} has no shift on {date_of(problem, day)}: "
            "nothing to take.",
            param_hint="'--suggest'",
        )
    today = api.day_index(problem, dt.date.today())
    options = api.suggest_swaps(problem, roster, staff_id, day, earliest=today)
    who = f"{name_of(problem, staff_id)}'s {shifts} on {date_of(problem, day)}"
    if not options:
        click.echo(f"Nobody can take {who} without breaking a hard rule (even as a trade).")
        raise click.exceptions.Exit(EXIT_INFEASIBLE)
    click.echo(f"Who could take {who}, best first (soft-rule cost now {options[0].cost_before}):")
    for rank, verdict in enumerate(options, start=1):
        click.echo(
            f"  {rank}. {_swap_text(problem, roster, verdict.swap)} Cost after: "
            f"{verdict.cost_after}."
        )
    first = options[0].swap
    command = f"roster swap {roster_file.name} {staff_id} {date} {first.taker}"
    if first.taker_day is not None:
        command += f" {problem.date(first.taker_day).isoformat()}"
    click.echo(f"Apply the first with: {command}")


@click.command(epilog=EXIT_STATUS)
@click.argument("roster_file", metavar="ROSTER.xlsx", type=INPUT)
@click.option(
    "--ics",
    "ics_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for one iCalendar (.ics) file per person, for any calendar app.",
)
@click.option(
    "--print",
    "print_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="HTML file with printable pages: the team's and each person's (A4 landscape).",
)
@click.option(
    "--view",
    type=click.Choice(VIEWS),
    default="both",
    show_default=True,
    help="Printable pages for the team, for each person, or both.",
)
@click.option(
    "--period",
    type=click.Choice(PERIODS),
    default="week",
    show_default=True,
    help="One printable page per week or per calendar month.",
)
@click.option(
    "--person",
    "people",
    multiple=True,
    metavar="ID",
    help="Only this person (calendar and pages); may be repeated [default: everybody].",
)
@click.option(
    "--time-zone",
    help="Time zone of the calendar entries, e.g. Asia/Shanghai [default: from Settings].",
)
@solved_from("ROSTER")
def export(
    roster_file: Path,
    ics_dir: Path | None,
    print_file: Path | None,
    view: str,
    period: str,
    people: tuple[str, ...],
    time_zone: str | None,
    input_file: Path | None,
) -> None:
    """Publish ROSTER.xlsx: calendar files for each person (--ics) and printable pages
    (--print). Shift times are in the site's time zone (Settings: time_zone), on-site shifts
    at the site (Settings: site), remote ones at home; public holidays are marked."""
    from roster import api

    if not (ics_dir or print_file):
        raise click.UsageError("say what to export: --ics FOLDER, --print FILE.html, or both.")
    if print_file and print_file.suffix.lower() not in (".html", ".htm"):  # before any writing
        raise click.BadParameter(
            f"{print_file} does not end in .html; the printable pages are an HTML file "
            "to open in a browser and print.",
            param_hint="'--print'",
        )
    with interruptible(), reported_errors():
        problem, roster = api.load_published(roster_file, input_file)
        with given_as("--person"):
            chosen = [api.staff_id(problem, staff_id) for staff_id in people]
        if ics_dir:
            _export_calendars(problem, roster, ics_dir, time_zone, chosen)
        if print_file:
            _export_printable(problem, roster, print_file, view, period, chosen)


def _export_calendars(
    problem: Problem, roster: Roster, ics_dir: Path, time_zone: str | None, chosen: list[str]
) -> None:
    from roster.present.ics import write_calendars

    written = write_calendars(problem, roster, ics_dir, time_zone=time_zone, staff_ids=chosen)
    click.echo(
        f"Wrote {len(written)} calendar file{'' if len(written) == 1 else 's'} to "
        f"{ics_dir}: {', '.join(p.name for p in written)}"
    )


def _export_printable(
    problem: Problem, roster: Roster, print_file: Path, view: str, period: str, chosen: list[str]
) -> None:
    from roster.present.printable import write_printable

    write_printable(problem, roster, print_file, view=view, period=period, staff_ids=chosen or None)
    click.echo(
        f"Wrote {print_file}: {view} pages by {period}; open it in a browser and print "
        "(A4 landscape, one page each)."
    )

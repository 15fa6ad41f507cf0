"""`roster repair`, `roster swap` and `roster export`: what happens to a roster once it is
published (a thin shell over `roster.api`). The commands join the `roster` group in
`roster.cli`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster.cli.common import (
    EXIT_INFEASIBLE,
    EXIT_STATUS,
    INPUT,
    TIME_LIMIT,
    date_of,
    echo_changes,
    name_of,
    refuse_replacing_sources,
    refuse_unwritable,
    reported_errors,
    write_changed,
    xlsx_path,
)
from roster.domain import Problem, Roster
from roster.io.choices import PERIODS, VIEWS

if TYPE_CHECKING:  # the commands load what they use: `roster --help` loads none of it
    from roster import api

RANGE = ".."  # between the first and last date of an absence: 2026-12-08..2026-12-10


def solved_from(roster_argument: str):  # type: ignore[no-untyped-def]
    """The `--input` option: the input workbook a roster was solved from."""
    return click.option(
        "--input",
        "input_file",
        type=INPUT,
        help="Input workbook the roster was solved from "
        f"[default: the inputs {roster_argument} carries].",
    )


def _optional_xlsx(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    return None if value is None else xlsx_path(ctx, param, value)


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
@click.option(
    "-o",
    "--output",
    type=INPUT,
    callback=_optional_xlsx,
    help="Workbook for the repaired roster [default: PUBLISHED's name + -repaired].",
)
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
    from roster import api

    with reported_errors():
        output = output or published.with_name(f"{published.stem}-repaired.xlsx")
        refuse_replacing_sources(output, published, *([input_file] if input_file else []))
        refuse_unwritable(output)
        problem, roster = api.load_published(published, input_file)
        first = _first_changeable_day(problem, from_date.date() if from_date else None)
        absent = [_absence(problem, staff_id, dates) for staff_id, dates in absences]
        click.echo(_repair_intro(problem, published, absent, first))
        settings = problem.settings
        if time_limit is not None:
            settings = dataclasses.replace(settings, time_limit_seconds=time_limit)
        try:
            done = api.repair(problem, roster, settings, absences=absent, frozen_days=first)
        except api.RepairImpossible as impossible:
            if not (best_effort and impossible.closest):
                if impossible.closest:
                    impossible.reasons += ("Add --best-effort to write that closest roster.",)
                raise
            write_changed(impossible.closest, output)
            echo_changes(impossible.closest.result.problem, impossible.closest.changes)
            for reason in impossible.reasons:
                click.echo(f"Infeasible: {reason}")
            click.echo(f"Best effort: coverage stays short where listed. Wrote {output}")
            raise click.exceptions.Exit(EXIT_INFEASIBLE) from None
        write_changed(done, output)
        echo_changes(done.result.problem, done.changes, proven=done.result.status == "optimal")
        others = sum(v.cost for v in done.result.report.violations if v.category != "change")
        click.echo(f"Every hard rule holds; other soft-rule cost {others}. Wrote {output}")


def _first_changeable_day(problem: Problem, chosen: dt.date | None) -> int:
    """The day index of --from (default today), before the roster starts: its first day."""
    when = chosen or dt.date.today()
    last = problem.date(problem.num_days - 1)
    if when > last:
        raise click.BadParameter(
            f"{when.isoformat()} is after the roster's last date, {last.isoformat()}: nothing "
            "is left to change. Give an earlier --from.",
            param_hint="'--from'",
        )
    return max(0, (when - problem.start_date).days)


def _absence(problem: Problem, staff_id: str, dates: str) -> api.Absence:
    """`--absent ID DATE[..DATE]` as days of the horizon, checked against the roster."""
    from roster import api

    _person(problem, staff_id, "--absent")
    first_text, _, last_text = dates.partition(RANGE)
    first = _day(problem, first_text, "--absent")
    last = _day(problem, last_text, "--absent") if last_text else first
    if last < first:
        raise click.BadParameter(
            f"{dates}: the last date comes before the first; expected FIRST{RANGE}LAST.",
            param_hint="'--absent'",
        )
    return api.Absence(staff_id=staff_id, first=first, last=last)


def _day(problem: Problem, text: str, option: str) -> int:
    """A date of the roster as a day index; a clear error for anything else."""
    from roster.io.cells import BadValue, parse_date

    last = problem.date(problem.num_days - 1)
    span = f"a date from {problem.start_date.isoformat()} to {last.isoformat()}"
    try:
        day = (parse_date(text.strip()) - problem.start_date).days
    except BadValue:
        raise click.BadParameter(
            f"'{text}' is not a date; expected {span} as YYYY-MM-DD.", param_hint=f"'{option}'"
        ) from None
    if not 0 <= day < problem.num_days:
        raise click.BadParameter(
            f"{text} is not a date of this roster; expected {span}.", param_hint=f"'{option}'"
        )
    return day


def _repair_intro(
    problem: Problem, published: Path, absences: Sequence[api.Absence], first: int
) -> str:
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


@click.command(epilog=EXIT_STATUS)
@click.argument("roster_file", metavar="ROSTER.xlsx", type=INPUT)
@click.argument("people_and_dates", nargs=-1, metavar="ID1 DATE1 ID2 [DATE2]")
@click.option(
    "--suggest",
    nargs=2,
    metavar="ID DATE",
    help="List the colleagues who could take ID's shift on DATE without breaking a rule.",
)
@click.option(
    "-o",
    "--output",
    type=INPUT,
    callback=_optional_xlsx,
    help="Workbook for the swapped roster [default: ROSTER's name + -swapped].",
)
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
    from roster import api

    with reported_errors():
        if suggest:
            if people_and_dates or output:
                raise click.UsageError("--suggest takes no ID1 DATE1 ID2 and writes no file.")
            problem, roster = api.load_published(roster_file, input_file)
            _suggest(problem, roster, roster_file, *suggest)
            return
        if len(people_and_dates) not in (3, 4):
            raise click.UsageError("give ID1 DATE1 ID2 [DATE2], or --suggest ID DATE.")
        output = output or roster_file.with_name(f"{roster_file.stem}-swapped.xlsx")
        refuse_replacing_sources(output, roster_file, *([input_file] if input_file else []))
        refuse_unwritable(output)
        problem, roster = api.load_published(roster_file, input_file)
        proposed = _swap(problem, roster, people_and_dates)
        verdict = api.judge_swap(problem, roster, proposed)
        click.echo(_swap_text(problem, roster, proposed))
        if not verdict.legal:
            click.echo("Refused: the swap breaks these rules:")
            for violation in verdict.broken:
                click.echo(f"  {violation.message} ({violation.rule})")
            click.echo(
                f"Nothing written. Try: roster swap {roster_file.name} --suggest "
                f"{proposed.giver} {problem.date(proposed.day).isoformat()}"
            )
            raise click.exceptions.Exit(EXIT_INFEASIBLE)
        result = api.evaluate(problem, verdict.roster)
        write_changed(api.Repair(result=result, changes=verdict.changes), output)
        echo_changes(problem, verdict.changes)
        click.echo(
            f"Every hard rule holds; soft-rule cost {verdict.cost_before} -> "
            f"{verdict.cost_after}. Wrote {output}"
        )


def _swap(problem: Problem, roster: Roster, words: tuple[str, ...]) -> api.Swap:
    from roster import api

    giver, first = _person(problem, words[0], "ID1"), words[1]
    taker = _person(problem, words[2], "ID2")
    day = _day(problem, first, "DATE1")
    back = _day(problem, words[3], "DATE2") if len(words) == 4 else None
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


def _suggest(
    problem: Problem, roster: Roster, roster_file: Path, staff_text: str, date: str
) -> None:
    from roster import api

    staff_id, day = _person(problem, staff_text, "--suggest"), _day(problem, date, "--suggest")
    shifts = "+".join(roster.shifts_of(staff_id, day))
    if not shifts:
        raise click.BadParameter(
            f"{name_of(problem, staff_id)} has no shift on {date_of(problem, day)}: "
            "nothing to take.",
            param_hint="'--suggest'",
        )
    today = (dt.date.today() - problem.start_date).days
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


def _person(problem: Problem, staff_id: str, option: str) -> str:
    from roster.io.cells import did_you_mean

    ids = [p.id for p in problem.staff]
    if staff_id not in ids:
        hint = did_you_mean(staff_id, ids)
        raise click.BadParameter(
            f"'{staff_id}' is not a staff id of this roster; expected one of {', '.join(ids)}."
            + (f" {hint}" if hint else ""),
            param_hint=f"'{option}'",
        )
    return staff_id


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
    from roster.io.ics import write_calendars
    from roster.io.printable import write_printable

    if not (ics_dir or print_file):
        raise click.UsageError("say what to export: --ics FOLDER, --print FILE.html, or both.")
    with reported_errors():
        problem, roster = api.load_published(roster_file, input_file)
        chosen = [_person(problem, staff_id, "--person") for staff_id in people]
        if ics_dir:
            subset = _only(problem, roster, chosen)
            written = write_calendars(subset[0], subset[1], ics_dir, time_zone=time_zone)
            click.echo(
                f"Wrote {len(written)} calendar file{'' if len(written) == 1 else 's'} to "
                f"{ics_dir}: {', '.join(p.name for p in written)}"
            )
        if print_file:
            if print_file.suffix.lower() not in (".html", ".htm"):
                raise click.BadParameter(
                    f"{print_file} does not end in .html; the printable pages are an HTML file "
                    "to open in a browser and print.",
                    param_hint="'--print'",
                )
            write_printable(
                problem, roster, print_file, view=view, period=period, staff_ids=chosen or None
            )
            click.echo(
                f"Wrote {print_file}: {view} pages by {period}; open it in a browser and print "
                "(A4 landscape, one page each)."
            )


def _only(problem: Problem, roster: Roster, staff_ids: list[str]) -> tuple[Problem, Roster]:
    """The problem and roster of `staff_ids` alone (everybody when empty)."""
    if not staff_ids:
        return problem, roster
    staff = tuple(p for p in problem.staff if p.id in staff_ids)
    kept = frozenset(a for a in roster.assignments if a.staff_id in staff_ids)
    return dataclasses.replace(problem, staff=staff), Roster(assignments=kept)

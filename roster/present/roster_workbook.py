"""Writes a solved roster as a workbook for people: Roster, Coverage, Summary, Diagnostics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from roster.check import Violation
from roster.constraints import REGISTRY
from roster.domain import Problem, Request, Roster, hhmm
from roster.io.template import add_problem_sheets
from roster.io.workbook import INPUT_PREFIX
from roster.io.xlsx import (
    CENTER,
    GRID,
    HEADER_FILL,
    HEADER_FONT,
    OK_FILL,
    SHIFT_COLOURS,
    SHORT_FILL,
    WARNING_FILL,
    WEEKEND_FILL,
    Formula,
    append_row,
    print_one_page_wide,
    row_cells,
    save_atomically,
    write_table,
)
from roster.present import formulas
from roster.result import EVALUATED
from roster.views import (
    WISHES_NOT_GRANTED,
    calendar_lines,
    calendar_note,
    contracted_over_horizon,
    day_label,
    granted,
    measures,
    ordered_slots,
    structural_note,
    summaries_before,
    weekday_short,
)

if TYPE_CHECKING:
    from roster.changes import Change
    from roster.result import Result

ROSTER_SHEET = "Roster"
# the rules whose violations are person-minutes of coverage short
SHORT_MINUTES = tuple(rule.name for rule in REGISTRY if rule.unit == "person-minutes short")
WEEKEND_HEADER_FILL = PatternFill("solid", fgColor="7F7F7F")
HOLIDAY_HEADER_FILL = PatternFill("solid", fgColor="C00000")  # public holiday: red
WORKDAY_HEADER_FILL = PatternFill("solid", fgColor="BF8F00")  # make-up working day: gold
HOLIDAY_FILL = PatternFill("solid", fgColor="FCE4D6")  # an empty cell on a public holiday
CALENDAR_LEGEND = {
    "holiday": "Red columns: public holidays.",
    "workday": "Gold columns: make-up working days (调休), worked like ordinary weekdays.",
}


INPUT_TAB_COLOUR = "A6A6A6"  # grey tabs: the inputs, kept for reference and re-rostering


TOP = Alignment(vertical="top")
WRAPPED_TOP = Alignment(wrap_text=True, vertical="top")

CHANGES_SHEET = "Changes"
CHANGED_BORDER = Border(*(Side(style="medium", color="C00000"),) * 4)  # a cell a change made


def write_result(result: Result, path: str | Path, changes: Sequence[Change] | None = None) -> None:
    """The roster workbook; the `changes` of a repair or a swap (None: a solve) get a Changes
    sheet and a red frame with the old shifts in a comment on the Roster sheet."""
    book = Workbook()
    book.remove(book.active)
    write_roster_sheet(book, result.problem, result.roster)
    if changes:
        _mark_changes(book[ROSTER_SHEET], result.problem, changes)
        _changes_sheet(book, result.problem, changes)
    if result.problem.rotations:
        _pattern_sheet(book, result.problem, result.roster)
    _coverage_sheet(book, result.problem, result.roster)
    _summary_sheet(book, result)
    _diagnostics_sheet(book, result, changes)
    # The inputs it was solved from travel with the roster: `roster repair`, `swap` and
    # `export` read them from here.
    add_problem_sheets(book, result.problem, INPUT_PREFIX)
    print_one_page_wide(book)
    _print_setup(book, result.problem)
    save_atomically(book, path)


def _print_setup(book: Workbook, problem: Problem) -> None:
    """A4 landscape pages headed with the site and the period, footed with the print date and
    the page; every table filtered; the inputs last, grey and hidden, so that printing the
    workbook prints the roster and its reports only."""
    first, last = problem.start_date, problem.date(problem.num_days - 1)
    site = f"{problem.site}: " if problem.site else ""
    for ws in book.worksheets:
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.oddHeader.center.text = f"{site}{ws.title}, {first.isoformat()} to {last.isoformat()}"
        ws.oddFooter.left.text = "Printed &D &T"
        ws.oddFooter.right.text = "Page &P of &N"
        if ws.title.startswith(INPUT_PREFIX):
            ws.sheet_properties.tabColor = INPUT_TAB_COLOUR
            ws.sheet_state = "hidden"
        elif ws.title in (CHANGES_SHEET, "Fairness", "Diagnostics") and ws.max_row > 1:
            ws.auto_filter.ref = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    roster = book[ROSTER_SHEET]
    roster.auto_filter.ref = f"A1:{get_column_letter(roster.max_column)}{len(problem.staff) + 1}"


def _mark_changes(ws, problem: Problem, changes: Sequence[Change]) -> None:  # type: ignore[no-untyped-def]
    row_of = {person.id: row for row, person in enumerate(problem.staff, start=2)}
    for change in changes:
        cell = ws.cell(row_of[change.staff_id], change.day + 3)
        cell.border = CHANGED_BORDER
        cell.comment = Comment(f"was {'+'.join(change.old) or 'off'}", "roster")


def _changes_sheet(book: Workbook, problem: Problem, changes: Sequence[Change]) -> None:
    """Who, date, old shift, new shift: one row per changed cell, right after the Roster."""
    ws = book.create_sheet(CHANGES_SHEET, index=book.sheetnames.index(ROSTER_SHEET) + 1)
    leave = {(r.staff_id, r.day): r.note or r.kind for r in problem.requests_of(("leave",))}
    write_table(
        ws,
        ("id", "name", "date", "day", "was", "now", "why"),
        (
            (
                c.staff_id,
                problem.person(c.staff_id).name,
                problem.date(c.day).isoformat(),
                weekday_short(problem, c.day),
                "+".join(c.old) or "off",
                "+".join(c.new) or "off",
                f"on leave: {leave[(c.staff_id, c.day)]}" if (c.staff_id, c.day) in leave else "",
            )
            for c in changes
        ),
        widths={1: 8, 2: 18, 3: 12, 4: 6, 5: 8, 6: 8, 7: 30},
    )


def shift_fills(problem: Problem) -> dict[str, PatternFill]:
    return {
        shift.code: PatternFill("solid", fgColor=SHIFT_COLOURS[i % len(SHIFT_COLOURS)])
        for i, shift in enumerate(problem.shifts)
    }


def write_roster_sheet(book: Workbook, problem: Problem, roster: Roster) -> None:
    """The grid: a real date per column (its weekday shown), the shift codes in the cells.
    Shift colours are conditional formats and the cells offer the valid codes in a drop-down,
    so a cell edited by hand is checked and recoloured at once; leave, unavailability and wishes
    are marked with a fill and a comment."""
    ws = book.create_sheet(ROSTER_SHEET)
    cells = roster.by_person_day()
    headers = ["id", "name", *(problem.date(d) for d in problem.days)]
    rows = [
        [p.id, p.name, *("+".join(cells.get((p.id, d), ())) or None for d in problem.days)]
        for p in problem.staff
    ]
    write_table(ws, headers, rows, widths={1: 8, 2: 18})
    ws.row_dimensions[1].height = 80
    last = len(problem.staff) + 1
    for day in problem.days:
        column = day + formulas.FIRST_DAY_COLUMN
        ws.column_dimensions[get_column_letter(column)].width = 5.5
        header = ws.cell(1, column)
        header.alignment = Alignment(text_rotation=90, horizontal="center")
        header.number_format = DAY_HEADER_FORMAT
        rest = HOLIDAY_FILL if problem.holiday_name(day) else WEEKEND_FILL
        for row in range(2, last + 1):
            cell = ws.cell(row, column)
            cell.alignment, cell.border = CENTER, GRID
            if problem.is_rest_day(day):
                cell.fill = rest
        _mark_day_header(header, problem, day)
    _mark_requests(ws, problem, roster)
    if problem.staff and problem.days:
        grid = f"{formulas.day_letter(0)}2:{formulas.day_letter(problem.num_days - 1)}{last}"
        _colour_shifts(ws, problem, grid)
        _offer_codes(book, ws, problem, grid)
    ws.freeze_panes = "C2"
    ws.print_title_cols = "A:B"
    _legend(ws, problem, first_row=last + 2)


DAY_HEADER_FORMAT = "ddd mm-dd"  # Mon 12-07: a real date, so filters and formulas work
LEAVE_FILL = PatternFill("solid", fgColor="EAD1DC")  # leave or unavailable: pink, no shift's
GRANTED_BORDER = Border(*(Side(style="dashed", color="00B050"),) * 4)  # a wish granted
REFUSED_BORDER = Border(*(Side(style="dashed", color="ED7D31"),) * 4)  # a wish not granted


def _colour_shifts(ws, problem: Problem, grid: str) -> None:  # type: ignore[no-untyped-def]
    """Each cell takes the colour of its first shift, as a conditional format: it follows edits."""
    corner = grid.split(":")[0]
    for code, fill in shift_fills(problem).items():
        text = code.replace('"', '""')
        rule = FormulaRule(
            formula=[f'OR({corner}="{text}",LEFT({corner},{len(code) + 1})="{text}+")'],
            fill=fill,
            stopIfTrue=True,
        )
        ws.conditional_formatting.add(grid, rule)


def valid_codes(problem: Problem) -> list[str]:
    """The codes a Roster cell may hold: each shift, and each pair one person may work a day."""
    codes = [s.code for s in problem.shifts]
    pairs = {
        "+".join(sorted((s.code, other))) for s in problem.shifts for other in s.combinable_with
    }
    return codes + sorted(pairs)


def _offer_codes(book: Workbook, ws, problem: Problem, grid: str) -> None:  # type: ignore[no-untyped-def]
    from roster.io.template import choices_formula

    validation = DataValidation(
        type="list",
        formula1=choices_formula(book, valid_codes(problem)),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Not a shift code",
        error=f"Use a code from the list ({', '.join(valid_codes(problem))[:150]}), or leave the "
        "cell empty for a day off.",
    )
    validation.add(grid)
    ws.add_data_validation(validation)


def _mark_requests(ws, problem: Problem, roster: Roster) -> None:  # type: ignore[no-untyped-def]
    """Leave and unavailability in pink, wishes in a dashed frame (green when this roster grants
    them, orange when not), each with a comment."""
    rows = {p.id: row for row, p in enumerate(problem.staff, start=2)}
    cells = roster.by_person_day()
    notes: dict[tuple[int, int], list[str]] = {}
    for request in problem.requests:
        where = (rows[request.staff_id], request.day + formulas.FIRST_DAY_COLUMN)
        cell = ws.cell(*where)
        note = _request_note(request)
        if request.kind in ("leave", "unavailable") and request.shift_code is None:
            cell.fill = LEAVE_FILL
        elif request.kind in ("prefer", "prefer_off"):
            kept = granted(request, cells.get((request.staff_id, request.day), ()))
            cell.border = GRANTED_BORDER if kept else REFUSED_BORDER
            note += ": granted" if kept else ": not granted"
        notes.setdefault(where, []).append(note)
    for (row, column), lines in notes.items():
        ws.cell(row, column).comment = Comment("\n".join(lines), "roster")


def _request_note(request: Request) -> str:
    shift = f" shift {request.shift_code}" if request.shift_code else ""
    words = {
        "leave": f"On leave{' from' + shift if shift else ''}",
        "unavailable": f"Unavailable{' for' + shift if shift else ''}",
        "prefer_off": f"Wishes{' no' + shift if shift else ' the day off'}",
        "prefer": f"Wishes{shift}",
        "fixed": f"Fixed:{shift}",
    }
    note = f" ({request.note})" if request.note else ""
    return words[request.kind] + note


def _mark_day_header(cell, problem: Problem, day: int) -> None:  # type: ignore[no-untyped-def]
    """Grey for a weekend, red for a public holiday, gold for a make-up working day; the
    holiday's name in a comment."""
    entry = problem.calendar_day(day)
    if entry is not None:
        cell.fill = HOLIDAY_HEADER_FILL if entry.kind == "holiday" else WORKDAY_HEADER_FILL
        cell.comment = Comment(calendar_note(problem, day), "roster")
    elif problem.is_weekend(day):
        cell.fill = WEEKEND_HEADER_FILL


def _legend(ws, problem: Problem, first_row: int) -> None:  # type: ignore[no-untyped-def]
    fills = shift_fills(problem)
    ws.cell(first_row, 1, "Shifts").font = Font(bold=True)
    for offset, shift in enumerate(problem.shifts, start=1):
        code_cell = ws.cell(first_row + offset, 1, shift.code)
        code_cell.fill, code_cell.alignment = fills[shift.code], CENTER
        pairs = (
            f"; may be combined with {', '.join(sorted(shift.combinable_with))} on one day"
            if shift.combinable_with
            else ""
        )
        ws.cell(first_row + offset, 2, f"{shift.window} {shift.name}, {shift.location}{pairs}")
    note_row = first_row + len(problem.shifts) + 1
    ws.cell(
        note_row,
        1,
        "Empty cell: day off. Grey columns: weekends. Pink cell: leave or unavailable; dashed "
        "frame: a wish, green if granted, orange if not (point at a marked cell for its note). "
        "Pick a cell's shift from its list.",
    )
    kinds = sorted({c.kind for c in problem.calendar if c.day in problem.days})
    if kinds:
        ws.cell(note_row + 1, 1, " ".join(CALENDAR_LEGEND[kind] for kind in kinds))
        for offset, line in enumerate(calendar_lines(problem), start=2):
            ws.cell(note_row + offset, 2, line)


COVERAGE_HEADERS = (
    "date",
    "weekday",
    "time",
    "coverage rule",
    "skill",
    "required",
    "scheduled",
    "short",
    "note",
)
COVERAGE_COLUMNS = len(COVERAGE_HEADERS)


def _coverage_sheet(book: Workbook, problem: Problem, roster: Roster) -> None:
    """One row per date and time slot: required, and as formulas over the Roster grid, who is
    scheduled and how many are short (red when any), so an edited roster updates it at once."""
    ws = book.create_sheet("Coverage")
    rows = []
    for row, slot in enumerate(ordered_slots(problem), start=2):
        start, end = slot.clock()
        rows.append(
            (
                problem.date(slot.day),
                day_label(problem, slot.day),
                f"{hhmm(start)}-{hhmm(end)}",
                f"{slot.line.label} {slot.line.window}",
                slot.line.skill,
                slot.required,
                formulas.at_work(problem, slot.on_duty, slot.line.skill),
                Formula(f"=MAX(0,F{row}-G{row})"),
                structural_note(slot),
            )
        )
    write_table(ws, COVERAGE_HEADERS, rows, widths={1: 12, 2: 14, 3: 13, 4: 24, 9: 30})
    last = len(rows) + 1
    for row in range(2, last + 1):
        ws.cell(row, 1).number_format = DATE_FORMAT
    if rows:
        table = f"A2:{get_column_letter(COVERAGE_COLUMNS)}{last}"
        ws.conditional_formatting.add(table, FormulaRule(formula=["$H2>0"], fill=SHORT_FILL))
        ws.conditional_formatting.add(table, FormulaRule(formula=["$H2=0"], fill=OK_FILL))
    ws.auto_filter.ref = f"A1:{get_column_letter(COVERAGE_COLUMNS)}{last}"


DATE_FORMAT = "yyyy-mm-dd"


def _summary_sheet(book: Workbook, result: Result) -> None:
    """Per person, as formulas over their Roster row: paid hours, their difference from the
    hours the contract pays for (its weekly target times the weeks), shifts by code, days worked
    and off, weekend and holiday days, wishes granted; and the soft-rule cost the checker found
    when the workbook was written (it needs the checker: `check --refresh` after an edit)."""
    problem = result.problem
    costs: dict[str | None, int] = defaultdict(int)
    for violation in result.report.soft_violations:
        costs[violation.staff_id] += violation.cost
    ws = book.create_sheet("Summary")
    codes = [s.code for s in problem.shifts]
    weekends = [d for d in problem.days if problem.is_weekend(d)]
    holidays = [d for d in problem.days if problem.holiday_name(d)]
    wishes = problem.requests_of(("prefer_off", "prefer"))
    wished, granted_letter = (_summary_letter(codes, h) for h in ("wishes", "wishes granted"))
    paid, contracted = (_summary_letter(codes, h) for h in ("paid hours", CONTRACTED))
    contracted_minutes = contracted_over_horizon(problem)
    carried = carried_tallies(problem)
    headers = summary_headers(codes) + carried_headers(problem, carried)
    rows = []
    for row, person in enumerate(problem.staff, start=2):
        own = formulas.person_cells(problem, row)
        granted = [w for w in wishes if w.staff_id == person.id]
        rows.append(
            (
                person.id,
                person.name,
                formulas.paid_hours(problem, own),
                Formula(f"=ROUND({paid}{row}/{problem.weeks},1)"),
                contracted_minutes[person.id] / 60 if person.id in contracted_minutes else None,
                Formula(f'=IF({contracted}{row}="","",{paid}{row}-{contracted}{row})'),
                *(formulas.shift_count(code, own) for code in codes),
                formulas.days_worked(own),
                Formula(f"={problem.num_days}-{_summary_letter(codes, 'days worked')}{row}"),
                formulas.days_among(problem, row, weekends),
                formulas.days_among(problem, row, holidays),
                len(granted),
                formulas.wishes_granted(problem, row, granted),
                Formula(f"={wished}{row}-{granted_letter}{row}"),
                costs[person.id],
                *_carried_cells(codes, carried, person.id, row),
            )
        )
    # Long headers wrap in narrow columns, so the sheet still prints legibly on one page
    narrow = {i: min(len(h) + 2, SUMMARY_WIDTH) for i, h in enumerate(headers, start=1)}
    write_table(ws, headers, rows, widths={**narrow, 2: 18})
    for column in range(1, len(headers) + 1):
        ws.cell(1, column).alignment = WRAPPED_CENTER
    ws.row_dimensions[1].height = 54
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    _fairness_sheet(book, problem, codes, carried)


SUMMARY_WIDTH = 11
WRAPPED_CENTER = Alignment(wrap_text=True, horizontal="center", vertical="center")


def carried_tallies(problem: Problem) -> dict[str, dict[str, float]]:
    """What the fairness rules carry over from the history, per Summary measure and person
    (none without a history)."""
    before = summaries_before(problem)
    return {
        measure: {summary.staff_id: value(summary) for summary in before}
        for measure, value in measures(problem)
        if before and measure != WISHES_NOT_GRANTED
    }


def carried_headers(problem: Problem, carried: dict[str, dict[str, float]]) -> tuple[str, ...]:
    """Two columns per carried measure: the history's weeks before the start (Diagnostics says
    which), and this roster with them: `C shifts before`, `C shifts in all`."""
    if not carried or problem.history is None:
        return ()
    return tuple(h for m in carried for h in (f"{m} before", f"{m} in all"))


def _carried_cells(
    codes: Sequence[str], carried: dict[str, dict[str, float]], staff_id: str, row: int
) -> list[object]:
    cells: list[object] = []
    first = len(summary_headers(codes)) + 1
    for index, (measure, values) in enumerate(carried.items()):
        this, before = _summary_letter(codes, measure), get_column_letter(first + 2 * index)
        cells += [values[staff_id], Formula(f"={this}{row}+{before}{row}")]
    return cells


def summary_headers(codes: Sequence[str]) -> tuple[str, ...]:
    return (
        "id",
        "name",
        "paid hours",
        "hours per week",
        CONTRACTED,
        OVER_CONTRACT,
        *(f"{c} shifts" for c in codes),
        "days worked",
        "days off",
        "weekend days worked",
        "holiday days worked",
        "wishes",
        "wishes granted",
        "wishes not granted",
        COST_WHEN_WRITTEN,
    )


COST_WHEN_WRITTEN = "soft-rule cost when written"
CONTRACTED = "contracted hours"  # the weekly target times the weeks (empty: no target)
OVER_CONTRACT = "hours over contract"  # paid hours minus contracted hours: negative when short


def _summary_letter(codes: Sequence[str], header: str) -> str:
    return get_column_letter(summary_headers(codes).index(header) + 1)


def _fairness_sheet(
    book: Workbook, problem: Problem, codes: Sequence[str], carried: dict[str, dict[str, float]]
) -> None:
    """Who has the most and who the fewest of each burden or benefit, as formulas over the
    Summary sheet; with a history, also counting the weeks before, as the fairness rules do."""
    ws = book.create_sheet("Fairness")
    last = len(problem.staff) + 1
    people = f"Summary!$A$2:$A${last}"
    headers = summary_headers(codes) + carried_headers(problem, carried)
    compared = [m for m, _ in measures(problem)] + list(carried_headers(problem, carried)[1::2])
    rows = []
    for measure in compared:
        letter = get_column_letter(headers.index(measure) + 1)
        values = f"Summary!${letter}$2:${letter}${last}"
        most, fewest = f"MAX({values})", f"MIN({values})"
        rows.append(
            (
                measure,
                Formula(f"=INDEX({people},MATCH({most},{values},0))"),
                Formula(f"={most}"),
                Formula(f"=INDEX({people},MATCH({fewest},{values},0))"),
                Formula(f"={fewest}"),
                Formula(f"={most}-{fewest}"),
            )
        )
    if problem.staff:
        write_table(
            ws,
            ("measure", "most: who", "most", "fewest: who", "fewest", "spread"),
            rows,
            widths={1: max(22, *(len(m) + 2 for m in compared)), 2: 14, 4: 14},
        )


def _diagnostics_sheet(book: Workbook, result: Result, changes: Sequence[Change] | None) -> None:
    ws = book.create_sheet("Diagnostics")
    outcome = result.outcome
    settings = result.problem.settings
    rows: list[tuple[object, ...]] = [
        (
            "status",
            "",
            "",
            "",
            status_sentence(result, changes)
            + (
                f" Seed {settings.seed}, {settings.workers} workers, {outcome.seconds:.2f} s."
                if outcome.status != EVALUATED
                else ""
            ),
        ),
    ]
    rows += [("infeasible", "rules", "", "", reason) for reason in result.infeasible_because]
    rows += [
        (f.severity, f.kind, "", "", f.message)
        for f in result.findings
        if f.severity != "infeasible"  # said above, as the reason for a best-effort roster
    ]
    rows += [("info", "rotation", "", "", text) for text in pattern_summaries(result)]
    rows.append(
        (
            "info",
            "inputs",
            "",
            "",
            f"The input sheets this roster was made from travel with it, hidden so that they do "
            f"not print ({INPUT_PREFIX}Shifts, {INPUT_PREFIX}Staff, ...): right-click a sheet tab "
            "and choose Unhide to see them.",
        )
    )
    rows += [
        (
            "hard violation" if v.hard else f"soft, cost {v.cost}",
            v.rule,
            v.staff_id,
            _violation_date(result.problem, v),
            v.message,
        )
        for v in result.report.violations
    ]
    if not result.report.violations:
        rows.append(("ok", "checker", "", "", "The independent checker found no rule broken."))
    write_table(
        ws,
        ("severity", "rule", "person", "date", "message"),
        rows,
        widths={1: 16, 2: 22, 4: 12, 5: 100},
    )
    for index, row in enumerate(rows, start=2):
        cells = row_cells(ws, index, len(row))
        for cell in cells:
            cell.alignment = WRAPPED_TOP if cell.column == 5 else TOP
        lines = -(-len(str(row[4])) // 95)  # Excel does not grow wrapped rows by itself
        ws.row_dimensions[index].height = 15 * max(lines, 1)
        if row[0] in ("warning", "hard violation", "infeasible"):
            for cell in cells:
                cell.fill = WARNING_FILL if row[0] == "warning" else SHORT_FILL


def pattern_summaries(result: Result) -> list[str]:
    """What each rotation pattern asks of everybody, per cycle: its weeks and double duties."""
    problem = result.problem
    planned = Roster(assignments=result.roster.pattern).by_person_day()
    texts = []
    for group in problem.rotations:
        weeks = range(group.pattern_weeks)
        days = {
            w: [planned.get((group.pattern_id, w * 7 + d), ()) for d in range(7)] for w in weeks
        }
        shifts = [sum(len(codes) for codes in days[w]) for w in weeks]
        hours = [
            sum(problem.shift(c).paid_minutes for codes in days[w] for c in codes) / 60
            for w in weeks
        ]
        doubles = [
            f"week {w + 1} {weekday_short(problem, d)} ({'+'.join(days[w][d])})"
            for w in weeks
            for d in range(7)
            if len(days[w][d]) > 1
        ]
        texts.append(
            f"Rotation '{group.name}': a {group.pattern_weeks}-week pattern with "
            f"{'/'.join(map(str, shifts))} shifts and {'/'.join(f'{h:g}' for h in hours)} paid "
            f"hours in its weeks; every member works each week once per cycle, so each works "
            f"{sum(shifts)} shifts and {sum(hours):g} hours every {group.pattern_weeks} weeks"
            + (f", including {_double_duties(doubles)}." if doubles else ".")
        )
    return texts


def _changed_sentence(result: Result, changes: Sequence[Change]) -> str:
    count = f"{len(changes)} cell{'' if len(changes) == 1 else 's'} changed"
    if result.outcome.status == EVALUATED:
        return f"Roster changed by a swap and checked: {count}; {_verdict(result)}."
    how = "the fewest possible" if result.outcome.status == "optimal" else "fewer may do"
    if result.outcome.stopped:
        how = "stopped by you: fewer may do"
    other = result.report.cost_apart_from("change")
    return f"Repaired roster: {count} ({how}); {_verdict(result, other)}."


def _verdict(result: Result, cost: int | None = None) -> str:
    """Whether every hard rule holds, and the soft rules' cost, as the checker found them."""
    hard = sum(1 for v in result.report.violations if v.hard)
    held = "every hard rule holds" if not hard else f"{hard} hard-rule violations"
    other = "other " if cost is not None else ""
    if cost is None:
        cost = sum(v.cost for v in result.report.soft_violations)
    return f"{held}; {other}soft-rule cost {cost}"


def _double_duties(where: list[str]) -> str:
    noun = "the double duty" if len(where) == 1 else f"{len(where)} double duties:"
    return f"{noun} {', '.join(where)}"


def _violation_date(problem: Problem, violation: Violation) -> str:
    if violation.day is None:
        return ""
    if violation.pattern is not None:
        week, weekday = divmod(violation.day, 7)
        return f"pattern week {week + 1} {weekday_short(problem, weekday)}"
    return problem.date(violation.day).isoformat()


def _pattern_sheet(book: Workbook, problem: Problem, roster: Roster) -> None:
    """Each rotation group's pattern (a row per pattern week) and who starts on which week."""
    ws = book.create_sheet("Pattern")
    fills = shift_fills(problem)
    planned = Roster(assignments=roster.pattern).by_person_day()
    weekdays = [weekday_short(problem, day) for day in range(7)]
    for group in problem.rotations:
        _title(ws, f"Rotation pattern '{group.name}': {group.pattern_weeks} weeks")
        append_row(ws, ["pattern week", *weekdays, "shifts", "paid hours"])
        _header_style(ws[ws.max_row])
        for week in range(group.pattern_weeks):
            codes = [planned.get((group.pattern_id, week * 7 + d), ()) for d in range(7)]
            paid = sum(problem.shift(c).paid_minutes for day in codes for c in day)
            append_row(
                ws,
                [
                    f"week {week + 1}",
                    *("+".join(c) or None for c in codes),
                    sum(len(c) for c in codes),
                    paid / 60,
                ],
            )
            for cell, day_codes in zip(ws[ws.max_row][1:8], codes, strict=True):
                cell.alignment, cell.border = CENTER, GRID
                if day_codes:
                    cell.fill = fills[day_codes[0]]
        append_row(ws, [])
        append_row(ws, ["id", "name", *(f"week {w + 1}" for w in range(problem.weeks))])
        _header_style(ws[ws.max_row])
        for member, staff_id in enumerate(group.staff_ids):
            weeks = [
                f"pattern week {(member + w) % group.pattern_weeks + 1}"
                for w in range(problem.weeks)
            ]
            append_row(ws, [staff_id, problem.person(staff_id).name, *weeks])
        append_row(ws, [])
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 18
    for column in "CDEFGHIJKL":
        ws.column_dimensions[column].width = 14


def _title(ws, text: str) -> None:  # type: ignore[no-untyped-def]
    append_row(ws, [text])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)


def _header_style(cells) -> None:  # type: ignore[no-untyped-def]
    for cell in cells:
        cell.fill, cell.font, cell.alignment = HEADER_FILL, HEADER_FONT, CENTER


def status_sentence(result: Result, changes: Sequence[Change] | None = None) -> str:
    """What the roster is, in one sentence: solved (proven best or not), best effort, repaired,
    or made by hand or by a swap and only checked."""
    outcome = result.outcome
    if changes is not None:
        return _changed_sentence(result, changes)
    if outcome.status == EVALUATED:
        return f"Roster checked, not solved: {_verdict(result)}."
    if outcome.stopped:
        return (
            f"Stopped by you: the best roster found so far (cost {outcome.objective}), not "
            f"proven best (the best possible is at least {outcome.bound})."
        )
    if result.infeasible_because:
        short = sum(v.amount for v in result.report.violations if v.rule in SHORT_MINUTES) // 60
        proven = "" if outcome.status == "optimal" else ", not proven best"
        return (
            f"Best-effort roster: the hard rules cannot all hold, so it keeps every rule but the "
            f"relaxable ones (coverage), leaving about {short} person-hours of coverable demand "
            f"uncovered "
            f"(cost {outcome.objective}{proven})."
        )
    if outcome.status == "optimal":
        return f"Optimal roster (cost {outcome.objective}, proven best)."
    limit = "work" if result.problem.settings.work_limit is not None else "time"
    return (
        f"Feasible roster (cost {outcome.objective}; the best possible is at least "
        f"{outcome.bound}, gap {outcome.gap:.1%}); the {limit} limit ended the search."
    )

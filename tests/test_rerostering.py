"""Changing a published roster: `roster repair` after absences, and `roster swap`.

Every repaired or swapped roster is judged by the independent checker; the fewest changes are
proven by trying every smaller set of cells on tiny problems.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from builder import cover, only_rules, person, problem, roster, shift
from test_repair import digest, fewest_changes, run

from roster import api
from roster.changes import Swap, judge_swap, suggest_swaps, swapped
from roster.check import check
from roster.domain import Problem, Request, Roster, SolveSettings
from roster.io.template import write_problem
from roster.present.roster_workbook import write_result

EARLY, LATE = shift("E", "06:00", "14:00"), shift("L", "14:00", "22:00")
RULES = only_rules(
    "coverage", "one_shift_per_day", "availability", "min_rest", "frozen_days", "keep_roster"
)
SAMPLE = Path(__file__).parent.parent / "sample_inputs" / "call_center.xlsx"


def early_and_late(*staff_ids: str) -> Problem:
    """An early and a late shift, one person on each every day; 11 h rest between shifts."""
    return problem(
        shifts=[EARLY, LATE],
        staff=[person(s) for s in staff_ids],
        coverage=[cover("06:00", "14:00"), cover("14:00", "22:00")],
        rules=RULES,
    )


def published(*extra: tuple[str, int, str]) -> Roster:
    """P1 works every early, P2 every late but Monday's, plus `extra`."""
    return roster(
        *(("P1", d, "E") for d in range(7)), *(("P2", d, "L") for d in range(1, 7)), *extra
    )


def with_absence(prob: Problem, before: Roster, staff_id: str, day: int, frozen: int) -> Problem:
    """The problem as the repair sees it: the absence as leave, the frozen days kept."""
    leave = Request(staff_id=staff_id, day=day, kind="leave")
    return dataclasses.replace(
        prob, requests=(*prob.requests, leave), baseline=before, frozen_days=frozen
    )


def cells(
    changes: tuple[api.Change, ...],
) -> set[tuple[str, int, tuple[str, ...], tuple[str, ...]]]:
    return {(c.staff_id, c.day, c.old, c.new) for c in changes}


# --- the library --------------------------------------------------------------------------


def test_an_absence_a_free_colleague_can_cover_moves_exactly_one_shift():
    prob = early_and_late("P1", "P2", "P3")
    before = published(("P2", 0, "L"))  # P3 free all week
    assert check(prob, before).valid
    done = api.repair(prob, before, absences=[api.Absence(staff_id="P1", first=1, last=1)])
    assert done.result.status == "optimal"
    # Tuesday's early goes from P1 to P3, the one free all day with rest enough; nothing else
    assert cells(done.changes) == {("P1", 1, ("E",), ()), ("P3", 1, (), ("E",))}
    assert check(done.result.problem, done.result.roster).valid
    assert fewest_changes(with_absence(prob, before, "P1", 1, 0), before, most=1) is None


def test_an_absence_that_needs_a_chain_moves_two_shifts():
    """P3 worked Monday's late, too close to Tuesday's early (8 h rest): P3 can only take the
    late, so P2 moves from the late to the early."""
    prob = early_and_late("P1", "P2", "P3")
    before = published(("P3", 0, "L"))
    absent = [api.Absence(staff_id="P1", first=1, last=1)]
    done = api.repair(prob, before, absences=absent, frozen_days=1)
    assert done.result.status == "optimal"
    assert cells(done.changes) == {
        ("P1", 1, ("E",), ()),
        ("P2", 1, ("L",), ("E",)),
        ("P3", 1, (), ("L",)),
    }
    assert check(done.result.problem, done.result.roster).valid
    assert fewest_changes(with_absence(prob, before, "P1", 1, 1), before, most=2) is None


def test_an_impossible_repair_is_refused_with_the_coverage_it_leaves_short():
    prob = early_and_late("P1", "P2")
    before = published(("P2", 0, "L"))
    both = [api.Absence(staff_id=p, first=3, last=3) for p in ("P1", "P2")]
    with pytest.raises(api.RepairImpossible) as refused:
        api.repair(prob, before, absences=both, frozen_days=1)
    reasons = " ".join(refused.value.reasons)
    assert "2026-12-10" in reasons and "on leave" in reasons, reasons
    assert "The closest roster leaves 2 coverage gaps: Thu 2026-12-10 06:00-14:00" in reasons
    closest = refused.value.closest
    assert closest is not None
    as_given = dataclasses.replace(closest.result.problem, rules=prob.rules)  # coverage hard
    broken = {v.rule for v in check(as_given, closest.result.roster).hard_violations}
    assert broken == {"coverage"}  # only the relaxed rule gives, and only on that Thursday
    assert {c.day for c in closest.changes} == {3}


def test_frozen_days_keep_their_shifts_and_an_absence_on_them_is_not_added():
    prob = early_and_late("P1", "P2", "P3")
    before = published(("P2", 0, "L"))
    absent = [api.Absence(staff_id="P1", first=0, last=2)]
    done = api.repair(prob, before, absences=absent, frozen_days=1)
    assert {c.day for c in done.changes} == {1, 2}
    assert done.result.roster.shifts_of("P1", 0) == ("E",)
    leave = {r.day for r in done.result.problem.requests if r.kind == "leave"}
    assert leave == {1, 2}


def test_the_checker_reports_a_change_on_a_frozen_day_as_broken():
    prob = dataclasses.replace(
        early_and_late("P1", "P2", "P3"), baseline=published(("P2", 0, "L")), frozen_days=2
    )
    moved = Roster(
        assignments=(prob.baseline.assignments - roster(("P1", 1, "E")).assignments)
        | roster(("P3", 1, "E")).assignments
    )
    broken = [v for v in check(prob, moved).hard_violations if v.rule == "frozen_days"]
    assert [(v.staff_id, v.day) for v in broken] == [("P1", 1), ("P3", 1)]
    assert "may no longer change" in broken[0].message


def test_a_legal_swap_is_applied_and_an_illegal_one_names_the_rule():
    prob = early_and_late("P1", "P2", "P3")
    before = published(("P3", 0, "L"))
    give_away = judge_swap(prob, before, Swap(giver="P1", day=3, taker="P3"))
    assert give_away.legal and give_away.roster.shifts_of("P3", 3) == ("E",)
    assert give_away.roster.shifts_of("P1", 3) == ()
    assert cells(give_away.changes) == {("P1", 3, ("E",), ()), ("P3", 3, (), ("E",))}
    assert check(prob, give_away.roster).valid
    # an exchange with P2 on Thursday: P2's early follows Wednesday's late, P1's late comes
    # before Friday's early
    exchange = judge_swap(prob, before, Swap(giver="P1", day=3, taker="P2"))
    assert exchange.roster.shifts_of("P2", 3) == ("E",)
    assert exchange.roster.shifts_of("P1", 3) == ("L",)
    assert {(v.rule, v.staff_id) for v in exchange.broken} == {
        ("min_rest", "P1"),
        ("min_rest", "P2"),
    }
    # P3 takes P1's early on Tuesday after Monday's late: 8 h of rest
    too_soon = judge_swap(prob, before, Swap(giver="P1", day=1, taker="P3"))
    assert not too_soon.legal
    assert {v.rule for v in too_soon.broken} == {"min_rest"}
    assert too_soon.roster == swapped(before, Swap(giver="P1", day=1, taker="P3"))


def test_a_trade_of_days_moves_both_shifts():
    prob = early_and_late("P1", "P2", "P3")
    before = published(("P3", 0, "L"))
    trade = Swap(giver="P2", day=4, taker="P3", taker_day=0)
    assert judge_swap(prob, before, trade).legal
    after = swapped(before, trade)
    assert after.shifts_of("P3", 4) == ("L",) and after.shifts_of("P2", 0) == ("L",)
    assert after.shifts_of("P2", 4) == () and after.shifts_of("P3", 0) == ()


def test_suggestions_are_legal_and_best_first():
    prob = early_and_late("P1", "P2", "P3")
    before = published(("P3", 0, "L"))
    options = suggest_swaps(prob, before, "P1", 3)
    # P3 is free from Tuesday to Sunday; an exchange with P2 breaks P2's or P1's rest
    assert [(v.swap.taker, v.swap.taker_day) for v in options] == [("P3", None)]
    assert check(prob, options[0].roster).valid  # the checker agrees, independently
    # Tuesday: P3 lacks rest after Monday's late, and P2 would work twice or lack rest
    assert suggest_swaps(prob, before, "P1", 1) == []


def test_suggestions_on_the_sample_are_legal_and_best_first(sample):
    options = suggest_swaps(sample.problem, sample.roster, *reversed(worker_on(sample, 3)[:1]), 3)
    for verdict in options:
        assert check(sample.problem, verdict.roster).valid
    assert [v.cost_after for v in options] == sorted(v.cost_after for v in options)
    assert len({v.swap.taker for v in options}) == len(options)  # one line per colleague


# --- the commands -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> api.Result:
    return api.solve(api.load_problem(SAMPLE), SolveSettings(time_limit_seconds=20))


@pytest.fixture
def pub(sample: api.Result, tmp_path: Path) -> Path:
    path = tmp_path / "published.xlsx"
    write_result(sample, path)
    return path


def worker_on(result: api.Result, day: int) -> tuple[str, str]:
    """Someone with a shift on `day`, and that shift."""
    staff_id = next(p.id for p in result.problem.staff if result.roster.shifts_of(p.id, day))
    return staff_id, "+".join(result.roster.shifts_of(staff_id, day))


def status_of(book: openpyxl.Workbook) -> str:
    """The message of the Diagnostics sheet's status row."""
    status = next(r for r in book["Diagnostics"].iter_rows(values_only=True) if r[0] == "status")
    return str(status[4])


def test_repair_writes_the_new_roster_with_a_changes_sheet(sample, pub, tmp_path):
    staff_id, shift_code = worker_on(sample, 3)
    date = sample.problem.date(3).isoformat()
    before = digest(pub)
    result = run("repair", pub, "--absent", staff_id, date, "--from", date)
    assert result.exit_code == 0, result.output
    assert f"absent Thu {date}" in result.output
    assert f"  {shift_code} -> off  (absent)" in result.output
    output = tmp_path / "published-repaired.xlsx"
    assert result.output.rstrip().endswith(f"Wrote {output}")
    assert digest(pub) == before
    problem_after, roster_after = api.load_published(output)
    assert check(problem_after, roster_after).valid
    assert Request(staff_id=staff_id, day=3, kind="leave") in problem_after.requests
    assert roster_after.shifts_of(staff_id, 3) == ()
    book = openpyxl.load_workbook(output)
    assert book.sheetnames[:2] == ["Roster", "Changes"]
    rows = list(book["Changes"].iter_rows(min_row=2, values_only=True))
    terminal = [line for line in result.output.splitlines() if " -> " in line]
    assert len(rows) == len(terminal) >= 2
    for staff, _, when, _, was, now, _ in rows:
        assert any(
            staff in line and when in line and f"{was} -> {now}" in line for line in terminal
        )
        assert when >= date  # nothing before --from changes
        column = 3 + (dt.date.fromisoformat(when) - sample.problem.start_date).days
        row = 2 + [p.id for p in sample.problem.staff].index(staff)
        assert book["Roster"].cell(row, column).comment.text == f"was {was}"
    other = result.output.split("other soft-rule cost ")[1].split(".")[0]
    assert status_of(book).startswith(
        f"Repaired roster: {len(rows)} cells changed (the fewest possible); every hard rule "
        f"holds; other soft-rule cost {other}. Seed "
    )  # as the terminal said, not the cost of the changes themselves


def test_an_impossible_repair_exits_3_and_writes_nothing(sample, pub, tmp_path):
    week = f"{sample.problem.date(7).isoformat()}..{sample.problem.date(13).isoformat()}"
    result = run("repair", pub, "--absent", "S02", week, "--from", sample.problem.date(2))
    assert result.exit_code == 3, result.output
    assert "Error: no repair keeps every hard rule." in result.stderr
    assert "The closest roster leaves 1 coverage gap: " in result.stderr
    assert "Add --best-effort to write that closest roster." in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.xlsx"]
    anyway = run("repair", pub, "--absent", "S02", week, "--best-effort")
    assert anyway.exit_code == 3 and (tmp_path / "published-repaired.xlsx").exists()
    assert "Best effort: coverage stays short where listed." in anyway.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--absent", "S9", "2026-12-10"), "'S9' is not a staff id of this roster; expected one"),
        (("--absent", "S02", "2027-01-10"), "2027-01-10 is not a date of this roster; expected"),
        (("--absent", "S02", "10/12"), "'10/12' is not a date; expected a date from 2026-12-07"),
        (
            ("--absent", "S02", "2026-12-12..2026-12-10"),
            "the last date comes before the first",
        ),
        (("--from", "2027-02-01"), "is after the roster's last date, 2026-12-27"),
    ],
)
def test_repair_rejects_bad_arguments_clearly(pub, tmp_path, args, message):
    result = run("repair", pub, *args)
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.xlsx"]


def test_a_roster_without_its_inputs_needs_input(sample, tmp_path):
    bare = tmp_path / "bare.xlsx"
    write_result(sample, bare)
    book = openpyxl.load_workbook(bare)
    for name in [n for n in book.sheetnames if n.startswith("Input ")]:
        del book[name]
    book.save(bare)
    date = sample.problem.date(3).isoformat()
    refused = run("repair", bare, "--absent", "S02", date, "--from", date)
    assert refused.exit_code == 2
    assert "sheet 'Input Shifts' is missing" in refused.stderr
    assert "give the input workbook it was solved from with --input" in refused.stderr
    source = tmp_path / "input.xlsx"
    write_problem(sample.problem, source)
    accepted = run("repair", bare, "--absent", "S02", date, "--from", date, "--input", source)
    assert accepted.exit_code == 0, accepted.output


def test_swap_applies_a_legal_swap_and_refuses_an_illegal_one(sample, pub, tmp_path):
    prob, rost = sample.problem, sample.roster
    legal = illegal = None
    for giver in prob.staff:
        for taker in prob.staff:
            if giver.id != taker.id and rost.shifts_of(giver.id, 3):
                verdict = judge_swap(prob, rost, Swap(giver=giver.id, day=3, taker=taker.id))
                if verdict.legal and legal is None:
                    legal = verdict
                if not verdict.legal and illegal is None:
                    illegal = verdict
    assert legal is not None and illegal is not None
    date = prob.date(3).isoformat()
    refused = run("swap", pub, illegal.swap.giver, date, illegal.swap.taker)
    assert refused.exit_code == 3, refused.output
    assert "Refused: the swap breaks these rules:" in refused.output
    assert illegal.broken[0].message in refused.output
    assert not (tmp_path / "published-swapped.xlsx").exists()
    applied = run("swap", pub, legal.swap.giver, date, legal.swap.taker, "-o", tmp_path / "s.xlsx")
    assert applied.exit_code == 0, applied.output
    after_problem, after = api.load_published(tmp_path / "s.xlsx")
    assert after == legal.roster and check(after_problem, after).valid
    book = openpyxl.load_workbook(tmp_path / "s.xlsx")
    assert "Changes" in book.sheetnames
    cost = sum(v.cost for v in check(after_problem, after).soft_violations)
    assert status_of(book) == (
        f"Roster changed by a swap and checked: {len(legal.changes)} cells changed; every hard "
        f"rule holds; soft-rule cost {cost}."
    )  # no search ran: no time limit, no gap, no seed


def test_suggest_lists_colleagues_and_the_command_to_apply_the_first(sample, pub, tmp_path):
    staff_id, _ = worker_on(sample, 3)
    date = sample.problem.date(3).isoformat()
    result = run("swap", pub, "--suggest", staff_id, date)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("  ")]
    options = suggest_swaps(sample.problem, sample.roster, staff_id, 3)
    assert len(lines) == len(options) >= 1
    assert f"Apply the first with: roster swap published.xlsx {staff_id} {date}" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.xlsx"]
    nothing = run("swap", pub, "--suggest", staff_id, sample.problem.date(30).isoformat())
    assert nothing.exit_code == 2 and "is not a date of this roster" in nothing.output


def test_export_writes_a_calendar_per_person_and_the_printable_pages(sample, pub, tmp_path):
    icalendar = pytest.importorskip("icalendar")
    result = run("export", pub, "--ics", tmp_path / "cal", "--print", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "cal").iterdir())
    assert len(files) == len(sample.problem.staff)
    for member, file in zip(sample.problem.staff, files, strict=True):
        assert file.name.startswith(f"{member.id}-")
        calendar = icalendar.Calendar.from_ical(file.read_bytes())
        shifts = [e for e in calendar.walk("VEVENT") if e.get("CATEGORIES")]
        worked = [a for a in sample.roster.assignments if a.staff_id == member.id]
        assert len(shifts) == len(worked)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert all(member.name in html for member in sample.problem.staff)
    only = run("export", pub, "--ics", tmp_path / "one", "--person", "S02")
    assert only.exit_code == 0 and [f.name for f in (tmp_path / "one").iterdir()] == [
        "S02-Li-Na.ics"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "say what to export: --ics FOLDER, --print FILE.html, or both"),
        (("--print", "r.pdf"), "does not end in .html"),
        (("--ics", "cal", "--print", "r.pdf"), "does not end in .html"),  # no calendar first
        (("--ics", "cal", "--person", "S9"), "'S9' is not a staff id of this roster"),
        (("--ics", "cal", "--time-zone", "Asia/Shanghia"), "Did you mean Asia/Shanghai?"),
    ],
)
def test_export_rejects_bad_arguments_clearly(pub, tmp_path, args, message):
    result = run("export", pub, *(str(tmp_path / a) if a in ("cal", "r.pdf") else a for a in args))
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["published.xlsx"]


def test_a_name_with_a_line_break_exports_as_one_line(pub, tmp_path):
    """Alt+Enter in an Excel cell puts a line break in a name: calendars fold it."""
    book = openpyxl.load_workbook(pub)
    book["Input Staff"]["B2"] = "Wang\nFang"
    book["Roster"]["B2"] = "Wang\nFang"
    book.save(pub)
    result = run("export", pub, "--ics", tmp_path / "cal", "--print", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    first = sorted((tmp_path / "cal").iterdir())[0]
    assert first.name == "S01-Wang-Fang.ics"
    assert "X-WR-CALNAME:Roster: S01 Wang Fang" in first.read_text(encoding="utf-8")


def test_suggested_trades_never_give_back_a_day_before_earliest():
    """P3 (at most 3 days a week) works the odd days' earlies, P1 the even days': P3 can take
    P1's Friday only by giving back one of its own days, Thursday or Saturday."""
    prob = problem(
        shifts=[EARLY, LATE],
        staff=[person("P1"), person("P2"), person("P3", max_days_per_week=3)],
        coverage=[cover("06:00", "14:00"), cover("14:00", "22:00")],
        rules=only_rules(*(c.name for c in RULES if c.enabled), "max_days_per_week"),
    )
    before = roster(
        *(("P1", d, "E") for d in range(0, 7, 2)),
        *(("P3", d, "E") for d in range(1, 7, 2)),
        *(("P2", d, "L") for d in range(7)),
    )
    assert check(prob, before).valid
    anytime = [(v.swap.taker, v.swap.taker_day) for v in suggest_swaps(prob, before, "P1", 4)]
    later = [(v.swap.taker, v.swap.taker_day) for v in suggest_swaps(prob, before, "P1", 4, 4)]
    assert anytime == [("P3", 3)]  # the nearest day, the earlier of the two
    assert later == [("P3", 5)]

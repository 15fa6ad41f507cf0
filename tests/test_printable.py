"""The printable roster (`roster.present.printable`): team and person pages as one HTML file.

The HTML is parsed with the standard library into a small tree and checked against what the
tests work out from the roster's assignments themselves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from builder import roster, shift

from roster import api
from roster.domain import CalendarDay, Problem, Request, Roster, RotationGroup, Staff
from roster.io import xlsx
from roster.io.choices import PERIODS, VIEWS
from roster.io.xlsx import SHIFT_COLOURS
from roster.present.printable import printable_html, write_printable

TEAM_SAMPLE = api.SAMPLE.with_name("call_center_team.xlsx")
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


# A tiny DOM from html.parser


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join(" ".join(parts).split())

    def walk(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        """Descendants with the tag, the class and the attributes (data_date: data-date)."""
        wanted = {name.replace("_", "-"): value for name, value in attrs.items()}
        return [
            node
            for node in self.walk()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.classes)
            and all(node.attrs.get(name) == value for name, value in wanted.items())
        ]

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.all(tag, cls, **attrs)
        assert len(found) == 1, (tag, cls, attrs, len(found))
        return found[0]


class TreeBuilder(HTMLParser):
    """Builds the tree, failing on an end tag that does not close the open element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.open[-1].children.append(node)
        if tag not in VOID_TAGS:
            self.open.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.open[-1].tag == tag, f"</{tag}> closes <{self.open[-1].tag}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.open[-1].children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.open == [builder.root], "elements left open"
    return builder.root


def pages(document: Node, view: str | None = None) -> list[Node]:
    found = document.all("section", "page")
    return [p for p in found if view is None or p.attrs["data-view"] == view]


def person_pages(document: Node, staff_id: str) -> list[Node]:
    return [p for p in pages(document, "person") if p.attrs["data-staff"] == staff_id]


# What the tests expect, from the roster itself


def expected_cells(problem: Problem, roster_: Roster) -> dict[tuple[str, str], list[str]]:
    """(staff id, ISO date): the shift codes, sorted."""
    cells: dict[tuple[str, str], list[str]] = {}
    for a in roster_.assignments:
        cells.setdefault((a.staff_id, problem.date(a.day).isoformat()), []).append(a.shift_code)
    return {key: sorted(codes) for key, codes in cells.items()}


def iso_dates(problem: Problem) -> list[str]:
    return [
        (problem.start_date + dt.timedelta(days=d)).isoformat() for d in range(problem.num_days)
    ]


@pytest.fixture(scope="module")
def sample() -> api.Result:
    return api.solve(api.load_problem())


@pytest.fixture(scope="module")
def team() -> api.Result:
    return api.solve(api.load_problem(TEAM_SAMPLE))


@pytest.fixture(scope="module")
def sample_html(sample: api.Result) -> Node:
    return parse(printable_html(sample.problem, sample.roster))


# Person pages


def test_every_assignment_is_on_its_persons_page_on_its_date(
    sample: api.Result, sample_html: Node
) -> None:
    problem = sample.problem
    expected = expected_cells(problem, sample.roster)
    assert any(len(codes) == 2 for codes in expected.values()), "the sample has an A+C day"
    for person in problem.staff:
        seen: dict[str, list[str]] = {}
        for page in person_pages(sample_html, person.id):
            assert person.name in page.one("h1").text()
            for day in page.all("td", "day"):
                seen[day.attrs["data-date"]] = sorted(
                    d.attrs["data-shift"] for d in day.all("div", "duty")
                )
        assert sorted(seen) == iso_dates(problem)
        for date, codes in seen.items():
            assert codes == expected.get((person.id, date), []), (person.id, date)


def test_a_duty_shows_its_code_times_and_where(sample: api.Result, sample_html: Node) -> None:
    problem = sample.problem
    for a in sample.roster.assignments:
        date = problem.date(a.day).isoformat()
        [page] = [p for p in person_pages(sample_html, a.staff_id) if p.all("td", data_date=date)]
        duty = page.one("td", data_date=date).one("div", "duty", data_shift=a.shift_code)
        text, worked = duty.text(), problem.shift(a.shift_code)
        assert text.startswith(a.shift_code)
        assert worked.window in text
        assert ("at home" if worked.location == "remote" else "on site") in text


def test_a_day_off_says_off(sample: api.Result, sample_html: Node) -> None:
    problem = sample.problem
    worked = expected_cells(problem, sample.roster)
    person = problem.staff[0]
    off = [d for d in iso_dates(problem) if (person.id, d) not in worked]
    assert off
    for page in person_pages(sample_html, person.id):
        for day in page.all("td", "day"):
            status = [s.text() for s in day.all("div", "status")]
            assert status == (["Off"] if day.attrs["data-date"] in off else [])


def test_person_totals_are_the_periods_shifts_hours_and_weekends(
    sample: api.Result, sample_html: Node
) -> None:
    problem = sample.problem
    for person in problem.staff:
        for week, page in enumerate(person_pages(sample_html, person.id)):
            days = range(week * 7, week * 7 + 7)
            mine = [a for a in sample.roster.assignments if a.staff_id == person.id]
            this_week = [a for a in mine if a.day in days]
            minutes = sum(problem.shift(a.shift_code).paid_minutes for a in this_week)
            weekend = any(problem.date(a.day).weekday() >= 5 for a in this_week)
            totals = page.one("div", "totals")
            assert totals.attrs["data-shifts"] == str(len(this_week))
            assert float(totals.attrs["data-hours"]) == minutes / 60
            assert totals.attrs["data-weekends"] == str(int(weekend))
            assert f"{len(this_week)} shift" in totals.text()
            assert f"{minutes / 60:g} paid hour" in totals.text()


# Team pages


def test_team_cells_show_the_codes_joined_by_plus(sample: api.Result, sample_html: Node) -> None:
    problem = sample.problem
    expected = expected_cells(problem, sample.roster)
    shown = {}
    for page in pages(sample_html, "team"):
        for row in page.all("tr", "person"):
            for cell in row.all("td"):
                shown[(row.attrs["data-staff"], cell.attrs["data-date"])] = cell.text()
    assert shown == {
        (p.id, date): "+".join(expected.get((p.id, date), []))
        for p in problem.staff
        for date in iso_dates(problem)
    }


def test_team_head_counts_are_the_people_on_each_shift(
    sample: api.Result, sample_html: Node
) -> None:
    problem = sample.problem
    on_shift = Counter(
        (a.shift_code, problem.date(a.day).isoformat()) for a in sample.roster.assignments
    )
    checked = 0
    for page in pages(sample_html, "team"):
        for row in page.all("tr", "head-count"):
            for cell in row.all("td"):
                assert (
                    int(cell.text()) == on_shift[(row.attrs["data-shift"], cell.attrs["data-date"])]
                )
                checked += 1
    assert checked == len(problem.shifts) * problem.num_days


def test_a_cell_wears_the_workbooks_shift_colour(sample: api.Result, sample_html: Node) -> None:
    problem = sample.problem
    a = min(sample.roster.assignments, key=lambda a: (a.day, a.staff_id))
    date = problem.date(a.day).isoformat()
    row = pages(sample_html, "team")[0].one("tr", "person", data_staff=a.staff_id)
    index = [s.code for s in problem.shifts].index(a.shift_code)
    assert f"#{SHIFT_COLOURS[index]}" in row.one("td", data_date=date).attrs["style"]


def test_weekend_columns_are_marked(sample: api.Result, sample_html: Node) -> None:
    problem = sample.problem
    heads = pages(sample_html, "team")[0].all("th", "day")
    weekend = [h.attrs["data-date"] for h in heads if "weekend" in h.classes]
    assert weekend == [d for d in iso_dates(problem)[:7] if dt.date.fromisoformat(d).weekday() >= 5]
    assert [h.one(cls="weekday").text() for h in heads[:2]] == ["Mon", "Tue"]


def test_the_legend_gives_each_shifts_name_times_and_where(
    sample: api.Result, sample_html: Node
) -> None:
    problem = sample.problem
    legend = pages(sample_html, "team")[0].one("div", "legend").text()
    for s in problem.shifts:
        assert f"{s.code} {s.name}, {s.window}" in legend
    assert f"on site at {problem.site}" in legend
    assert "at home, on call" in legend


def test_several_rotation_groups_split_the_team_rows(sample: api.Result) -> None:
    problem = dataclasses.replace(
        sample.problem,
        rotations=(
            RotationGroup(name="late crew", staff_ids=("S04", "S02"), pattern_weeks=2),
            RotationGroup(name="early crew", staff_ids=("S01",), pattern_weeks=1),
        ),
    )
    page = pages(parse(printable_html(problem, sample.roster, view="team")), "team")[0]
    rows = [
        row.text() if "group" in row.classes else row.attrs["data-staff"]
        for row in page.all("tr")
        if row.classes & {"group", "person"}
    ]
    assert rows == ["late crew", "S04", "S02", "early crew", "S01", "Not in a rotation", "S03"]


# Calendar days and leave


def test_a_holiday_name_is_on_its_date(team: api.Result) -> None:
    problem = team.problem
    [holiday] = problem.calendar
    date = problem.date(holiday.day).isoformat()
    document = parse(printable_html(problem, team.roster))
    for page in pages(document, "team"):
        for head in page.all("th", "day"):
            named = holiday.name in head.text()
            assert named == (head.attrs["data-date"] == date)
            assert ("holiday" in head.classes) == named
    person_days = [d for p in pages(document, "person") for d in p.all("td", data_date=date)]
    assert len(person_days) == len(problem.staff)
    assert all(holiday.name in day.text() and "holiday" in day.classes for day in person_days)


def test_a_make_up_working_day_is_marked(sample: api.Result) -> None:
    saturday = 5
    problem = dataclasses.replace(
        sample.problem, calendar=(CalendarDay(day=saturday, name="National Day", kind="workday"),)
    )
    document = parse(printable_html(problem, sample.roster, period="month"))
    head = pages(document, "team")[0].one("th", data_date=problem.date(saturday).isoformat())
    assert {"workday", "weekend"} <= head.classes
    assert "make-up working day (National Day)" in head.text()


def test_leave_shows_on_the_team_and_the_persons_page(team: api.Result) -> None:
    problem = team.problem
    leave = problem.requests_of(("leave",))
    assert leave
    worked = expected_cells(problem, team.roster)
    document = parse(printable_html(problem, team.roster))
    for request in leave:
        date = problem.date(request.day).isoformat()
        assert (request.staff_id, date) not in worked
        [team_page] = [p for p in pages(document, "team") if p.all("td", data_date=date)]
        row = team_page.one("tr", "person", data_staff=request.staff_id)
        assert row.one("td", data_date=date).text() == "leave"
        [page] = [
            p for p in person_pages(document, request.staff_id) if p.all("td", data_date=date)
        ]
        day = page.one("td", data_date=date)
        assert day.one("div", "status").text() == f"Leave {request.note}".strip()
    on_leave = {(r.staff_id, problem.date(r.day).isoformat()) for r in leave}
    leave_cells = [
        (row.attrs["data-staff"], cell.attrs["data-date"])
        for page in pages(document, "team")
        for row in page.all("tr", "person")
        for cell in row.all("td")
        if cell.text() == "leave"
    ]
    assert sorted(leave_cells) == sorted(on_leave)


def test_a_shift_on_a_leave_day_shows_the_shift() -> None:
    prob = dataclasses.replace(
        tiny_problem(), requests=(Request(staff_id="P1", day=0, kind="leave", note="sick"),)
    )
    document = parse(printable_html(prob, roster(("P1", 0, "A"))))
    row = pages(document, "team")[0].one("tr", "person")
    assert row.one("td", data_date="2026-12-07").text() == "A"


# Periods, views and people


@pytest.mark.parametrize(
    ("view", "period", "team_pages", "person_pages_each"),
    [
        ("both", "week", 3, 3),
        ("both", "month", 1, 1),
        ("team", "week", 3, 0),
        ("person", "month", 0, 1),
    ],
)
def test_week_or_month_gives_a_page_per_period(
    sample: api.Result, view: str, period: str, team_pages: int, person_pages_each: int
) -> None:
    document = parse(printable_html(sample.problem, sample.roster, view=view, period=period))
    assert len(pages(document, "team")) == team_pages
    assert len(pages(document, "person")) == person_pages_each * len(sample.problem.staff)
    assert len(pages(document)) == team_pages + person_pages_each * len(sample.problem.staff)


def test_a_month_page_shows_the_horizon_weeks_in_that_month(team: api.Result) -> None:
    problem = team.problem  # 2026-12-07 to 2027-01-03: December, and January's first 3 days
    document = parse(printable_html(problem, team.roster, view="team", period="month"))
    december, january = pages(document, "team")
    assert "December 2026" in december.one("h1").text()
    assert "January 2027" in january.one("h1").text()
    dates = iso_dates(problem)
    assert [h.attrs["data-date"] for h in december.all("th", "day")] == dates
    assert [h.attrs["data-date"] for h in january.all("th", "day")] == dates[21:]
    others = [h.attrs["data-date"] for h in january.all("th", "day") if "other-month" in h.classes]
    assert others == dates[21:25]


def test_month_totals_count_only_the_months_days(team: api.Result) -> None:
    problem = team.problem
    document = parse(printable_html(problem, team.roster, view="person", period="month"))
    for person in problem.staff:
        december, january = person_pages(document, person.id)
        mine = [a for a in team.roster.assignments if a.staff_id == person.id]
        in_january = [a for a in mine if problem.date(a.day).year == 2027]
        assert december.one("div", "totals").attrs["data-shifts"] == str(
            len(mine) - len(in_january)
        )
        assert january.one("div", "totals").attrs["data-shifts"] == str(len(in_january))


def test_staff_ids_restricts_pages_and_rows(sample: api.Result) -> None:
    html = printable_html(sample.problem, sample.roster, staff_ids=["S03", "S01"])
    document = parse(html)
    assert {p.attrs["data-staff"] for p in pages(document, "person")} == {"S01", "S03"}
    for page in pages(document, "team"):
        assert [r.attrs["data-staff"] for r in page.all("tr", "person")] == ["S01", "S03"]
    assert "Li Na" not in html  # S02


def test_unknown_staff_ids_are_refused(sample: api.Result) -> None:
    with pytest.raises(ValueError, match="S99"):
        printable_html(sample.problem, sample.roster, staff_ids=["S01", "S99"])
    with pytest.raises(ValueError, match="empty"):
        printable_html(sample.problem, sample.roster, staff_ids=[])


@pytest.mark.parametrize(("argument", "allowed"), [("view", VIEWS), ("period", PERIODS)])
def test_a_bad_choice_names_the_valid_values(
    sample: api.Result, argument: str, allowed: tuple[str, ...]
) -> None:
    with pytest.raises(ValueError, match=", ".join(allowed)):
        printable_html(sample.problem, sample.roster, **{argument: "fortnight"})


# The document


def tiny_problem(name: str = "Person P1") -> Problem:
    return Problem(
        start_date=dt.date(2026, 12, 7),
        weeks=1,
        shifts=(shift("A", "09:00", "17:00"), shift("C", "20:00", "22:00", location="remote")),
        staff=(Staff(id="P1", name=name),),
        coverage=(),
        name="tiny",
    )


def test_names_are_escaped() -> None:
    name = "<b>Li & Co</b>"
    html = printable_html(tiny_problem(name), roster(("P1", 0, "A")))
    assert "<b>Li" not in html
    assert "&lt;b&gt;Li &amp; Co&lt;/b&gt;" in html
    document = parse(html)
    assert all("Li" not in b.text() for b in document.all("b"))
    assert document.one("tr", "person").one("span", "name").text() == name


def test_chinese_names_are_written_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "roster.html"
    write_printable(tiny_problem("王芳"), roster(("P1", 0, "A")), path)
    text = path.read_bytes().decode("utf-8")
    assert "王芳" in text
    assert '<meta charset="utf-8">' in text


def test_the_title_is_the_roster_name_and_dates(sample: api.Result, sample_html: Node) -> None:
    assert sample_html.one("title").text() == f"{sample.problem.name}: 2026-12-07 to 2026-12-27"


def test_the_document_is_self_contained_and_prints_a4_landscape(sample: api.Result) -> None:
    html = printable_html(sample.problem, sample.roster)
    document = parse(html)
    assert not document.all("script") and not document.all("link") and not document.all("img")
    assert "http://" not in html and "https://" not in html and "url(" not in html
    style = document.one("style").text()
    assert "@page { size: A4 landscape; margin: 10mm; }" in style
    assert "page-break-after: always" in style and "break-after: page" in style


def test_a_double_duty_shows_both_shifts() -> None:
    document = parse(printable_html(tiny_problem(), roster(("P1", 2, "A"), ("P1", 2, "C"))))
    date = "2026-12-09"
    row = pages(document, "team")[0].one("tr", "person")
    assert row.one("td", data_date=date).text() == "A+C"
    day = pages(document, "person")[0].one("td", data_date=date)
    assert [d.attrs["data-shift"] for d in day.all("div", "duty")] == ["A", "C"]
    totals = pages(document, "person")[0].one("div", "totals")
    assert (totals.attrs["data-shifts"], totals.attrs["data-hours"]) == ("2", "10")


# Writing the file


def test_the_file_is_the_html_and_no_temporary_file_is_left(
    sample: api.Result, tmp_path: Path
) -> None:
    path = tmp_path / "print" / "roster.html"
    write_printable(sample.problem, sample.roster, path, period="month")
    assert path.read_text(encoding="utf-8") == printable_html(
        sample.problem, sample.roster, period="month"
    )
    assert os.listdir(path.parent) == ["roster.html"]


def test_a_failed_write_keeps_the_old_file(
    sample: api.Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "roster.html"
    path.write_text("the old roster", encoding="utf-8")

    def broken_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(xlsx.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_printable(sample.problem, sample.roster, path)
    assert path.read_text(encoding="utf-8") == "the old roster"
    assert os.listdir(tmp_path) == ["roster.html"]


def test_bad_arguments_leave_no_file(sample: api.Result, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="team, person, both"):
        write_printable(sample.problem, sample.roster, tmp_path / "roster.html", view="wall")
    assert os.listdir(tmp_path) == []

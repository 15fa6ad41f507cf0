"""Writes a problem as the canonical input workbook (the bundled samples are made this way)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from roster.domain import MINUTES_PER_DAY, Problem, hhmm
from roster.io.xlsx import save_atomically, write_table
from roster.rulebook import effective_rules


def write_problem(problem: Problem, path: str | Path) -> None:
    book = Workbook()
    book.remove(book.active)
    write_table(
        book.create_sheet("Shifts"),
        ("code", "name", "start", "end", "location", "paid_hours", "combinable_with"),
        (
            (
                s.code,
                s.name,
                hhmm(s.start),
                _clock_end(s.end),
                s.location,
                s.paid_minutes / 60,
                ", ".join(sorted(s.combinable_with)),
            )
            for s in problem.shifts
        ),
        widths={2: 24, 7: 18},
    )
    write_table(
        book.create_sheet("Staff"),
        (
            "id",
            "name",
            "skills",
            "remote",
            "max_hours_per_week",
            "max_days_per_week",
            "max_consecutive_days",
            "min_days_off_per_week",
        ),
        (
            (
                p.id,
                p.name,
                ", ".join(sorted(p.skills)),
                "yes" if p.remote_ok else "no",
                p.max_minutes_per_week / 60 if p.max_minutes_per_week is not None else None,
                p.max_days_per_week,
                p.max_consecutive_days,
                p.min_days_off_per_week,
            )
            for p in problem.staff
        ),
        widths={2: 20, 3: 16},
    )
    write_table(
        book.create_sheet("Coverage"),
        ("days", "from", "to", "min_people", "skill"),
        (
            (line.label, hhmm(line.start), _clock_end(line.end), line.min_people, line.skill)
            for line in problem.coverage
        ),
        widths={1: 22},
    )
    write_table(
        book.create_sheet("Availability"),
        ("staff_id", "date", "until", "kind", "shift", "note"),
        (
            (r.staff_id, problem.date(r.day).isoformat(), None, r.kind, r.shift_code, r.note)
            for r in problem.requests
        ),
        widths={2: 12, 6: 30},
    )
    write_table(
        book.create_sheet("Rules"),
        ("rule", "enabled", "hard", "weight", "parameters", "what it means"),
        (
            (
                config.name,
                "on" if config.enabled else "off",
                "hard" if config.hard else "soft",
                config.weight,
                ", ".join(f"{k}={v:g}" for k, v in config.params.items()),
                rule.doc(),
            )
            for rule, config in effective_rules(problem)
        ),
        widths={1: 24, 5: 18, 6: 90},
    )
    settings = problem.settings
    write_table(
        book.create_sheet("Settings"),
        ("setting", "value"),
        (
            ("start_date", problem.start_date.isoformat()),
            ("weeks", problem.weeks),
            ("time_limit_seconds", settings.time_limit_seconds),
            ("seed", settings.seed),
            ("workers", settings.workers),
        ),
        widths={1: 22, 2: 14},
    )
    save_atomically(book, path)


def _clock_end(end: int) -> str:
    """24:00 stays 24:00; an end past midnight is written as the next morning's clock time."""
    return hhmm(end - MINUTES_PER_DAY) if end > MINUTES_PER_DAY else hhmm(end)

"""What a solve gives: the roster, how the search went, and the independent checker's verdict,
with the tables a notebook or a workbook shows. Nothing here needs the solver."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from roster.check import CheckReport
from roster.domain import Problem, Roster
from roster.views import coverage_rows, fairness_rows, person_summaries

if TYPE_CHECKING:
    import pandas as pd

    from roster.analysis import Finding

OPTIMAL, FEASIBLE, INFEASIBLE, NO_SOLUTION, INVALID = (
    "optimal",
    "feasible",
    "infeasible",
    "no solution in time",
    "invalid model",
)


@dataclass(frozen=True, slots=True)
class SolveOutcome:
    status: str
    roster: Roster | None
    objective: int | None
    bound: int
    seconds: float
    solutions: int
    notes: tuple[str, ...] = ()  # how the search went, for `-v` and the benchmark
    stopped: bool = False  # stopped by the user (Ctrl-C, SIGTERM): the best roster so far

    @property
    def gap(self) -> float:
        """Relative distance between the roster's cost and the best possible cost."""
        if self.objective is None or self.objective == 0:
            return 0.0
        return (self.objective - self.bound) / self.objective


BEST_EFFORT = "best effort"
EVALUATED = "evaluated"  # a roster not solved here, only checked


@dataclass(frozen=True, slots=True)
class Result:
    problem: Problem
    roster: Roster
    outcome: SolveOutcome
    report: CheckReport  # the independent checker's verdict on `roster`
    findings: tuple[Finding, ...]  # what the pre-solve analysis found
    # Why the hard rules could not all hold, when this is a best-effort roster: it then keeps
    # every rule but the relaxable ones (coverage), whose shortfalls the report lists.
    infeasible_because: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return BEST_EFFORT if self.infeasible_because else self.outcome.status

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "warning")

    # pandas views: thin tables over roster.views, built on each call (pandas loads lazily)

    @property
    def assignments(self) -> pd.DataFrame:
        """One row per shift worked: person, name, date, shift, start, end (datetimes; end is
        the next day for a shift past midnight) and paid hours, by date, start and person."""
        import pandas as pd

        problem = self.problem
        rows = []
        for a in self.roster.assignments:
            shift, date = problem.shift(a.shift_code), _timestamp(problem, a.day)
            rows.append(
                {
                    "person": a.staff_id,
                    "name": problem.person(a.staff_id).name,
                    "date": date,
                    "shift": a.shift_code,
                    "start": date + pd.Timedelta(minutes=shift.start),
                    "end": date + pd.Timedelta(minutes=shift.end),
                    "hours": shift.paid_minutes / 60,
                }
            )
        columns = ["person", "name", "date", "shift", "start", "end", "hours"]
        frame = pd.DataFrame(rows, columns=columns)
        return frame.sort_values(["date", "start", "person", "shift"], ignore_index=True)

    def coverage(self) -> pd.DataFrame:
        """One row per coverage slot (`roster.views.coverage_rows`): date, start, end
        (datetimes), line, skill, required, scheduled, gap = scheduled - required, note."""
        import pandas as pd

        rows = []
        for row in coverage_rows(self.problem, self.roster):
            date = _timestamp(self.problem, row.day)
            rows.append(
                {
                    "date": date,
                    "start": date + pd.Timedelta(minutes=row.start),
                    "end": date + pd.Timedelta(minutes=row.end),
                    "line": row.line_label,
                    "skill": row.skill,
                    "required": row.required,
                    "scheduled": row.scheduled,
                    "gap": row.scheduled - row.required,
                    "note": row.note,
                }
            )
        columns = ["date", "start", "end", "line", "skill", "required", "scheduled", "gap"]
        return pd.DataFrame(rows, columns=[*columns, "note"])

    def summary(self) -> pd.DataFrame:
        """One row per person (`roster.views.person_summaries`): paid hours, the hours the
        contract pays for over the horizon (empty without a weekly target), days worked and off,
        weekend and holiday days, wishes, and a count column per shift code ("C shifts")."""
        import pandas as pd

        codes = [s.code for s in self.problem.shifts]
        rows = [
            {
                "person": p.staff_id,
                "name": p.name,
                "hours": p.paid_minutes / 60,
                "contracted_hours": (
                    None if p.contracted_minutes is None else p.contracted_minutes / 60
                ),
                "days_worked": p.days_worked,
                "days_off": p.days_off,
                "weekend_days": p.weekend_days_worked,
                "holiday_days": p.holiday_days_worked,
                "wishes": p.wishes,
                "wishes_granted": p.wishes_granted,
                **{f"{code} shifts": p.shifts[code] for code in codes},
            }
            for p in person_summaries(self.problem, self.roster)
        ]
        columns = ["person", "name", "hours", "contracted_hours", "days_worked", "days_off"]
        columns += ["weekend_days"]
        columns += ["holiday_days", "wishes", "wishes_granted", *(f"{c} shifts" for c in codes)]
        return pd.DataFrame(rows, columns=columns)

    def fairness(self) -> pd.DataFrame:
        """Who has the most and the fewest of each measure (`views.fairness_rows`)."""
        import pandas as pd

        summaries = person_summaries(self.problem, self.roster)
        rows = [
            {
                "measure": row.measure,
                "most": row.most[0],
                "most_value": row.most[1],
                "fewest": row.fewest[0],
                "fewest_value": row.fewest[1],
                "spread": row.spread,
            }
            for row in fairness_rows(self.problem, summaries)
        ]
        columns = ["measure", "most", "most_value", "fewest", "fewest_value", "spread"]
        return pd.DataFrame(rows, columns=columns)

    def violations(self) -> pd.DataFrame:
        """The checker's findings (`report.violations`): rule, person, date, amount, cost, hard,
        message, pattern. `date` is empty for a finding about no one day or about a rotation
        pattern (`pattern` names it)."""
        import pandas as pd

        rows = [
            {
                "rule": v.rule,
                "person": v.staff_id,
                "date": (
                    _timestamp(self.problem, v.day)
                    if v.day is not None and v.pattern is None
                    else pd.NaT
                ),
                "amount": v.amount,
                "cost": v.cost,
                "hard": v.hard,
                "message": v.message,
                "pattern": v.pattern,
            }
            for v in self.report.violations
        ]
        columns = ["rule", "person", "date", "amount", "cost", "hard", "message", "pattern"]
        frame = pd.DataFrame(rows, columns=columns)
        frame["date"] = pd.to_datetime(frame["date"])
        return frame

    def to_excel(self, path: str | Path) -> None:
        """Write the output workbook, as `roster solve -o` does."""
        from roster.present.roster_workbook import write_result

        write_result(self, path)


def _timestamp(problem: Problem, day: int) -> pd.Timestamp:
    import pandas as pd

    return pd.Timestamp(problem.date(day))

"""roster: shift rosters solved with OR-Tools CP-SAT, with Excel import and export."""

from roster.api import Result, check, load_problem, solve
from roster.domain import Problem, Roster, SolveSettings

__all__ = ["Problem", "Result", "Roster", "SolveSettings", "check", "load_problem", "solve"]

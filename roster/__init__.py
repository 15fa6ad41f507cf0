"""roster: shift rosters solved with OR-Tools CP-SAT, with Excel import and export.

The public API is loaded on first use, so `roster.constraints` (which imports `roster.domain`)
and `roster.api` (which imports `roster.constraints`) can each be imported first. The rules live
in the checkout's top-level folder `constraints/`, installed as `roster.constraints`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_PUBLIC = {
    "Problem": "roster.domain",
    "Roster": "roster.domain",
    "SolveSettings": "roster.domain",
    "Result": "roster.result",
    "analyse": "roster.api",
    "check": "roster.api",
    "load_input": "roster.api",
    "load_problem": "roster.api",
    "evaluate": "roster.api",
    "load_roster": "roster.api",
    "repair": "roster.api",
    "solve": "roster.api",
}

_MODULES = {"plot": "roster.present.plot"}  # `from roster import plot`, for notebooks

__all__ = sorted((*_PUBLIC, *_MODULES))


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    if name in _MODULES:
        return import_module(_MODULES[name])
    raise AttributeError(f"module 'roster' has no attribute {name!r}")

"""Stopping a solve from outside (Ctrl-C, SIGTERM): every CP-SAT solve in progress is told to
stop and any later one returns at once, so the search ends with the best roster found so far.

CP-SAT's own Ctrl-C handling is switched off in every solver: it took Ctrl-C for "stop this
phase" only, and after its solve left the process with the default handler (killed at once).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

_requested = threading.Event()
_lock = threading.Lock()
_running: set[cp_model.CpSolver] = set()
AT_ONCE = 0.001  # seconds: the limit of a solve asked for after the stop


def request_stop() -> None:
    """Stop every solve in progress, and make every later one return at once."""
    _requested.set()
    with _lock:
        for solver in _running:
            solver.stop_search()


def stop_requested() -> bool:
    return _requested.is_set()


def reset() -> None:
    """Forget a stop: the next solve runs in full (a new command, a new test)."""
    _requested.clear()


def solve(solver: cp_model.CpSolver, model: cp_model.CpModel, callback: Any = None) -> Any:
    """`solver.solve(model, callback)`, stopped as soon as a stop is requested."""
    solver.parameters.catch_sigint_signal = False
    if _requested.is_set():
        solver.parameters.max_time_in_seconds = AT_ONCE
    with _lock:
        _running.add(solver)
    try:
        if _requested.is_set():  # asked between the check above and the registration
            solver.stop_search()
        return solver.solve(model, callback) if callback is not None else solver.solve(model)
    finally:
        with _lock:
            _running.discard(solver)

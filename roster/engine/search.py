"""The search for the best roster of a built model: first a roster of the hard rules alone
(part by part when the problem is large), then the optimisation from it (`roster.engine.solver`)."""

from __future__ import annotations

import time

from roster.domain import Problem
from roster.engine.decompose import first_roster
from roster.engine.model import BuiltModel, build_model
from roster.engine.solver import (
    Clock,
    ProgressCallback,
    SolveOutcome,
    hard_rules_roster,
    optimise_model,
)
from roster.rulebook import hard_rules_only

FIRST_ROSTER_SHARE = 0.5  # of the time limit, for the search of a first roster of the hard rules


def search(
    problem: Problem,
    built: BuiltModel,
    on_progress: ProgressCallback | None = None,
    *,
    started: float | None = None,
) -> SolveOutcome:
    """Solve `built` (the model of `problem`), starting from a roster of its hard rules alone;
    the time limit counts from `started` (`time.monotonic`, by default now).

    That first roster is searched for over half the time limit. A large problem is first tried
    part by part (`roster.engine.decompose.first_roster`) in that half; if that gives no roster, the
    whole problem is searched for half the time left (a part's failure proves nothing about the
    whole). Neither keeps its models: they are freed before the optimising search starts.
    """
    settings = problem.settings
    clock = Clock(settings, time.monotonic() if started is None else started)
    hard = hard_rules_only(problem)
    hard_roster = first_roster(hard, settings, settings.limit * FIRST_ROSTER_SHARE, clock=clock)
    if hard_roster is None:
        # hard_rules_roster searches for half of what is left
        hard_roster = hard_rules_roster(build_model(hard), settings, clock)
    return optimise_model(built, settings, on_progress, hard_roster=hard_roster, clock=clock)

"""When CP-SAT proves the hard rules contradict each other: find which rule gives way, and where.

Each hard rule in turn is made soft; if a roster then exists, the checker's list of that rule's
violations in it says, in the supervisor's terms, what would have to give.
"""

from __future__ import annotations

import dataclasses

from roster.check import check
from roster.domain import Problem, SolveSettings
from roster.model import build_model
from roster.rulebook import effective_rules
from roster.solver import FEASIBLE, OPTIMAL, run

SHOWN = 5


def explain_infeasible(problem: Problem, seconds_per_rule: float = 5.0) -> list[str]:
    # Soft rules cannot make a roster impossible: leave them out, so that each trial's cost is
    # the relaxed rule's violation alone and the trial stays quick.
    configs = [
        config if config.hard else dataclasses.replace(config, enabled=False)
        for _, config in effective_rules(problem)
    ]
    settings = SolveSettings(
        time_limit_seconds=seconds_per_rule, seed=problem.settings.seed, workers=1
    )
    reasons = []
    for index, config in enumerate(configs):
        if not (config.enabled and config.hard):
            continue
        relaxed = list(configs)
        relaxed[index] = dataclasses.replace(config, hard=False, weight=1)
        trial = dataclasses.replace(problem, rules=tuple(relaxed), settings=settings)
        outcome = run(build_model(trial), settings)
        if outcome.status not in (OPTIMAL, FEASIBLE) or outcome.roster is None:
            continue
        broken = [
            v.message for v in check(trial, outcome.roster).violations if v.rule == config.name
        ]
        more = f" (and {len(broken) - SHOWN} more)" if len(broken) > SHOWN else ""
        reasons.append(
            f"Rule '{config.name}' is one that must give: with it relaxed a roster exists, "
            f"breaking it {len(broken)} time(s), e.g. {'; '.join(broken[:SHOWN])}{more}."
        )
    return reasons or [
        "No single rule explains it: at least two hard rules must give. "
        "Make rules soft in the Rules sheet to see where the roster breaks."
    ]

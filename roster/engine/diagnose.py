"""When CP-SAT proves the hard rules contradict each other: which rules conflict, and where.

First a small conflicting set: every hard limit is switched on by a literal per rule, person and
week, and CP-SAT's `sufficient_assumptions_for_infeasibility` names the literals it needed, shrunk
by dropping each one that is not needed. Then each hard rule in turn is made soft; if a roster
then exists, the checker's list of that rule's violations says what would have to give.
"""

from __future__ import annotations

import dataclasses
import time
from collections import defaultdict

from ortools.sat.python import cp_model

from roster import stopping
from roster.check import check
from roster.constraints import RULES_BY_NAME
from roster.domain import Problem, SolveSettings
from roster.engine.model import Assumptions, build_model
from roster.engine.solver import FEASIBLE, OPTIMAL, optimise_model
from roster.rulebook import effective_rules

SHOWN = 5


def conflicting_rules(problem: Problem, seconds: float = 10.0) -> str | None:
    """One sentence naming a small set of (rule, people, weeks) that cannot all hold."""
    hard_only = _without_soft_rules(problem)
    assumptions: Assumptions = {}
    built = build_model(hard_only, assumptions)
    keys = list(assumptions)
    core = _core(built.model, [assumptions[k] for k in keys], seconds)
    if core is None:
        return None
    deadline = time.monotonic() + seconds  # shrinking stops here: a larger set is still true
    for index in list(core):  # drop what is not needed: the set gets smaller, never wrong
        if time.monotonic() > deadline:
            break
        trial = [i for i in core if i != index]
        if _core(built.model, [assumptions[keys[i]] for i in trial], 1.0) is not None:
            core = trial
    parts = _by_rule([keys[i] for i in core], problem)
    return "These hard rules cannot all hold together: " + "; ".join(parts) + "."


def _core(model: cp_model.CpModel, literals: list, seconds: float) -> list[int] | None:  # type: ignore[type-arg]
    """Indexes into `literals` of an infeasible subset, or None if they can all hold."""
    model.clear_assumptions()
    model.add_assumptions(literals)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = seconds
    if stopping.solve(solver, model) != cp_model.INFEASIBLE:
        return None
    position = {literal.index: i for i, literal in enumerate(literals)}
    return sorted(position[i] for i in solver.sufficient_assumptions_for_infeasibility())


def _by_rule(keys: list[tuple[str, str | None, int | None]], problem: Problem) -> list[str]:
    people: dict[str, set[str]] = defaultdict(set)
    weeks: dict[str, set[int]] = defaultdict(set)
    for rule, staff_id, week in keys:
        if staff_id:
            people[rule].add(staff_id)
        if week is not None:
            weeks[rule].add(week)
    parts = []
    for rule in dict.fromkeys(rule for rule, _, _ in keys):
        who = f" for {', '.join(sorted(people[rule]))}" if people[rule] else ""
        when = ", ".join(_week_text(problem, w) for w in sorted(weeks[rule]))
        parts.append(
            f"{RULES_BY_NAME[rule].doc().rstrip('.')} ({rule}{who}{', ' + when if when else ''})"
        )
    return parts


def _week_text(problem: Problem, week: int) -> str:
    first = problem.date(week * 7)
    return f"week {week + 1} from {first.isoformat()}"


def _without_soft_rules(problem: Problem) -> Problem:
    """Soft rules cannot make a roster impossible: leave them out of every trial."""
    configs = tuple(
        config if config.hard else dataclasses.replace(config, enabled=False)
        for _, config in effective_rules(problem)
    )
    return dataclasses.replace(problem, rules=configs)


def explain_infeasible(problem: Problem, seconds_per_rule: float = 5.0) -> list[str]:
    # Without the soft rules each trial's cost is the relaxed rule's violation alone.
    configs = list(_without_soft_rules(problem).rules)
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
        outcome = optimise_model(build_model(trial), settings)
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
    conflict = conflicting_rules(problem)
    reasons = ([conflict] if conflict else []) + reasons
    return reasons or [
        "No single rule explains it: at least two hard rules must give. "
        "Make rules soft in the Rules sheet to see where the roster breaks."
    ]

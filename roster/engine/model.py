"""Builds the CP-SAT model from a problem and the rule table; the objective is assembled here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.domain import Problem
from roster.engine.variables import Key, ShiftVars
from roster.rotation import pattern_problem
from roster.rule import BuildContext, Penalty, Rule
from roster.rulebook import effective_rules

Assumptions = dict[tuple[str, str | None, int | None], cp_model.IntVar]


@dataclass(frozen=True, slots=True)
class BuiltModel:
    model: cp_model.CpModel
    works: ShiftVars
    patterns: dict[str, ShiftVars]  # rotation group name -> the variables of its pattern
    penalties: tuple[Penalty, ...]


def build_model(problem: Problem, assumptions: Assumptions | None = None) -> BuiltModel:
    """The model; with `assumptions` (an empty dict to fill), every hard limit is switched on by
    a literal per rule, person and week, so a conflict can be traced to them."""
    model = cp_model.CpModel()
    penalties: list[Penalty] = []
    patterns = {}
    for group in problem.rotations if _patterns_read(problem) else ():
        pattern = pattern_problem(problem, group)
        patterns[group.name] = _build(model, pattern, penalties, _pattern_rule, None, assumptions)
        _keep_previous_pattern(model, problem, group.pattern_id, patterns[group.name])
    works = _build(model, problem, penalties, _any_rule, patterns, assumptions)
    model.minimize(sum(p.weight * p.var for p in penalties))
    return BuiltModel(model=model, works=works, patterns=patterns, penalties=tuple(penalties))


def _keep_previous_pattern(
    model: cp_model.CpModel, problem: Problem, pattern_id: str, pattern: ShiftVars
) -> None:
    """A roster that follows on from another keeps the pattern that one followed (its history's
    `pattern`), so the rotation goes on unchanged; with no such pattern it is solved afresh."""
    kept = problem.history.pattern if problem.history is not None else frozenset()
    cells = {(a.day, a.shift_code) for a in kept if a.staff_id == pattern_id}
    if not cells:
        return
    for (_, day, code), var in pattern.items():
        model.add(var == int((day, code) in cells))


def _patterns_read(problem: Problem) -> bool:
    return any(config.enabled and rule.reads_patterns for rule, config in effective_rules(problem))


def _pattern_rule(rule: type[Rule]) -> bool:
    return rule.applies_to_pattern


def _any_rule(rule: type[Rule]) -> bool:
    return True


def _build(
    model: cp_model.CpModel,
    problem: Problem,
    penalties: list[Penalty],
    applies: Callable[[type[Rule]], bool],
    patterns: dict[str, ShiftVars] | None = None,
    assumptions: Assumptions | None = None,
) -> ShiftVars:
    """The variables of `problem` and the constraints of every enabled rule that `applies`."""
    active = [
        (rule(), config)
        for rule, config in effective_rules(problem)
        if config.enabled and applies(rule)
    ]
    forbidden: set[Key] = set()
    for rule, config in active:
        if config.hard and assumptions is None:  # explaining: rules state them as constraints
            forbidden.update(rule.forbidden(problem, config))
    works = ShiftVars(model, problem, forbidden)
    for rule, config in active:
        context = BuildContext(model, problem, works, config, patterns, assumptions)
        penalties += rule.build(context)
    return works

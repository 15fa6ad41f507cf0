"""Builds the CP-SAT model from a problem and the rule table; the objective is assembled here."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.domain import Problem
from roster.rule import BuildContext, Penalty
from roster.rulebook import effective_rules
from roster.variables import Key, ShiftVars


@dataclass(frozen=True, slots=True)
class BuiltModel:
    model: cp_model.CpModel
    works: ShiftVars
    penalties: tuple[Penalty, ...]


def build_model(problem: Problem) -> BuiltModel:
    active = [(rule(), config) for rule, config in effective_rules(problem) if config.enabled]
    forbidden: set[Key] = set()
    for rule, config in active:
        if config.hard:
            forbidden.update(rule.forbidden(problem, config))
    model = cp_model.CpModel()
    works = ShiftVars(model, problem, forbidden)
    penalties: list[Penalty] = []
    for rule, config in active:
        penalties += rule.build(BuildContext(model, problem, works, config))
    model.minimize(sum(p.weight * p.var for p in penalties))
    return BuiltModel(model=model, works=works, penalties=tuple(penalties))

"""The rules in force for a problem: the registry's defaults under the workbook's Rules sheet;
and the problem with some of them switched off or made soft."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from roster.constraints import REGISTRY
from roster.domain import CoverageLine, Problem, RuleConfig, ShiftDemand
from roster.rule import Rule


def effective_rules(problem: Problem) -> list[tuple[type[Rule], RuleConfig]]:
    """Every registered rule with the workbook's settings over its defaults, in table order."""
    return configured(problem.rules)


def configured(settings: tuple[RuleConfig, ...] = ()) -> list[tuple[type[Rule], RuleConfig]]:
    """Every registered rule with `settings` (from a Rules sheet) over its defaults."""
    overrides = {config.name: config for config in settings}
    rules = []
    for rule in REGISTRY:
        config = overrides.get(rule.name, rule.default_config())
        merged = RuleConfig(
            name=rule.name,
            enabled=config.enabled,
            hard=config.hard,
            weight=config.weight,
            params={**rule.params, **config.params},
            relaxable=rule.relaxable if config.relaxable is None else config.relaxable,
        )
        rules.append((rule, merged))
    return rules


def in_force(problem: Problem, *, hard: bool = False) -> list[tuple[type[Rule], RuleConfig]]:
    """The rules `problem` switches on (with `hard`, only those it also makes hard)."""
    return [
        (rule, config)
        for rule, config in effective_rules(problem)
        if config.enabled and (config.hard or not hard)
    ]


def contracted_minutes(problem: Problem) -> dict[str, int]:
    """Each person's paid minutes a week by contract, the week's target, as the rules in force
    say (`Rule.contracted_minutes_a_week`); people without a target are left out."""
    rules = in_force(problem)
    targets = {}
    for person in problem.staff:
        minutes = (rule.contracted_minutes_a_week(person, config) for rule, config in rules)
        target = next((m for m in minutes if m is not None), None)
        if target is not None:
            targets[person.id] = target
    return targets


def served(line: CoverageLine | ShiftDemand, rules: Iterable[type[Rule]]) -> bool:
    """Whether one of `rules` counts the people on `line` (`Rule.serves`)."""
    return any(rule.serves(line) for rule in rules)


def hard_rules_only(problem: Problem) -> Problem:
    """The problem with its soft rules switched off: a first roster is found on it."""
    rules = tuple(
        dataclasses.replace(config, enabled=config.enabled and config.hard)
        for _, config in effective_rules(problem)
    )
    return dataclasses.replace(problem, rules=rules)


def relax(problem: Problem) -> Problem:
    """The problem with every hard relaxable rule (coverage, and any rule the Rules sheet marks
    relaxable) made soft."""
    rules = tuple(
        dataclasses.replace(config, hard=False) if config.hard and config.relaxable else config
        for _, config in effective_rules(problem)
    )
    return dataclasses.replace(problem, rules=rules)

"""The rules in force for a problem: the registry's defaults under the workbook's Rules sheet."""

from __future__ import annotations

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


def served(line: CoverageLine | ShiftDemand, rules: Iterable[type[Rule]]) -> bool:
    """Whether one of `rules` counts the people on `line` (`Rule.serves`)."""
    return any(rule.serves(line) for rule in rules)

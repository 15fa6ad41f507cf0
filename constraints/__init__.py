"""The roster rules, one module each. Every `Rule` subclass defined in a module of this package
is registered: a rule is added by adding its module (and its test)."""

from __future__ import annotations

import importlib
import pkgutil

from roster.rule import Rule

# The order rules are built, checked and listed in: by kind, then by name.
CATEGORIES = ("coverage", "limit", "request", "fairness", "pattern", "change")


def _discover() -> tuple[type[Rule], ...]:
    rules = []
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("_"):  # __main__
            continue
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        rules += [
            member
            for member in vars(loaded).values()
            if isinstance(member, type)
            and issubclass(member, Rule)
            and member.__module__ == loaded.__name__
            and "name" in member.__dict__
        ]
    return tuple(sorted(rules, key=lambda rule: (CATEGORIES.index(rule.category), rule.name)))


REGISTRY: tuple[type[Rule], ...] = _discover()
RULES_BY_NAME: dict[str, type[Rule]] = {rule.name: rule for rule in REGISTRY}


def catalogue() -> str:
    """The rule catalogue as the README shows it (`python -m roster.constraints` prints it)."""
    lines = [
        "| rule | default | weight | unit of a violation | parameters | the rule |",
        "|---|---|---|---|---|---|",
    ]
    for rule in REGISTRY:
        params = ", ".join(f"{key}={value:g}" for key, value in rule.params.items())
        default = "hard" if rule.hard else "soft"
        lines.append(
            f"| `{rule.name}` | {default} | {rule.weight} | {rule.unit} | {params} | {rule.doc()} |"
        )
    return "\n".join(lines) + "\n"

"""The independent checker: recomputes every rule on a finished roster, without the solver.

Each rule's `check` (beside its `build` in `constraints/`) judges the roster from `RosterFacts`;
this module runs them all. None of it loads OR-Tools, and a check shares no helper with its
rule's model, so a bug in a rule's model shows up as a disagreement between the two.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from roster.domain import Problem, Roster
from roster.facts import RosterFacts
from roster.rotation import pattern_problem
from roster.rule import Rule
from roster.rulebook import effective_rules


@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    rule: str
    staff_id: str | None
    day: int | None
    amount: int  # in the rule's unit: minutes, days, shifts ...
    message: str
    hard: bool
    cost: int  # weight x amount for a soft rule, 0 for a hard one
    category: str = ""  # the rule's (`Rule.category`)
    pattern: str | None = None  # the rotation group whose pattern breaks the rule; `day` is then
    # a day of the pattern, not of the calendar


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckReport:
    violations: tuple[Violation, ...]

    @property
    def hard_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if v.hard)

    @property
    def soft_violations(self) -> tuple[Violation, ...]:
        return tuple(v for v in self.violations if not v.hard)

    @property
    def valid(self) -> bool:
        return not self.hard_violations

    @property
    def score(self) -> int:
        """The roster's cost: the sum of soft-rule weights times violation sizes."""
        return sum(v.cost for v in self.violations)

    def cost_apart_from(self, category: str) -> int:
        """The cost of every violation but those of rules of `category` (a repair's changes)."""
        return sum(v.cost for v in self.violations if v.category != category)


def check(problem: Problem, roster: Roster) -> CheckReport:
    """Every rule on the roster and, in rotating mode, on each rotation pattern round its wrap."""
    violations = _check(RosterFacts(problem, roster), lambda rule: True)
    for group in problem.rotations:
        pattern = Roster(
            assignments=frozenset(a for a in roster.pattern if a.staff_id == group.pattern_id)
        )
        facts = RosterFacts(pattern_problem(problem, group), pattern)
        violations += [
            dataclasses.replace(v, pattern=group.name)
            for v in _check(facts, lambda rule: rule.applies_to_pattern)
        ]
    return CheckReport(violations=tuple(violations))


def _check(facts: RosterFacts, applies: Callable[[type[Rule]], bool]) -> list[Violation]:
    violations = []
    for rule, config in effective_rules(facts.problem):
        if not config.enabled or not applies(rule):
            continue
        for staff_id, day, amount, message in rule().check(facts, config):
            violations.append(
                Violation(
                    rule=rule.name,
                    staff_id=staff_id,
                    day=day,
                    amount=amount,
                    message=message,
                    hard=config.hard,
                    cost=0 if config.hard else config.weight * amount,
                    category=rule.category,
                )
            )
    return violations

"""Skill coverage: a coverage line that names a skill counts only people with that skill."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import CoverageLine, RuleConfig, ShiftDemand
from roster.facts import Breach, RosterFacts, coverage_breaches
from roster.rule import BuildContext, Penalty, Rule
from roster.slots import coverage_slots

from .coverage import cover_slots


class SkillCoverage(Rule):
    """A coverage line that names a skill is met by people who have that skill."""

    name = "skill_coverage"
    category = "coverage"
    scope = "lines"
    relaxable = True
    unit = "person-minutes short"

    @classmethod
    def serves(cls, line: CoverageLine | ShiftDemand) -> bool:
        return isinstance(line, CoverageLine) and line.skill is not None

    def build(self, ctx: BuildContext) -> list[Penalty]:
        slots = [s for s in coverage_slots(ctx.problem) if s.line.skill is not None]
        return cover_slots(ctx, slots)

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        yield from coverage_breaches(facts, with_skill=True)

"""Preferences: wished-for days off and shifts are granted where the other rules allow."""

from __future__ import annotations

from collections.abc import Iterator

from roster.domain import RuleConfig
from roster.facts import Breach, RosterFacts
from roster.rule import BuildContext, Penalty, Rule


class Preferences(Rule):
    """Wished-for days off (or shifts avoided) are kept free and wished-for shifts worked."""

    name = "preferences"
    category = "request"
    scope = "person"
    hard = False
    weight = 10
    unit = "wishes not granted, times their weight"

    def build(self, ctx: BuildContext) -> list[Penalty]:
        penalties: list[Penalty] = []
        for request in ctx.problem.requests_of(("prefer_off", "prefer")):
            staff_id, day, scale = request.staff_id, request.day, request.weight
            if request.kind == "prefer":
                assert request.shift_code is not None  # the reader requires a shift for `prefer`
                var = ctx.works.get(staff_id, day, request.shift_code)
                penalties += ctx.at_least(
                    var if var is not None else 0, 1, staff_id=staff_id, day=day, scale=scale
                )
            elif request.shift_code:
                var = ctx.works.get(staff_id, day, request.shift_code)
                penalties += ctx.at_most(
                    var if var is not None else 0, 0, staff_id=staff_id, day=day, scale=scale
                )
            else:
                penalties += ctx.at_most(
                    ctx.works.working(staff_id, day), 0, staff_id=staff_id, day=day, scale=scale
                )
        return penalties

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        for request in facts.problem.requests_of(("prefer_off", "prefer")):
            codes = facts.codes(request.staff_id, request.day)
            if request.kind == "prefer":
                granted = request.shift_code in codes
                wish = f"wished to work {request.shift_code}"
            elif request.shift_code:
                granted = request.shift_code not in codes
                wish = f"wished not to work {request.shift_code}"
            else:
                granted = not codes
                wish = "wished for the day off"
            if not granted:
                worked = "+".join(codes) if codes else "nothing"
                weight = f" (weight {request.weight})" if request.weight != 1 else ""
                yield (
                    request.staff_id,
                    request.day,
                    request.weight,
                    f"{facts.name(request.staff_id)} {wish} on {facts.day_label(request.day)}"
                    f"{weight} and works {worked}",
                )

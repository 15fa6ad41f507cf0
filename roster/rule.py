"""What every rule in `constraints/` is built from: the `Rule` base, its build context, penalties.

A rule states a limit once (`ctx.at_most`, `ctx.at_least`); the context makes it a real constraint
when the rule is hard, or a penalty that grows with the size of the violation when it is soft.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from roster.domain import CoverageLine, Problem, RuleConfig, ShiftDemand, Staff

if TYPE_CHECKING:  # rules are also read by the checker, which never loads the solver
    from ortools.sat.python import cp_model

    from roster.engine.variables import Key, ShiftVars
    from roster.facts import Breach, RosterFacts

    LinearExpr = cp_model.LinearExprT


@dataclass(frozen=True, slots=True, kw_only=True)
class Penalty:
    """The cost of one soft violation: `weight` times the variable's value (its size)."""

    rule: str
    var: cp_model.IntVar
    weight: int
    staff_id: str | None
    day: int | None


class Rule:
    """A roster rule. Subclasses set the class attributes and implement `build`."""

    name: ClassVar[str]
    # What kind of rule it is, for how a roster's costs are shown: "coverage" (people short of a
    # need), "limit" (a person's days, hours, rest; a shift's most people), "request" (leave,
    # fixed shifts, wishes), "fairness" (spreads among peers), "change" (from a given roster),
    # "pattern" (following a rotation).
    category: ClassVar[str]
    hard: ClassVar[bool] = True
    weight: ClassVar[int] = 1
    unit: ClassVar[str] = "times"  # what one unit of violation is, for the penalty's weight
    params: ClassVar[Mapping[str, float]] = {}
    # True for rules about one person's own days (rest, limits): in rotating mode they also hold
    # for each rotation pattern, round its wrap from the last week back to the first.
    applies_to_pattern: ClassVar[bool] = False
    # True for rules a best-effort roster may break when the hard rules cannot all hold.
    relaxable: ClassVar[bool] = False
    # Whose days the rule ties together, for a first roster made part by part
    # (`roster.engine.decompose`): "person" (each person's own days; a rotation group's members
    # share a pattern and stay together), "peers" (compares people of one contract and skills),
    # "lines" (sums over the people who can serve a coverage line or head count: split among the
    # parts), "everyone" (anything else: no parts while it is on).
    scope: ClassVar[str] = "everyone"
    # True for rules that tie people to their rotation pattern: without one switched on, the
    # patterns are not built at all (a first roster of the hard rules alone needs none).
    reads_patterns: ClassVar[bool] = False
    # True for a rule that holds the people on the lines it serves to at most the line's number:
    # a part's share of 0 of a line (`roster.engine.decompose`) still binds.
    caps_lines: ClassVar[bool] = False
    # True for a rule that gives remote shifts only to staff allowed to work remotely: the
    # pre-solve analysis then counts only them for what only remote shifts cover.
    limits_remote_work: ClassVar[bool] = False

    def forbidden(self, problem: Problem, config: RuleConfig) -> Iterable[Key]:
        """Triples nobody may work while this rule is hard: they get no variable."""
        return ()

    def build(self, ctx: BuildContext) -> list[Penalty]:
        """The rule in the model: constraints when hard, penalties when soft."""
        raise NotImplementedError

    def check(self, facts: RosterFacts, config: RuleConfig) -> Iterator[Breach]:
        """The rule recomputed on a finished roster, without the solver and without any helper
        `build` uses: each breach with its size in the rule's unit."""
        raise NotImplementedError

    @classmethod
    def serves(cls, line: CoverageLine | ShiftDemand) -> bool:
        """Whether the rule counts the people on `line`, a coverage line or a demand line."""
        return False

    @classmethod
    def most_days_a_week(cls, person: Staff, week_length: int, config: RuleConfig) -> int | None:
        """The most days `person` may work in a week of `week_length` days; None: no limit."""
        return None

    @classmethod
    def most_minutes_a_week(cls, person: Staff, config: RuleConfig) -> int | None:
        """The most paid minutes `person` may work in a week; None: no limit."""
        return None

    @classmethod
    def least_minutes_a_week(cls, person: Staff, config: RuleConfig) -> int | None:
        """The fewest paid minutes `person` must work in a week without leave; None: no
        minimum."""
        return None

    @classmethod
    def contracted_minutes_a_week(cls, person: Staff, config: RuleConfig) -> int | None:
        """The paid minutes a week `person`'s contract pays for, the week's target; None: no
        target."""
        return None

    @classmethod
    def most_shifts_a_day(cls, problem: Problem, codes: set[str], config: RuleConfig) -> int | None:
        """The most of the shifts `codes` one person may work on one day; None: no limit."""
        return None

    @classmethod
    def absences(cls, problem: Problem, config: RuleConfig) -> Iterable[tuple[Key, str]]:
        """The (person, day, shift) triples the rule keeps people from because they are away,
        each with why: "leave" or "unavailable"."""
        return ()

    @classmethod
    def default_config(cls) -> RuleConfig:
        return RuleConfig(name=cls.name, hard=cls.hard, weight=cls.weight, params=cls.params)

    @classmethod
    def outweighing(cls, config: RuleConfig) -> int:
        """A cost above what any one violation of this rule costs: pricing a unit of another
        rule at this makes the solver break this rule rather than that one."""
        return config.weight + 1

    @classmethod
    def doc(cls) -> str:
        """The rule in one sentence: the first line of the class docstring."""
        return (cls.__doc__ or "").strip().splitlines()[0]


class BuildContext:
    def __init__(
        self,
        model: cp_model.CpModel,
        problem: Problem,
        works: ShiftVars,
        config: RuleConfig,
        patterns: Mapping[str, ShiftVars] | None = None,
        assumptions: dict[tuple[str, str | None, int | None], cp_model.IntVar] | None = None,
    ) -> None:
        self.model = model
        self.problem = problem
        self.works = works
        self.config = config
        self.patterns = patterns or {}  # rotation group name -> its pattern's variables
        # (rule, person, week) -> literal; only while explaining a conflict (else None)
        self.assumptions = assumptions

    @property
    def explaining(self) -> bool:
        """True while looking for the hard rules that conflict (see `roster.engine.diagnose`)."""
        return self.assumptions is not None

    def _holds(self, staff_id: str | None, day: int | None) -> cp_model.IntVar | None:
        """When explaining, the literal that switches this rule on for one person and week."""
        if self.assumptions is None:
            return None
        key = (self.config.name, staff_id, None if day is None else day // 7)
        if key not in self.assumptions:
            self.assumptions[key] = self.model.new_bool_var(f"holds{key}")
        return self.assumptions[key]

    @property
    def strict(self) -> bool:
        """True when the rule holds outright: hard, and no conflict is being explained."""
        return self.config.hard and not self.explaining

    def forbid(self, triples: Iterable[Key]) -> list[Penalty]:
        """No one works these (person, day, shift) triples: nothing to build while the rule is
        strict (its `forbidden` gave them no variable); else each that has one is held at 0."""
        if self.strict:
            return []
        penalties: list[Penalty] = []
        for staff_id, day, code in triples:
            var = self.works.get(staff_id, day, code)
            if var is not None:
                penalties += self.at_most(var, 0, staff_id=staff_id, day=day)
        return penalties

    def param(self, key: str) -> float:
        return self.config.params[key]

    def at_most(
        self,
        expr: LinearExpr,
        bound: int,
        *,
        staff_id: str | None = None,
        day: int | None = None,
        scale: int = 1,
        unit: int = 1,
    ) -> list[Penalty]:
        """`expr <= bound`: a constraint when hard; when soft, a penalty of `expr - bound`.

        `scale` turns one unit of excess into the rule's unit (e.g. minutes of one slot);
        `unit` counts the excess in larger units, rounded up (60: minutes counted in hours).
        """
        return self._limit(expr - bound, staff_id, day, scale, unit)

    def at_least(
        self,
        expr: LinearExpr,
        bound: int,
        *,
        staff_id: str | None = None,
        day: int | None = None,
        scale: int = 1,
        unit: int = 1,
    ) -> list[Penalty]:
        """`expr >= bound`: a constraint when hard; when soft, a penalty of `bound - expr`
        (`scale` and `unit` as for `at_most`)."""
        return self._limit(bound - expr, staff_id, day, scale, unit)

    def spread(
        self, exprs: Sequence[LinearExpr], limit: int, *, label: str, unit: int = 1
    ) -> list[Penalty]:
        """`max(exprs) - min(exprs) <= limit`: a constraint when hard; when soft, a penalty of the
        spread beyond `limit`.

        `unit` counts the spread in larger units, rounded up (60: minutes counted in hours).
        The most and the fewest are equalities, not bounds, so the penalty is the spread of every
        roster the solver reports, as the checker recomputes it.
        """
        if len(exprs) < 2:
            return []
        bounds = [_bounds(expr) for expr in exprs]
        if max(high for _, high in bounds) - min(low for low, _ in bounds) <= limit * unit:
            return []
        name = f"{self.config.name}[{label}]"
        most = self.model.new_int_var(
            max(low for low, _ in bounds), max(high for _, high in bounds), f"{name}.most"
        )
        fewest = self.model.new_int_var(
            min(low for low, _ in bounds), min(high for _, high in bounds), f"{name}.fewest"
        )
        self.model.add_max_equality(most, exprs)
        self.model.add_min_equality(fewest, exprs)
        if unit == 1:
            return self._limit(most - fewest - limit, None, None, 1)
        units = self._rounded_up(most - fewest, unit, f"{name}.spread")
        return self._limit(units - limit, None, None, 1)

    def _rounded_up(self, expr: LinearExpr, unit: int, name: str) -> cp_model.IntVar:
        """A variable equal to `expr` (never negative) counted in `unit`s, rounded up."""
        top = _bounds(expr)[1]
        units = self.model.new_int_var(0, -(-top // unit), name)
        # units = ceil(expr / unit): the smallest count of units that holds expr
        self.model.add(unit * units >= expr)
        self.model.add(unit * units <= expr + unit - 1)
        return units

    def _limit(
        self,
        excess: LinearExpr,
        staff_id: str | None,
        day: int | None,
        scale: int,
        unit: int = 1,
    ) -> list[Penalty]:
        if self.config.hard:
            # No bounds first: computing them took half of a 1000-person model's build time,
            # and CP-SAT's presolve drops the limits that always hold anyway.
            holds = self._holds(staff_id, day)
            if isinstance(excess, int):  # a constant
                if excess > 0:  # that breaks the rule
                    self.model.add_bool_or([holds.Not()] if holds is not None else [])
            elif holds is not None:
                self.model.add(excess <= 0).only_enforce_if(holds)
            else:
                self.model.add(excess <= 0)
            return []
        from ortools.sat.python import cp_model  # not at the top: the checker never loads it

        if isinstance(excess, cp_model.IntVar) and excess.is_boolean:
            return [self._penalty(excess, staff_id, day, scale)]  # its own size: no variable more
        high = _bounds(excess)[1]
        if high <= 0:
            return []
        name = f"{self.config.name}[{staff_id},{day}]"
        size = self.model.new_int_var(0, high, name)
        # Equality, not just `size >= excess`: the objective then equals the checker's score
        # for every roster the solver reports, not only the optimal one.
        self.model.add_max_equality(size, [excess, 0])
        if unit > 1:
            size = self._rounded_up(size, unit, f"{name}.units")
        return [self._penalty(size, staff_id, day, scale)]

    def _penalty(
        self, size: cp_model.IntVar, staff_id: str | None, day: int | None, scale: int
    ) -> Penalty:
        return Penalty(
            rule=self.config.name,
            var=size,
            weight=self.config.weight * scale,
            staff_id=staff_id,
            day=day,
        )


def _bounds(expr: LinearExpr) -> tuple[int, int]:
    """Lowest and highest value a linear expression of variables and constants can take."""
    from ortools.sat.python import cp_model

    if not isinstance(expr, cp_model.LinearExpr):
        return int(expr), int(expr)
    flat = cp_model.FlatIntExpr(expr)
    low = high = flat.offset
    for var, coef in zip(flat.vars, flat.coeffs, strict=True):
        domain = list(var.proto.domain)  # the proto's repeated field has no negative indexing
        low += min(coef * domain[0], coef * domain[-1])
        high += max(coef * domain[0], coef * domain[-1])
    return low, high

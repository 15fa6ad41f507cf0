"""The decision variables: one boolean per eligible (person, day, shift)."""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from roster.domain import Problem

Key = tuple[str, int, str]  # staff id, day, shift code


class ShiftVars:
    """Owns `works[person, day, shift]`; triples a hard rule forbids get no variable at all.

    A day before the horizon (a negative day, from the problem's history) is a constant: 1 for
    each shift worked that day, no variable for the others.
    """

    def __init__(self, model: cp_model.CpModel, problem: Problem, forbidden: set[Key]) -> None:
        self.problem = problem
        self._model = model
        self._working: dict[tuple[str, int], cp_model.IntVar | int] = {}
        self._both: dict[tuple[str, int, str, str], cp_model.IntVar] = {}
        self._vars: dict[Key, cp_model.IntVar] = {}
        self._past: dict[Key, cp_model.IntVar] = {}  # the history's shifts, each a constant 1
        self._staff = {person.id for person in problem.staff}
        for person in problem.staff:
            for day in problem.days:
                for shift in problem.shifts:
                    key = (person.id, day, shift.code)
                    if key not in forbidden:
                        self._vars[key] = model.new_bool_var(
                            f"works[{person.id},{day},{shift.code}]"
                        )
        if problem.history is not None:
            for a in problem.history.assignments:
                if a.staff_id in self._staff:
                    self._past[(a.staff_id, a.day, a.shift_code)] = model.new_constant(1)

    def get(self, staff_id: str, day: int, code: str) -> cp_model.IntVar | None:
        key = (staff_id, day, code)
        return self._past.get(key) if day < 0 else self._vars.get(key)

    def items(self) -> Iterable[tuple[Key, cp_model.IntVar]]:
        """The decision variables: the horizon's days only."""
        return self._vars.items()

    def on_day(self, staff_id: str, day: int) -> list[tuple[str, cp_model.IntVar]]:
        """The (shift code, variable) pairs a person could work on a day, in shift order."""
        pairs = []
        for shift in self.problem.shifts:
            var = self.get(staff_id, day, shift.code)
            if var is not None:
                pairs.append((shift.code, var))
        return pairs

    def working(self, staff_id: str, day: int) -> cp_model.IntVar | int:
        """1 when the person works any shift that day (0 for a day they cannot work at all)."""
        key = (staff_id, day)
        if key not in self._working:
            day_vars = [var for _, var in self.on_day(staff_id, day)]
            if not day_vars:
                self._working[key] = 0
            elif len(day_vars) == 1:
                self._working[key] = day_vars[0]
            else:
                works = self._model.new_bool_var(f"working[{staff_id},{day}]")
                self._model.add_max_equality(works, day_vars)
                self._working[key] = works
        return self._working[key]

    def both(self, staff_id: str, day: int, first: str, second: str) -> cp_model.IntVar | int:
        """1 when the person works both shifts that day (a double duty); one variable per pair,
        shared by the rules that count double duties and those that bound them."""
        a, b = self.get(staff_id, day, first), self.get(staff_id, day, second)
        if a is None or b is None:
            return 0
        low, high = sorted((first, second))
        key = (staff_id, day, low, high)
        if key not in self._both:
            both = self._model.new_bool_var(f"both[{staff_id},{day},{low},{high}]")
            self._model.add_bool_and([a, b]).only_enforce_if(both)
            self._model.add_bool_or([a.Not(), b.Not(), both])
            self._both[key] = both
        return self._both[key]

    def __len__(self) -> int:
        return len(self._vars)

"""The neighbourhood search (`roster.engine.lns`): it improves rosters the whole search would, every
roster it returns passes the independent checker at the cost it claims, and the same seed and
work limit give the same roster."""

from __future__ import annotations

import dataclasses
import itertools
import random
import types
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from roster.api import load_problem, solve
from roster.check import check
from roster.domain import RuleConfig, SolveSettings
from roster.engine.lns import OPERATORS, Budget, Cells, Search, SubModels
from roster.engine.model import build_model
from roster.engine.solver import Progress, complete, hard_rules_roster, read_roster
from roster.io.curtois import read_curtois
from roster.rulebook import effective_rules
from tests.builder import cover, only_rules, person, problem, roster, shift

TINY = Path(__file__).parent / "data" / "curtois_tiny.txt"
SETTINGS = SolveSettings(time_limit_seconds=10, seed=3, workers=1)


def generated(folder: Path, people: int = 10, days: int = 14, seed: int = 0) -> Path:
    """A random instance in the Curtois format, large enough that no move frees everything."""
    rng = random.Random(seed)
    lines = ["SECTION_HORIZON", str(days), "", "SECTION_SHIFTS", "E,480,", "L,480,E", ""]
    lines.append("SECTION_STAFF")
    for k in range(people):
        lines.append(f"P{k},E={days}|L={days},{days * 400},{days * 200},5,2,2,{days // 7}")
    lines += ["", "SECTION_DAYS_OFF"]
    lines += [f"P{k},{rng.randrange(days)}" for k in range(people)]
    lines += ["", "SECTION_SHIFT_ON_REQUESTS"]
    lines += [
        f"P{rng.randrange(people)},{rng.randrange(days)},E,{rng.randint(1, 3)}" for _ in range(days)
    ]
    lines += ["", "SECTION_SHIFT_OFF_REQUESTS"]
    lines += [
        f"P{rng.randrange(people)},{rng.randrange(days)},L,{rng.randint(1, 3)}" for _ in range(days)
    ]
    lines += ["", "SECTION_COVER"]
    lines += [f"{d},{s},{rng.randint(2, 4)},100,1" for d in range(days) for s in "EL"]
    path = folder / f"generated-{people}x{days}-{seed}.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def optimum(built) -> int:  # type: ignore[no-untyped-def]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 30
    assert solver.solve(built.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


def wishes_problem():  # type: ignore[no-untyped-def]
    """Two people cover one early shift a day for two weeks; P1 wishes the first week off and
    P2 the second: the only cheap rosters give each person one week."""
    from roster.domain import Request

    wishes = [Request(staff_id="P1", day=d, kind="prefer_off", weight=5) for d in range(7)]
    wishes += [Request(staff_id="P2", day=d, kind="prefer_off", weight=5) for d in range(7, 14)]
    return problem(
        shifts=[shift("A", "08:00", "16:00")],
        staff=[person("P1"), person("P2")],
        coverage=[cover("08:00", "16:00", weeks=2)],
        requests=wishes,
        rules=only_rules("one_shift_per_day", "coverage", "preferences"),
        weeks=2,
    )


def search_from(prob, start, *, seed=3, workers=1):  # type: ignore[no-untyped-def]
    built = build_model(prob)
    values = complete(built, start, SETTINGS)
    assert values is not None
    return built, Search(built, values.values, seed=seed, workers=workers)


def judged(prob, built, search):  # type: ignore[no-untyped-def]
    """The search's roster, after the checker found it valid at the search's cost."""
    found = read_roster(built, search)
    report = check(prob, found)
    assert report.valid, [v.message for v in report.hard_violations]
    assert report.score == search.cost
    return found, report


def test_a_roster_against_every_wish_is_moved_to_the_one_that_grants_them() -> None:
    prob = wishes_problem()
    # the worst legal roster: each person works exactly the week they wished off
    worst = roster(*[("P1", d, "A") for d in range(7)], *[("P2", d, "A") for d in range(7, 14)])
    built, search = search_from(prob, worst)
    assert search.cost == 14 * 5 * 10  # preferences weigh 10 a wish unit
    search.run(Budget(work=5.0))
    found, _ = judged(prob, built, search)
    assert search.cost == 0
    assert {(a.staff_id, a.day) for a in found.assignments} == {
        *(("P2", d) for d in range(7)),
        *(("P1", d) for d in range(7, 14)),
    }
    assert search.stats.improving >= 1
    assert search.stats.moves == sum(op.moves for op in search.stats.operators.values())


def test_the_search_reaches_the_proven_optimum_of_a_benchmark_instance() -> None:
    prob = dataclasses.replace(read_curtois(TINY), settings=SETTINGS)
    built = build_model(prob)
    best = optimum(build_model(prob))
    _, first = hard_rules_roster(built, SETTINGS)
    assert first is not None
    start = complete(built, first, SETTINGS)
    assert start is not None and start.objective > best  # something to improve
    search = Search(built, start.values, seed=5, workers=2)
    search.run(Budget(work=20.0), floor=best)
    judged(prob, built, search)
    assert search.cost == best


@pytest.mark.parametrize("workers", [1, 2])
def test_same_seed_and_work_limit_give_the_same_roster(tmp_path: Path, workers: int) -> None:
    instance = generated(tmp_path, people=16, days=28)
    prob = dataclasses.replace(read_curtois(instance), settings=SETTINGS)
    built = build_model(prob)
    _, first = hard_rules_roster(built, SETTINGS)
    assert first is not None
    runs = []
    for _ in range(2):
        built_again, search = search_from(prob, first, seed=11, workers=workers)
        search.run(Budget(work=1.5))
        judged(prob, built_again, search)
        runs.append((read_roster(built_again, search), search.cost, search.stats.moves))
    assert runs[0] == runs[1]
    assert runs[0][2] >= 4 * workers  # several rounds of moves ran, none freeing everything


def test_the_costly_operator_frees_the_person_and_days_where_a_penalty_is() -> None:
    prob = wishes_problem()
    one_broken = roster(
        *[("P2", d, "A") for d in range(7) if d != 3], ("P1", 3, "A"),
        *[("P1", d, "A") for d in range(7, 14)],
    )  # fmt: skip
    _, search = search_from(prob, one_broken)
    assert search.cost == 5 * 10
    p1 = search.cells.row_of["P1"]
    assert [spot[:2] for spot in search.penalised()] == [(p1, 3)]
    freed = OPERATORS["costly"](random.Random(0), 1.0, search)
    assert (p1, 3) in freed
    assert {row for row, _ in freed} == {p1}


def test_for_a_lines_shortfall_the_costly_operator_frees_the_people_the_line_counts() -> None:
    chat = frozenset({"chat"})
    prob = problem(
        shifts=[shift("A", "08:00", "16:00")],
        staff=[person("P1"), person("P2"), person("P3", skills=chat), person("P4", skills=chat)],
        coverage=[cover("08:00", "16:00", 3, skill="chat", days=[0])],
        rules=only_rules(
            "one_shift_per_day",
            skill_coverage=RuleConfig(name="skill_coverage", hard=False, weight=5),
        ),
        weeks=1,
    )
    _, search = search_from(prob, roster(("P3", 0, "A")))
    [(row, day, index)] = search.penalised()  # two chat people short on day 0
    assert (row, day) == (None, 0)
    chatters = {search.cells.row_of["P3"], search.cells.row_of["P4"]}
    assert set(search.rows_near(index)) == chatters
    for seed in range(5):
        freed = OPERATORS["costly"](random.Random(seed), 14.0, search)
        assert {r for r, _ in freed} == chatters
        assert {d for _, d in freed} == {0, 1, 2, 3}


SAMPLES = Path(__file__).parent.parent / "sample_inputs"


@pytest.mark.parametrize("mode", ["plain", "rotating"])
@pytest.mark.parametrize("sample", ["call_center.xlsx", "call_center_team.xlsx"])
def test_every_rule_builds_constraints_a_move_can_be_taken_from(sample: str, mode: str) -> None:
    prob = load_problem(SAMPLES / sample, mode=mode)
    every_rule = tuple(dataclasses.replace(c, enabled=True) for _, c in effective_rules(prob))
    built = build_model(dataclasses.replace(prob, rules=every_rule))
    cells = Cells(built)
    values = [0] * len(built.model.proto.variables)
    sub_models = SubModels(built, cells, values)  # reads every kind of constraint the rules add
    whole, _ = sub_models.model(set(cells.all))
    # freeing every cell keeps every constraint but the constant ones ("0 <= 0")
    assert len(whole.proto.constraints) == sum(1 for read in sub_models.reads if read)
    assert len(whole.proto.constraints) > len(built.model.proto.constraints) * 0.9


def test_a_rotation_groups_pattern_is_freed_with_its_members() -> None:
    prob = load_problem(SAMPLES / "call_center_team.xlsx", mode="rotating")
    built = build_model(prob)
    cells = Cells(built)
    assert cells.pattern_rows, "the team sample rotates"
    search = types.SimpleNamespace(cells=cells)
    for seed in range(10):
        freed = OPERATORS["people"](random.Random(seed), 1.0, search)  # type: ignore[arg-type]
        rows = {row for row, _ in freed}
        for row in rows:
            assert set(cells.together(row)) <= rows
            assert all(cell in freed for r in cells.together(row) for cell in cells.row_cells(r))
    for pattern in cells.pattern_rows:
        assert len(cells.together(pattern)) > 1  # the pattern and its members


def test_a_moves_model_fixes_every_other_cell_and_keeps_the_constraints_on_the_free_part() -> None:
    prob = wishes_problem()
    start = roster(*[("P1", d, "A") for d in range(14)])
    built, search = search_from(prob, start)
    p1, p2 = search.cells.row_of["P1"], search.cells.row_of["P2"]
    freed = {(p1, 2), (p1, 5), (p2, 5)}
    model, free = search.sub_models.model(freed)
    domains = [list(v.domain) for v in model.proto.variables]
    shift_vars = {var.index for _, var in built.works.items()}
    freed_vars = {built.works.get(p, d, "A").index for p, d in (("P1", 2), ("P1", 5), ("P2", 5))}  # type: ignore[union-attr]
    fixed = {i for i, d in enumerate(domains) if d == [search.values[i]] * 2}
    assert shift_vars - freed_vars <= fixed
    assert not freed_vars & fixed and freed_vars <= set(free)
    assert not set(free) & (shift_vars - freed_vars)  # only penalties and counts join them
    kept = len(model.proto.constraints)
    assert 0 < kept < len(built.model.proto.constraints)
    solver = cp_model.CpSolver()
    assert solver.solve(model) == cp_model.OPTIMAL
    moved = read_roster(built, _Values(solver.response_proto.solution))
    # P2 takes day 5, which P1 wished off; day 2 stays P1's, as P2's day 2 is fixed off
    assert moved.assignments ^ start.assignments == {
        a for a in roster(("P1", 5, "A"), ("P2", 5, "A")).assignments
    }


class _Values:
    def __init__(self, values) -> None:  # type: ignore[no-untyped-def]
        self.values = list(values)

    def boolean_value(self, var) -> bool:  # type: ignore[no-untyped-def]
        return bool(self.values[var.index])


def test_a_solve_with_a_work_limit_is_repeatable_and_judged_by_the_checker() -> None:
    prob = dataclasses.replace(read_curtois(TINY), settings=SETTINGS)
    settings = SolveSettings(time_limit_seconds=1, work_limit=2.0, seed=7, workers=2)
    first, second = solve(prob, settings), solve(prob, settings)
    assert first.roster == second.roster
    assert first.report.valid
    assert first.report.score == first.outcome.objective


def test_progress_names_the_phase_at_least_once_a_second(tmp_path: Path) -> None:
    prob = read_curtois(generated(tmp_path, people=24, days=28, seed=2))
    seen: list[Progress] = []
    result = solve(prob, SolveSettings(time_limit_seconds=5, seed=0, workers=2), seen.append)
    assert result.report.valid and result.report.score == result.outcome.objective
    times = [p.elapsed for p in seen]
    assert times[-1] > (3 if result.outcome.status != "optimal" else 0.5)
    assert max(b - a for a, b in itertools.pairwise(times)) < 1.5
    phases = list(dict.fromkeys(p.phase for p in seen))
    assert phases[:2] == ["first roster", "portfolio"]
    if result.outcome.status != "optimal":
        assert phases[-1] == "neighbourhoods"
        assert result.outcome.notes[0].startswith("neighbourhood search: ")

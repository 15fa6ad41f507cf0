"""The independent checker runs where OR-Tools cannot even be imported, and judges a solved
roster exactly as it does with the solver loaded."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

from roster.api import load_problem, solve
from roster.check import check

SAMPLES = Path(__file__).parent.parent / "sample_inputs"

ALONE = textwrap.dedent(
    """
    import json, sys
    sys.modules["ortools"] = None  # any import of OR-Tools now fails
    from roster.check import check
    from roster.domain import Assignment, Roster
    from roster.io.workbook import read_problem
    problem = read_problem(sys.argv[1])
    cells = json.loads(sys.argv[2])
    def worked(part):
        return frozenset(Assignment(staff_id=s, day=d, shift_code=c) for s, d, c in cells[part])
    roster = Roster(assignments=worked("assignments"), pattern=worked("pattern"))
    report = check(problem, roster)
    print(report.score, len(report.violations), report.valid)
    assert not any(name.startswith("ortools") for name in sys.modules if sys.modules[name])
    """
)


def test_checker_needs_no_solver():
    for name in ("call_center.xlsx", "call_center_team.xlsx"):
        problem = load_problem(SAMPLES / name)
        roster = solve(problem).roster  # rotating mode: the pattern is judged too
        assert roster is not None
        with_solver = check(problem, roster)
        cells = {
            part: [(a.staff_id, a.day, a.shift_code) for a in getattr(roster, part)]
            for part in ("assignments", "pattern")
        }
        alone = subprocess.run(
            [sys.executable, "-c", ALONE, str(SAMPLES / name), json.dumps(cells)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert alone.returncode == 0, alone.stderr
        expected = f"{with_solver.score} {len(with_solver.violations)} {with_solver.valid}"
        assert alone.stdout.strip() == expected

"""What the installed project puts on the import path: `roster` alone, its rules included."""

import subprocess
import sys

PROBE = """
import importlib.util, sys
import roster.engine.model, roster.check
from roster.constraints import REGISTRY
print(len(REGISTRY), importlib.util.find_spec("constraints") is None)
"""


def run_in(folder, code):
    return subprocess.run(
        [sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, check=False
    )


def test_a_constraints_module_beside_a_notebook_does_not_shadow_the_rules(tmp_path):
    (tmp_path / "constraints.py").write_text("raise RuntimeError('a user file, not the rules')\n")
    done = run_in(tmp_path, PROBE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[0] == str(len(_registry()))


def test_nothing_but_roster_is_importable_at_top_level(tmp_path):
    done = run_in(tmp_path, PROBE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(_registry())), "True"]


def _registry():
    from roster.constraints import REGISTRY

    return REGISTRY

"""Meta-test: every registered rule has a test file, docstrings, a unique name and a checker."""

import ast
import inspect
import re
import sys
from pathlib import Path

import pytest

from constraints import REGISTRY, RULES_BY_NAME
from roster.check import CHECKS

HERE = Path(__file__).parent
RULES = pytest.mark.parametrize("rule", REGISTRY, ids=lambda rule: rule.__name__)


@RULES
def test_rule_has_a_test_file_with_a_docstring(rule):
    path = HERE / f"test_{rule.name}.py"
    assert path.is_file(), f"no tests for rule {rule.name!r}: write {path.name}"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    assert any(isinstance(n, ast.FunctionDef) and n.name.startswith("test_") for n in tree.body)


@RULES
def test_rule_module_has_a_docstring(rule):
    doc = sys.modules[rule.__module__].__doc__
    assert doc and doc.strip(), f"{rule.__module__} has no module docstring"


@RULES
def test_rule_class_docstring_opens_with_one_sentence(rule):
    doc = inspect.cleandoc(rule.__dict__.get("__doc__") or "")
    assert doc, f"{rule.__name__} has no class docstring"
    first = doc.split("\n\n")[0]
    assert "\n" not in first, f"{rule.__name__}: the summary must be one line, as Rule.doc() reads"
    assert first == rule.doc()
    assert first.endswith("."), f"{rule.__name__}: {first!r} does not end with a full stop"
    assert not re.search(r"[.!?]\s+[A-Z]", first), f"{rule.__name__}: more than one sentence"


@RULES
def test_rule_name_is_a_plain_identifier(rule):
    assert isinstance(rule.__dict__.get("name"), str), f"{rule.__name__} sets no name of its own"
    assert re.fullmatch(r"[a-z][a-z0-9_]*", rule.name)


def test_rule_names_are_unique():
    names = [rule.name for rule in REGISTRY]
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)
    assert set(RULES_BY_NAME) == set(names)


def test_every_rule_has_exactly_one_checker():
    names = {rule.name for rule in REGISTRY}
    assert names - set(CHECKS) == set(), "rules without a checker"
    assert set(CHECKS) - names == set(), "checkers without a rule"
    assert all(callable(checker) for checker in CHECKS.values())


def test_no_stray_rule_test_files():
    names = {rule.name for rule in REGISTRY} | {"registry"}
    files = {p.stem.removeprefix("test_") for p in HERE.glob("test_*.py")}
    assert files - names == set(), "test files for rules that are not registered"

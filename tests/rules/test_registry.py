"""Meta-test: every registered rule has a test file, docstrings, a unique name, and its own check
beside its build that shares no helper with it."""

import ast
import inspect
import re
import sys
from pathlib import Path

import pytest
from roster.constraints import CATEGORIES, REGISTRY, RULES_BY_NAME

import roster
from roster.io import schema
from roster.rule import Rule

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


@RULES
def test_rule_checks_itself_in_its_own_module(rule):
    assert "check" in rule.__dict__, f"{rule.__name__} has no check of its own"
    assert "build" in rule.__dict__, f"{rule.__name__} has no build of its own"
    assert rule.check is not Rule.check


# What a rule's build and its check may both use: the problem, its coverage slots, the rule's own
# constants. Everything else a check reads must be its own, so that it recomputes the rule.
SHARED_FACTS = ("roster.domain", "roster.slots")


@RULES
def test_rule_check_shares_no_helper_with_build(rule):
    module = sys.modules[rule.__module__]
    checked = _helpers(module, rule.__dict__["check"])
    built = set()
    for name, member in rule.__dict__.items():
        if callable(member) and name != "check":
            built |= _helpers(module, member)
    shared = sorted(h.__module__ + "." + h.__qualname__ for h in checked & built)
    assert not shared, f"{rule.__name__}.check and its build both call {shared}"
    solver_side = sorted(
        h.__module__ + "." + h.__qualname__
        for h in checked
        if h.__module__.startswith(
            ("roster.rule", "roster.engine.variables", "roster.engine.model", "ortools")
        )
    )
    assert not solver_side, f"{rule.__name__}.check calls the model's helpers {solver_side}"


def _helpers(module, function, seen=None):
    """The project's functions and classes the body of `function` names, and those that the
    ones of its own module name, leaving out the problem's own types and data."""
    seen = set() if seen is None else seen
    function = inspect.unwrap(getattr(function, "__func__", function))
    definition = ast.parse(inspect.cleandoc("\n" + inspect.getsource(function))).body[0]
    found = set()
    for node in (n for statement in definition.body for n in ast.walk(statement)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            target = getattr(module, node.id, None)
            if not (inspect.isfunction(target) or inspect.isclass(target)):
                continue
            ours = target.__module__.startswith(("roster", "constraints", "ortools"))
            if not ours or target.__module__ in SHARED_FACTS:
                continue
            found.add(target)
            own = target.__module__ == module.__name__ and inspect.isfunction(target)
            if own and target not in seen:
                seen.add(target)
                found |= _helpers(module, target, seen)
    return found


def test_no_stray_rule_test_files():
    names = {rule.name for rule in REGISTRY} | {"registry"}
    files = {p.stem.removeprefix("test_") for p in HERE.glob("test_*.py")}
    assert files - names == set(), "test files for rules that are not registered"


@RULES
def test_rule_says_what_kind_of_rule_it_is(rule):
    assert rule.__dict__.get("category") in CATEGORIES, f"{rule.__name__} sets no known category"


def test_coverage_rules_are_those_a_best_effort_roster_may_leave_short():
    """The CLI labels a coverage rule's violations "Uncovered": they must be shortfalls."""
    coverage = {rule.name for rule in REGISTRY if rule.category == "coverage"}
    assert coverage == {rule.name for rule in REGISTRY if rule.relaxable}


# Where a string equal to a rule name is data, not code that singles out a rule:
# (module under roster/, top-level definition) -> the names it may hold.
NAMES = frozenset(rule.name for rule in REGISTRY)
STAFF_COLUMNS = frozenset(schema.STAFF.headers)
DATA = {
    # The Staff sheet: a person's own limit for a rule is in the column named after the rule.
    ("io/schema.py", "STAFF"): STAFF_COLUMNS,
    # The Rules sheet's help names a rule as the example of its `rule` column.
    ("io/schema.py", "RULES"): frozenset({"min_rest"}),
    # The Diagnostics sheet's label for the rotation patterns' summaries.
    ("present/roster_workbook.py", "_diagnostics_sheet"): frozenset({"rotation"}),
    # The Curtois benchmark's model as rule settings (what a Rules sheet says), and the names its
    # papers give the rules' costs.
    ("io/curtois.py", "HARD_RULES"): NAMES,
    ("io/curtois.py", "SOFT_RULES"): NAMES,
    ("io/curtois.py", "OBJECTIVE_TERMS"): NAMES,
}


def test_no_rule_name_outside_the_rules_but_in_data():
    """Code outside `constraints/` asks the rules (`Rule.serves`, `Rule.most_days_a_week`, ...),
    never singles one out by its name."""
    package = Path(roster.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package).as_posix()
        if module.startswith("constraints/"):
            continue
        for definition, line, name in _rule_names(ast.parse(path.read_text(encoding="utf-8"))):
            if name not in DATA.get((module, definition), ()):
                found.append(f"roster/{module}:{line} ({definition}): {name!r}")
    assert not found, "rule names outside constraints/: " + ", ".join(found)


def test_the_data_allowed_rule_names_are_still_there():
    """Each place of `DATA` still holds a rule name: a stale entry would hide a new one."""
    package = Path(roster.__file__).parent
    held = {
        (module, definition)
        for module, definition in DATA
        for place, _, _ in _rule_names(ast.parse((package / module).read_text(encoding="utf-8")))
        if place == definition
    }
    assert held == set(DATA)


def _rule_names(tree):
    """(top-level definition, line, name) of each string constant that is a rule's name, leaving
    out those compared with a `.category` (a rule's kind: the kind "coverage" is also a rule)."""
    kinds = {
        id(operand)
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and any(
            isinstance(side, ast.Attribute) and side.attr == "category"
            for side in (node.left, *node.comparators)
        )
        for operand in (node.left, *node.comparators)
    }
    for statement in tree.body:
        definition = _defined(statement)
        for node in ast.walk(statement):
            if isinstance(node, ast.Constant) and node.value in NAMES and id(node) not in kinds:
                yield definition, node.lineno, node.value


def _defined(statement):
    """The name a top-level statement defines, or its kind (an import, an expression)."""
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return statement.name
    targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
    if isinstance(targets[0], ast.Name):
        return targets[0].id
    return type(statement).__name__

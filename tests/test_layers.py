"""The package's modules import each other one way: no cycle among their module-level imports
(an import inside a function, or under TYPE_CHECKING, runs later or never and is left out)."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGES = {"roster": ROOT / "roster", "roster.constraints": ROOT / "constraints"}


def modules() -> dict[str, Path]:
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = [package, *path.relative_to(folder).with_suffix("").parts]
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def module_level_imports(name: str, path: Path, known: set[str]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    imported: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([node.module] if node.module else []))
            imported |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return {module for module in imported if module in known and module != name}


def test_no_import_cycle():
    found = modules()
    graph = {name: module_level_imports(name, path, set(found)) for name, path in found.items()}
    assert len(graph) > 50  # every module was read
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as error:
        raise AssertionError(f"modules import each other in a cycle: {error.args[1]}") from None

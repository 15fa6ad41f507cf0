"""The package's modules import each other one way: no cycle among their module-level imports
(an import inside a function, or under TYPE_CHECKING, runs later or never and is left out)."""

import ast
from collections.abc import Iterable
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
    return imports(name, path, known, ast.parse(path.read_text(encoding="utf-8")).body)


def imports(name: str, path: Path, known: set[str], nodes: Iterable[ast.AST]) -> set[str]:
    """The package's modules that the import statements among `nodes` name."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    imported: set[str] = set()
    for node in nodes:
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


# A module may import its own layer and those of a lower level: the core (the problem, the
# rules, the checker) knows nothing of the engine, of files or of presentation; the engine, the
# file formats and the presentation know nothing of each other (but presentation writes with
# io's spreadsheet helpers); the API, then the CLI, come last.
LAYERS = (
    ("core", 0, ("roster", "roster.constraints")),
    ("engine", 1, ("roster.engine",)),
    ("io", 1, ("roster.io",)),
    ("present", 1, ("roster.present",)),
    ("api", 2, ("roster.api",)),
    ("cli", 3, ("roster.cli", "roster.__main__")),
)
LEVEL = {name: level for name, level, _ in LAYERS}
MAY_ALSO_IMPORT = {
    ("present", "io"),
    # `Result.to_excel`, a notebook's one-call export, loads the workbook writer when called
    ("roster.result", "roster.present.roster_workbook"),
}


def layer_of(module: str) -> str:
    """The layer of the longest package prefix that holds `module`."""
    best, found = "", "core"
    for name, _, packages in LAYERS:
        for package in packages:
            if (module == package or module.startswith(package + ".")) and len(package) > len(best):
                best, found = package, name
    return found


def every_import(name: str, path: Path, known: set[str]) -> set[str]:
    """Module-level and function-level imports, leaving out those under TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    return imports(name, path, known, (n for n in ast.walk(tree) if id(n) not in typing_only))


def test_each_layer_imports_only_its_own_and_lower_layers():
    found = modules()
    wrong = []
    for name, path in found.items():
        mine = layer_of(name)
        for imported in every_import(name, path, set(found)):
            theirs = layer_of(imported)
            if theirs == mine or LEVEL[theirs] < LEVEL[mine]:
                continue
            if {(mine, theirs), (name, imported)} & MAY_ALSO_IMPORT:
                continue
            wrong.append(f"{name} ({mine}) imports {imported} ({theirs})")
    assert not wrong, "\n".join(sorted(wrong))

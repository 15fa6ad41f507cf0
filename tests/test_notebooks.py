"""The notebooks run top to bottom on the public API, so they cannot rot."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_the_two_notebooks():
    assert {p.name for p in NOTEBOOKS} == {"coverage.ipynb", "compare_rosters.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom_and_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    charts = [cell for cell in code if "plot." in cell.source]
    assert charts, "a manager's notebook shows pictures"
    for cell in charts:
        shown = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        drawn = cell.source.count("plot.")
        assert len(shown) == drawn, f"{drawn - len(shown)} chart(s) not shown: {cell.source}"
    assert not [o for cell in code for o in cell.outputs if o.output_type == "error"]

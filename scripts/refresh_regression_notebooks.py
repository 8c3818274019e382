"""Re-run the regression notebooks and store their outputs (after an intended change of
behaviour): `.venv/bin/python scripts/refresh_regression_notebooks.py [NOTEBOOK ...]`.
Review the diff before committing it: it is what nbval will hold the kit to."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
REGRESSION = ROOT / "notebooks" / "regression"


def refresh(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    for cell in notebook.cells:
        cell.get("metadata", {}).pop("execution", None)
    nbformat.write(notebook, path)
    print(f"refreshed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    targets = [Path(p) for p in sys.argv[1:]] or sorted(REGRESSION.glob("*.ipynb"))
    for target in targets:
        refresh(target.resolve())

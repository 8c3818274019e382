"""Stored notebook outputs hold no secrets; the app and analyst notebooks are tracked clean
(whatever JupyterLab saved in the working copy), through the nbstripout filter."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from asc_widgets.core.amazon.settings import SANDBOX_CLIENT_SECRET

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NBSTRIPOUT = ROOT / ".venv" / "bin" / "nbstripout"
SECRET_PATTERNS = [
    re.compile(r"Atz[ar]\|"),                      # LWA access / refresh tokens
    re.compile(r"amzn1\.oa2-cs\."),                # LWA client secrets
    re.compile(r"spapi_oauth_code=[^&\s\"']+"),    # authorization codes in URLs
    re.compile(r"\"?(refresh|access)_token\"?\s*[:=]\s*\"?[A-Za-z0-9|]{8,}"),
    re.compile(re.escape(SANDBOX_CLIENT_SECRET)),
]


def outputs_text(path: Path) -> str:
    notebook = json.loads(path.read_text())
    return json.dumps([cell.get("outputs", []) for cell in notebook["cells"]])


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.rglob("*.ipynb")), ids=lambda p: p.name)
def test_no_secret_in_stored_outputs(path):
    text = outputs_text(path)
    assert not [p.pattern for p in SECRET_PATTERNS if p.search(text)]


def test_the_scan_would_catch_a_token():
    leaked = json.dumps([{"text": "token Atzr|IwEBIExample and spapi_oauth_code=ANabc"}])
    assert sum(bool(p.search(leaked)) for p in SECRET_PATTERNS) == 2


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def tracked_notebooks() -> dict[Path, str]:
    """Each tracked notebook as git holds it (the index: what a commit stores), not as the
    working copy has it after an analyst ran it."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    return {ROOT / name: _git("show", f":{name}")
            for name in _git("ls-files", "notebooks").splitlines() if name.endswith(".ipynb")}


def code_cells(text: str) -> list[dict]:
    return [c for c in json.loads(text)["cells"] if c["cell_type"] == "code"]


def test_regression_notebooks_are_tracked_with_outputs_and_others_without():
    notebooks = tracked_notebooks()
    assert {p.name for p in notebooks} >= {"02_add_stores.ipynb", "01_store_validation.ipynb"}
    for path, text in notebooks.items():
        cells = code_cells(text)
        with_output = sum(bool(c.get("outputs")) for c in cells)
        if path.parent.name == "regression":
            assert with_output >= len(cells) // 2, path.name  # compared by nbval
        else:
            assert with_output == 0, f"{path.name} is tracked with outputs"
            assert all(c.get("execution_count") is None for c in cells), path.name


def test_git_routes_analyst_notebooks_through_the_output_filter():
    tracked_notebooks()  # skips outside a git checkout
    for path in NOTEBOOKS.glob("*.ipynb"):
        assert _git("check-attr", "filter", "--", str(path.relative_to(ROOT))).endswith(
            "filter: nbstripout\n"), path.name
    for path in (NOTEBOOKS / "regression").glob("*.ipynb"):
        assert _git("check-attr", "filter", "--", str(path.relative_to(ROOT))).endswith(
            "filter: unspecified\n"), path.name


def test_the_filter_strips_what_jupyterlab_saved_and_keeps_cell_ids(tmp_path):
    """`make notebook-filter`'s git settings and the project's .gitattributes, in a scratch
    repository: a notebook as JupyterLab's autosave leaves it is staged without outputs or
    counts, its sources and cell ids kept; a regression notebook keeps its outputs."""
    if not NBSTRIPOUT.exists() or shutil.which("make") is None:
        pytest.skip("needs .venv/bin/nbstripout (make .venv/.installed) and make")
    printed = subprocess.run(["make", "-s", "-n", "notebook-filter"], cwd=ROOT, text=True,
                             capture_output=True, check=True).stdout
    settings = [line for line in printed.splitlines() if line.startswith("git config ")]
    assert len(settings) == 3
    repo = tmp_path / "repo"
    (repo / "notebooks" / "regression").mkdir(parents=True)
    # Only the scratch repository is configured, whatever GIT_DIR says.
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE")}
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    for line in settings:
        subprocess.run(line, shell=True, cwd=repo, check=True, env=env)
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")

    saved = json.loads((NOTEBOOKS / "02_add_stores.ipynb").read_text())
    for cell in saved["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "ran\n"}]
            cell["execution_count"] = 3
    for name in ("notebooks/02_add_stores.ipynb", "notebooks/regression/kept.ipynb"):
        (repo / name).write_text(json.dumps(saved, indent=1))
    subprocess.run(["git", "add", "."], cwd=repo, check=True, env=env)

    def staged(name: str) -> dict:
        return json.loads(subprocess.run(["git", "show", f":{name}"], cwd=repo, text=True,
                                         capture_output=True, check=True, env=env).stdout)

    stripped = staged("notebooks/02_add_stores.ipynb")
    cells = [c for c in stripped["cells"] if c["cell_type"] == "code"]
    assert cells and all(not c["outputs"] and c["execution_count"] is None for c in cells)
    assert [c["id"] for c in stripped["cells"]] == [c["id"] for c in saved["cells"]]
    assert [c["source"] for c in stripped["cells"]] == [c["source"] for c in saved["cells"]]
    kept = staged("notebooks/regression/kept.ipynb")
    assert all(c["outputs"] for c in kept["cells"] if c["cell_type"] == "code")

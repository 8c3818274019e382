"""Stored notebook outputs hold no secrets; the app and analyst notebooks are stored clean."""

import json
import re
from pathlib import Path

import pytest

from asc_widgets.core.amazon.settings import SANDBOX_CLIENT_SECRET

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
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


def test_regression_notebooks_are_stored_with_outputs_and_others_without():
    for path in NOTEBOOKS.rglob("*.ipynb"):
        cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
        with_output = sum(bool(c.get("outputs")) for c in cells)
        if path.parent.name == "regression":
            assert with_output >= len(cells) // 2, path.name  # compared by nbval
        else:
            assert with_output == 0, f"{path.name} is stored with outputs"

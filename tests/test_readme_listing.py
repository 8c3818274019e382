"""The README's listing example runs as printed: rule, preview, sandbox match, save, export."""

import ast
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_listing_example_runs(tmp_path):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    [example] = [b for b in blocks if "kit.listing" in b]
    env = {"ASC_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "ASC_USER": "analyst",
           "ASC_APP_URL": "http://127.0.0.1:9/"}
    result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "[]"
    counts = ast.literal_eval(lines[1])
    assert counts["ineligible"] == counts["eligible"] == 0 and counts["new"] > 0
    assert ast.literal_eval(lines[2]) == ["Product ID", "Name", "Type", "Attribute Set", "SKU",
                                          "Visibility", "Status"]
    assert any("codes checked" in line for line in lines)
    outcomes = ast.literal_eval(lines[-2])
    assert sum(outcomes.values()) > 0 and outcomes["matched"] > 0
    assert (tmp_path / "exports" / "listing_preview.xlsx").exists()
    assert "Atz" not in result.stdout + result.stderr

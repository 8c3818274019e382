"""The README's core example runs as printed (an analyst will paste it into a notebook)."""

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_core_example_runs(tmp_path):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    assert blocks, "README has no python example"
    example = blocks[0]
    env = {"ASC_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "ASC_USER": "analyst"}
    result = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "['base', 'us_store', 'uk_store']" in result.stdout
    assert (tmp_path / "home" / "registry.sqlite3").exists()


def test_settings_default_home_is_the_checkouts_data_folder(monkeypatch, tmp_path):
    from asc_widgets.core import Settings

    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env({})
    assert settings.home == README.parent / ".asc-data"
    assert settings.database_url == f"sqlite:///{README.parent / '.asc-data' / 'registry.sqlite3'}"
    assert Settings.from_env({"ASC_HOME": "x"}).home == tmp_path / "x"


"""environment.yml and pyproject.toml list the same runtime dependencies; all are pinned."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(spec: str) -> str:
    return re.split(r"[<>=!~;\[ ]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_environment_yml_matches_pyproject_runtime_dependencies():
    runtime = {_name(d) for d in pyproject()["project"]["dependencies"]}
    conda = set()
    text = (ROOT / "environment.yml").read_text().split("\ndependencies:", 1)[1]
    for line in text.splitlines():
        match = re.match(r"^\s+-\s+([A-Za-z0-9_.\-]+)", line)
        if match and match.group(1) not in ("python", "pip"):
            conda.add(_name(match.group(1)))
    assert conda == runtime


def test_every_dependency_is_pinned_in_constraints():
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_name(name)] = version
    project = pyproject()["project"]
    wanted = {_name(d) for d in project["dependencies"]}
    wanted |= {_name(d) for d in project["optional-dependencies"]["test"]}
    assert not wanted - set(pins), f"unpinned: {sorted(wanted - set(pins))}"
    assert all(re.match(r"^\d", v) for v in pins.values())

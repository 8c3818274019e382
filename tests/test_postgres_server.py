"""Where PostgreSQL cannot run, its tests fail saying why: never skipped, never passed."""

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def test_without_postgresql_the_backend_tests_fail_and_say_why(tmp_path):
    (tmp_path / "test_needs_postgres.py").write_text(
        "import pytest\n\n"
        "pytestmark = pytest.mark.both_backends\n\n"
        "@pytest.fixture\n"
        "def database_url(request, tmp_path):\n"
        "    if request.param == 'postgresql':\n"
        "        return request.getfixturevalue('postgresql_url')\n"
        "    return f'sqlite:///{tmp_path}/r.sqlite3'\n\n"
        "def test_registry(database_url):\n"
        "    assert database_url\n")
    env = {**os.environ, "ASC_TEST_PG_BIN": str(tmp_path / "no-postgres-here"),
           "PYTHONPATH": str(TESTS)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "postgres_server", "-q", "-rA",
         "-p", "no:cacheprovider", str(tmp_path / "test_needs_postgres.py")],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout
    assert "1 passed, 1 error" in result.stdout  # SQLite ran; PostgreSQL failed, not skipped
    assert "skipped" not in result.stdout
    assert "PostgreSQL is not installed" in result.stdout
    assert "apt-get install -y postgresql" in result.stdout

"""Refresh the README's screenshots (docs/screenshots/) on purpose: run the browser tests with
their screenshots pointed there, `.venv/bin/python scripts/refresh_screenshots.py`. The browser
tests otherwise write them to test-artifacts/screenshots/. Review the images before committing."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"

if __name__ == "__main__":
    env = {**os.environ, "ASC_SCREENSHOT_DIR": str(SCREENSHOTS),
           "ASC_HOME": tempfile.mkdtemp(prefix="asc-screenshots-")}
    command = [sys.executable, "-m", "pytest", "tests/browser", "-q", *sys.argv[1:]]
    sys.exit(subprocess.call(command, cwd=ROOT, env=env))

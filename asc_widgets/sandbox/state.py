"""The sandbox's state in one JSON file: read-modify-write under a lock, written atomically.

A thread lock serialises the threads of one process (the server thread and a test's control
calls); an flock on a side file serialises processes sharing the file. Each write goes to a
temporary file in the same folder, is fsynced, then renamed over the old one, so a crash
never leaves half a file. Codes and tokens are stored as SHA-256 hashes only.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the thread lock alone
    fcntl = None

STATE_VERSION = 1

log = logging.getLogger(__name__)


def empty_state() -> dict[str, Any]:
    return {
        "version": STATE_VERSION,
        "clock_offset": 0.0,  # seconds added to the base clock (advance)
        "flows": {},  # consent page sessions by flow id
        "codes": {},  # sha256(code) -> grant
        "refresh_tokens": {},  # sha256(token) -> grant
        "access_tokens": {},  # sha256(token) -> {refresh, expires_at}
        "faults": [],  # queued failures: {kind, target, remaining, delay}
        "calls": {},  # request counts by endpoint
        "buckets": {},  # Sellers API rate limit per seller and region
        "client_secret": None,  # set by a rotation; None: the configured one
        "app_blocked": False,  # unauthorized_client on every token request
    }


class StateStore:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock = threading.RLock()
        self.path.parent.mkdir(parents=True, exist_ok=True)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        with self._lock:
            if fcntl is None:
                yield
                return
            fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return empty_state()
        except ValueError:  # edited by hand or damaged: keep it aside, start afresh
            aside = self.path.with_name(self.path.name + ".damaged")
            os.replace(self.path, aside)
            log.warning("sandbox state %s was not valid JSON: moved to %s, starting afresh",
                        self.path, aside)
            return empty_state()
        if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
            return empty_state()
        base = empty_state()
        base.update(data)
        return base

    def _write(self, data: dict[str, Any]) -> None:
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp",
                                   dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    @contextlib.contextmanager
    def transaction(self) -> Iterator[dict[str, Any]]:
        """Yield the state to change; it is written back when the block ends without error."""
        with self._locked():
            data = self._read()
            yield data
            self._write(data)

    def read(self) -> dict[str, Any]:
        with self._locked():
            return self._read()

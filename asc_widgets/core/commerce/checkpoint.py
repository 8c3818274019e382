"""A catalog sync's checkpoint (what a full sync has written so far, to continue there) and
its lock (one sync of a snapshot at a time, across kernels)."""

from __future__ import annotations

import contextlib
import fcntl
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from asc_widgets.core.commerce.errors import CatalogSyncError
from asc_widgets.core.commerce.snapshot import write_json_atomically

CHECKPOINT_NAME = "checkpoint.json"


def load_checkpoint(sync_folder: Path) -> dict[str, Any] | None:
    """The checkpoint in sync_folder, or None when there is none, it is unreadable or one of
    its part files is missing."""
    try:
        checkpoint = json.loads((sync_folder / CHECKPOINT_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    parts_present = all((sync_folder / p).is_file() for p in checkpoint.get("parts", []))
    return checkpoint if isinstance(checkpoint, dict) and parts_present else None


def save_checkpoint(sync_folder: Path, checkpoint: dict[str, Any]) -> None:
    write_json_atomically(sync_folder / CHECKPOINT_NAME, checkpoint)


@contextlib.contextmanager
def sync_lock(folder: Path) -> Iterator[None]:
    """Hold folder's sync lock; CatalogSyncError at once when another sync holds it."""
    path = folder / "sync.lock"
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise CatalogSyncError("sync.error.busy", path=str(path)) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

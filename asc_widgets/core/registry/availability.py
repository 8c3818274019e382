"""When the registry cannot be reached: its folder missing, read-only or full, or another
writer holding it. Raw OS and database errors become one error that says which folder (or
database) and what to do, in the person's language."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from asc_widgets.core.errors import AscError


class RegistryUnavailable(AscError, RuntimeError):
    """The registry cannot be opened or written; message(lang) names the place and the fix."""

    key = "registry.error.cannot_open"


class RegistryBusy(RegistryUnavailable):
    """Another process held the registry's write lock longer than the busy timeout."""

    def __init__(self, place: str):
        super().__init__("registry.error.busy", place=place)


def registry_place(database_url: str) -> str:
    """What to name to the person: the SQLite file's folder, else the database URL without
    its password."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = url.database.removeprefix("file:").split("?")[0]  # a URI filename, too
        return str(Path(path).expanduser().resolve().parent)
    return url.render_as_string(hide_password=True)


# SQLite's own words for each condition (the sqlite3 module gives no error codes before 3.11's
# sqlite_errorcode, and other databases word them similarly).
_DATABASE_REASONS = (
    (("locked", "busy"), "registry.error.busy"),
    (("readonly", "read-only", "read only"), "registry.error.read_only"),
    (("full", "no space"), "registry.error.full"),
)
_OS_REASONS = {
    errno.EACCES: "registry.error.read_only",
    errno.EPERM: "registry.error.read_only",
    errno.EROFS: "registry.error.read_only",
    errno.ENOSPC: "registry.error.full",
    errno.EDQUOT: "registry.error.full",
    errno.EEXIST: "registry.error.not_a_folder",
    errno.ENOTDIR: "registry.error.not_a_folder",
}


def unavailable(error: BaseException, place: str) -> RegistryUnavailable | None:
    """The RegistryUnavailable for a raw error, or None when it is not about availability."""
    if isinstance(error, OperationalError):
        text = str(error.orig).lower()
        for words, key in _DATABASE_REASONS:
            if any(word in text for word in words):
                return RegistryBusy(place) if key == "registry.error.busy" else \
                    RegistryUnavailable(key, place=place)
        if "unable to open" in text or "could not connect" in text or "connection" in text:
            return RegistryUnavailable("registry.error.cannot_open", place=place)
        return None
    if isinstance(error, OSError):
        key = _OS_REASONS.get(error.errno or 0, "registry.error.cannot_open")
        return RegistryUnavailable(key, place=place)
    return None


@contextmanager
def reporting_unavailability(place: str) -> Iterator[None]:
    """Raise RegistryUnavailable instead of a raw OS/database error about availability."""
    try:
        yield
    except (OperationalError, OSError) as exc:
        clear = unavailable(exc, place)
        if clear is None:
            raise
        raise clear from exc

"""Database trouble as messages a person can act on, naming the host and database (never the
password), instead of a driver's exception."""

from __future__ import annotations

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from asc_widgets.core.errors import AscError
from asc_widgets.core.registry.availability import RegistryBusy, RegistryUnavailable

__all__ = ["ConcurrentChange", "RegistryBusy", "RegistryUnavailable", "translate",
           "violated_constraint"]

# PostgreSQL SQLSTATEs of a write that lost to a concurrent one and can simply be tried again:
# serialization_failure, deadlock_detected.
_CONCURRENT_SQLSTATES = {"40001", "40P01"}
# Failures to connect carry no SQLSTATE: libpq's words tell them apart.
_CONNECTION_REASONS = (
    (("authentication failed",), "auth"),
    (("no password supplied",), "auth"),
    (("role \"", "does not exist"), "auth"),
    (("database \"", "does not exist"), "database_missing"),
    (("connection refused",), "down"),
    (("timeout expired",), "down"),
    (("failed to resolve host",), "host_unknown"),
    (("could not translate host name",), "host_unknown"),
)


def _host(url: URL) -> str:
    host = url.host or "localhost"
    return f"{host}:{url.port}" if url.port else host


def unreachable(reason: str, url: URL, detail: str = "") -> RegistryUnavailable:
    """The database server cannot be reached or refused us (reason: down, auth, ...)."""
    return RegistryUnavailable(f"error.registry_{reason}", database=url.database or "?",
                               host=_host(url), detail=detail)


class ConcurrentChange(AscError):
    """PostgreSQL refused a write that overlapped another person's; nothing was saved."""

    key = "error.registry_concurrent"

    def __init__(self, url: URL):
        self.database, self.host = url.database or "?", _host(url)
        super().__init__(None, database=self.database, host=self.host)


def translate(exc: DBAPIError, url: URL, *, writing: bool) -> Exception | None:
    """The person-facing exception for a driver error, or None to let it through."""
    if isinstance(exc, IntegrityError):
        return None  # the registry turns these into the fields' messages itself
    if getattr(exc.orig, "sqlstate", None) in _CONCURRENT_SQLSTATES:
        return ConcurrentChange(url)
    if exc.connection_invalidated:
        return unreachable("dropped_write" if writing else "dropped", url)
    if url.get_backend_name() == "sqlite":
        return None
    text = str(exc.orig).lower()
    if not any(words in text for words in ("connection failed", "connection to server",
                                           "failed to resolve host")):
        return None  # not a failure to connect: let it through as it is
    reason = next((reason for words, reason in _CONNECTION_REASONS
                   if all(word in text for word in words)), None)
    if reason is None:  # the server's own words (e.g. too many clients); never a password
        return unreachable("refused", url, detail=text.rsplit("fatal:", 1)[-1].strip())
    return unreachable(reason, url)


def violated_constraint(exc: IntegrityError) -> str:
    """The violated constraint's name and the driver's words, lower-cased, to match on."""
    diag = getattr(exc.orig, "diag", None)
    name = getattr(diag, "constraint_name", None) or ""
    return f"{name} {exc.orig}".lower()

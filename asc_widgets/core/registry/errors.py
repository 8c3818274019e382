"""Database trouble as messages a person can act on, naming the host and database (never the
password), instead of a driver's exception."""

from __future__ import annotations

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError

from asc_widgets.core.i18n import t

# PostgreSQL SQLSTATEs of a write that lost to a concurrent one and can simply be tried again.
_CONCURRENT_SQLSTATES = {"40001": "serialization_failure", "40P01": "deadlock_detected"}
# Connection failures carry no SQLSTATE: libpq's words tell them apart.
_CONNECTION_REASONS = (
    ("password authentication failed", "auth"),
    ("authentication failed", "auth"),
    ("no password supplied", "auth"),
    ("does not exist", "database_missing"),
    ("connection refused", "down"),
    ("could not connect", "down"),
    ("timeout expired", "down"),
    ("could not translate host name", "host_unknown"),
    ("name or service not known", "host_unknown"),
)


def _host(url: URL) -> str:
    host = url.host or "localhost"
    return f"{host}:{url.port}" if url.port else host


class RegistryUnavailable(Exception):
    """The registry database cannot be reached or refused us."""

    def __init__(self, reason: str, url: URL):
        self.reason, self.database, self.host = reason, url.database or "?", _host(url)
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t(f"error.registry_{self.reason}", lang, database=self.database, host=self.host)


class ConcurrentChange(Exception):
    """PostgreSQL refused a write that overlapped another person's; nothing was saved."""

    def __init__(self, url: URL):
        self.database, self.host = url.database or "?", _host(url)
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t("error.registry_concurrent", lang, database=self.database, host=self.host)


def translate(exc: DBAPIError, url: URL, *, writing: bool) -> Exception | None:
    """The person-facing exception for a driver error, or None to let it through."""
    if isinstance(exc, IntegrityError):
        return None  # the registry turns these into the fields' messages itself
    if getattr(exc.orig, "sqlstate", None) in _CONCURRENT_SQLSTATES:
        return ConcurrentChange(url)
    if exc.connection_invalidated:
        return RegistryUnavailable("dropped_write" if writing else "dropped", url)
    if url.get_backend_name() == "sqlite":
        return None
    text = str(exc.orig).lower()
    for words, reason in _CONNECTION_REASONS:
        if words in text:
            if reason == "database_missing" and "database" not in text:
                continue
            return RegistryUnavailable(reason, url)
    return None


def violated_constraint(exc: IntegrityError) -> str:
    """The violated constraint's name and the driver's words, lower-cased, to match on."""
    diag = getattr(exc.orig, "diag", None)
    name = getattr(diag, "constraint_name", None) or ""
    return f"{name} {exc.orig}".lower()

"""Time in one place: timezone-aware UTC everywhere, and a clock tests can fix or move."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utc_now() -> datetime:
    return datetime.now(UTC)


def ensure_utc(value: datetime) -> datetime:
    """Naive datetimes are taken as UTC (SQLite hands them back naive)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class Clock:
    """The system clock. Everything that needs 'now' takes a Clock so tests can fix time."""

    def now(self) -> datetime:
        return utc_now()


class FixedClock(Clock):
    """A clock that stands still until moved: for tests and regression notebooks."""

    def __init__(self, at: datetime | str):
        self._now = ensure_utc(datetime.fromisoformat(at) if isinstance(at, str) else at)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now

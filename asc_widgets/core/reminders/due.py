"""Which reminders are due: pure functions of a store, its latest check and the time.

Each reminder has an occasion key that names it for good (the threshold and the authorization
or problem it is about), so the ledger can send it once: a renewed authorization has new keys
and is reminded again a year later; a second revocation after reconnecting is a new occasion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from asc_widgets.core.lifecycle import StoreStatus, days_left
from asc_widgets.core.registry.checks import StoreCheck
from asc_widgets.core.stores import Store

EXPIRY_THRESHOLDS = (1, 7, 30)  # days before the authorization (or secret) lapses
SECRET_ROTATION = timedelta(days=180)
PROBLEM_KINDS = ("revoked", "expired", "failing")
APP_SUBJECT = "app"


@dataclass(frozen=True)
class Reminder:
    subject: str  # "store:<id>" or "app"
    store_id: int | None
    kind: str  # expiring, expired, revoked, failing, recovered, secret_expiring, secret_expired
    occasion: str
    params: dict = field(default_factory=dict)

    @property
    def is_problem(self) -> bool:
        return self.kind in PROBLEM_KINDS


def store_subject(store_id: int) -> str:
    return f"store:{store_id}"


def threshold_for(days: int) -> int | None:
    """The tightest threshold reached: 30 days ahead, then 7, then 1 (a run that skipped
    days sends the most urgent one only)."""
    return next((d for d in EXPIRY_THRESHOLDS if 0 < days <= d), None)


def store_reminders(store: Store, check: StoreCheck | None, now: datetime, *,
                    failures_before_reminder: int = 3) -> list[Reminder]:
    """What to tell about one store now, after its check (check may be None: never checked)."""
    if store.seller_id is None or store.authorized_at is None:
        return []
    subject = store_subject(store.id)
    authorization = store.authorized_at.isoformat()
    base = {"name": store.name, "marketplace": store.marketplace,
            "expires": store.expires_at.date().isoformat() if store.expires_at else ""}
    expired = store.expires_at is not None and store.expires_at <= now
    if store.status is StoreStatus.REVOKED:
        kind = "expired" if expired else "revoked"
        return [Reminder(subject, store.id, kind, f"{kind}@{authorization}", base)]
    found: list[Reminder] = []
    if expired:
        found.append(Reminder(subject, store.id, "expired", f"expired@{authorization}", base))
    elif (days := days_left(store.expires_at, now)) is not None and \
            (threshold := threshold_for(days)) is not None:
        found.append(Reminder(subject, store.id, "expiring",
                              f"expiring_{threshold}@{authorization}", {**base, "days": days}))
    if check is None:
        return found
    if check.failures_in_row >= failures_before_reminder and check.failing_since:
        found.append(Reminder(subject, store.id, "failing",
                              f"failing@{check.failing_since.isoformat()}",
                              {**base, "count": check.failures_in_row,
                               "since": check.failing_since.date().isoformat(),
                               "problem_key": check.error_key or "amazon.error.unexpected"}))
    elif check.result == "ok" and check.problem:
        found.append(Reminder(subject, store.id, "recovered", f"recovered@{check.problem}",
                              {**base, "status": store.status.value}))
    return found


def secret_reminders(set_on: date | None, today: date) -> list[Reminder]:
    """The LWA client secret's 180-day rotation, when its set-up date is configured."""
    if set_on is None:
        return []
    due = set_on + SECRET_ROTATION
    params = {"set_on": set_on.isoformat(), "due": due.isoformat()}
    days = (due - today).days
    if days <= 0:
        return [Reminder(APP_SUBJECT, None, "secret_expired", f"secret_expired@{set_on}",
                         params)]
    threshold = threshold_for(days)
    if threshold is None:
        return []
    return [Reminder(APP_SUBJECT, None, "secret_expiring",
                     f"secret_expiring_{threshold}@{set_on}", {**params, "days": days})]

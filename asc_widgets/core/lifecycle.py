"""Store lifecycle: the statuses and every allowed transition, in one table.

A store is created not connected; connecting makes it active; staff can pause (deactivate) and
activate it; a refresh refused by Amazon marks it revoked; other failures mark it error;
disconnecting forgets the authorization. Expiry (expiring within 30 days, expired) is not a
status but derived from the authorization dates, see authorization_state().
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from asc_widgets.core.errors import AscError
from asc_widgets.core.i18n import t

RENEWAL_WARNING = timedelta(days=30)
AUTHORIZATION_LIFETIME = timedelta(days=365)


class _Labelled(StrEnum):
    def label(self, lang: str = "en") -> str:
        return t(f"status.{self.value}", lang)


class StoreStatus(_Labelled):
    NOT_CONNECTED = "not_connected"
    ACTIVE = "active"
    INACTIVE = "inactive"
    REVOKED = "revoked"
    ERROR = "error"


class AuthState(_Labelled):
    """The store's status as the authorization shows it: expiry splits active in three."""

    NOT_CONNECTED = StoreStatus.NOT_CONNECTED.value
    ACTIVE = StoreStatus.ACTIVE.value
    EXPIRING = "expiring"
    EXPIRED = "expired"
    REVOKED = StoreStatus.REVOKED.value
    ERROR = StoreStatus.ERROR.value


S = StoreStatus
# action -> {from status: to status}; anything not listed is refused.
TRANSITIONS: dict[str, dict[StoreStatus, StoreStatus]] = {
    "connect": {S.NOT_CONNECTED: S.ACTIVE, S.REVOKED: S.ACTIVE, S.ERROR: S.ACTIVE},
    "renew": {S.ACTIVE: S.ACTIVE, S.INACTIVE: S.INACTIVE, S.REVOKED: S.ACTIVE, S.ERROR: S.ACTIVE},
    "deactivate": {S.ACTIVE: S.INACTIVE},
    "activate": {S.INACTIVE: S.ACTIVE},
    "revoke": {S.ACTIVE: S.REVOKED, S.INACTIVE: S.REVOKED, S.ERROR: S.REVOKED},
    "fail": {S.ACTIVE: S.ERROR, S.INACTIVE: S.ERROR},
    "restore": {S.ERROR: S.ACTIVE},
    "disconnect": {S.ACTIVE: S.NOT_CONNECTED, S.INACTIVE: S.NOT_CONNECTED,
                   S.REVOKED: S.NOT_CONNECTED, S.ERROR: S.NOT_CONNECTED},
}

# Stores holding an authorization that Connector.check can verify (an errored one returns to
# active when it passes; a revoked one needs a new consent), and those working normally.
CHECKABLE = (S.ACTIVE, S.INACTIVE, S.ERROR)
HEALTHY = (S.ACTIVE, S.INACTIVE)

# The event each action writes to the store's history.
ACTION_EVENTS = {
    "connect": "connected", "renew": "renewed", "deactivate": "paused", "activate": "activated",
    "revoke": "revoked", "fail": "failed", "restore": "restored",
    "disconnect": "disconnected",
}
# Every kind of event a store's history holds (labels: event.<kind>).
EVENT_KINDS = ("created", "edited", *ACTION_EVENTS.values(), "deleted")


def is_connected(status: StoreStatus) -> bool:
    """The store has been through Seller Central's consent (whatever happened since)."""
    return status is not StoreStatus.NOT_CONNECTED


def is_healthy(status: StoreStatus) -> bool:
    """Connected and working normally: connecting again is a renewal."""
    return status in HEALTHY


def can_check(status: StoreStatus) -> bool:
    """Holds an authorization that a check with Amazon can verify."""
    return status in CHECKABLE


def event_label(kind: str, lang: str = "en") -> str:
    """The history's name for an event kind (an unknown kind shows as it is)."""
    return t(f"event.{kind}", lang) if kind in EVENT_KINDS else kind


class TransitionError(AscError):
    """An action that the store's current status does not allow."""

    key = "error.transition"

    def __init__(self, store_name: str, action: str, status: StoreStatus):
        self.store_name, self.action, self.status = store_name, action, status
        super().__init__(None, name=store_name, action_key=f"action.{action}",
                         status_key=f"status.{status.value}")


def allowed_actions(status: StoreStatus) -> list[str]:
    return [action for action, moves in TRANSITIONS.items() if status in moves]


def next_status(store_name: str, status: StoreStatus, action: str) -> StoreStatus:
    moves = TRANSITIONS.get(action)
    if moves is None:
        raise ValueError(f"unknown store action {action!r}; known: {', '.join(TRANSITIONS)}")
    if status not in moves:
        raise TransitionError(store_name, action, status)
    return moves[status]


def authorization_state(status: StoreStatus, expires_at: datetime | None,
                        now: datetime) -> AuthState:
    """The authorization's state as the status table and the cards show it."""
    if status is StoreStatus.REVOKED:
        return AuthState.REVOKED
    if status is StoreStatus.ERROR:
        return AuthState.ERROR
    if status is StoreStatus.NOT_CONNECTED or expires_at is None:
        return AuthState.NOT_CONNECTED
    if expires_at <= now:
        return AuthState.EXPIRED
    if expires_at - now <= RENEWAL_WARNING:
        return AuthState.EXPIRING
    return AuthState.ACTIVE


# Authorization states in which the card offers Renew authorization.
RENEWAL_STATES = (AuthState.EXPIRING, AuthState.EXPIRED, AuthState.REVOKED)


def offers_renewal(state: AuthState) -> bool:
    """Expiring, expired or revoked: the person is asked to renew."""
    return state in RENEWAL_STATES


def days_left(expires_at: datetime | None, now: datetime) -> int | None:
    """Days until expiry, a started day counting as a day (365 right after authorizing, 0 on
    the day it lapses, negative after), or None when not authorized."""
    if expires_at is None:
        return None
    return -((now - expires_at) // timedelta(days=1))

"""The store registry (SQLite by default, any SQLAlchemy URL for a team database)."""

from asc_widgets.core.registry.checks import CheckLog, CheckRun, LedgerEntry, StoreCheck
from asc_widgets.core.registry.errors import ConcurrentChange, RegistryBusy, RegistryUnavailable
from asc_widgets.core.registry.repository import (
    AuthStateError,
    BatchValidationError,
    ChecklistTick,
    Event,
    PendingAuthorization,
    Registry,
    SellerAlreadyConnected,
    StoreNotFound,
)
from asc_widgets.core.registry.schema import LATEST_VERSION

__all__ = ["LATEST_VERSION", "AuthStateError", "BatchValidationError", "CheckLog", "CheckRun",
           "ChecklistTick", "ConcurrentChange", "Event", "LedgerEntry", "PendingAuthorization",
           "Registry", "RegistryBusy", "RegistryUnavailable", "SellerAlreadyConnected",
           "StoreCheck", "StoreNotFound"]

"""The store registry (SQLite by default, any SQLAlchemy URL for a team database)."""

from asc_widgets.core.registry.errors import ConcurrentChange, RegistryUnavailable
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

__all__ = ["LATEST_VERSION", "AuthStateError", "BatchValidationError", "ChecklistTick",
           "ConcurrentChange", "Event", "PendingAuthorization", "Registry",
           "RegistryUnavailable", "SellerAlreadyConnected", "StoreNotFound"]

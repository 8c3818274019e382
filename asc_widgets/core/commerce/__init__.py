"""The Adobe Commerce REST catalog: a read-only client, the CatalogSource built on it, and
the local snapshot of its products that the app and notebooks read (SnapshotCatalog).

    from asc_widgets.core.commerce import SnapshotCatalog
    catalog = SnapshotCatalog.from_env()  # ASC_COMMERCE_URL + credentials, see config.py
    catalog.sync()                        # everything the first time, then what changed
"""

from asc_widgets.core.commerce.auth import BearerToken, OAuth1Credentials
from asc_widgets.core.commerce.client import CommerceClient
from asc_widgets.core.commerce.config import CommerceConfig
from asc_widgets.core.commerce.errors import (
    CatalogSnapshotError,
    CatalogSyncError,
    CommerceAuthError,
    CommerceConfigError,
    CommerceError,
    CommerceHTTPError,
    CommerceNetworkError,
    CommerceResponseError,
    fill_placeholders,
)
from asc_widgets.core.commerce.snapshot import SnapshotInfo, SnapshotStore
from asc_widgets.core.commerce.source import CommerceCatalog, SnapshotCatalog, StoreView
from asc_widgets.core.commerce.sync import CatalogSync, SyncProgress, SyncResult

__all__ = [
    "BearerToken",
    "CatalogSnapshotError",
    "CatalogSync",
    "CatalogSyncError",
    "CommerceAuthError",
    "CommerceCatalog",
    "CommerceClient",
    "CommerceConfig",
    "CommerceConfigError",
    "CommerceError",
    "CommerceHTTPError",
    "CommerceNetworkError",
    "CommerceResponseError",
    "OAuth1Credentials",
    "SnapshotCatalog",
    "SnapshotInfo",
    "SnapshotStore",
    "StoreView",
    "SyncProgress",
    "SyncResult",
    "fill_placeholders",
]

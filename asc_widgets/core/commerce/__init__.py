"""The Adobe Commerce REST catalog: a read-only client and the CatalogSource built on it.

    from asc_widgets.core.commerce import CommerceCatalog
    catalog = CommerceCatalog.from_env()  # ASC_COMMERCE_URL + credentials, see config.py
"""

from asc_widgets.core.commerce.auth import BearerToken, OAuth1Credentials
from asc_widgets.core.commerce.client import CommerceClient
from asc_widgets.core.commerce.config import CommerceConfig
from asc_widgets.core.commerce.errors import (
    CommerceAuthError,
    CommerceConfigError,
    CommerceError,
    CommerceHTTPError,
    CommerceNetworkError,
    CommerceResponseError,
    fill_placeholders,
)
from asc_widgets.core.commerce.source import CommerceCatalog, StoreView

__all__ = [
    "BearerToken",
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
    "StoreView",
    "fill_placeholders",
]

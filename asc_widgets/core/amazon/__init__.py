"""Amazon authorization client: consent URL, callback, LWA tokens, Sellers API verification.

The same code talks to the local sandbox (default) and to Amazon (ASC_AMAZON=live).
Never imports ipywidgets or IPython.
"""

from asc_widgets.core.amazon.client import (
    AmazonClient,
    Verification,
    exchange_code,
    get_marketplace_participations,
    refresh,
    verify_connection,
)
from asc_widgets.core.amazon.consent import (
    Callback,
    consent_url,
    new_state,
    parse_callback,
    states_match,
)
from asc_widgets.core.amazon.errors import (
    ERROR_TABLE,
    AccessDenied,
    AmazonConfigError,
    AmazonError,
    AmazonTimeout,
    AmazonUnavailable,
    AuthorizationNotGranted,
    BadRequest,
    CodeExpired,
    InvalidCallback,
    InvalidClient,
    MarketplaceNotAuthorized,
    RateLimited,
    Revoked,
    UnauthorizedClient,
    WrongRegionOrRevoked,
)
from asc_widgets.core.amazon.sellers import Participation
from asc_widgets.core.amazon.settings import AmazonSettings, SandboxURLs, sandbox_urls
from asc_widgets.core.amazon.tokens import TokenSet
from asc_widgets.core.amazon.transport import RequestsTransport

__all__ = [
    "ERROR_TABLE", "AccessDenied", "AmazonClient", "AmazonConfigError", "AmazonError",
    "AmazonSettings", "AmazonTimeout", "AmazonUnavailable", "AuthorizationNotGranted",
    "BadRequest", "Callback", "CodeExpired", "InvalidCallback", "InvalidClient",
    "MarketplaceNotAuthorized", "Participation", "RateLimited", "RequestsTransport", "Revoked",
    "SandboxURLs", "TokenSet", "UnauthorizedClient", "Verification", "WrongRegionOrRevoked",
    "consent_url", "exchange_code", "get_marketplace_participations", "new_state",
    "parse_callback", "refresh", "sandbox_urls", "states_match", "verify_connection",
]

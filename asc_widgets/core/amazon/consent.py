"""Website authorization: the Seller Central consent URL and the redirect back (callback)."""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from asc_widgets.core.amazon.errors import AuthorizationNotGranted, InvalidCallback
from asc_widgets.core.amazon.settings import AmazonSettings
from asc_widgets.core.marketplaces import Marketplace, get_marketplace
from asc_widgets.core.secrets import SecretStr

CALLBACK_PARAMS = ("state", "selling_partner_id", "spapi_oauth_code", "error",
                   "error_description")


# A selling partner id (merchant token) as Amazon issues it: uppercase letters and digits.
SELLER_ID_PATTERN = re.compile(r"[A-Z0-9]{8,32}")


def is_seller_id(value: str | None) -> bool:
    """Whether a redirect's selling_partner_id looks like one Amazon issues (anything else,
    such as markup or a formula, is refused before it could be saved)."""
    return bool(value) and SELLER_ID_PATTERN.fullmatch(value) is not None


def new_state() -> str:
    """A fresh, unguessable OAuth state (store it with the store id and a short expiry)."""
    return secrets.token_urlsafe(32)


def states_match(expected: str | None, received: str | None) -> bool:
    """Constant-time comparison of the stored and returned state."""
    if not expected or not received:
        return False
    return hmac.compare_digest(expected.encode(), received.encode())


def consent_url(marketplace: str | Marketplace, state: str, settings: AmazonSettings) -> str:
    """The Seller Central consent page URL for the marketplace's Seller Central."""
    if not state:
        raise ValueError("consent_url needs a state")
    mp = marketplace if isinstance(marketplace, Marketplace) else get_marketplace(marketplace)
    params = {"application_id": settings.app_id, "state": state}
    if settings.redirect_uri:
        params["redirect_uri"] = settings.redirect_uri
    if settings.draft:
        params["version"] = "beta"
    return f"{settings.seller_central_url(mp).rstrip('/')}/apps/authorize/consent?" \
           f"{urlencode(params)}"


@dataclass(frozen=True)
class Callback:
    """What Seller Central sent back. ``code`` is a SecretStr (masked in repr)."""

    state: str | None
    selling_partner_id: str | None
    code: SecretStr | None
    error: str | None = None
    error_description: str | None = None

    @property
    def granted(self) -> bool:
        return self.code is not None and not self.error

    def require(self, expected_state: str | None) -> Callback:
        """Check the state, then that authorization was granted; return self or raise.

        InvalidCallback: state missing or different, or granted without a seller id.
        AuthorizationNotGranted: the seller cancelled (no code, or an error parameter).
        """
        if not states_match(expected_state, self.state):
            raise InvalidCallback(code="state_mismatch")
        if not self.granted:
            raise AuthorizationNotGranted(code=self.error or "no_code")
        if not is_seller_id(self.selling_partner_id):
            raise InvalidCallback(code="missing_selling_partner_id")
        return self


def parse_callback(url_or_query: str | Mapping[str, object]) -> Callback:
    """Read the redirect: a full URL, a query string (with or without '?') or a mapping.

    ``mws_auth_token`` and unknown parameters are ignored. A parameter repeated with different
    values is refused (InvalidCallback). Check the result with ``require(expected_state)``.
    """
    pairs: list[tuple[str, str]] = []
    if isinstance(url_or_query, Mapping):
        for key, value in url_or_query.items():
            values = value if isinstance(value, list | tuple) else [value]
            pairs.extend((str(key), str(v)) for v in values if v is not None)
    else:
        text = (url_or_query or "").strip()
        if "://" in text or text.startswith("/"):
            text = urlsplit(text).query
        else:
            text = text.split("#", 1)[0].lstrip("?")
        pairs = parse_qsl(text, keep_blank_values=True)
    values: dict[str, str] = {}
    for key, value in pairs:
        if key not in CALLBACK_PARAMS:
            continue
        if key in values and values[key] != value:
            raise InvalidCallback(code=f"conflicting_{key}")
        values[key] = value

    def value(name: str) -> str | None:
        v = values.get(name, "").strip()
        return v or None

    code = value("spapi_oauth_code")
    return Callback(state=value("state"), selling_partner_id=value("selling_partner_id"),
                    code=SecretStr(code) if code else None, error=value("error"),
                    error_description=value("error_description"))

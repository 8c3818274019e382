"""The sandbox's app registration and demo sellers."""

from __future__ import annotations

from dataclasses import dataclass, field

from asc_widgets.core.amazon.settings import (
    SANDBOX_APP_ID,
    SANDBOX_CLIENT_ID,
    SANDBOX_CLIENT_SECRET,
)
from asc_widgets.core.marketplaces import MARKETPLACES

# A marketplace id outside the kit's table, as real answers contain ("Non-Amazon" US):
# clients must ignore it.
UNKNOWN_MARKETPLACE = {
    "id": "A2ZV50J4W1RKNI", "name": "Non-Amazon", "countryCode": "US",
    "defaultCurrencyCode": "USD", "defaultLanguageCode": "en_US",
    "domainName": "sim1.stores.amazon.com",
}

# What the Sellers API answers for each marketplace, from the kit's marketplace rows.
MARKETPLACE_DATA = {
    m.code: {"id": m.marketplace_id, "name": m.amazon_name, "countryCode": m.api_country_code,
             "defaultCurrencyCode": m.currency, "defaultLanguageCode": m.language,
             "domainName": m.domain}
    for m in MARKETPLACES.values()
}


@dataclass(frozen=True)
class SandboxSeller:
    seller_id: str  # the selling_partner_id Amazon returns
    email: str
    phone: str
    password: str
    otp: str | None  # two-step verification code, None when not asked
    store_name: str
    marketplaces: tuple[str, ...]  # kit codes (US, CA, MX, UK)
    extra: dict[str, tuple[dict, ...]] = field(default_factory=dict)  # region -> raw entries

    def matches_login(self, login: str) -> bool:
        text = (login or "").strip()
        if "@" in text:
            return text.lower() == self.email.lower()
        digits = "".join(ch for ch in text if ch.isdigit())
        mine = "".join(ch for ch in self.phone if ch.isdigit())
        return bool(digits) and (digits == mine or mine.endswith(digits) and len(digits) >= 7)


DEMO_PASSWORD = "sandbox"
DEMO_OTP = "123456"

DEMO_SELLERS: tuple[SandboxSeller, ...] = (
    SandboxSeller(seller_id="A1SBXDEMONA0001", email="seller@example.com",
                  phone="+1 555 0100", password=DEMO_PASSWORD, otp=DEMO_OTP,
                  store_name="Sandbox Demo Store", marketplaces=("US", "CA", "MX"),
                  extra={"NA": (UNKNOWN_MARKETPLACE,)}),
    SandboxSeller(seller_id="A1SBXDEMOUK0001", email="uk-seller@example.com",
                  phone="+44 20 7946 0100", password=DEMO_PASSWORD, otp=None,
                  store_name="Sandbox UK Store", marketplaces=("UK",)),
)


@dataclass(frozen=True)
class SandboxConfig:
    client_id: str = SANDBOX_CLIENT_ID
    client_secret: str = field(default=SANDBOX_CLIENT_SECRET, repr=False)
    app_id: str = SANDBOX_APP_ID
    app_name: str = "Adobe Commerce Amazon Sales Channel (sandbox)"
    draft: bool = True  # consent URLs must then carry version=beta (else MD1000)
    # The app's registered redirect URIs: a consent with any other is refused (MD5101). The
    # app mounts the sandbox with its own URL; Sandbox.register_redirect_uri adds more.
    redirect_uris: tuple[str, ...] = ()
    sellers: tuple[SandboxSeller, ...] = DEMO_SELLERS
    code_ttl: float = 300.0  # spapi_oauth_code: 5 minutes, single use
    access_ttl: int = 3600
    authorization_days: int = 365  # refresh tokens lapse a year after consent
    flow_ttl: float = 3600.0  # a consent page session
    rate_burst: int | None = 15  # Sellers API token bucket (None: no limit)
    rate_per_second: float = 0.016
    timeout_delay: float = 30.0  # how long a "timeout" fault sleeps by default
    controls: bool = True  # the /_control endpoints (loopback, same-origin JSON callers only)
    rotate_refresh_tokens: bool = False  # a refresh answers with a new refresh token

    def seller_by_login(self, login: str) -> SandboxSeller | None:
        return next((s for s in self.sellers if s.matches_login(login)), None)

    def seller(self, id_or_email: str) -> SandboxSeller | None:
        key = (id_or_email or "").strip()
        return next((s for s in self.sellers
                     if s.seller_id == key or s.email.lower() == key.lower()), None)

"""Amazon marketplaces as data: adding one is one row in MARKETPLACES."""

from __future__ import annotations

from dataclasses import dataclass

SPAPI_ENDPOINTS = {
    "NA": "https://sellingpartnerapi-na.amazon.com",
    "EU": "https://sellingpartnerapi-eu.amazon.com",
    "FE": "https://sellingpartnerapi-fe.amazon.com",
}


@dataclass(frozen=True)
class Marketplace:
    code: str  # the kit's country code (UK, not GB, as the Commerce screens say)
    label: str
    marketplace_id: str
    region: str
    seller_central_url: str
    currency: str
    flag: str
    api_country_code: str  # what the Sellers API answers (GB for the UK)

    @property
    def spapi_endpoint(self) -> str:
        return SPAPI_ENDPOINTS[self.region]


MARKETPLACES: dict[str, Marketplace] = {
    m.code: m
    for m in (
        Marketplace("US", "United States", "ATVPDKIKX0DER", "NA",
                    "https://sellercentral.amazon.com", "USD", "🇺🇸", "US"),
        Marketplace("CA", "Canada", "A2EUQ1WTGCTBG2", "NA",
                    "https://sellercentral.amazon.ca", "CAD", "🇨🇦", "CA"),
        Marketplace("MX", "Mexico", "A1AM78C64UM0Y8", "NA",
                    "https://sellercentral.amazon.com.mx", "MXN", "🇲🇽", "MX"),
        Marketplace("UK", "United Kingdom", "A1F83G8C2ARO7P", "EU",
                    "https://sellercentral-europe.amazon.com", "GBP", "🇬🇧", "GB"),
    )
}

_BY_ID = {m.marketplace_id: m for m in MARKETPLACES.values()}


def get_marketplace(code: str) -> Marketplace:
    """The marketplace for a country code (case-insensitive; GB is accepted for the UK)."""
    key = (code or "").strip().upper()
    if key == "GB":
        key = "UK"
    try:
        return MARKETPLACES[key]
    except KeyError:
        choices = ", ".join(MARKETPLACES)
        raise KeyError(f"unknown marketplace {code!r}; choose one of {choices}") from None


def marketplace_by_id(marketplace_id: str) -> Marketplace | None:
    """The supported marketplace with this Amazon marketplace id, or None (unknown ids)."""
    return _BY_ID.get(marketplace_id)

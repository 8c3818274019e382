"""Amazon marketplaces as data: adding one is one row in MARKETPLACES.

A row holds everything the kit says or sends about a marketplace: the kit's code and its
aliases (GB for the UK), the names in every UI language (they become the catalog's
``market.<code>`` messages), the flag, the SP-API region, the Seller Central host, Amazon's
marketplace id and what the Sellers API answers for it (the sandbox serves the same).
"""

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
    names: dict[str, str]  # language -> the country's name
    marketplace_id: str
    region: str
    seller_central_url: str
    currency: str
    flag: str
    api_country_code: str  # what the Sellers API answers (GB for the UK)
    amazon_name: str  # the marketplace's name in Sellers API answers (Amazon.com)
    domain: str
    language: str  # its default language in Sellers API answers
    aliases: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.names["en"]

    @property
    def spapi_endpoint(self) -> str:
        return SPAPI_ENDPOINTS[self.region]

    @property
    def codes(self) -> tuple[str, ...]:
        """The code and its aliases: ASC_SELLER_CENTRAL_URL_UK and _GB both work."""
        return (self.code, *self.aliases)


MARKETPLACES: dict[str, Marketplace] = {
    m.code: m
    for m in (
        Marketplace("US", {"en": "United States", "zh-CN": "美国"}, "ATVPDKIKX0DER", "NA",
                    "https://sellercentral.amazon.com", "USD", "🇺🇸", "US",
                    "Amazon.com", "www.amazon.com", "en_US"),
        Marketplace("CA", {"en": "Canada", "zh-CN": "加拿大"}, "A2EUQ1WTGCTBG2", "NA",
                    "https://sellercentral.amazon.ca", "CAD", "🇨🇦", "CA",
                    "Amazon.ca", "www.amazon.ca", "en_CA"),
        Marketplace("MX", {"en": "Mexico", "zh-CN": "墨西哥"}, "A1AM78C64UM0Y8", "NA",
                    "https://sellercentral.amazon.com.mx", "MXN", "🇲🇽", "MX",
                    "Amazon.com.mx", "www.amazon.com.mx", "es_MX"),
        Marketplace("UK", {"en": "United Kingdom", "zh-CN": "英国"}, "A1F83G8C2ARO7P", "EU",
                    "https://sellercentral-europe.amazon.com", "GBP", "🇬🇧", "GB",
                    "Amazon.co.uk", "www.amazon.co.uk", "en_GB", aliases=("GB",)),
    )
}

_BY_ID = {m.marketplace_id: m for m in MARKETPLACES.values()}
_BY_CODE = {code: m for m in MARKETPLACES.values() for code in m.codes}


def get_marketplace(code: str) -> Marketplace:
    """The marketplace for a country code (case-insensitive; aliases such as GB accepted)."""
    try:
        return _BY_CODE[(code or "").strip().upper()]
    except KeyError:
        choices = ", ".join(MARKETPLACES)
        raise KeyError(f"unknown marketplace {code!r}; choose one of {choices}") from None


def marketplace_by_id(marketplace_id: str) -> Marketplace | None:
    """The supported marketplace with this Amazon marketplace id, or None (unknown ids)."""
    return _BY_ID.get(marketplace_id)


def messages() -> dict[str, dict[str, str]]:
    """The catalog's marketplace names (market.<code>), from the rows above."""
    return {f"market.{m.code}": dict(m.names) for m in MARKETPLACES.values()}

"""Sellers API: which marketplaces the authorizing seller takes part in (the verification)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime

from asc_widgets.core.amazon.errors import AmazonError, error_from_response
from asc_widgets.core.amazon.http import IDEMPOTENT, HttpRequest, HttpResponse
from asc_widgets.core.amazon.settings import AmazonSettings
from asc_widgets.core.marketplaces import Marketplace, marketplace_by_id
from asc_widgets.core.secrets import SecretStr, reveal

log = logging.getLogger(__name__)

PARTICIPATIONS_PATH = "/sellers/v1/marketplaceParticipations"
OPERATION = "getMarketplaceParticipations"


@dataclass(frozen=True)
class Participation:
    marketplace: Marketplace
    name: str | None
    country_code: str | None
    currency: str | None
    language: str | None
    domain: str | None
    store_name: str | None
    is_participating: bool
    has_suspended_listings: bool


def amz_date(moment: datetime) -> str:
    """A time as SP-API's x-amz-date header gives it: ISO 8601 basic format, UTC."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def build_participations_request(access_token: str | SecretStr, region: str | Marketplace,
                                 settings: AmazonSettings,
                                 now: datetime | None = None) -> HttpRequest:
    """now: the request's time (x-amz-date); the current time when not given."""
    endpoint = settings.spapi_endpoint(region)
    return HttpRequest(
        method="GET", url=endpoint + PARTICIPATIONS_PATH, api="spapi", operation=OPERATION,
        policy=IDEMPOTENT,
        headers={"x-amz-access-token": reveal(access_token), "Accept": "application/json",
                 "User-Agent": settings.user_agent,
                 "x-amz-date": amz_date(now or datetime.now(UTC))})


def parse_participations(response: HttpResponse) -> list[Participation]:
    """The participations in supported marketplaces; unknown marketplace ids are skipped."""
    body = response.json()
    if response.status != 200:
        raise error_from_response("spapi", OPERATION, response.status, body,
                                  response.request_id)
    payload = body.get("payload") if isinstance(body, dict) else None
    if not isinstance(payload, list):
        raise AmazonError(status=response.status, code="malformed_response", operation=OPERATION,
                          request_id=response.request_id)
    result = []
    for item in payload:
        market = item.get("marketplace") if isinstance(item, dict) else None
        if not isinstance(market, dict):
            continue
        known = marketplace_by_id(str(market.get("id") or ""))
        if known is None:
            log.debug("ignoring unknown marketplace id %r", market.get("id"))
            continue
        part = item.get("participation") if isinstance(item.get("participation"), dict) else {}
        result.append(Participation(
            marketplace=known, name=market.get("name"), country_code=market.get("countryCode"),
            currency=market.get("defaultCurrencyCode"), language=market.get("defaultLanguageCode"),
            domain=market.get("domainName"), store_name=item.get("storeName"),
            is_participating=part.get("isParticipating") is True,
            has_suspended_listings=part.get("hasSuspendedListings") is True))
    return result

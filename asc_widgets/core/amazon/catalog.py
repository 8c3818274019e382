"""Catalog Items ``searchCatalogItems`` (2022-04-01): build the request, parse the answer.

Pure functions, like sellers.py: the transport sends the HttpRequest, errors come from the one
status -> exception table (errors.py). 429 ``QuotaExceeded`` maps to RateLimited, which the
matcher (core/listing/matching.py) waits out and repeats; the transport retries 5xx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from asc_widgets.core.amazon.errors import AmazonError, error_from_response
from asc_widgets.core.amazon.http import IDEMPOTENT, HttpRequest, HttpResponse
from asc_widgets.core.amazon.settings import AmazonSettings
from asc_widgets.core.marketplaces import Marketplace, get_marketplace
from asc_widgets.core.secrets import SecretStr, reveal

CATALOG_PATH = "/catalog/2022-04-01/items"
OPERATION = "searchCatalogItems"
MAX_IDENTIFIERS = 20  # per request, Amazon's limit
PAGE_SIZE = 20
IDENTIFIER_TYPES = ("ASIN", "EAN", "GTIN", "ISBN", "JAN", "MINSAN", "SKU", "UPC")
INCLUDED_DATA = ("identifiers", "summaries", "relationships")
RATE_LIMIT_HEADER = "x-amzn-RateLimit-Limit"


@dataclass(frozen=True)
class CatalogItem:
    asin: str
    title: str | None
    brand: str | None
    identifiers: tuple[tuple[str, str], ...]  # (identifierType, identifier) in the marketplace
    child_asins: tuple[str, ...] = ()  # set when the item is a variation parent
    parent_asins: tuple[str, ...] = ()

    @property
    def is_parent(self) -> bool:
        return bool(self.child_asins)


@dataclass(frozen=True)
class SearchPage:
    items: tuple[CatalogItem, ...]
    number_of_results: int
    next_token: str | None
    rate_limit: float | None  # x-amzn-RateLimit-Limit: requests per second now allowed
    request_id: str | None


def build_search_request(access_token: str | SecretStr, marketplace: str | Marketplace,
                         identifiers_type: str, identifiers: Sequence[str],
                         settings: AmazonSettings, *, page_token: str | None = None,
                         page_size: int = PAGE_SIZE) -> HttpRequest:
    """GET the items for at most 20 identifiers of one type in one marketplace."""
    mp = marketplace if isinstance(marketplace, Marketplace) else get_marketplace(marketplace)
    if identifiers_type not in IDENTIFIER_TYPES:
        raise ValueError(f"identifiersType must be one of {IDENTIFIER_TYPES}")
    if not identifiers or len(identifiers) > MAX_IDENTIFIERS:
        raise ValueError(f"between 1 and {MAX_IDENTIFIERS} identifiers per request")
    if len(set(identifiers)) != len(identifiers):
        raise ValueError("duplicate identifiers in one request")
    query = {"identifiers": ",".join(identifiers), "identifiersType": identifiers_type,
             "marketplaceIds": mp.marketplace_id, "includedData": ",".join(INCLUDED_DATA),
             "pageSize": str(page_size)}
    if page_token:
        query["pageToken"] = page_token
    return HttpRequest(
        method="GET", url=f"{settings.spapi_endpoint(mp)}{CATALOG_PATH}?{urlencode(query)}",
        api="spapi", operation=OPERATION, policy=IDEMPOTENT,
        headers={"x-amz-access-token": reveal(access_token), "Accept": "application/json",
                 "User-Agent": settings.user_agent})


def parse_search_response(response: HttpResponse, marketplace_id: str) -> SearchPage:
    """The items of one answer (only the marketplace's own identifiers and summaries)."""
    body = response.json()
    if response.status != 200:
        raise error_from_response("spapi", OPERATION, response.status, body,
                                  response.request_id)
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise AmazonError(status=response.status, code="malformed_response",
                          operation=OPERATION, request_id=response.request_id)
    items = tuple(_item(raw, marketplace_id) for raw in body["items"]
                  if isinstance(raw, dict) and raw.get("asin"))
    pagination = body.get("pagination") if isinstance(body.get("pagination"), dict) else {}
    return SearchPage(items=items, number_of_results=int(body.get("numberOfResults") or 0),
                      next_token=pagination.get("nextToken") or None,
                      rate_limit=rate_limit_of(response), request_id=response.request_id)


def rate_limit_of(response: HttpResponse) -> float | None:
    value = response.header(RATE_LIMIT_HEADER)
    try:
        rate = float(value) if value else None
    except ValueError:
        return None
    return rate if rate and rate > 0 else None


def _for_marketplace(entries: object, marketplace_id: str) -> list[dict]:
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict)
            and e.get("marketplaceId") in (None, marketplace_id)]


def _item(raw: dict, marketplace_id: str) -> CatalogItem:
    identifiers = tuple(
        (str(i.get("identifierType") or ""), str(i.get("identifier") or ""))
        for group in _for_marketplace(raw.get("identifiers"), marketplace_id)
        for i in group.get("identifiers") or () if isinstance(i, dict))
    summaries = _for_marketplace(raw.get("summaries"), marketplace_id)
    summary = summaries[0] if summaries else {}
    children: list[str] = []
    parents: list[str] = []
    for group in _for_marketplace(raw.get("relationships"), marketplace_id):
        for rel in group.get("relationships") or ():
            if isinstance(rel, dict):
                children += [str(a) for a in rel.get("childAsins") or ()]
                parents += [str(a) for a in rel.get("parentAsins") or ()]
    return CatalogItem(asin=str(raw["asin"]), title=summary.get("itemName"),
                       brand=summary.get("brand"), identifiers=identifiers,
                       child_asins=tuple(dict.fromkeys(children)),
                       parent_asins=tuple(dict.fromkeys(parents)))

"""Catalog Items ``searchCatalogItems`` (2022-04-01) for the sandbox, over a demo Amazon catalog.

The demo Amazon catalog follows the demo Commerce catalog: titles come from its product names,
and each valid code's fate is fixed by a hash of the code (and, for a few codes, of the
marketplace): most match one ASIN, some several, some only a parent ASIN (variations), some
none. Answers sometimes give a UPC as its EAN-13 or GTIN-14 form, as Amazon does, so clients
must map results back by normalised code.

Protocol: 400 ``InvalidInput`` for more than 20 identifiers, a bad ``identifiersType``, missing
or several ``marketplaceIds``, identifiers with keywords, SKU without sellerId, an unknown
``includedData``, a ``pageSize`` over 20; 403 ``Unauthorized`` as for the Sellers API; 429
``QuotaExceeded`` from a token bucket (2 requests/s, burst 2, adjustable); every answer carries
``x-amzn-RateLimit-Limit``. Test controls lower the rate, inject 429/5xx and slow answers.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

import tornado.web
from stdnum import ean as stdnum_ean
from stdnum import isbn as stdnum_isbn

from asc_widgets.core.marketplaces import marketplace_by_id
from asc_widgets.sandbox.service import Reply, Sandbox, _hash, _spapi_error

IDENTIFIER_TYPES = ("ASIN", "EAN", "GTIN", "ISBN", "JAN", "MINSAN", "SKU", "UPC")
INCLUDED_DATA = ("attributes", "classifications", "dimensions", "identifiers", "images",
                 "productTypes", "relationships", "salesRanks", "summaries", "vendorDetails")
MAX_IDENTIFIERS = 20
MAX_PAGE_SIZE = 20
DEFAULT_PAGE_SIZE = 10
CATALOG_FAULTS = ("rate_limit", "server_error", "unavailable")
QUOTA_TEXT = "You exceeded your quota for the requested resource."


@dataclass
class CatalogControls:
    rate: float = 2.0  # requests per second (Amazon's documented rate)
    burst: int = 2
    delay: float = 0.0  # seconds every answer waits (slowness)
    faults: list[str] = field(default_factory=list)  # next answers: 429 / 500 / 503


class CatalogSearch:
    """The sandbox's Catalog Items API; one per Sandbox (see ``catalog_of``)."""

    def __init__(self, sandbox: Sandbox, product_count: int = 3000):
        self.sandbox = sandbox
        self.product_count = product_count
        self.controls = CatalogControls()
        self._lock = threading.Lock()
        self._buckets: dict[str, tuple[float, float]] = {}
        self.stats = {"requests": 0, "identifiers": 0, "throttled": 0, "errors": 0}

    # -- controls -------------------------------------------------------------------------
    def set_rate(self, rate: float | None = None, burst: int | None = None,
                 delay: float | None = None) -> CatalogControls:
        """Change the bucket (requests/s, burst) and the answer delay; buckets start full."""
        with self._lock:
            if rate is not None:
                if rate <= 0:
                    raise ValueError("rate must be positive")
                self.controls.rate = float(rate)
            if burst is not None:
                if burst < 1:
                    raise ValueError("burst must be at least 1")
                self.controls.burst = int(burst)
            if delay is not None:
                self.controls.delay = max(0.0, float(delay))
            self._buckets.clear()
            return self.controls

    def fail_next(self, count: int = 1, kind: str = "rate_limit") -> None:
        if kind not in CATALOG_FAULTS:
            raise ValueError(f"kind must be one of {CATALOG_FAULTS}")
        with self._lock:
            self.controls.faults.extend([kind] * int(count))

    def reset(self) -> None:
        with self._lock:
            self.controls = CatalogControls()
            self._buckets.clear()
            self.stats = dict.fromkeys(self.stats, 0)

    def summary(self) -> dict:
        with self._lock:
            return {**self.stats, "rate": self.controls.rate, "burst": self.controls.burst,
                    "delay": self.controls.delay, "faults": list(self.controls.faults)}

    # -- the demo Amazon catalog ------------------------------------------------------------
    @cached_property
    def titles(self) -> dict[str, str]:
        """Product names of the demo Commerce catalog by GTIN-14 / ASIN."""
        from asc_widgets.core.catalog.demo_data import demo_products

        frame = demo_products(self.product_count)
        found: dict[str, str] = {}
        for attribute in ("upc", "ean", "isbn", "amazon_asin"):
            for code, name in zip(frame[attribute], frame["name"], strict=True):
                if isinstance(code, str):
                    key = _gtin14(code) or code.upper()
                    found.setdefault(key, name)
        return found

    def items_for(self, id_type: str, identifier: str, marketplace_id: str) -> list[dict]:
        """The catalog items an identifier finds in a marketplace (the demo's fixed fate)."""
        key = _searchable(id_type, identifier)
        if key is None:
            return []
        fate = _share(key)
        if marketplace_id != "ATVPDKIKX0DER" and _share(key + marketplace_id) < 0.08:
            return []  # listed on Amazon.com only
        title = self.titles.get(key, f"Demo item {identifier}")
        if fate < 0.63:
            return [self._item(key, 0, id_type, identifier, marketplace_id, title)]
        if fate < 0.68:
            return [self._item(key, n, id_type, identifier, marketplace_id,
                               f"{title} ({'AB'[n]})") for n in range(2)]
        if fate < 0.76:
            return [self._item(key, 0, id_type, identifier, marketplace_id, title,
                               parent=True)]
        return []

    def _item(self, key: str, n: int, id_type: str, identifier: str, marketplace_id: str,
              title: str, parent: bool = False) -> dict:
        asin = _asin(f"{key}:{n}")
        shown_type, shown = id_type, identifier
        if id_type == "UPC":  # Amazon gives GTIN-compatible codes in other forms too
            form = int(_share(key + "form") * 3)
            shown_type, shown = (("UPC", identifier), ("EAN", "0" + identifier),
                                 ("GTIN", "00" + identifier))[form]
        item = {
            "asin": asin,
            "identifiers": [{"marketplaceId": marketplace_id, "identifiers": [
                {"identifierType": shown_type, "identifier": shown}]}],
            "summaries": [{"marketplaceId": marketplace_id, "itemName": title,
                           "brand": "Demo Brand"}],
            "productTypes": [{"marketplaceId": marketplace_id, "productType": "PRODUCT"}],
            "relationships": [{"marketplaceId": marketplace_id, "relationships": []}],
        }
        if parent:
            item["relationships"][0]["relationships"] = [{
                "type": "VARIATION", "childAsins": [_asin(f"{key}:c{i}") for i in range(3)],
                "parentAsins": []}]
        return item

    # -- the API ------------------------------------------------------------------------------
    def search(self, query: dict[str, list[str]], access_token: str | None,
               region: str) -> Reply:
        with self._lock:
            self.stats["requests"] += 1
            fault = self.controls.faults.pop(0) if self.controls.faults else None
        if fault:
            return self._count_error(_fault(fault), fault == "rate_limit")
        problem = _check_query(query)
        if problem:
            return self._count_error(_spapi_error(400, "InvalidInput", problem, ""))
        denied = self._check_token(access_token, region)
        if denied:
            return self._count_error(denied)
        grant_key = _hash(access_token or "")[:16]
        if not self._take_token(grant_key):
            return self._count_error(_spapi_error(429, "QuotaExceeded", QUOTA_TEXT, ""), True)
        return self._answer(query)

    def _answer(self, query: dict[str, list[str]]) -> Reply:
        marketplace_id = query["marketplaceIds"][0]
        id_type = query["identifiersType"][0]
        identifiers = _split(query["identifiers"])
        included = _split(query.get("includedData", ["summaries"]))
        items: list[dict] = []
        seen: set[str] = set()
        for identifier in identifiers:
            for item in self.items_for(id_type, identifier, marketplace_id):
                if item["asin"] not in seen:
                    seen.add(item["asin"])
                    items.append({k: v for k, v in item.items()
                                  if k == "asin" or k in included})
        with self._lock:
            self.stats["identifiers"] += len(identifiers)
        size = int(query.get("pageSize", [DEFAULT_PAGE_SIZE])[0])
        start = _page_start(query.get("pageToken", [None])[0])
        page = items[start:start + size]
        body: dict = {"numberOfResults": len(items), "pagination": {}, "refinements": {
            "brands": [], "classifications": []}, "items": page}
        if start + size < len(items):
            body["pagination"]["nextToken"] = base64.urlsafe_b64encode(
                str(start + size).encode()).decode()
        return Reply(200, body, self._limit_header())

    def _count_error(self, reply: Reply, throttled: bool = False) -> Reply:
        with self._lock:
            self.stats["errors"] += 1
            if throttled:
                self.stats["throttled"] += 1
        reply.headers.update(self._limit_header())
        return reply

    def _limit_header(self) -> dict[str, str]:
        return {"x-amzn-RateLimit-Limit": f"{self.controls.rate:g}"}

    def _check_token(self, token: str | None, region: str) -> Reply | None:
        if not token:
            return _spapi_error(403, "Unauthorized", "Access to requested resource is denied.",
                                "The request has no x-amz-access-token header.")
        data = self.sandbox.store.read()
        entry = data["access_tokens"].get(_hash(token))
        grant = data["refresh_tokens"].get(entry["refresh"]) if entry else None
        now = self.sandbox._now(data)
        if (entry is None or grant is None or grant["revoked"]
                or grant["region"] != region.upper()
                or now >= datetime.fromisoformat(entry["expires_at"])):
            return _spapi_error(403, "Unauthorized", "Access to requested resource is denied.",
                                "")
        return None

    def _take_token(self, key: str) -> bool:
        with self._lock:
            rate, burst = self.controls.rate, float(self.controls.burst)
            now = time.monotonic()
            tokens, at = self._buckets.get(key, (burst, now))
            tokens = min(burst, tokens + (now - at) * rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            return allowed


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _check_query(query: dict[str, list[str]]) -> str | None:
    markets = _split(query.get("marketplaceIds", []))
    if not markets:
        return "Missing required parameter: marketplaceIds."
    if len(markets) > 1:
        return "marketplaceIds: only one marketplace may be given."
    if marketplace_by_id(markets[0]) is None:
        return f"Invalid marketplace identifier: {markets[0]}."
    identifiers = _split(query.get("identifiers", []))
    if identifiers and query.get("keywords"):
        return "identifiers and keywords cannot be used together."
    if not identifiers and not query.get("keywords"):
        return "Either identifiers or keywords is required."
    if len(identifiers) > MAX_IDENTIFIERS:
        return f"identifiers: size must be between 1 and {MAX_IDENTIFIERS}."
    id_type = (query.get("identifiersType") or [""])[0]
    if identifiers and id_type not in IDENTIFIER_TYPES:
        return (f"identifiersType: '{id_type}' is not one of {', '.join(IDENTIFIER_TYPES)}.")
    if id_type == "SKU" and not query.get("sellerId"):
        return "sellerId is required when identifiersType is SKU."
    unknown = [v for v in _split(query.get("includedData", [])) if v not in INCLUDED_DATA]
    if unknown:
        return f"includedData: '{unknown[0]}' is not a valid value."
    size = (query.get("pageSize") or [str(DEFAULT_PAGE_SIZE)])[0]
    if not size.isdigit() or not 1 <= int(size) <= MAX_PAGE_SIZE:
        return f"pageSize: must be between 1 and {MAX_PAGE_SIZE}."
    if query.get("keywords"):
        return "The sandbox answers identifier searches only."
    return None


def _page_start(token: str | None) -> int:
    if not token:
        return 0
    try:
        return int(base64.urlsafe_b64decode(token.encode()).decode())
    except ValueError:
        return 0


def _gtin14(code: str) -> str | None:
    text = code.replace("-", "").strip()
    if len(text) == 10:
        try:
            text = stdnum_isbn.to_isbn13(text).replace("-", "")
        except Exception:  # noqa: BLE001 - not an ISBN
            return None
    if text.isdigit() and len(text) in (8, 12, 13, 14) and stdnum_ean.is_valid(text):
        return text.zfill(14)
    return None


def _searchable(id_type: str, identifier: str) -> str | None:
    """The key a valid identifier of id_type is found by (None: Amazon finds nothing)."""
    text = identifier.strip()
    if id_type == "ASIN":
        return text.upper() if len(text) == 10 and text.isalnum() else None
    if id_type == "UPC" and len(text) != 12:
        return None
    if id_type == "EAN" and len(text) not in (8, 13):
        return None
    if id_type == "ISBN" and not stdnum_isbn.is_valid(text):
        return None
    return _gtin14(text)


def _share(text: str) -> float:
    """A stable number in [0, 1) for text."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 2**32


def _asin(seed: str) -> str:
    digest = hashlib.sha256(seed.encode()).hexdigest().upper()
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return "B0" + "".join(alphabet[int(digest[i:i + 2], 16) % 36] for i in range(0, 16, 2))


def _fault(kind: str) -> Reply:
    if kind == "rate_limit":
        return _spapi_error(429, "QuotaExceeded", QUOTA_TEXT, "")
    if kind == "unavailable":
        return _spapi_error(503, "ServiceUnavailable", "Service temporarily unavailable.", "")
    return _spapi_error(500, "InternalFailure", "We encountered an internal error.", "")


_REGISTRY_LOCK = threading.Lock()


def catalog_of(sandbox: Sandbox) -> CatalogSearch:
    """The sandbox's catalog search (made on first use, one per Sandbox)."""
    with _REGISTRY_LOCK:
        found = sandbox.__dict__.get("_catalog_search")
        if found is None:
            found = sandbox.__dict__["_catalog_search"] = CatalogSearch(sandbox)
        return found


# -- HTTP ------------------------------------------------------------------------------------

class CatalogItemsHandler(tornado.web.RequestHandler):
    def initialize(self, sandbox: Sandbox, prefix: str = "") -> None:
        self.search = catalog_of(sandbox)

    def check_xsrf_cookie(self) -> None:
        return None

    def compute_etag(self) -> None:
        return None

    async def get(self, region: str) -> None:
        query = {k: [v.decode() for v in vs] for k, vs in self.request.query_arguments.items()}
        reply = self.search.search(query, self.request.headers.get("x-amz-access-token"),
                                   region)
        if self.search.controls.delay:
            await asyncio.sleep(self.search.controls.delay)
        self.set_status(reply.status)
        self.set_header("Content-Type", "application/json;charset=UTF-8")
        self.set_header("x-amzn-RequestId", str(uuid.uuid4()))
        for key, value in reply.headers.items():
            self.set_header(key, value)
        self.finish(json.dumps(reply.body))


class CatalogControlHandler(tornado.web.RequestHandler):
    """POST rate {rate, burst, delay} | fail {count, kind} | reset; GET state."""

    def initialize(self, sandbox: Sandbox, prefix: str = "") -> None:
        self.sandbox = sandbox
        self.search = catalog_of(sandbox)

    def check_xsrf_cookie(self) -> None:
        return None

    def prepare(self) -> None:
        from asc_widgets.sandbox.handlers import LOOPBACK

        if not self.sandbox.config.controls or self.request.remote_ip not in LOOPBACK:
            raise tornado.web.HTTPError(403)

    def get(self, action: str) -> None:
        if action != "state":
            raise tornado.web.HTTPError(404)
        self.finish(self.search.summary())

    def post(self, action: str) -> None:
        try:
            body = json.loads(self.request.body or b"{}")
            if action == "rate":
                self.search.set_rate(body.get("rate"), body.get("burst"), body.get("delay"))
            elif action == "fail":
                self.search.fail_next(int(body.get("count", 1)),
                                      str(body.get("kind", "rate_limit")))
            elif action == "reset":
                self.search.reset()
            else:
                raise tornado.web.HTTPError(404)
        except (ValueError, TypeError, AttributeError) as exc:
            raise tornado.web.HTTPError(400, str(exc)) from None
        self.finish(self.search.summary())


def catalog_handlers(escaped_prefix: str, kwargs: dict) -> list[tuple[str, type, dict]]:
    """The tornado rules for the Catalog Items API and its controls under the prefix."""
    return [
        (rf"{escaped_prefix}/spapi/(na|eu|fe)/catalog/2022-04-01/items", CatalogItemsHandler,
         kwargs),
        (rf"{escaped_prefix}/_control/catalog/([a-z-]+)", CatalogControlHandler, kwargs),
    ]

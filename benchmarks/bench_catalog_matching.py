"""Matching 10,000 products against the sandbox's catalog with its rate set high enough to
finish in seconds, then the same again from the registry's cache.

Prints one JSON line last: requests vs the minimum (ceil(unique codes / 20)), identifiers per
second vs the budget (rate x 20, target >= 0.95), 429s received, and the cached re-run
(target: 0 requests, under 1 s).
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from asc_widgets.core import DemoCatalog, Registry, StoreDraft  # noqa: E402
from asc_widgets.core.amazon import AmazonClient  # noqa: E402
from asc_widgets.core.authorization import Connector  # noqa: E402
from asc_widgets.core.listing import ListingRule  # noqa: E402
from asc_widgets.core.listing.service import ListingService  # noqa: E402
from asc_widgets.core.secrets import SecretBox, generate_key  # noqa: E402
from asc_widgets.sandbox import SandboxServer  # noqa: E402
from asc_widgets.sandbox.catalog import catalog_of  # noqa: E402

PRODUCTS = 10_000
RATE = 20.0  # requests per second the sandbox allows (Amazon: 2): ~20 s for 10,000 products
SANDBOX_BURST = 2  # Amazon's burst, which the client also uses (its default)
APP_URL = "http://127.0.0.1:9/app/"


def main() -> None:
    logging.getLogger("tornado.access").setLevel(logging.ERROR)  # 429s are counted, not logged
    with tempfile.TemporaryDirectory() as home, \
            SandboxServer(Path(home) / "sandbox.json") as server:
        catalog = DemoCatalog(PRODUCTS)
        search = catalog_of(server.sandbox)
        search.product_count = PRODUCTS
        search.set_rate(RATE, SANDBOX_BURST)
        registry = Registry(f"sqlite:///{home}/registry.sqlite3", actor="bench")
        connector = Connector(registry, AmazonClient(server.settings(APP_URL)),
                              SecretBox(generate_key()))
        store = registry.add_store(StoreDraft(website="base", email="ops@example.com",
                                              name="Bench", marketplace="US", id_type="UPC",
                                              attribute="upc"), catalog)
        state = connector.start(store.id).split("state=")[1].split("&")[0]
        code, seller = server.sandbox.grant_code("seller@example.com", "US", APP_URL)
        connector.complete(f"{APP_URL}?" + urlencode({
            "state": state, "selling_partner_id": seller, "spapi_oauth_code": code}))
        service = ListingService(registry, catalog, connector, rate=RATE)
        preview = service.preview(store.id, ListingRule("base"))
        codes = preview.codes_to_match()
        first = service.match(preview, store.id)
        again = service.match(service.preview(store.id, ListingRule("base")), store.id)
        per_second = len(first.matches) / first.seconds  # unique codes answered
        budget = RATE * 20
        print(json.dumps({
            "benchmark": "catalog_matching", "products": PRODUCTS, "unique_codes": len(codes),
            "requests": first.requests, "minimum_requests": first.minimum_requests,
            "extra_pages": first.extra_pages, "throttled_429": first.throttled,
            "seconds": round(first.seconds, 2), "rate": RATE,
            "identifiers_per_second": round(per_second, 1), "budget_per_second": budget,
            "budget_share": round(per_second / budget, 3),
            "cached_requests": again.requests, "cached_seconds": round(again.seconds, 3),
            "met": per_second / budget >= 0.95 and again.requests == 0 and again.seconds < 1,
            "complete": first.complete and first.error is None}))
        registry.close()


if __name__ == "__main__":
    main()

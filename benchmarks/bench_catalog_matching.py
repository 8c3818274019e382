"""Matching 10,000 products against the sandbox's catalog with its rate set high enough to
finish in seconds, then the same again from the registry's cache.

The sandbox runs in its own process (as Amazon is another machine), so the client's threads
and the server do not share one interpreter. Prints one JSON line last: requests vs the minimum
(ceil(unique codes / 20)), identifiers per second vs the budget (rate x 20, target >= 0.95),
429s received, and the cached re-run (target: 0 requests, under 1 s).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from asc_widgets.core import DemoCatalog, Registry, StoreDraft  # noqa: E402
from asc_widgets.core.amazon import AmazonClient, AmazonSettings  # noqa: E402
from asc_widgets.core.amazon.settings import sandbox_urls  # noqa: E402
from asc_widgets.core.authorization import Connector  # noqa: E402
from asc_widgets.core.listing import ListingRule  # noqa: E402
from asc_widgets.core.listing.service import ListingService  # noqa: E402
from asc_widgets.core.secrets import SecretBox, generate_key  # noqa: E402

PRODUCTS = 10_000
RATE = 20.0  # requests per second the sandbox allows (Amazon: 2): ~20 s for 10,000 products
SANDBOX_BURST = 2  # Amazon's burst, which the client also uses (its default)
APP_URL = "http://127.0.0.1:9/app/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_sandbox(home: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "asc_widgets.sandbox", "--port", str(port),
                             "--state", f"{home}/sandbox.json"], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = sandbox_urls(f"http://127.0.0.1:{port}/").root
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            requests.get(root, timeout=1)
            return proc, root
        except requests.ConnectionError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the sandbox did not start")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        proc, root = start_sandbox(home)
        try:
            control = f"{root}_control"
            requests.post(f"{control}/catalog/rate", json={"rate": RATE,
                                                           "burst": SANDBOX_BURST}, timeout=5)
            catalog = DemoCatalog(PRODUCTS)
            registry = Registry(f"sqlite:///{home}/registry.sqlite3", actor="bench")
            settings = AmazonSettings.sandbox(APP_URL, sandbox_root=root)
            connector = Connector(registry, AmazonClient(settings), SecretBox(generate_key()))
            store = registry.add_store(StoreDraft(
                website="base", email="ops@example.com", name="Bench", marketplace="US",
                id_type="UPC", attribute="upc"), catalog)
            state = connector.start(store.id).split("state=")[1].split("&")[0]
            grant = requests.post(f"{control}/grant", json={"redirect_uri": APP_URL},
                                  timeout=5).json()
            connector.complete(f"{APP_URL}?" + urlencode({
                "state": state, "selling_partner_id": grant["selling_partner_id"],
                "spapi_oauth_code": grant["spapi_oauth_code"]}))
            service = ListingService(registry, catalog, connector, rate=RATE)
            preview = service.preview(store.id, ListingRule("base"))
            codes = preview.codes_to_match()
            first = service.match(preview, store.id)
            again = service.match(service.preview(store.id, ListingRule("base")), store.id)
            registry.close()
        finally:
            proc.terminate()
            proc.wait(10)
    per_second = len(first.matches) / first.seconds  # unique codes answered per second
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


if __name__ == "__main__":
    main()

"""Fixtures for listing previews and catalog matching against the sandbox (a pytest plugin;
registered once in the root conftest.py).

``connected_store``: a US store on the demo catalog connected to the sandbox's demo seller;
``listing_service``: a ListingService on it with the catalog rate set high (fast tests);
``catalog_search``: the sandbox's Catalog Items API object (controls and counters).
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from sandbox_fixtures import APP_URL

from asc_widgets.core import StoreDraft
from asc_widgets.core.listing.service import ListingService
from asc_widgets.sandbox.catalog import catalog_of


@pytest.fixture
def clock(sandbox_clock):
    """The registry and the sandbox share one clock."""
    return sandbox_clock


def connect(connector, sandbox, store, seller: str = "seller@example.com"):
    """Connect the store as if the seller had clicked Continue in Seller Central."""
    state = parse_qs(urlsplit(connector.start(store.id)).query)["state"][0]
    code, seller_id = sandbox.grant_code(seller, store.marketplace, APP_URL)
    query = urlencode({"state": state, "selling_partner_id": seller_id,
                       "spapi_oauth_code": code})
    return connector.complete(f"{APP_URL}?{query}").store


@pytest.fixture
def connected_store(registry, catalog, connector, sandbox_server):
    store = registry.add_store(StoreDraft(website="us_store", email="ops@example.com",
                                          name="Amazon Store USA", marketplace="US",
                                          id_type="UPC", attribute="upc"), catalog)
    return connect(connector, sandbox_server.sandbox, store)


@pytest.fixture
def catalog_search(sandbox_server):
    search = catalog_of(sandbox_server.sandbox)
    search.set_rate(rate=500, burst=20)
    return search


@pytest.fixture
def listing_service(registry, catalog, connector, catalog_search):
    return ListingService(registry, catalog, connector, rate=500, burst=20)

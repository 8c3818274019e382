"""A Commerce server that pages wrongly, sends malformed records or huge error pages: the
client stops with a clear message instead of looping, crashing or flooding the person."""

from __future__ import annotations

import pytest
from commerce_fake import FakeCommerce, make_products

from asc_widgets.core.commerce import (
    CommerceCatalog,
    CommerceClient,
    CommerceConfig,
    CommerceHTTPError,
    CommerceResponseError,
)
from asc_widgets.core.commerce.errors import MESSAGE_LIMIT


def client_for(fake: FakeCommerce, **overrides: object) -> CommerceClient:
    settings = {"backoff": 0.001, "retries": 0, **overrides}
    return CommerceClient(CommerceConfig.from_env(fake.env(), **settings))


def product_requests(fake: FakeCommerce) -> int:
    return len([r for r in fake.requests if r.path.endswith("/V1/products")])


def test_a_server_alternating_two_full_pages_is_stopped_at_the_first_repeat():
    with FakeCommerce(products=make_products(100), paging="alternating") as fake:
        client = client_for(fake, page_size=20)
        pages = []
        with pytest.raises(CommerceResponseError) as caught:
            for page in client.product_pages(["upc"]):
                pages.append(page)
        assert len(pages) == 2 and product_requests(fake) == 3
        assert caught.value.key == "commerce.error.paging_loop"
        assert caught.value.message() == (
            "Adobe Commerce answered page 3 of products with the same products as page 1: "
            "the store does not page as expected (it may ignore currentPage). Stopped reading; "
            "ask the store's administrator to check its REST API.")
        assert "第 3 页" in caught.value.message("zh-CN")


def test_without_total_count_paging_stops_at_the_configured_maximum():
    with FakeCommerce(products=make_products(5), paging="endless") as fake:
        client = client_for(fake, page_size=10, max_pages=25)
        with pytest.raises(CommerceResponseError) as caught:
            for _ in client.product_pages(["upc"]):
                pass
        assert product_requests(fake) == 25
        assert caught.value.key == "commerce.error.too_many_pages"
        assert "more than 25 pages" in caught.value.message()
        assert "ASC_COMMERCE_MAX_PAGES" in caught.value.message()


def test_the_maximum_comes_from_the_environment():
    with FakeCommerce() as fake:
        config = CommerceConfig.from_env(fake.env(ASC_COMMERCE_MAX_PAGES="7"))
        assert config.max_pages == 7


def test_total_count_caps_the_pages_read():
    with FakeCommerce(products=make_products(95)) as fake:
        client = client_for(fake, page_size=10)
        assert sum(len(p) for p in client.product_pages(["upc"])) == 95
        assert product_requests(fake) == 10


def test_a_website_without_an_id_names_the_malformed_record():
    with FakeCommerce() as fake:
        fake.websites.append({"code": "broken", "name": "No id here"})
        catalog = CommerceCatalog(client_for(fake))
        with pytest.raises(CommerceResponseError) as caught:
            catalog.websites()
        message = caught.value.message()
        assert message.startswith("Adobe Commerce answered store/websites with a record whose "
                                  "'id' is missing or not a number:")
        assert '"code": "broken"' in message and "KeyError" not in message


def test_huge_commerce_error_text_is_trimmed():
    with FakeCommerce() as fake:
        huge = "Invalid value of %1 provided. " + "A very long error text. " * 70_000
        fake.fail("products", (400, {"message": huge, "parameters": ["x" * 100_000]}))
        client = client_for(fake)
        with pytest.raises(CommerceHTTPError) as caught:
            next(client.product_pages(["upc"]))
        assert len(caught.value.magento_message) <= MESSAGE_LIMIT
        assert caught.value.magento_message.endswith("…")
        assert len(caught.value.message()) < MESSAGE_LIMIT + 400
        assert len(str(caught.value)) < MESSAGE_LIMIT + 400

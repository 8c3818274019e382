"""CommerceCatalog (the CatalogSource over REST) and the pager, against the fake store."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from commerce_fake import FakeCommerce, make_products

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.commerce import CommerceCatalog, CommerceConfigError, CommerceHTTPError
from asc_widgets.core.commerce.paging import ListQuery, iter_pages, page_size_limit
from asc_widgets.core.config import catalog_from_env
from asc_widgets.core.identifiers import ID_TYPES
from asc_widgets.core.profiler import profile_catalog


def truth(products: list[dict[str, Any]], code: str) -> list[str | None]:
    """The value of a custom attribute per product, None where Magento leaves it out."""
    values = []
    for product in products:
        found = {c["attribute_code"]: c["value"] for c in product["custom_attributes"]}
        values.append(found.get(code))
    return values


def catalog_for(fake: FakeCommerce, **env: str) -> CommerceCatalog:
    return CommerceCatalog.from_env(fake.env(**env), backoff=0.001)


def page_numbers(fake: FakeCommerce) -> list[tuple[str, str]]:
    return [(r.query["searchCriteria[pageSize]"], r.query["searchCriteria[currentPage]"])
            for r in fake.product_requests()]


def test_catalog_from_env_builds_the_rest_catalog() -> None:
    with FakeCommerce() as fake:
        catalog = catalog_from_env(fake.env())
        assert isinstance(catalog, CommerceCatalog) and isinstance(catalog, CatalogSource)
        assert [w.code for w in catalog.websites()] == ["base", "us_store"]
    with pytest.raises(CommerceConfigError, match="ASC_COMMERCE_TOKEN"):
        catalog_from_env({"ASC_COMMERCE_URL": "https://shop.example.com"})


def test_websites_store_views_and_attributes() -> None:
    with FakeCommerce() as fake:
        catalog = catalog_for(fake)
        assert [(w.id, w.code, w.name) for w in catalog.websites()] == [
            (1, "base", "Main Website"), (2, "us_store", "US Store")]
        assert catalog.website("us_store").name == "US Store"
        assert [(s.code, s.website_id, s.is_active) for s in catalog.store_views()] == [
            ("default", 1, True), ("us_en", 2, False)]
        upc = catalog.attribute("upc")
        assert (upc.label, upc.frontend_input, upc.backend_type, upc.is_user_defined) == (
            "UPC", "text", "varchar", True)
        assert [a.code for a in catalog.mapping_candidates()] == [
            "name", "sku", "description", "upc", "ean", "amazon_asin"]
        requests_before = len(fake.requests)
        catalog.attributes()
        catalog.websites()
        assert len(fake.requests) == requests_before  # cached
        catalog.refresh()
        catalog.websites()
        assert len(fake.requests) == requests_before + 1


def test_products_stream_as_string_chunks_with_na_for_missing_values() -> None:
    products = make_products(1234)
    with FakeCommerce(products=products) as fake:
        catalog = catalog_for(fake, ASC_COMMERCE_PAGE_SIZE="100")
        chunks = list(catalog.iter_products(["upc", "ean", "name", "unknown"], chunk_size=250))
    assert [len(c) for c in chunks] == [300, 300, 300, 300, 34]  # whole pages per chunk
    frame = pd.concat(chunks, ignore_index=True)
    assert list(frame.columns) == ["sku", "upc", "ean", "name", "unknown"]
    assert all(isinstance(dtype, pd.StringDtype) for dtype in frame.dtypes)
    assert frame["sku"].tolist() == [p["sku"] for p in products]
    assert frame["upc"].tolist() == [v if v is not None else pd.NA for v in truth(products, "upc")]
    assert frame["upc"].isna().sum() == sum(1 for i in range(1234) if i % 5 == 0)
    assert frame["ean"].isna().sum() == sum(1 for i in range(1234) if i % 7 == 0)
    assert frame["upc"].str.len().dropna().eq(12).all()  # leading zeros kept
    assert frame["name"].tolist() == [p["name"] for p in products]  # a top-level field
    assert frame["unknown"].isna().all()


@pytest.mark.parametrize("paging", ["new", "old"])
@pytest.mark.parametrize(("count", "pages"), [(1234, 5), (1200, 4), (300, 1), (0, 1)])
def test_paging_stops_right_with_both_behaviours(paging: str, count: int, pages: int) -> None:
    with FakeCommerce(products=make_products(count), paging=paging) as fake:
        frame = catalog_for(fake, ASC_COMMERCE_PAGE_SIZE="300").products(["upc"])
        assert len(frame) == count and frame["sku"].is_unique
        assert page_numbers(fake) == [("300", str(n)) for n in range(1, pages + 1)]
        for request in fake.product_requests():
            assert request.query["searchCriteria[sortOrders][0][field]"] == "entity_id"
            assert request.query["searchCriteria[sortOrders][0][direction]"] == "ASC"
            assert request.query["fields"] == "items[id,sku,custom_attributes],total_count"


def test_page_size_above_the_store_maximum_is_shrunk() -> None:
    with FakeCommerce(products=make_products(650), max_page_size=250) as fake:
        frame = catalog_for(fake, ASC_COMMERCE_PAGE_SIZE="1000").products(["upc"])
        assert len(frame) == 650 and frame["sku"].is_unique
        assert page_numbers(fake) == [("1000", "1"), ("250", "1"), ("250", "2"), ("250", "3")]


def test_concurrent_paging_gives_the_same_products_in_order() -> None:
    products = make_products(2345)
    with FakeCommerce(products=products, paging="old") as fake:
        sequential = catalog_for(fake, ASC_COMMERCE_PAGE_SIZE="100").products(["upc", "ean"])
        fake.requests.clear()
        concurrent = catalog_for(fake, ASC_COMMERCE_PAGE_SIZE="100",
                                 ASC_COMMERCE_WORKERS="4").products(["upc", "ean"])
        assert sorted(page_numbers(fake)) == sorted(("100", str(n)) for n in range(1, 25))
    pd.testing.assert_frame_equal(concurrent, sequential)
    assert concurrent["sku"].tolist() == [p["sku"] for p in products]


def test_sample_values_ask_only_for_products_having_the_attribute() -> None:
    products = make_products(100)
    with FakeCommerce(products=products) as fake:
        samples = catalog_for(fake).sample_values("upc", limit=3)
        assert samples == [v for v in truth(products, "upc") if v][:3]
        (request,) = fake.product_requests()
        assert request.query["searchCriteria[pageSize]"] == "3"
        assert request.query["searchCriteria[filterGroups][0][filters][0][field]"] == "upc"
        assert request.query["searchCriteria[filterGroups][0][filters][0][condition_type]"] == (
            "notnull")


def test_profiler_streams_the_rest_catalog() -> None:
    products = make_products(1500)
    with FakeCommerce(products=products) as fake:
        profile = profile_catalog(catalog_for(fake, ASC_COMMERCE_PAGE_SIZE="200"),
                                  ["upc", "ean"], chunk_size=400)
    upc_values = [v for v in truth(products, "upc") if v]
    table = profile.table.set_index(["attribute", "id_type"])
    assert profile.products == 1500
    assert table.loc[("upc", "UPC"), "present"] == len(upc_values)
    assert table.loc[("upc", "UPC"), "valid"] == sum(ID_TYPES["UPC"].is_valid(v)
                                                      for v in upc_values)
    assert table.loc[("upc", "UPC"), "invalid"] == sum(1 for i in range(1500)
                                                        if i % 5 and i % 11 == 0)
    assert profile.overall.attribute == "ean" and profile.overall.id_type == "EAN"


# --- the pager on scripted answers ---------------------------------------------------------

QUERY = ListQuery("products", sort_field="entity_id", key="sku")


def scripted(pages: list[dict[str, Any]]):
    calls: list[dict[str, str]] = []

    def fetch(path: str, params: dict[str, str]) -> dict[str, Any]:
        calls.append(dict(params))
        return pages[min(int(params["searchCriteria[currentPage]"]), len(pages)) - 1]

    return fetch, calls


def items(*skus: str) -> list[dict[str, str]]:
    return [{"sku": s} for s in skus]


def test_old_paging_without_total_count_stops_on_the_repeated_page() -> None:
    fetch, calls = scripted([{"items": items("a", "b")}, {"items": items("c", "d")}])
    pages = list(iter_pages(fetch, QUERY, 2))
    assert pages == [items("a", "b"), items("c", "d")]
    assert len(calls) == 3  # the third answer repeated page 2: nothing new, stop


def test_rows_shifted_by_a_delete_are_not_delivered_twice() -> None:
    # 'b' was deleted after page 1: page 2 starts with 'c' again.
    fetch, _ = scripted([{"items": items("a", "b", "c"), "total_count": 7},
                         {"items": items("c", "e", "f"), "total_count": 6},
                         {"items": [], "total_count": 6}])
    delivered = [i["sku"] for page in iter_pages(fetch, QUERY, 3) for i in page]
    assert delivered == ["a", "b", "c", "e", "f"]


def test_page_size_limit_reads_the_filled_in_message() -> None:
    def error(status: int, message: str) -> CommerceHTTPError:
        return CommerceHTTPError("commerce.error.http", status=status, path="products",
                                 magento_message=message)

    assert page_size_limit(error(400, "Maximum SearchCriteria pageSize is 300")) == 300
    assert page_size_limit(error(400, "Maximum SearchCriteria pageSize is %max")) is None
    assert page_size_limit(error(500, "Maximum SearchCriteria pageSize is 300")) is None


def test_sample_values_fall_back_when_the_store_cannot_filter(monkeypatch) -> None:
    products = make_products(30)
    with FakeCommerce(products=products) as fake:
        catalog = catalog_for(fake)
        original = catalog.client.product_pages

        def refuse_filters(codes, **options):
            if options.get("only_with"):
                raise CommerceHTTPError("commerce.error.http", status=400, path="products",
                                        magento_message="Cannot filter on this attribute.")
            return original(codes, **options)

        monkeypatch.setattr(catalog.client, "product_pages", refuse_filters)
        assert catalog.sample_values("ean", limit=4) == [
            v for v in truth(products, "ean") if v][:4]

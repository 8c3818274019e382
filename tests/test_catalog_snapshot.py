"""The local catalog snapshot and its sync, against the fake Commerce store over real HTTP."""

from __future__ import annotations

import resource
import shutil
import signal

import pandas as pd
import pytest
from commerce_fake import FakeCommerce, make_products

from asc_widgets.core.commerce import (
    CatalogSnapshotError,
    CatalogSyncError,
    CommerceError,
    SnapshotCatalog,
    SyncProgress,
)
from asc_widgets.core.commerce.snapshot import snapshot_key
from asc_widgets.core.config import catalog_from_env
from asc_widgets.core.profiler import profile_catalog

COLUMNS = ["upc", "ean", "name", "website_ids"]


def snapshot_catalog(fake: FakeCommerce, home, **env: str) -> SnapshotCatalog:
    settings = {"ASC_HOME": str(home), "ASC_COMMERCE_PAGE_SIZE": "100", **env}
    return SnapshotCatalog.from_env(fake.env(**settings), backoff=0.001, retries=1)


def store_truth(fake: FakeCommerce) -> pd.DataFrame:
    """What the store holds now, in the snapshot's shape."""
    rows = []
    for product in sorted(fake.products, key=lambda p: p["id"]):
        custom = {c["attribute_code"]: c["value"] for c in product["custom_attributes"]}
        websites = product["extension_attributes"]["website_ids"]
        rows.append({"sku": product["sku"], "upc": custom.get("upc"), "ean": custom.get("ean"),
                     "name": product["name"], "website_ids": ",".join(map(str, websites))})
    return pd.DataFrame(rows, columns=["sku", *COLUMNS]).astype("string")


def snapshot_frame(catalog: SnapshotCatalog) -> pd.DataFrame:
    return catalog.products(COLUMNS)


def product_requests_since(fake: FakeCommerce, start: int) -> list[dict[str, str]]:
    return [r.query for r in fake.product_requests()[start:]]


def filters_of(query: dict[str, str]) -> list[tuple[str, str, str]]:
    found = []
    for group in range(10):
        prefix = f"searchCriteria[filterGroups][{group}][filters][0]"
        if f"{prefix}[field]" in query:
            found.append((query[f"{prefix}[field]"], query[f"{prefix}[condition_type]"],
                          query[f"{prefix}[value]"]))
    return found


def test_first_sync_reads_everything_then_only_what_changed(tmp_path) -> None:
    with FakeCommerce(products=make_products(1000), max_page_size=None) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        assert catalog.snapshot_info() is None
        seen: list[SyncProgress] = []
        full = catalog.sync(progress=seen.append)
        assert (full.kind, full.products) == ("full", 1000)
        assert seen[-1].read == seen[-1].total == 1000 and seen[-1].remaining_seconds == 0
        pd.testing.assert_frame_equal(snapshot_frame(catalog), store_truth(fake))
        # Keyset pages: each asks for the products after the last id read.
        keyset = [f for q in product_requests_since(fake, 0) for f in filters_of(q)
                  if f[0] == "entity_id"]
        assert keyset[:3] == [("entity_id", "gt", "0"), ("entity_id", "gt", "100"),
                              ("entity_id", "gt", "200")]

        fake.change_products([5, 6], upc="012345678905")
        fake.change_products([10], upc=None)  # the product loses its identifier
        fake.delete_products([20, 21, 500])
        added = fake.add_products(4)
        before = len(fake.product_requests())
        result = catalog.sync()
        queries = product_requests_since(fake, before)

    assert result.kind == "incremental"
    assert (result.changed, result.deleted, result.products) == (7, 3, 1001)
    assert result.requests == len(queries) <= 4
    assert any(("updated_at", "gteq", "2025-12-31 23:59:59") in filters_of(q) for q in queries)
    assert any(q.get("fields") == "items[id,updated_at],total_count" for q in queries)
    frame = snapshot_frame(catalog)
    pd.testing.assert_frame_equal(frame, store_truth(fake))
    by_sku = frame.set_index("sku")
    assert by_sku.loc["SKU-000005", "upc"] == "012345678905"
    assert pd.isna(by_sku.loc["SKU-000010", "upc"])
    assert "SKU-000020" not in by_sku.index and added[0]["sku"] in by_sku.index
    assert "1,001 in total" in result.describe() and "共 1,001 个" in result.describe("zh-CN")


def test_an_incremental_sync_without_deletions_skips_the_id_listing(tmp_path) -> None:
    with FakeCommerce(products=make_products(500), max_page_size=None) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        catalog.sync()
        fake.change_products([7], ean="4006381333931")
        before = len(fake.product_requests())
        result = catalog.sync()
        queries = product_requests_since(fake, before)
    assert (result.changed, result.deleted, result.requests) == (1, 0, 2)
    assert not any("id,updated_at]" in q.get("fields", "") and q["searchCriteria[pageSize]"]
                   != "1" for q in queries)
    assert catalog.products(["ean"]).set_index("sku").loc["SKU-000007", "ean"] == "4006381333931"


def test_profiles_read_the_snapshot_not_the_network(tmp_path) -> None:
    with FakeCommerce(products=make_products(700)) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        with pytest.raises(CatalogSnapshotError) as missing:
            catalog.products(["upc"])
        assert "Sync catalog" in missing.value.message()
        assert "同步目录" in missing.value.message("zh-CN")
        catalog.sync()
        env = fake.env(ASC_HOME=str(tmp_path))
    # The store is gone: profiling and samples still work, from the snapshot.
    catalog = SnapshotCatalog.from_env(env)
    assert "ean" in [a.code for a in catalog.mapping_candidates()]
    profile = profile_catalog(catalog)
    assert profile.products == 700
    assert profile.best("UPC").attribute == "upc"
    assert len(catalog.sample_values("ean", 3)) == 3


def test_an_interrupted_first_sync_continues_where_it_stopped(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("asc_widgets.core.commerce.sync.FLUSH_ROWS", 200)
    with FakeCommerce(products=make_products(1000), max_page_size=None) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        # The 6th products request (page 5 of the read) and its retry lose the connection.
        fake.at_product_request(6, lambda f: f.fail("/V1/products", "drop", "drop"))
        with pytest.raises(CatalogSyncError) as stopped:
            catalog.sync()
        assert catalog.snapshot_info() is None  # nothing half-written became the snapshot
        english, chinese = stopped.value.message(), stopped.value.message("zh-CN")
        assert "stopped after 400 of 1,000 products" in english
        assert "Cannot reach Adobe Commerce" in english and "continues where it stopped" in english
        assert "读取 400 / 1,000 个产品后停止" in chinese and "无法连接" in chinese
        assert isinstance(stopped.value, CommerceError)

        before = len(fake.product_requests())
        result = catalog.sync()
        first_read = filters_of(product_requests_since(fake, before)[0])
    assert result.kind == "full" and result.products == 1000
    assert ("entity_id", "gt", "400") in first_read  # continued, not started again
    pd.testing.assert_frame_equal(snapshot_frame(catalog), store_truth(fake))
    assert not catalog.snapshot.sync_folder.exists()


def test_a_failed_sync_keeps_the_last_good_snapshot(tmp_path) -> None:
    with FakeCommerce(products=make_products(300), max_page_size=None) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        catalog.sync()
        good = snapshot_frame(catalog)
        fake.change_products([1, 2, 3], upc="036000291452")
        # The second products request of the next sync (reading the changed ones) and its
        # one retry are refused.
        fake.at_product_request(len(fake.product_requests()) + 2,
                                lambda f: f.fail("/V1/products", 503, 503))
        with pytest.raises(CatalogSyncError) as stopped:
            catalog.sync()
        assert stopped.value.message().startswith("The catalog sync stopped: Adobe Commerce")
        assert "answered 503 to products 2 times" in stopped.value.message()
        assert "last good snapshot is kept" in stopped.value.message()
        assert "已保留上一个完好的快照" in stopped.value.message("zh-CN")
        pd.testing.assert_frame_equal(snapshot_frame(catalog), good)
        catalog.sync()
        assert snapshot_frame(catalog).loc[0, "upc"] == "036000291452"


def test_changes_during_a_full_sync_are_caught_by_the_next_one(tmp_path) -> None:
    def meanwhile(fake: FakeCommerce) -> None:
        fake.change_products([3, 950], upc="036000291452")  # one already read, one not yet
        fake.delete_products([4, 900])
        fake.add_products(2)

    with FakeCommerce(products=make_products(1000), max_page_size=None) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        fake.at_product_request(5, meanwhile)
        catalog.sync()
        catalog.sync()
        pd.testing.assert_frame_equal(snapshot_frame(catalog), store_truth(fake))


def test_a_repeated_page_stops_the_sync_and_a_rerun_continues(tmp_path) -> None:
    with FakeCommerce(products=make_products(600), max_page_size=None) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        fake.at_product_request(4, lambda f: f.fail("/V1/products", "repeat"))
        with pytest.raises(CatalogSyncError) as stopped:
            catalog.sync()
        assert "products already read" in stopped.value.message()
        assert "已读取过的产品" in stopped.value.message("zh-CN")
        catalog.sync()
        pd.testing.assert_frame_equal(snapshot_frame(catalog), store_truth(fake))


def test_a_skipped_page_is_noticed_and_fetched(tmp_path) -> None:
    with FakeCommerce(products=make_products(600), max_page_size=None) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        fake.at_product_request(3, lambda f: f.fail("/V1/products", "skip"))
        result = catalog.sync()
        assert result.products == 600
        pd.testing.assert_frame_equal(snapshot_frame(catalog), store_truth(fake))


def test_a_full_disk_keeps_the_snapshot_and_the_rerun_continues(tmp_path) -> None:
    with FakeCommerce(products=make_products(400), max_page_size=None) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        catalog.sync()
        good = snapshot_frame(catalog)
        fake.change_products(range(1, 400), upc="036000291452")
        # Files may not grow past 1 KiB (SIGXFSZ ignored: the write fails with an OSError).
        limits = resource.getrlimit(resource.RLIMIT_FSIZE)
        handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024, limits[1]))
        try:
            with pytest.raises(CatalogSyncError) as stopped:
                catalog.sync()
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, limits)
            signal.signal(signal.SIGXFSZ, handler)
        assert "could not write" in stopped.value.message()
        assert "磁盘可能已满" in stopped.value.message("zh-CN")
        pd.testing.assert_frame_equal(snapshot_frame(catalog), good)
        assert not list(catalog.snapshot.folder.glob(".*.tmp"))
        catalog.sync()
        assert (snapshot_frame(catalog)["upc"][:399] == "036000291452").all()


def test_a_snapshot_of_another_store_is_never_used(tmp_path) -> None:
    with FakeCommerce(products=make_products(50)) as fake:
        default_view = snapshot_catalog(fake, tmp_path, ASC_COMMERCE_STORE_CODE="default")
        admin_scope = snapshot_catalog(fake, tmp_path)
        default_view.sync()
        assert admin_scope.snapshot_info() is None  # another key, another file
        assert default_view.snapshot.folder != admin_scope.snapshot.folder
        # A snapshot copied into the wrong folder is refused, not read.
        admin_scope.snapshot.folder.mkdir(parents=True)
        shutil.copy(default_view.snapshot.path, admin_scope.snapshot.path)
        with pytest.raises(CatalogSnapshotError) as refused:
            admin_scope.products(["upc"])
        assert "(store view default)" in refused.value.message()
        assert "不会使用它" in refused.value.message("zh-CN")
        assert admin_scope.sync().kind == "full"  # a sync replaces it with this store's
        assert admin_scope.snapshot_info().store_code is None
        assert snapshot_key(fake.url, None) != snapshot_key(fake.url, "default")


def test_catalog_from_env_reads_products_from_the_snapshot(tmp_path) -> None:
    with FakeCommerce(products=make_products(120)) as fake:
        catalog = catalog_from_env(fake.env(ASC_HOME=str(tmp_path)))
        assert isinstance(catalog, SnapshotCatalog)
        assert catalog.snapshot.path.is_relative_to(tmp_path)
        result = catalog.sync()
    info = catalog.snapshot_info()
    assert info.products == result.products == 120
    assert pd.read_parquet(info.path)["sku"].tolist()[:2] == ["SKU-000001", "SKU-000002"]
    assert "120 products, synced 0 s ago" in info.describe(now=info.synced_at)


def test_the_notebook_kit_syncs_and_tells_the_snapshot_age(tmp_path) -> None:
    from asc_widgets.notebook import open_kit

    demo = open_kit({"ASC_HOME": str(tmp_path / "demo")})
    assert demo.catalog_status() == (
        "The demo catalog is built in: it needs no snapshot and no sync.")
    assert demo.sync_catalog() is None and demo.catalog_sync_panel() is None
    with FakeCommerce(products=make_products(150)) as fake:
        kit = open_kit(fake.env(ASC_HOME=str(tmp_path / "commerce")), lang="zh-CN")
        assert kit.catalog_status().startswith("尚无目录快照")
        lines: list[str] = []
        result = kit.sync_catalog(progress=lines.append)
    assert result.products == 150
    assert lines[0] == "正在读取整个目录：已读取 150 / 150 个产品，预计还需 0 秒。"
    assert lines[-1].startswith("目录已同步：用")
    assert kit.catalog_status().startswith("目录快照：150 个产品")
    kit.registry.close()
    demo.registry.close()


def test_a_second_sync_of_the_same_store_at_once_is_refused(tmp_path) -> None:
    import fcntl

    with FakeCommerce(products=make_products(30)) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        catalog.snapshot.folder.mkdir(parents=True)
        with open(catalog.snapshot.folder / "sync.lock", "a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)  # as another app session's running sync does
            with pytest.raises(CatalogSyncError) as refused:
                catalog.sync()
        assert "Another catalog sync of this store is running" in refused.value.message()
        assert "另一个目录同步正在运行" in refused.value.message("zh-CN")
        assert catalog.sync().products == 30  # once it is over

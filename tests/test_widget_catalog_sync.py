"""The Sync catalog panel: snapshot age, progress, result and errors, driven through its
public methods and its button, against the fake Commerce store."""

from __future__ import annotations

from commerce_fake import FakeCommerce, make_products

from asc_widgets.app import OnboardingApp
from asc_widgets.core import DemoCatalog
from asc_widgets.core.commerce import SnapshotCatalog
from asc_widgets.widgets.catalog_sync import catalog_sync_panel
from asc_widgets.widgets.common import text_of
from asc_widgets.widgets.feedback import Feedback


def snapshot_catalog(fake: FakeCommerce, home) -> SnapshotCatalog:
    return SnapshotCatalog.from_env(fake.env(ASC_HOME=str(home), ASC_COMMERCE_PAGE_SIZE="50"),
                                    backoff=0.001, retries=1)


def test_the_demo_catalog_needs_no_sync(registry) -> None:
    assert catalog_sync_panel(DemoCatalog()) is None
    app = OnboardingApp(registry, DemoCatalog())
    assert app.catalog_sync is None


def test_sync_shows_progress_then_the_snapshot_age(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("asc_widgets.widgets.catalog_sync.PROGRESS_INTERVAL", 0)
    with FakeCommerce(products=make_products(400)) as fake:
        feedback = Feedback()
        panel = catalog_sync_panel(snapshot_catalog(fake, tmp_path), feedback=feedback)
        assert "No catalog snapshot yet" in text_of(panel.age)
        assert panel.button.description == "Sync catalog"
        shown: list[tuple[int, int, str]] = []
        panel.bar.observe(lambda _c: shown.append((panel.bar.value, panel.bar.max,
                                                   text_of(panel.progress_text))),
                          names="value")
        panel.button.click()
    assert feedback.kind == "success", feedback.text
    assert "400 products read" in feedback.text
    assert (shown[0][0], shown[0][1]) == (50, 400)
    assert "Reading the whole catalog: 50 of 400 products read, about" in shown[0][2]
    assert shown[-1][:2] == (400, 400)
    assert "Catalog snapshot: 400 products, synced" in text_of(panel.age)
    assert panel.button.description == "Sync catalog" and not panel.button.disabled
    panel.set_language("zh-CN")
    assert panel.button.description == "同步目录"
    assert "目录快照：400 个产品" in text_of(panel.age)


def test_a_failed_sync_shows_what_happened_and_keeps_the_panel_usable(tmp_path) -> None:
    with FakeCommerce(products=make_products(300)) as fake:
        feedback = Feedback("zh-CN")
        panel = catalog_sync_panel(snapshot_catalog(fake, tmp_path), lang="zh-CN",
                                   feedback=feedback)
        fake.at_product_request(3, lambda f: f.fail("/V1/products", "drop", "drop"))
        panel.button.click()
        assert feedback.kind == "error"
        assert "目录同步在读取 50 / 300 个产品后停止" in feedback.text
        assert "它会从停止处继续" in feedback.text
        assert not panel.button.disabled and "尚无目录快照" in text_of(panel.age)
        panel.button.click()
    assert feedback.kind == "success" and "300" in feedback.text
    assert "目录快照：300 个产品" in text_of(panel.age)


def test_the_app_shows_the_panel_and_a_sync_refreshes_the_attribute_check(registry, tmp_path
                                                                          ) -> None:
    with FakeCommerce(products=make_products(200)) as fake:
        catalog = snapshot_catalog(fake, tmp_path)
        app = OnboardingApp(registry, catalog)
        assert app.catalog_sync.widget in app.widget.children
        app.catalog_sync.sync()
        mapper = app.form.mapper
        mapper.id_type.control.value = "UPC"
        mapper.attribute.control.value = "upc"
        assert mapper.profile().products == 200
        fake.add_products(10)
        app.catalog_sync.sync()
        assert mapper.profile().products == 210
        app.set_language("zh-CN")
        assert app.catalog_sync.button.description == "同步目录"

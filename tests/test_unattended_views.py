"""What the app shows of the unattended check: the dashboard's line, the status table's
"last checked" column, and the reminders' store link opening the store's dashboard."""

from __future__ import annotations

from datetime import UTC

import pytest
from helpers import connected_uk_store

from asc_widgets.app import OnboardingApp
from asc_widgets.app_requests import store_in_query
from asc_widgets.core import DemoCatalog, authorizations_table
from asc_widgets.core.registry import CheckLog
from asc_widgets.core.reminders import store_page_url
from asc_widgets.widgets import StoreDashboard
from asc_widgets.widgets.common import text_of


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=100)


@pytest.fixture
def store(registry, catalog):
    return connected_uk_store(registry, catalog, days_left=200)


def finished_run(registry, store, result="error"):
    log = CheckLog(registry)
    log.start_run("run-1")
    log.record_check(store.id, result, "amazon.error.unavailable")
    log.finish_run("run-1", {"checked": 1, "problems": [store.id] if result != "ok" else []})


def test_the_dashboard_shows_the_last_scheduled_check(registry, catalog, store):
    dash = StoreDashboard(registry, catalog)
    dash.show(store.id)
    assert "No scheduled check has run yet" in text_of(dash.auth)
    finished_run(registry, store, "unavailable")
    dash.set_language("zh-CN")
    text = text_of(dash.auth)
    assert "此商店最近一次定时检查：" in text and "Amazon 不可用" in text
    assert "检查了 1 个商店，其中 1 个有问题" in text
    dash.set_language("en")
    local = registry.clock.now().astimezone().strftime("%Y-%m-%d %H:%M")
    assert (f"Last scheduled check of this store: {local}, Amazon unavailable. Last scheduled "
            f"check: {local}, 1 store(s) checked, 1 with problems.") in text_of(dash.auth)


def test_the_status_table_has_a_last_checked_column(registry, store, clock):
    checks = CheckLog(registry)
    table = authorizations_table(registry.list_stores(), clock.now(), zone=UTC,
                                 checks=checks.checks())
    assert list(table.columns)[-1] == "last checked" and table["last checked"].isna().all()
    checks.record_check(store.id, "ok")
    table = authorizations_table(registry.list_stores(), clock.now(), lang="zh-CN", zone=UTC,
                                 checks=checks.checks())
    assert table["最近检查"].item() == clock.now()


def test_a_reminder_link_opens_the_store_dashboard_in_its_language(registry, catalog, store):
    link = store_page_url("http://127.0.0.1:8866/", store.id, "zh-CN")
    query = link.split("?", 1)[1]
    assert store_in_query(query) == store.id and store_in_query("store=x") is None
    app = OnboardingApp(registry, catalog, lang="zh-CN", query=query)
    assert app.view == "dashboard" and "Amazon Store UK" in text_of(app.dashboard.title)
    missing = OnboardingApp(registry, catalog, query="store=999")
    assert missing.view != "dashboard"
    assert "999" in text_of(missing.feedback.widget)

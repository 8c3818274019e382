"""The Status view: core's tables, styled by core, rendered as HTML."""

from __future__ import annotations

import pytest

from asc_widgets.core import DemoCatalog, FixedClock, Registry, StoreDraft
from asc_widgets.core.status import STATUS_COLOURS
from asc_widgets.widgets import StatusView
from asc_widgets.widgets.common import text_of


@pytest.fixture
def registry(tmp_path):
    reg = Registry(f"sqlite:///{tmp_path / 'registry.sqlite3'}",
                   clock=FixedClock("2025-03-01T12:00:00+00:00"), actor="tester")
    yield reg
    reg.close()


def test_empty(registry):
    view = StatusView(registry)
    assert "No stores yet." in text_of(view.stores_html)


def test_tables_show_stores_and_authorizations_escaped(registry):
    registry.add_store(StoreDraft(website="base", email="a@example.com",
                                  name="<b>Bold & Co</b>", marketplace="US", id_type="UPC",
                                  attribute="upc"), DemoCatalog(product_count=50))
    view = StatusView(registry)
    assert "<b>Bold" not in view.stores_html.value
    assert "&lt;b&gt;Bold &amp; Co&lt;/b&gt;" in view.stores_html.value
    assert "Not connected" in text_of(view.stores_html)
    assert STATUS_COLOURS["not_connected"] in view.stores_html.value
    assert "seller id" in text_of(view.auth_html)
    view.set_language("zh-CN")
    assert "未连接" in text_of(view.stores_html) and "授权" in text_of(view.auth_html)

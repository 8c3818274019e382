from datetime import timedelta, timezone

from asc_widgets.core import StoreDraft, authorizations_table, stores_table, style_table

TOKYO = timezone(timedelta(hours=9))


def connected_pair(registry, catalog, draft, clock):
    us = registry.add_store(draft, catalog)
    uk = registry.add_store(StoreDraft(website="uk_store", email="uk@example.com",
                                       name="<b>UK</b>", marketplace="UK", id_type="EAN",
                                       attribute="ean"), catalog)
    registry.transition(us.id, "connect", seller_id="A2SELLER", authorized_at=clock.now(),
                        expires_at=clock.now() + timedelta(days=365))
    return us, uk


def test_stores_table_columns_values_and_local_times(registry, catalog, draft, clock):
    connected_pair(registry, catalog, draft, clock)
    table = stores_table(registry.list_stores(), zone=TOKYO)
    assert list(table.columns) == ["name", "website", "marketplace", "status", "created",
                                   "updated"]
    assert table["marketplace"].tolist() == ["United States", "United Kingdom"]
    assert table["status"].tolist() == ["Active", "Not connected"]
    created = table.loc[0, "created"]
    assert created.tzinfo is not None and created.utcoffset() == timedelta(hours=9)
    assert created.hour == (clock.now().hour + 9) % 24


def test_authorizations_table_days_left_and_states(registry, catalog, draft, clock):
    connected_pair(registry, catalog, draft, clock)
    table = authorizations_table(registry.list_stores(), clock.now())
    assert list(table.columns) == ["store", "seller id", "authorized at", "expires at",
                                   "days left", "state"]
    assert table["days left"].tolist()[0] == 365
    assert table["state"].tolist() == ["Active", "Not connected"]
    later = clock.now() + timedelta(days=340)
    assert authorizations_table(registry.list_stores(), later)["state"][0] == "Expiring"
    assert authorizations_table(registry.list_stores(), later)["days left"][0] == 25
    expired = authorizations_table(registry.list_stores(), clock.now() + timedelta(days=366))
    assert expired["state"][0] == "Expired" and expired["days left"][0] == -1


def test_tables_speak_chinese(registry, catalog, draft, clock):
    connected_pair(registry, catalog, draft, clock)
    table = authorizations_table(registry.list_stores(), clock.now(), lang="zh-CN")
    assert list(table.columns)[0] == "商店" and table["授权状态"].tolist() == ["已启用", "未连接"]
    assert stores_table(registry.list_stores(), lang="zh-CN")["商城"].tolist() == ["美国", "英国"]


def test_styled_tables_colour_states_and_escape_user_text(registry, catalog, draft, clock):
    connected_pair(registry, catalog, draft, clock)
    html = style_table(stores_table(registry.list_stores())).to_html()
    assert "&lt;b&gt;UK&lt;/b&gt;" in html and "<b>UK</b>" not in html
    assert "color: #2e7d32" in html  # Active in green
    auth_html = style_table(authorizations_table(registry.list_stores(),
                                                 clock.now() + timedelta(days=340))).to_html()
    assert "color: #ef6c00" in auth_html  # Expiring in orange


def test_empty_registry_gives_empty_tables_with_columns(registry, clock):
    assert stores_table([]).empty and len(stores_table([]).columns) == 6
    assert authorizations_table([], clock.now()).columns[-1] == "state"


def test_export_writes_csv_and_an_excel_workbook(registry, catalog, draft, clock, tmp_path):
    import pandas as pd

    from asc_widgets.core.status import export_status

    connected_pair(registry, catalog, draft, clock)
    paths = export_status(registry.list_stores(), clock.now(), tmp_path / "out", zone=TOKYO)
    stores_csv = pd.read_csv(paths["stores"])
    assert stores_csv["name"].tolist() == ["Amazon Store USA", "<b>UK</b>"]
    sheets = pd.read_excel(paths["excel"], sheet_name=None)
    assert set(sheets) == {"stores", "authorizations"}
    auth = sheets["authorizations"]
    assert auth["days left"].tolist()[0] == 365
    assert auth["authorized at"][0].hour == (clock.now().hour + 9) % 24

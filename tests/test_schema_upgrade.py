"""A registry written by an older kit is upgraded in place, keeping its data."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, inspect

from asc_widgets.core import Registry, StoreStatus
from asc_widgets.core.registry import schema
from asc_widgets.core.registry.engine import make_engine

pytestmark = pytest.mark.both_backends


def make_v1_database(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        assert schema.upgrade(conn, target=1) == 1
        at = datetime(2025, 6, 1, tzinfo=UTC).isoformat()
        conn.execute(insert(schema.stores.metadata.tables["stores"]).values(
            name="Legacy UK", name_key="legacy uk", website="uk_store", email="old@example.com",
            marketplace="UK", id_type="EAN", attribute="ean", status="not_connected",
            created_at=datetime(2025, 6, 1, tzinfo=UTC), updated_at=datetime(2025, 6, 1,
                                                                              tzinfo=UTC)))
        conn.exec_driver_sql(
            "INSERT INTO events (store_id, store_name, kind, actor, at, details) "
            f"VALUES (1, 'Legacy UK', 'created', 'old-kit', '{at}', '{{}}')")
    engine.dispose()


def columns(url: str, table: str) -> set[str]:
    engine = make_engine(url)
    names = {column["name"] for column in inspect(engine).get_columns(table)}
    engine.dispose()
    return names


def test_version_1_database_is_upgraded_keeping_its_stores(database_url, catalog, draft):
    make_v1_database(database_url)
    assert "seller_id" not in columns(database_url, "stores")
    registry = Registry(database_url)
    assert registry.schema_version == schema.LATEST_VERSION == 5
    assert {"seller_id", "authorized_at", "expires_at", "last_error"} <= columns(database_url,
                                                                                   "stores")
    [legacy] = registry.list_stores()
    assert (legacy.name, legacy.status, legacy.seller_id) == ("Legacy UK",
                                                              StoreStatus.NOT_CONNECTED, None)
    assert registry.events(legacy.id)[0].actor == "old-kit"
    # The new tables and constraints work on the upgraded file.
    registry.set_checked("cron", True)
    registry.add_store(draft, catalog)
    registry.transition(legacy.id, "connect", seller_id="A1")
    assert registry.get_store(legacy.id).seller_id == "A1"


def test_upgrading_twice_changes_nothing(database_url):
    Registry(database_url).close()
    assert Registry(database_url).schema_version == schema.LATEST_VERSION


def test_a_newer_database_is_refused_not_damaged(database_url):
    Registry(database_url).close()
    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE asc_schema SET version = 99")
    engine.dispose()
    with pytest.raises(RuntimeError, match="newer than this kit"):
        Registry(database_url)


def test_version_2_database_gains_the_pending_states_language(database_url, catalog, draft):
    engine = make_engine(database_url)
    with engine.begin() as conn:
        assert schema.upgrade(conn, target=2) == 2
    engine.dispose()
    assert "lang" not in columns(database_url, "auth_states")
    registry = Registry(database_url)
    assert registry.schema_version == schema.LATEST_VERSION
    assert "lang" in columns(database_url, "auth_states")
    store = registry.add_store(draft, catalog)
    registry.save_auth_state(store.id, "s-1", lang="zh-CN")
    assert registry.consume_auth_state("s-1").lang == "zh-CN"


def test_version_3_database_gains_the_unattended_check_tables(database_url, catalog, draft):
    from datetime import timedelta

    from asc_widgets.core.registry import CheckLog

    engine = make_engine(database_url)
    with engine.begin() as conn:
        assert schema.upgrade(conn, target=3) == 3
    engine.dispose()
    engine = make_engine(database_url)
    assert not inspect(engine).has_table("store_checks")
    engine.dispose()
    registry = Registry(database_url)
    assert registry.schema_version == schema.LATEST_VERSION
    assert {"store_id", "checked_at", "result", "failures_in_row"} <= columns(database_url,
                                                                              "store_checks")
    assert {"subject", "occasion", "channel", "recipient", "status"} <= columns(database_url,
                                                                               "reminders")
    store = registry.add_store(draft, catalog)
    log = CheckLog(registry)
    assert log.record_check(store.id, "error", "amazon.error.unavailable").failures_in_row == 1
    assert log.acquire_lease("unattended-check", "h:1:a", timedelta(minutes=5)) is not None
    # Deleting a store removes its check record (the ledger keeps its history).
    registry.delete_store(store.id)
    assert log.checks() == {}

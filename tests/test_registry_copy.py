"""The one-shot copy of a SQLite registry (made by the previous schema version) into a real
PostgreSQL database: everything arrives unchanged, ids continue, a non-empty target is refused."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import delete, insert

from asc_widgets.core import Registry, StoreDraft, StoreStatus, ValidationError
from asc_widgets.core.registry import schema
from asc_widgets.core.registry.copy import CopyRefused, copy_registry
from asc_widgets.core.registry.engine import make_engine
from asc_widgets.core.secrets import SecretBox, generate_key

AT = datetime(2025, 6, 1, 9, 30, 0, 250000, tzinfo=UTC)
KEY = generate_key()


def make_v2_registry(url: str) -> bytes:
    """A registry as the kit of schema version 2 left it; returns the sealed refresh token."""
    sealed = SecretBox(KEY).encrypt("Atzr|refresh-token-of-the-uk-store")
    engine = make_engine(url)
    with engine.begin() as conn:
        assert schema.upgrade(conn, target=2) == 2
        store = dict(email="ops@example.com", id_type="EAN", attribute="ean",
                     created_at=AT, updated_at=AT, seller_id=None, authorized_at=None,
                     expires_at=None)
        conn.execute(insert(schema.stores), [
            {**store, "name": "Amazon UK", "name_key": "amazon uk", "website": "uk_store",
             "marketplace": "UK", "status": "active", "seller_id": "A1UK",
             "authorized_at": AT, "expires_at": AT + timedelta(days=365)},
            {**store, "name": "Amazon US", "name_key": "amazon us", "website": "base",
             "marketplace": "US", "status": "not_connected"},
            {**store, "name": "Gone", "name_key": "gone", "website": "us_store",
             "marketplace": "US", "status": "not_connected"}])
        conn.execute(delete(schema.stores).where(schema.stores.c.id == 3))  # highest id gone
        conn.execute(insert(schema.events), [
            {"store_id": i, "store_name": n, "kind": k, "actor": "old-kit", "at": AT,
             "details": '{"website": "uk_store"}'}
            for i, n, k in [(1, "Amazon UK", "created"), (2, "Amazon US", "created"),
                            (3, "Gone", "created"), (1, "Amazon UK", "connected"),
                            (3, "Gone", "deleted")]])
        conn.execute(insert(schema.auth_states).values(
            state_hash="a" * 64, store_id=2, purpose="connect", created_at=AT,
            expires_at=AT + timedelta(minutes=10)))
        conn.execute(insert(schema.checklist).values(item="cron", checked=True, actor="amy",
                                                     at=AT))
        conn.execute(insert(schema.secrets).values(store_id=1, kind="refresh_token",
                                                   ciphertext=sealed, created_at=AT))
    engine.dispose()
    return sealed


@pytest.fixture
def v2_sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'registry.sqlite3'}"


def test_a_version_2_sqlite_registry_arrives_whole_in_postgresql(v2_sqlite_url,
                                                                 postgresql_url, catalog,
                                                                 draft):
    sealed = make_v2_registry(v2_sqlite_url)
    copied = copy_registry(v2_sqlite_url, postgresql_url)
    assert copied == {"stores": 2, "events": 5, "auth_states": 1, "checklist": 1, "secrets": 1}

    registry = Registry(postgresql_url)
    assert registry.schema_version == schema.LATEST_VERSION
    uk, us = registry.list_stores()
    assert (uk.id, uk.name, uk.status, uk.seller_id) == (1, "Amazon UK", StoreStatus.ACTIVE,
                                                         "A1UK")
    assert (uk.created_at, uk.expires_at) == (AT, AT + timedelta(days=365))
    assert [(e.store_id, e.kind, e.actor, e.at) for e in registry.events()][-2:] == [
        (1, "connected", "old-kit", AT), (3, "deleted", "old-kit", AT)]
    assert registry.checklist()["cron"].actor == "amy"
    # The encrypted token is the same bytes and opens with the same key.
    assert registry.get_secret(1, "refresh_token") == sealed
    assert SecretBox(KEY).decrypt(registry.get_secret(1, "refresh_token")) == \
        "Atzr|refresh-token-of-the-uk-store"
    # The pending state (hashed) is still there, now with the version-3 language column.
    with registry.engine.connect() as conn:
        [state] = conn.execute(schema.auth_states.select()).all()
    assert (state.store_id, state.used_at, state.lang) == (2, None, None)
    # The deleted store's id 3 is never given again; the rules hold on the copy.
    added = registry.add_store(StoreDraft(**{**draft.__dict__, "website": "us_store"}),
                               catalog)
    assert added.id == 4
    with pytest.raises(ValidationError, match="already exists"):
        registry.add_store(StoreDraft(**{**draft.__dict__, "name": "AMAZON UK",
                                              "website": "base"}), catalog)
    registry.close()
    # The source was only read: still version 2.
    engine = make_engine(v2_sqlite_url)
    with engine.connect() as conn:
        assert schema.current_version(conn) == 2
    engine.dispose()


def test_a_target_holding_a_registry_is_refused_and_left_alone(v2_sqlite_url, postgresql_url,
                                                               catalog, draft):
    make_v2_registry(v2_sqlite_url)
    target = Registry(postgresql_url)
    target.add_store(draft, catalog)
    with pytest.raises(CopyRefused) as info:
        copy_registry(v2_sqlite_url, postgresql_url)
    assert "already holds a registry (stores 1, events 1)" in info.value.message()
    assert "已有注册表数据" in info.value.message("zh-CN")
    assert [s.name for s in target.list_stores()] == ["Amazon Store USA"]
    target.close()


def test_an_empty_registry_target_is_filled(v2_sqlite_url, postgresql_url):
    make_v2_registry(v2_sqlite_url)
    Registry(postgresql_url).close()  # the app opened the new database once: tables, no rows
    assert copy_registry(v2_sqlite_url, postgresql_url)["stores"] == 2


def test_the_command_copies_and_then_refuses_a_second_time(v2_sqlite_url, postgresql_url):
    make_v2_registry(v2_sqlite_url)
    command = [sys.executable, "-m", "asc_widgets.core.registry.copy", v2_sqlite_url,
               postgresql_url]
    first = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "stores 2, events 5, auth_states 1, checklist 1, secrets 1" in first.stdout
    second = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert second.returncode == 1
    assert "already holds a registry" in second.stderr
    password = postgresql_url.split(":")[2].split("@")[0]
    assert password not in first.stdout + second.stdout + second.stderr
    assert len(Registry(postgresql_url).list_stores()) == 2

"""Connection trouble with a real PostgreSQL server becomes a clear message naming the host and
database (never the password); a dropped read is retried once; a dropped write is whole or
absent; a write PostgreSQL refuses as concurrent never reaches the person raw."""

import logging
import socket
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, insert, text

from asc_widgets.core import Registry, StoreStatus, ValidationError
from asc_widgets.core.registry import ConcurrentChange, RegistryUnavailable, schema
from asc_widgets.widgets.common import text_of

AT = datetime(2025, 3, 1, tzinfo=UTC)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database(url: str) -> str:
    return url.rsplit("/", 1)[1]


@pytest.mark.parametrize("trouble", ["down", "auth", "database_missing", "refused"])
def test_connection_trouble_names_host_and_database_not_the_password(trouble, postgres_server,
                                                                     postgresql_url):
    database, password = _database(postgresql_url), "s3cret-Not-To-Show"
    url, shown = {
        "down": (postgresql_url.replace(f":{postgres_server.port}/", f":{_closed_port()}/"),
                 "the server is not answering"),
        "auth": (postgres_server.url(database, password=password),
                 "refused the user name or password"),
        "database_missing": (postgres_server.url("no_such_registry"), "does not exist"),
        "refused": (postgresql_url, "too many connections"),
    }[trouble]
    if trouble == "refused":
        postgres_server.admin(f"ALTER DATABASE {database} CONNECTION LIMIT 0")
    with pytest.raises(RegistryUnavailable) as info:
        Registry(url)
    error = info.value
    assert error.key == f"error.registry_{trouble}"
    english, chinese = error.message("en"), error.message("zh-CN")
    assert shown in english and "数据库" in chinese
    name = "no_such_registry" if trouble == "database_missing" else database
    for message in (english, chinese, str(error)):
        assert f"'{name}'" in message or f"“{name}”" in message
        assert "127.0.0.1:" in message
        assert password not in message and postgres_server.app_password not in message


def _drop_connection_on(registry: Registry, server, statement_start: str, times: int) -> list:
    """Kill the server process behind the registry's connection just before the first `times`
    statements starting with statement_start: a real dropped connection."""
    dropped = []

    @event.listens_for(registry.engine, "before_cursor_execute")
    def _drop(conn, cursor, statement, *args):
        if statement.startswith(statement_start) and len(dropped) < times:
            pid = cursor.connection.info.backend_pid
            server.admin(f"SELECT pg_terminate_backend({pid}, 10000)")
            dropped.append(pid)

    return dropped


def test_a_read_whose_connection_drops_is_retried_once(postgres_server, postgresql_url,
                                                       catalog, draft):
    registry = Registry(postgresql_url)
    store = registry.add_store(draft, catalog)
    dropped = _drop_connection_on(registry, postgres_server, "SELECT stores.id", times=1)
    assert registry.list_stores() == [store]
    assert len(dropped) == 1
    # Dropped again on the retry: the person is told, with the place, not a driver error.
    dropped.clear()
    dropped = _drop_connection_on(registry, postgres_server, "SELECT stores.id", times=2)
    with pytest.raises(RegistryUnavailable) as info:
        registry.list_stores()
    assert info.value.key == "error.registry_dropped" and len(dropped) == 2
    assert "was lost while reading" in info.value.message()
    registry.close()


def test_a_write_whose_connection_drops_is_absent_not_half_done(postgres_server,
                                                                postgresql_url, catalog,
                                                                draft):
    registry = Registry(postgresql_url)
    # The store row is written, then the connection dies before its event is logged.
    _drop_connection_on(registry, postgres_server, "INSERT INTO events", times=1)
    with pytest.raises(RegistryUnavailable) as info:
        registry.add_store(draft, catalog)
    assert info.value.key == "error.registry_dropped_write"
    assert "saved whole or not at all" in info.value.message()
    assert "要么已完整保存" in info.value.message("zh-CN")
    assert registry.list_stores() == [] and registry.events() == []
    # Nothing half-done blocks the next attempt.
    assert registry.add_store(draft, catalog).name == "Amazon Store USA"
    registry.close()


def test_a_write_refused_as_concurrent_gets_a_clear_message(postgres_server, postgresql_url,
                                                            catalog, draft):
    # A database run at SERIALIZABLE: PostgreSQL refuses a write that overlaps another one.
    postgres_server.admin(f"ALTER DATABASE {_database(postgresql_url)} "
                          "SET default_transaction_isolation = 'serializable'")
    registry = Registry(postgresql_url)
    store = registry.add_store(draft, catalog)
    other = Registry(postgresql_url, actor="someone-else")
    meddled = []

    @event.listens_for(registry.engine, "before_cursor_execute")
    def _someone_else_writes_first(conn, cursor, statement, *args):
        if statement.startswith("UPDATE stores") and not meddled:
            meddled.append(1)
            with other.engine.begin() as conn2:  # past the registry's turn-taking
                conn2.execute(text("UPDATE stores SET email = 'them@example.com'"))

    with pytest.raises(ConcurrentChange) as info:
        registry.transition(store.id, "connect", seller_id="A1")
    assert "at the same moment" in info.value.message()
    assert "有人同时修改" in info.value.message("zh-CN")
    saved = other.get_store(store.id)
    assert (saved.status, saved.email) == (StoreStatus.NOT_CONNECTED, "them@example.com")
    assert [e.kind for e in other.events(store.id)] == ["created"]
    registry.close()
    other.close()


def test_an_add_losing_to_an_outside_writer_names_the_field_like_sqlite(postgres_server,
                                                                        postgresql_url,
                                                                        catalog, draft):
    postgres_server.admin(f"ALTER DATABASE {_database(postgresql_url)} "
                          "SET default_transaction_isolation = 'serializable'")
    registry = Registry(postgresql_url)
    meddled = []

    @event.listens_for(registry.engine, "before_cursor_execute")
    def _someone_else_adds_first(conn, cursor, statement, *args):
        if statement.startswith("INSERT INTO stores") and not meddled:
            meddled.append(1)
            # Another writer, past the registry's turn-taking, commits the same name first.
            with registry.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT") as other:
                other.execute(insert(schema.stores).values(
                    name="Amazon Store USA", name_key="amazon store usa", website="uk_store",
                    email="x@example.com", marketplace="UK", id_type="EAN", attribute="ean",
                    status="not_connected", created_at=AT, updated_at=AT))

    with pytest.raises(ValidationError) as info:
        registry.add_store(draft, catalog)
    assert info.value.by_field() == {
        "name": "New Store Name: a store named 'Amazon Store USA' already exists. "
                "Choose a different name."}
    assert [s.website for s in registry.list_stores()] == ["uk_store"]
    registry.close()


def test_a_read_write_user_without_create_rights_runs_the_kit(postgres_server, postgresql_url,
                                                              catalog, draft):
    # The owner created the tables once; day-to-day a user with read/write rights is enough.
    Registry(postgresql_url).close()
    database, user = _database(postgresql_url), f"rw_{_database(postgresql_url)}"
    postgres_server.admin(f"CREATE ROLE {user} LOGIN PASSWORD 'rw-pass'")
    postgres_server.admin(
        f"GRANT CONNECT ON DATABASE {database} TO {user}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {user}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {user}", database=database)
    registry = Registry(postgres_server.url(database, user=user, password="rw-pass"))
    store = registry.add_store(draft, catalog)
    registry.transition(store.id, "connect", seller_id="A1", secret=("refresh_token", b"x"))
    registry.set_checked("cron", True)
    registry.save_auth_state(store.id, "s")
    registry.consume_auth_state("s")
    registry.delete_store(store.id)
    assert [e.kind for e in registry.events(store.id)] == ["created", "connected", "deleted"]
    with pytest.raises(Exception, match="permission denied"), registry.engine.begin() as conn:
        conn.execute(text("CREATE TABLE intruder (id int)"))
    registry.close()


def test_the_app_says_where_the_registry_cannot_be_reached(postgres_server, tmp_path,
                                                          monkeypatch):
    from asc_widgets import app

    monkeypatch.setenv("ASC_HOME", str(tmp_path))
    monkeypatch.setenv("ASC_DATABASE_URL", postgres_server.url("no_such_registry"))
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    logger = logging.getLogger("asc_widgets")
    before = list(logger.handlers)
    try:
        app.show_app(query="lang=zh-CN")
    finally:  # the app's log file handler belongs to this test's ASC_HOME
        for handler in set(logger.handlers) - set(before):
            logger.removeHandler(handler)
            handler.close()
    [page] = shown
    assert "asc-app-unavailable" in page._dom_classes
    text = " ".join(text_of(child) for child in page.children if hasattr(child, "value"))
    assert "Cannot" not in text
    assert "不存在注册表数据库“no_such_registry”" in text
    assert postgres_server.app_password not in text

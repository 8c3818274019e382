"""The database engine: SQLite tuned for several writer processes, or PostgreSQL for a team."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 30_000
# Execution option marking a connection that only reads: its transaction is a plain
# (deferred) BEGIN, so reading never waits for, nor blocks, a writer.
READ_ONLY = "asc_read_only"
CONNECT_TIMEOUT_S = 10
# One PostgreSQL advisory lock key for every registry writer ("ASC" + 1).
WRITER_LOCK_KEY = 0x415343_01


def make_engine(database_url: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """busy_timeout_ms: how long a writer waits for another writer before giving up."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return _postgresql_engine(url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Take over transaction control from the sqlite3 module so BEGIN IMMEDIATE below is
        # the only BEGIN: a writer then waits (busy timeout) instead of failing mid-transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        read_only = connection.get_execution_options().get(READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _postgresql_engine(url) -> Engine:
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    # The session speaks UTC, so anything reading the tables by hand sees the stored instants.
    return create_engine(url, pool_pre_ping=True, connect_args={
        "connect_timeout": CONNECT_TIMEOUT_S, "options": "-c timezone=UTC",
        "application_name": "asc-onboarding"})


def serialize_writers(conn: Connection) -> None:
    """Let one registry write run at a time, as SQLite's BEGIN IMMEDIATE does.

    A write checks its rules against every store (unique names, one store per website, one
    seller per marketplace) before it writes; with writers in turn those checks see every
    committed write and name the field. The unique constraints stay as the last guard. The lock
    is held until the transaction ends; readers never wait for it.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITER_LOCK_KEY})

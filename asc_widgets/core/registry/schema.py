"""The registry's tables and the versioned upgrade path between their shapes.

MIGRATIONS[n] brings a database from version n to n + 1. A new database runs them all; an
old one runs what it lacks, inside one transaction, so an upgrade is all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    TIMESTAMP,
    Boolean,
    Column,
    Connection,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
    text,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes: PostgreSQL's `timestamp with time zone`, elsewhere ISO-8601
    text (sorts correctly, portable). Read back as aware UTC datetimes on every backend."""

    impl = String(40)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(TIMESTAMP(timezone=True))
        return dialect.type_descriptor(self.impl)

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the registry; use timezone-aware UTC")
        if dialect.name == "postgresql":
            return value.astimezone(UTC)
        return value.astimezone(UTC).isoformat(timespec="microseconds")

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.astimezone(UTC)


metadata = MetaData()

schema_info = Table(
    "asc_schema", metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False),
)

def _store_columns() -> list:
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("name", String(64), nullable=False),
        Column("name_key", String(64), nullable=False),
        Column("website", String(255), nullable=False),
        Column("email", String(320), nullable=False),
        Column("marketplace", String(8), nullable=False),
        Column("id_type", String(8), nullable=False),
        Column("attribute", String(255), nullable=False),
        Column("status", String(20), nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
        UniqueConstraint("name_key", name="uq_stores_name_key"),
        UniqueConstraint("website", name="uq_stores_website"),
    ]


def _store_authorization_columns() -> list:
    return [
        Column("seller_id", String(64)),
        Column("authorized_at", UTCDateTime),
        Column("expires_at", UTCDateTime),
        Column("last_error", Text),
    ]


def _event_columns() -> list:
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("store_id", Integer),
        Column("store_name", String(64)),
        Column("kind", String(20), nullable=False),
        Column("actor", String(128), nullable=False),
        Column("at", UTCDateTime, nullable=False),
        Column("details", Text, nullable=False),
    ]


# AUTOINCREMENT: a deleted store's id is never given to a new store, so the event log's
# history of one store id never mixes two stores.
stores = Table(
    "stores", metadata, *_store_columns(), *_store_authorization_columns(),
    # One seller account connects to a marketplace once (NULLs, not connected, never clash).
    Index("uq_stores_seller_marketplace", "seller_id", "marketplace", unique=True),
    sqlite_autoincrement=True,
)

# Append-only history; no foreign key, so a deleted store's history stays readable.
events = Table("events", metadata, *_event_columns())

def _auth_state_columns() -> list:
    return [
        Column("state_hash", String(64), primary_key=True),
        Column("store_id", Integer, ForeignKey("stores.id", ondelete="CASCADE"), nullable=False),
        Column("purpose", String(20), nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("expires_at", UTCDateTime, nullable=False),
        Column("used_at", UTCDateTime),
        # Version 3: the language the flow started in, so the landing page can speak it.
        Column("lang", String(10)),
    ]


auth_states = Table("auth_states", metadata, *_auth_state_columns())

checklist = Table(
    "checklist", metadata,
    Column("item", String(64), primary_key=True),
    Column("checked", Boolean, nullable=False),
    Column("actor", String(128), nullable=False),
    Column("at", UTCDateTime, nullable=False),
)

secrets = Table(
    "secrets", metadata,
    Column("store_id", Integer, ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("ciphertext", LargeBinary, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)


# ---- version 4: the unattended check (scheduled checks, reminders, the run lease) ---------
# The latest check of each store: when, what it found, and how many checks in a row failed.
store_checks = Table(
    "store_checks", metadata,
    Column("store_id", Integer, ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True),
    Column("checked_at", UTCDateTime, nullable=False),
    Column("result", String(20), nullable=False),  # ok, revoked, error, unavailable
    Column("error_key", String(80)),
    Column("failures_in_row", Integer, nullable=False),
    Column("failing_since", UTCDateTime),
    # The problem reminder announced for the current episode, so its recovery is told once.
    Column("problem", String(120)),
)

# The sent-once ledger: one row per reminder occasion, channel and recipient. The unique key
# makes "send once" hold across runs, hosts and crashes.
reminders = Table(
    "reminders", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("subject", String(40), nullable=False),  # "store:<id>" or "app"
    Column("store_id", Integer),  # no foreign key: the ledger outlives a deleted store
    Column("occasion", String(120), nullable=False),  # e.g. expiring_30@2027-03-01T12:00:00
    Column("kind", String(20), nullable=False),
    Column("channel", String(20), nullable=False),  # email, webhook
    Column("recipient", String(320), nullable=False),
    Column("lang", String(10), nullable=False),
    Column("params", Text, nullable=False),
    Column("status", String(20), nullable=False),  # pending, sending, sent, failed, unknown
    Column("attempts", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("attempted_at", UTCDateTime),
    Column("sent_at", UTCDateTime),
    Column("run_id", String(64)),
    Column("last_error", String(200)),
    UniqueConstraint("subject", "occasion", "channel", "recipient", name="uq_reminders_once"),
)

# Named leases: one unattended run at a time, whatever host or process starts it.
leases = Table(
    "leases", metadata,
    Column("name", String(40), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("acquired_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

# One row per unattended run: what the dashboard shows as "last unattended check".
check_runs = Table(
    "check_runs", metadata,
    Column("run_id", String(64), primary_key=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime),
    Column("summary", Text, nullable=False),
)
# Version 5: one listing rule per store, and Amazon catalog answers cached per code.
def _listing_rule_columns() -> list:
    return [
        Column("store_id", Integer, ForeignKey("stores.id", ondelete="CASCADE"),
               primary_key=True),
        Column("rule", Text, nullable=False),  # JSON in Commerce's condition shape
        Column("actor", String(128), nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
    ]


def _catalog_match_columns() -> list:
    return [
        Column("marketplace_id", String(20), primary_key=True),
        Column("id_type", String(8), primary_key=True),
        Column("code", String(32), primary_key=True),  # the normalised identifier
        Column("outcome", String(20), nullable=False),
        Column("asins", Text, nullable=False),  # JSON list
        Column("title", Text),
        Column("checked_at", UTCDateTime, nullable=False),
    ]


listing_rules = Table("listing_rules", metadata, *_listing_rule_columns())
catalog_matches = Table("catalog_matches", metadata, *_catalog_match_columns())


def _v1_stores_and_events(conn: Connection) -> None:
    """Version 1: stores (without authorization columns) and the event log."""
    v1 = MetaData()
    Table("asc_schema", v1, Column("id", Integer, primary_key=True),
          Column("version", Integer, nullable=False))
    Table("stores", v1, *_store_columns(), sqlite_autoincrement=True)
    Table("events", v1, *_event_columns())
    v1.create_all(conn)


def _v2_authorization(conn: Connection) -> None:
    """Version 2: authorization columns, pending states, checklist ticks, encrypted secrets."""
    for column in _store_authorization_columns():
        kind = column.type.compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE stores ADD COLUMN {column.name} {kind}"))
    next(i for i in stores.indexes if i.name == "uq_stores_seller_marketplace").create(conn)
    v2 = MetaData()
    Table("stores", v2, Column("id", Integer, primary_key=True))  # for the foreign key only
    pending = Table("auth_states", v2, *[c for c in _auth_state_columns() if c.name != "lang"])
    v2.create_all(conn, tables=[pending])
    metadata.create_all(conn, tables=[checklist, secrets])


def _v3_auth_state_language(conn: Connection) -> None:
    """Version 3: pending authorizations remember the user's language."""
    conn.execute(text("ALTER TABLE auth_states ADD COLUMN lang VARCHAR(10)"))


def _v4_unattended_checks(conn: Connection) -> None:
    """Version 4: the unattended check's records, the sent-once reminder ledger, the lease."""
    metadata.create_all(conn, tables=[store_checks, reminders, leases, check_runs])


def _v5_listing_rules(conn: Connection) -> None:
    """Version 5: listing rules per store and the Amazon catalog match cache."""
    v5 = MetaData()
    Table("stores", v5, Column("id", Integer, primary_key=True))  # for the foreign key only
    rules = Table("listing_rules", v5, *_listing_rule_columns())
    matches = Table("catalog_matches", v5, *_catalog_match_columns())
    v5.create_all(conn, tables=[rules, matches])


MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1_stores_and_events, _v2_authorization, _v3_auth_state_language, _v4_unattended_checks,
    _v5_listing_rules]
LATEST_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table("asc_schema"):
        return 0
    row = conn.execute(schema_info.select()).first()
    return row.version if row else 0


def upgrade(conn: Connection, target: int = LATEST_VERSION) -> int:
    """Run the missing migrations up to target; returns the version reached."""
    version = current_version(conn)
    if version > LATEST_VERSION:
        raise RuntimeError(
            f"the registry is at schema version {version}, newer than this kit "
            f"({LATEST_VERSION}); upgrade asc-onboarding")
    for step in range(version, target):
        MIGRATIONS[step](conn)
    if target > version:
        conn.execute(schema_info.delete())
        conn.execute(schema_info.insert().values(id=1, version=target))
    return max(version, target)

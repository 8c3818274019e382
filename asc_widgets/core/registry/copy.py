"""Copy a whole registry into an empty database: a SQLite file into PostgreSQL for a team.

    python -m asc_widgets.core.registry.copy SOURCE_URL TARGET_URL

Stores, the event log, pending authorization states, checklist ticks and encrypted tokens are
copied unchanged, with their ids; new ids continue after the highest id ever given, so a deleted
store's id is not reused. The target is built at the source's schema version, filled, then
upgraded like any older registry, so a registry from an earlier kit copies too; the source is
only read. All in one transaction on the target: a failed copy leaves it empty.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, func, insert, inspect, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

from asc_widgets.core.errors import AscError
from asc_widgets.core.registry import schema
from asc_widgets.core.registry.engine import make_engine, serialize_writers
from asc_widgets.core.registry.errors import ConcurrentChange, RegistryUnavailable, translate

# Parents before children (foreign keys); each holds part of the registry.
TABLES = ["stores", "events", "auth_states", "checklist", "secrets"]
# Tables whose ids must never be given again.
COUNTED_IDS = ["stores", "events"]


class CopyRefused(AscError):
    """The copy cannot start: the reason, in the person's language."""


def _place(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return f"{url.database} @ {url.host}" + (f":{url.port}" if url.port else "")


@contextmanager
def _clear_errors(engine: Engine) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        clear = translate(exc, engine.url, writing=True)
        if clear is None:
            raise
        raise clear from None


def _counts(conn: Connection) -> dict[str, int]:
    found = inspect(conn)
    return {name: conn.execute(select(func.count()).select_from(text(name))).scalar_one()
            for name in TABLES if found.has_table(name)}


def _highest_id(conn: Connection, table: str) -> int:
    """The highest id the database ever gave in table (SQLite remembers deleted ones)."""
    highest = conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one()
    if conn.dialect.name == "sqlite" and inspect(conn).has_table("sqlite_sequence"):
        seq = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = :t"),
                           {"t": table}).scalar()
        highest = max(highest, seq or 0)
    elif conn.dialect.name == "postgresql":
        seq = conn.execute(text("SELECT pg_sequence_last_value(pg_get_serial_sequence(:t, 'id'))"),
                           {"t": table}).scalar()
        highest = max(highest, seq or 0)
    return highest


def _continue_ids(conn: Connection, table: str, highest: int) -> None:
    if highest <= 0:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT setval(pg_get_serial_sequence(:t, 'id'), :n)"),
                     {"t": table, "n": highest})
    elif conn.dialect.name == "sqlite" and table == "stores":
        conn.execute(text("UPDATE sqlite_sequence SET seq = :n WHERE name = :t"),
                     {"t": table, "n": highest})


def _empty_target(conn: Connection, place: str) -> None:
    """Refuse a target holding any registry rows; drop a registry's empty tables."""
    held = {name: n for name, n in _counts(conn).items() if n}
    if held:
        counts = ", ".join(f"{name} {n}" for name, n in held.items())
        raise CopyRefused("error.copy_target_not_empty", place=place, counts=counts)
    schema.metadata.drop_all(conn, checkfirst=True)


def copy_registry(source_url: str, target_url: str) -> dict[str, int]:
    """Copy the registry at source_url into the empty database at target_url; returns the
    number of rows copied per table."""
    source, target = make_engine(source_url), make_engine(target_url)
    try:
        with _clear_errors(source), source.connect() as src:
            version = schema.current_version(src)
            if version == 0:
                raise CopyRefused("error.copy_source_missing", place=_place(source.url))
            if version > schema.LATEST_VERSION:
                raise CopyRefused("error.copy_source_newer", place=_place(source.url),
                                  version=version, latest=schema.LATEST_VERSION)
            with _clear_errors(target), target.begin() as dst:
                serialize_writers(dst)
                _empty_target(dst, _place(target.url))
                schema.upgrade(dst, target=version)
                copied = _copy_rows(src, dst)
                for table in COUNTED_IDS:
                    _continue_ids(dst, table, _highest_id(src, table))
                schema.upgrade(dst)
                written = _counts(dst)
                if {name: written[name] for name in copied} != copied:
                    raise RuntimeError(f"copy incomplete: read {copied}, wrote {written}")
        return copied
    finally:
        source.dispose()
        target.dispose()


def _copy_rows(src: Connection, dst: Connection) -> dict[str, int]:
    found = inspect(src)
    copied = {}
    for name in TABLES:
        if not found.has_table(name):
            continue
        present = {column["name"] for column in found.get_columns(name)}
        table = schema.metadata.tables[name]
        columns = [c for c in table.columns if c.name in present]
        # Through the registry's own column types: times stay aware UTC, tokens stay bytes.
        rows = [dict(row._mapping) for row in
                src.execute(select(*columns).order_by(*table.primary_key.columns))]
        if rows:
            dst.execute(insert(table), rows)
        copied[name] = len(rows)
    return copied


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m asc_widgets.core.registry.copy",
        description="Copy a registry (e.g. the SQLite file of `make app`) into an empty "
                    "database (e.g. PostgreSQL for a team). The source is only read.")
    parser.add_argument("source", help="SQLAlchemy URL of the registry to copy, e.g. "
                                       "sqlite:///.asc-data/registry.sqlite3")
    parser.add_argument("target", help="SQLAlchemy URL of an empty database, e.g. "
                                       "postgresql+psycopg://asc:PASSWORD@db.example.com/asc")
    args = parser.parse_args(argv)
    try:
        copied = copy_registry(args.source, args.target)
    except (CopyRefused, RegistryUnavailable, ConcurrentChange) as exc:
        print(exc.message("en"), file=sys.stderr)
        return 1
    summary = ", ".join(f"{name} {n}" for name, n in copied.items())
    print(f"Copied the registry into {_place(make_url(args.target))} "
          f"(schema version {schema.LATEST_VERSION}): {summary}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

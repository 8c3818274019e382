"""How the registry reads and writes: one write transaction at a time (SQLite: BEGIN
IMMEDIATE; PostgreSQL: an advisory lock), reads that never take the write lock, database
trouble turned into clear messages, and the acting person's right to change anything.
A base of Registry (it sets engine, place and person)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from asc_widgets.core.registry.availability import unavailable
from asc_widgets.core.registry.engine import READ_ONLY, serialize_writers
from asc_widgets.core.registry.errors import translate

T = TypeVar("T")


class Transactions:
    @property
    def may_change(self) -> bool:
        """Whether the acting person may change stores (an operator)."""
        return self.person.operator

    def require_operator(self) -> None:
        """Raise NotPermitted unless the acting person may change stores."""
        self.person.require_operator()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _database_errors(self, *, writing: bool) -> Iterator[None]:
        """Driver and OS errors about the database (unreachable, busy, read-only, full) or a
        concurrent write become clear messages."""
        try:
            yield
        except DBAPIError as exc:
            clear = (translate(exc, self.engine.url, writing=writing)
                     or unavailable(exc, self.place))
            if clear is None:
                raise
            raise clear from None
        except OSError as exc:  # the folder is gone, read-only or full
            raise unavailable(exc, self.place) from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction, whole or not at all; writers take turns (SQLite: BEGIN
        IMMEDIATE, waiting up to the busy timeout; PostgreSQL: serialize_writers). A registry
        that stays busy, is unreachable, or whose folder is read-only or full, raises
        RegistryUnavailable; the transaction is rolled back, so nothing is half-saved. A viewer
        gets NotPermitted before anything is opened."""
        self.person.require_operator()
        with self._transaction() as conn:
            yield conn

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self._database_errors(writing=True), self.engine.begin() as conn:
            serialize_writers(conn)
            yield conn

    def _read(self, query: Callable[[Connection], T]) -> T:
        """Run a read; when the connection drops under it, once more on a fresh connection."""
        with self._database_errors(writing=False):
            try:
                with self._reading() as conn:
                    return query(conn)
            except DBAPIError as exc:
                if not exc.connection_invalidated:
                    raise
            with self._reading() as conn:
                return query(conn)

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        """A read-only transaction for the registry's other tables (checks, listing rules):
        never takes the write lock; database trouble becomes RegistryUnavailable."""
        with self._database_errors(writing=False), self._reading() as conn:
            yield conn

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        """A read-only transaction: never takes (nor waits for) the write lock."""
        with self.engine.connect() as conn:
            conn.execution_options(**{READ_ONLY: True})
            with conn.begin():
                yield conn

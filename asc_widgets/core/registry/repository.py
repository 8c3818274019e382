"""The store registry: stores, their history, pending authorization states, checklist ticks
and encrypted secrets, in one database that several processes can share."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import Connection, Engine, delete, exists, insert, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.clock import Clock
from asc_widgets.core.errors import AscError
from asc_widgets.core.lifecycle import ACTION_EVENTS, StoreStatus, next_status
from asc_widgets.core.people import Person, acting_person
from asc_widgets.core.registry import schema
from asc_widgets.core.registry.availability import registry_place, unavailable
from asc_widgets.core.registry.engine import READ_ONLY, make_engine, serialize_writers
from asc_widgets.core.registry.errors import ConcurrentChange, translate, violated_constraint
from asc_widgets.core.stores import (
    EDITABLE_FIELDS,
    FieldProblem,
    Store,
    StoreDraft,
    StoreIndex,
    ValidationError,
    clash_problems,
    draft_of,
    name_key,
    validate_batch,
    validate_draft,
)

T = TypeVar("T")
AUTH_STATE_TTL = timedelta(minutes=10)
# An expired or used state is kept this much longer, so a late or repeated answer still gets
# its precise message ("expired", "already used"); then it is deleted.
AUTH_STATE_KEPT = timedelta(minutes=10)
# Keys that must never reach the event log, whatever a caller passes as details.
_SECRET_WORDS = ("token", "secret", "code", "password")


class StoreNotFound(AscError, LookupError):
    key = "error.store_not_found"

    def __init__(self, store_id: int):
        self.store_id = store_id
        super().__init__(None, store_id=store_id)


class BatchValidationError(AscError):
    """Some drafts of a batch are wrong; nothing of the batch was saved."""

    key = "error.batch_validation"

    def __init__(self, problems: dict[int, list[FieldProblem]]):
        self.problems = problems
        super().__init__(None, count=len(problems))


class SellerAlreadyConnected(AscError):
    """The seller account already backs another store of the same marketplace."""

    key = "error.seller_taken"

    def __init__(self, seller_id: str, other_store: str, marketplace: str):
        self.seller_id, self.other_store, self.marketplace = seller_id, other_store, marketplace
        super().__init__(None, seller_id=seller_id, other=other_store,
                         marketplace_key=f"market.{marketplace}")


class AuthStateError(AscError):
    """A returned authorization state that must be refused: unknown, reused, expired, or
    issued for another store."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"auth.state_{reason}")


@dataclass(frozen=True)
class Event:
    id: int
    store_id: int | None
    store_name: str | None
    kind: str
    actor: str
    at: datetime
    details: dict


@dataclass(frozen=True)
class ChecklistTick:
    item: str
    checked: bool
    actor: str
    at: datetime


@dataclass(frozen=True)
class PendingAuthorization:
    store_id: int
    purpose: str
    created_at: datetime
    lang: str | None = None


def _state_hash(state: str) -> str:
    # Only a hash is kept, so a database copy cannot be used to forge a callback.
    return hashlib.sha256(state.encode()).hexdigest()


class Registry:
    """All reads and writes of shared state. Every write is one transaction.

    Every write acts for ``person`` (core/people.py) and refuses a viewer (NotPermitted)
    before touching anything; the event log names the person. Without ``person``: an
    ``actor`` name is an operator (scripts, tests), else the person of the environment (the
    Hub's person and groups in a JupyterHub, the OS user outside one)."""

    def __init__(self, database_url: str | Engine, *, clock: Clock | None = None,
                 actor: str | None = None, person: Person | None = None):
        url = database_url.url if isinstance(database_url, Engine) else database_url
        self.place = registry_place(str(url))
        self.clock = clock or Clock()
        if person is None:
            person = Person(actor) if actor else acting_person()
        self.person = person
        self.actor = person.name
        try:
            self.engine = (database_url if isinstance(database_url, Engine)
                           else make_engine(database_url))
        except OSError as exc:  # the folder cannot be made
            raise unavailable(exc, self.place) from exc
        # Reading the version needs no write lock: a registry busy with a long write opens.
        version = self._read(schema.current_version)
        if version != schema.LATEST_VERSION:
            # Bringing the schema up to date is the kit's own step, whoever opens it.
            with self._transaction() as conn:
                version = schema.upgrade(conn)
        self.schema_version = version

    @classmethod
    def from_settings(cls, settings, **kwargs) -> Registry:
        if "person" not in kwargs and "actor" not in kwargs:
            kwargs["person"] = acting_person(group=settings.operators_group)
        return cls(settings.database_url, **kwargs)

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

    # ---- stores -------------------------------------------------------------------------
    def list_stores(self) -> list[Store]:
        rows = self._read(lambda conn: conn.execute(
            select(schema.stores).order_by(schema.stores.c.id)).all())
        return [_store(row) for row in rows]

    def get_store(self, store_id: int) -> Store:
        return self._read(lambda conn: self._get(conn, store_id))

    def find_store(self, name: str) -> Store | None:
        row = self._read(lambda conn: conn.execute(
            select(schema.stores).where(schema.stores.c.name_key == name_key(name))).first())
        return _store(row) if row else None

    def store_index(self) -> StoreIndex:
        """The saved stores' websites and names (what a new store must not clash with), read
        without the write lock."""
        return self._read(self._index)

    def validate(self, draft: StoreDraft, catalog: CatalogSource) -> list[FieldProblem]:
        """Every problem of a draft against the catalog and the stores saved now."""
        return validate_draft(draft, catalog, self.store_index())

    def add_store(self, draft: StoreDraft, catalog: CatalogSource) -> Store:
        """Validate and save a new store (not connected): one snapshot of the saved stores, one
        validation, one insert, in one transaction. Raises ValidationError; a failed add leaves
        nothing behind."""
        d = draft.cleaned()
        try:
            with self._write() as conn:
                problems = validate_draft(d, catalog, self._index(conn))
                if problems:
                    raise ValidationError(problems)
                return self._insert(conn, [d])[0]
        except (IntegrityError, ConcurrentChange):
            # Another writer won a race the check could not see (a database without BEGIN
            # IMMEDIATE): its store is committed now, so checking again names the field.
            problems = clash_problems(d, self.store_index())
            if not problems:
                raise
            raise ValidationError(problems) from None

    def add_stores(self, drafts: list[StoreDraft], catalog: CatalogSource) -> list[Store]:
        """Save several new stores: all of them, or (BatchValidationError with every draft's
        problems, by position) none. Each draft is checked against one snapshot of the saved
        stores plus the drafts before it; then insert_stores saves them."""
        self.require_operator()
        cleaned = [d.cleaned() for d in drafts]
        problems = validate_batch(cleaned, catalog, self.store_index())
        if problems:
            raise BatchValidationError(problems)
        return self.insert_stores(cleaned)

    def insert_stores(self, drafts: list[StoreDraft]) -> list[Store]:
        """Save drafts already validated (stores.validate_batch) in one short transaction. Only
        what can have changed since is checked: a clash with a store saved meanwhile, which
        raises BatchValidationError (by position) and saves none."""
        cleaned = [d.cleaned() for d in drafts]
        if not cleaned:
            return []
        try:
            with self._write() as conn:
                index = self._index(conn)
                problems: dict[int, list[FieldProblem]] = {}
                for position, d in enumerate(cleaned):
                    if found := clash_problems(d, index):
                        problems[position] = found
                    else:
                        index.add_draft(d)
                if problems:
                    raise BatchValidationError(problems)
                return self._insert(conn, cleaned)
        except (IntegrityError, ConcurrentChange):
            # Another writer won a race the checks above could not see (a writer outside the
            # kit's turn-taking, or PostgreSQL refusing the overlap): its store is committed
            # now, so checking again names the field.
            index = self.store_index()
            problems = {i: found for i, d in enumerate(cleaned)
                        if (found := clash_problems(d, index))}
            if not problems:
                raise
            raise BatchValidationError(problems) from None

    def edit_store(self, store_id: int, catalog: CatalogSource, **changes: str) -> Store:
        """Change the email and/or name of a store; website and marketplace cannot change."""
        self.require_operator()
        fixed = [f for f in changes if f not in EDITABLE_FIELDS]
        if fixed:
            raise ValidationError([FieldProblem(f, "problem.not_editable") for f in fixed])
        try:
            with self._write() as conn:
                store = self._get(conn, store_id)
                existing = self._index(conn)
                draft = draft_of(store)
                proposed = StoreDraft(**{**draft.__dict__, **changes}).cleaned()
                problems = [p for p in validate_draft(proposed, catalog, existing,
                                                      store_id=store_id)
                            if p.field in changes]
                if problems:
                    raise ValidationError(problems)
                diff = {f: {"from": getattr(store, f), "to": getattr(proposed, f)}
                        for f in changes if getattr(store, f) != getattr(proposed, f)}
                if not diff:
                    return store
                conn.execute(update(schema.stores).where(schema.stores.c.id == store_id).values(
                    name=proposed.name, name_key=name_key(proposed.name), email=proposed.email,
                    updated_at=self.clock.now()))
                self._log(conn, store_id, proposed.name, "edited", diff)
                return self._get(conn, store_id)
        except (IntegrityError, ConcurrentChange):
            problems = [p for p in validate_draft(proposed, catalog, self.list_stores(),
                                                  store_id=store_id) if p.field in changes]
            if not problems:
                raise
            raise ValidationError(problems) from None

    def transition(self, store_id: int, action: str, *, details: dict | None = None,
                   secret: tuple[str, bytes] | None = None, **columns) -> Store:
        """Apply a lifecycle action (see lifecycle.TRANSITIONS), with any authorization columns
        it sets (seller_id, authorized_at, expires_at, last_error: an AscError, a bare message
        key or None) and an encrypted secret (kind, ciphertext) saved in the same transaction,
        and log it."""
        self.require_operator()
        allowed = {"seller_id", "authorized_at", "expires_at", "last_error"}
        if unknown := set(columns) - allowed:
            raise ValueError(f"transition cannot set {', '.join(sorted(unknown))}")
        if "last_error" in columns:
            columns["last_error"] = _error_text(columns["last_error"])
        try:
            with self._write() as conn:
                store = self._get(conn, store_id)
                status = next_status(store.name, store.status, action)
                conn.execute(update(schema.stores).where(schema.stores.c.id == store_id).values(
                    status=status.value, updated_at=self.clock.now(), **columns))
                if action == "disconnect":
                    conn.execute(delete(schema.secrets)
                                 .where(schema.secrets.c.store_id == store_id))
                if secret is not None:
                    self._put_secret(conn, store_id, *secret)
                self._log(conn, store_id, store.name, ACTION_EVENTS[action], details or {})
                return self._get(conn, store_id)
        except IntegrityError as exc:
            violated = violated_constraint(exc)
            if "seller_id" not in violated and "uq_stores_seller_marketplace" not in violated:
                raise
            holder = next(s for s in self.list_stores() if s.seller_id == columns["seller_id"]
                          and s.marketplace == store.marketplace)
            raise SellerAlreadyConnected(columns["seller_id"], holder.name,
                                         store.marketplace) from None

    def delete_store(self, store_id: int) -> None:
        """Remove the store and its secrets; its history stays in the event log."""
        with self._write() as conn:
            store = self._get(conn, store_id)
            conn.execute(delete(schema.secrets).where(schema.secrets.c.store_id == store_id))
            conn.execute(delete(schema.auth_states)
                         .where(schema.auth_states.c.store_id == store_id))
            conn.execute(delete(schema.stores).where(schema.stores.c.id == store_id))
            self._log(conn, store_id, store.name, "deleted", {
                "website": store.website, "marketplace": store.marketplace})

    def log_event(self, store_id: int | None, kind: str, details: dict | None = None) -> None:
        """Record something that changed no store row (a failed connection attempt, say)."""
        with self._write() as conn:
            name = None
            if store_id is not None:
                row = conn.execute(select(schema.stores.c.name)
                                   .where(schema.stores.c.id == store_id)).first()
                name = row.name if row else None
            self._log(conn, store_id, name, kind, details or {})

    def events(self, store_id: int | None = None) -> list[Event]:
        query = select(schema.events).order_by(schema.events.c.id)
        if store_id is not None:
            query = query.where(schema.events.c.store_id == store_id)
        rows = self._read(lambda conn: conn.execute(query).all())
        return [Event(r.id, r.store_id, r.store_name, r.kind, r.actor, r.at,
                      json.loads(r.details)) for r in rows]

    # ---- pre-setup checklist ------------------------------------------------------------
    def checklist(self) -> dict[str, ChecklistTick]:
        rows = self._read(lambda conn: conn.execute(select(schema.checklist)).all())
        return {r.item: ChecklistTick(r.item, r.checked, r.actor, r.at) for r in rows}

    def set_checked(self, item: str, checked: bool) -> None:
        with self._write() as conn:
            conn.execute(delete(schema.checklist).where(schema.checklist.c.item == item))
            conn.execute(insert(schema.checklist).values(
                item=item, checked=checked, actor=self.actor, at=self.clock.now()))

    # ---- pending authorization states ---------------------------------------------------
    def save_auth_state(self, store_id: int, state: str, purpose: str = "connect",
                        ttl: timedelta = AUTH_STATE_TTL, lang: str | None = None) -> None:
        now = self.clock.now()
        with self._write() as conn:
            self._get(conn, store_id)
            self._purge_auth_states(conn, now)
            conn.execute(insert(schema.auth_states).values(
                state_hash=_state_hash(state), store_id=store_id, purpose=purpose,
                created_at=now, expires_at=now + ttl, lang=lang))

    def consume_auth_state(self, state: str, *, store_id: int | None = None
                           ) -> PendingAuthorization:
        """Accept a returned state once. Raises AuthStateError('unknown' | 'reused' |
        'expired' | 'other_store')."""
        now = self.clock.now()
        with self._write() as conn:
            row = conn.execute(select(schema.auth_states).where(
                schema.auth_states.c.state_hash == _state_hash(state or ""))).first()
            if row is None:
                raise AuthStateError("unknown")
            if row.used_at is not None:
                raise AuthStateError("reused")
            if store_id is not None and row.store_id != store_id:
                raise AuthStateError("other_store")
            if row.expires_at <= now:
                raise AuthStateError("expired")
            conn.execute(update(schema.auth_states)
                         .where(schema.auth_states.c.state_hash == row.state_hash)
                         .values(used_at=now))
            self._purge_auth_states(conn, now)
            return PendingAuthorization(row.store_id, row.purpose, row.created_at, row.lang)

    def pending_auth_states(self) -> int:
        """How many authorization states are kept (pending, or recently expired or used)."""
        return len(self._read(lambda conn: conn.execute(
            select(schema.auth_states.c.state_hash)).all()))

    def _purge_auth_states(self, conn: Connection, now: datetime) -> None:
        cutoff = now - AUTH_STATE_KEPT
        conn.execute(delete(schema.auth_states).where(or_(
            schema.auth_states.c.expires_at <= cutoff, schema.auth_states.c.used_at <= cutoff)))

    # ---- encrypted secrets --------------------------------------------------------------
    def put_secret(self, store_id: int, kind: str, ciphertext: bytes) -> None:
        with self._write() as conn:
            self._put_secret(conn, store_id, kind, ciphertext)

    def _put_secret(self, conn: Connection, store_id: int, kind: str, ciphertext: bytes) -> None:
        conn.execute(delete(schema.secrets).where(
            (schema.secrets.c.store_id == store_id) & (schema.secrets.c.kind == kind)))
        conn.execute(insert(schema.secrets).values(
            store_id=store_id, kind=kind, ciphertext=ciphertext, created_at=self.clock.now()))

    def get_secret(self, store_id: int, kind: str) -> bytes | None:
        row = self._read(lambda conn: conn.execute(select(schema.secrets.c.ciphertext).where(
            (schema.secrets.c.store_id == store_id) & (schema.secrets.c.kind == kind))).first())
        return row.ciphertext if row else None

    def has_secrets(self) -> bool:
        """Whether any encrypted secret is stored (then the key that made them is needed)."""
        return bool(self._read(lambda conn: conn.execute(
            select(exists().select_from(schema.secrets))).scalar()))

    # ---- internals ----------------------------------------------------------------------
    def _index(self, conn: Connection) -> StoreIndex:
        columns = schema.stores.c
        return StoreIndex(conn.execute(select(columns.id, columns.name, columns.website,
                                              columns.marketplace)).all())

    def _insert(self, conn: Connection, drafts: list[StoreDraft]) -> list[Store]:
        """Insert validated drafts and their 'created' events: two statements whatever the
        count, so the write transaction stays short. The saved stores come back as inserted."""
        now = self.clock.now()
        rows = conn.execute(
            insert(schema.stores).returning(*schema.stores.c, sort_by_parameter_order=True),
            [{"name": d.name, "name_key": name_key(d.name), "website": d.website,
              "email": d.email, "marketplace": d.marketplace, "id_type": d.id_type,
              "attribute": d.attribute, "status": StoreStatus.NOT_CONNECTED.value,
              "created_at": now, "updated_at": now} for d in drafts]).all()
        added = [_store(row) for row in rows]
        conn.execute(insert(schema.events), [{
            "store_id": s.id, "store_name": s.name, "kind": "created", "actor": self.actor,
            "at": now, "details": json.dumps({"website": s.website, "marketplace": s.marketplace,
                                              "id_type": s.id_type, "attribute": s.attribute},
                                             ensure_ascii=False)} for s in added])
        return added

    def _get(self, conn: Connection, store_id: int) -> Store:
        row = conn.execute(select(schema.stores).where(schema.stores.c.id == store_id)).first()
        if row is None:
            raise StoreNotFound(store_id)
        return _store(row)

    def _log(self, conn: Connection, store_id: int | None, store_name: str | None, kind: str,
             details: dict) -> None:
        safe = {k: v for k, v in details.items()
                if not any(word in k.lower() for word in _SECRET_WORDS)}
        conn.execute(insert(schema.events).values(
            store_id=store_id, store_name=store_name, kind=kind, actor=self.actor,
            at=self.clock.now(), details=json.dumps(safe, default=str, ensure_ascii=False)))


def _error_text(error: AscError | str | None) -> str | None:
    """A stored error: its key and parameters as JSON (a bare key keeps no parameters)."""
    if error is None:
        return None
    if isinstance(error, str):
        return json.dumps({"key": error, "params": {}})
    return json.dumps({"key": error.key, "params": error.params}, default=str)


def _error_of(text: str | None) -> tuple[str | None, tuple[tuple[str, object], ...]]:
    if not text:
        return None, ()
    if not text.startswith("{"):  # schema 3 kept the bare key
        return text, ()
    stored = json.loads(text)
    return stored["key"], tuple(sorted(stored.get("params", {}).items()))


def _store(row) -> Store:
    last_error, params = _error_of(row.last_error)
    return Store(
        id=row.id, name=row.name, website=row.website, email=row.email,
        marketplace=row.marketplace, id_type=row.id_type, attribute=row.attribute,
        status=StoreStatus(row.status), created_at=row.created_at, updated_at=row.updated_at,
        seller_id=row.seller_id, authorized_at=row.authorized_at, expires_at=row.expires_at,
        last_error=last_error, last_error_params=params)

"""The store registry: stores, their history, pending authorization states, checklist ticks
and encrypted secrets, in one database that several processes can share."""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.clock import Clock
from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import ACTION_EVENTS, StoreStatus, next_status
from asc_widgets.core.registry import schema
from asc_widgets.core.registry.engine import make_engine, serialize_writers
from asc_widgets.core.registry.errors import ConcurrentChange, translate, violated_constraint
from asc_widgets.core.stores import (
    EDITABLE_FIELDS,
    FieldProblem,
    Store,
    StoreDraft,
    ValidationError,
    draft_of,
    name_key,
    validate_draft,
)

T = TypeVar("T")
AUTH_STATE_TTL = timedelta(minutes=10)
# Keys that must never reach the event log, whatever a caller passes as details.
_SECRET_WORDS = ("token", "secret", "code", "password")


class StoreNotFound(LookupError):
    def __init__(self, store_id: int):
        self.store_id = store_id
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t("error.store_not_found", lang, store_id=self.store_id)


class BatchValidationError(Exception):
    """Some drafts of a batch are wrong; nothing of the batch was saved."""

    def __init__(self, problems: dict[int, list[FieldProblem]]):
        self.problems = problems
        super().__init__(f"{len(problems)} of the stores have problems; nothing was saved")


class SellerAlreadyConnected(Exception):
    """The seller account already backs another store of the same marketplace."""

    def __init__(self, seller_id: str, other_store: str, marketplace: str):
        self.seller_id, self.other_store, self.marketplace = seller_id, other_store, marketplace
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        return t("error.seller_taken", lang, seller_id=self.seller_id, other=self.other_store,
                 marketplace=t(f"market.{self.marketplace}", lang))


class AuthStateError(Exception):
    """A returned authorization state that must be refused: unknown, reused, expired, or
    issued for another store."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"authorization state refused: {reason}")


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


def default_actor() -> str:
    """Who acts: ASC_USER, else the operating-system user."""
    try:
        return os.environ.get("ASC_USER") or getpass.getuser()
    except OSError:
        return "unknown"


def _state_hash(state: str) -> str:
    # Only a hash is kept, so a database copy cannot be used to forge a callback.
    return hashlib.sha256(state.encode()).hexdigest()


class Registry:
    """All reads and writes of shared state. Every write is one transaction."""

    def __init__(self, database_url: str | Engine, *, clock: Clock | None = None,
                 actor: str | None = None):
        self.engine = (database_url if isinstance(database_url, Engine)
                       else make_engine(database_url))
        self.clock = clock or Clock()
        self.actor = actor or default_actor()
        with self._write() as conn:
            self.schema_version = schema.upgrade(conn)

    @classmethod
    def from_settings(cls, settings, **kwargs) -> Registry:
        return cls(settings.database_url, **kwargs)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _database_errors(self, *, writing: bool) -> Iterator[None]:
        """Driver errors about the connection or a concurrent write become clear messages."""
        try:
            yield
        except DBAPIError as exc:
            clear = translate(exc, self.engine.url, writing=writing)
            if clear is None:
                raise
            raise clear from None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction, whole or not at all; writers take turns (see serialize_writers)."""
        with self._database_errors(writing=True), self.engine.begin() as conn:
            serialize_writers(conn)
            yield conn

    def _read(self, query: Callable[[Connection], T]) -> T:
        """Run a read; when the connection drops under it, once more on a fresh connection."""
        with self._database_errors(writing=False):
            try:
                with self.engine.connect() as conn:
                    return query(conn)
            except DBAPIError as exc:
                if not exc.connection_invalidated:
                    raise
            with self.engine.connect() as conn:
                return query(conn)

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

    def validate(self, draft: StoreDraft, catalog: CatalogSource) -> list[FieldProblem]:
        """Every problem of a draft against the catalog and the stores saved now."""
        return validate_draft(draft, catalog, self.list_stores())

    def add_store(self, draft: StoreDraft, catalog: CatalogSource) -> Store:
        """Validate and save a new store (not connected). Raises ValidationError; a failed add
        leaves nothing behind."""
        try:
            return self.add_stores([draft], catalog)[0]
        except BatchValidationError as exc:
            raise ValidationError(exc.problems[0]) from None

    def add_stores(self, drafts: list[StoreDraft], catalog: CatalogSource) -> list[Store]:
        """Save several new stores in one transaction: all of them, or (BatchValidationError
        with every draft's problems, by position) none. Each draft is checked against the saved
        stores and the drafts before it."""
        cleaned = [d.cleaned() for d in drafts]
        now = self.clock.now()
        try:
            with self._write() as conn:
                problems: dict[int, list[FieldProblem]] = {}
                added: list[Store] = []
                for index, d in enumerate(cleaned):
                    existing = [_store(r) for r in conn.execute(select(schema.stores)).all()]
                    found = validate_draft(d, catalog, existing)
                    if found:
                        problems[index] = found
                        continue
                    store_id = conn.execute(insert(schema.stores).values(
                        name=d.name, name_key=name_key(d.name), website=d.website,
                        email=d.email, marketplace=d.marketplace, id_type=d.id_type,
                        attribute=d.attribute, status=StoreStatus.NOT_CONNECTED.value,
                        created_at=now, updated_at=now,
                    )).inserted_primary_key[0]
                    self._log(conn, store_id, d.name, "created", {
                        "website": d.website, "marketplace": d.marketplace,
                        "id_type": d.id_type, "attribute": d.attribute})
                    added.append(self._get(conn, store_id))
                if problems:
                    raise BatchValidationError(problems)
                return added
        except (IntegrityError, ConcurrentChange):
            # Another writer won a race the checks above could not see (a writer outside the
            # kit's turn-taking, or PostgreSQL refusing the overlap): its store is committed
            # now, so checking again names the field.
            stores = self.list_stores()
            problems = {i: found for i, d in enumerate(cleaned)
                        if (found := validate_draft(d, catalog, stores))}
            if not problems:
                raise
            raise BatchValidationError(problems) from None

    def edit_store(self, store_id: int, catalog: CatalogSource, **changes: str) -> Store:
        """Change the email and/or name of a store; website and marketplace cannot change."""
        fixed = [f for f in changes if f not in EDITABLE_FIELDS]
        if fixed:
            raise ValidationError([FieldProblem(f, "problem.not_editable") for f in fixed])
        try:
            with self._write() as conn:
                store = self._get(conn, store_id)
                existing = [_store(r) for r in conn.execute(select(schema.stores)).all()]
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
        it sets (seller_id, authorized_at, expires_at, last_error) and an encrypted secret
        (kind, ciphertext) saved in the same transaction, and log it."""
        allowed = {"seller_id", "authorized_at", "expires_at", "last_error"}
        if unknown := set(columns) - allowed:
            raise ValueError(f"transition cannot set {', '.join(sorted(unknown))}")
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
            return PendingAuthorization(row.store_id, row.purpose, row.created_at, row.lang)

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

    # ---- internals ----------------------------------------------------------------------
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


def _store(row) -> Store:
    return Store(
        id=row.id, name=row.name, website=row.website, email=row.email,
        marketplace=row.marketplace, id_type=row.id_type, attribute=row.attribute,
        status=StoreStatus(row.status), created_at=row.created_at, updated_at=row.updated_at,
        seller_id=row.seller_id, authorized_at=row.authorized_at, expires_at=row.expires_at,
        last_error=row.last_error)

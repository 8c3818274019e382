"""The store registry: stores and their history, in one database that several processes can
share; with its transactions (transactions.py) and the authorization data kept beside the
stores (authorization_data.py: checklist ticks, pending states, encrypted secrets)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.clock import Clock
from asc_widgets.core.errors import AscError
from asc_widgets.core.lifecycle import ACTION_EVENTS, StoreStatus, next_status
from asc_widgets.core.people import Person, acting_person
from asc_widgets.core.registry import schema
from asc_widgets.core.registry.authorization_data import (
    AUTH_STATE_KEPT,
    AUTH_STATE_TTL,
    AuthorizationData,
    AuthStateError,
    ChecklistTick,
    PendingAuthorization,
)
from asc_widgets.core.registry.availability import registry_place, unavailable
from asc_widgets.core.registry.engine import make_engine
from asc_widgets.core.registry.errors import ConcurrentChange, violated_constraint
from asc_widgets.core.registry.transactions import Transactions
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


@dataclass(frozen=True)
class Event:
    id: int
    store_id: int | None
    store_name: str | None
    kind: str
    actor: str
    at: datetime
    details: dict


class Registry(Transactions, AuthorizationData):
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


__all__ = ["AUTH_STATE_KEPT", "AUTH_STATE_TTL", "AuthStateError", "BatchValidationError",
           "ChecklistTick", "Event", "PendingAuthorization", "Registry",
           "SellerAlreadyConnected", "StoreNotFound"]

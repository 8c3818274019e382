"""What the registry keeps beside the stores for connecting them: the pre-setup checklist's
ticks, pending authorization states (single use, expiring) and encrypted secrets.
A mixin of Registry (its transactions, clock and acting person)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, exists, insert, or_, select, update

from asc_widgets.core.errors import AscError
from asc_widgets.core.registry import schema

AUTH_STATE_TTL = timedelta(minutes=10)
# An expired or used state is kept this much longer, so a late or repeated answer still gets
# its precise message ("expired", "already used"); then it is deleted.
AUTH_STATE_KEPT = timedelta(minutes=10)


class AuthStateError(AscError):
    """A returned authorization state that must be refused: unknown, reused, expired, or
    issued for another store."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(f"auth.state_{reason}")


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


class AuthorizationData:
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

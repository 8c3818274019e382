"""What the unattended check keeps in the registry: each store's latest check, the sent-once
reminder ledger, the run lease and the runs themselves (schema version 4).

Every write is one transaction of the registry's engine (BEGIN IMMEDIATE on SQLite), so two
processes on one registry see each other's claims.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from asc_widgets.core.registry import schema

# Ledger statuses. "sending" is written before the channel is called: a run that dies then
# leaves it behind, and the next run marks it "unknown" instead of sending it again.
PENDING, SENDING, SENT, FAILED, UNKNOWN = "pending", "sending", "sent", "failed", "unknown"
DROPPED = "dropped"  # queued for a store deleted since: never sent
DELIVERABLE = (PENDING, FAILED)


@dataclass(frozen=True)
class StoreCheck:
    store_id: int
    checked_at: datetime
    result: str  # ok, revoked, error, unavailable
    error_key: str | None
    failures_in_row: int
    failing_since: datetime | None
    problem: str | None


@dataclass(frozen=True)
class QueuedReminder:
    """One reminder occasion for one channel and recipient, as the ledger keeps it."""

    subject: str
    store_id: int | None
    occasion: str
    kind: str
    channel: str
    recipient: str
    lang: str
    params: dict


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    reminder: QueuedReminder
    status: str
    attempts: int
    last_error: str | None
    sent_at: datetime | None


@dataclass(frozen=True)
class LeaseInfo:
    name: str
    holder: str
    acquired_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class CheckRun:
    run_id: str
    started_at: datetime
    finished_at: datetime | None
    summary: dict


def lease_holder(run_id: str) -> str:
    """Who holds a lease: host, process id and run id (a dead process on this host is seen)."""
    return f"{socket.gethostname()}:{os.getpid()}:{run_id}"


def _holder_is_dead(holder: str) -> bool:
    host, _, rest = holder.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False  # another host: only the lease's expiry can tell
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class CheckLog:
    """The unattended check's records in one registry."""

    def __init__(self, registry):
        self.registry = registry

    @property
    def _now(self) -> datetime:
        return self.registry.clock.now()

    # ---- lease -------------------------------------------------------------------------
    def acquire_lease(self, name: str, holder: str, ttl: timedelta) -> LeaseInfo | None:
        """Take the lease, or None (the current holder) when a live run holds it. An expired
        lease, or one held by a dead process of this host, is taken over."""
        now = self._now
        table = schema.leases
        try:
            with self.registry._write() as conn:
                row = conn.execute(select(table).where(table.c.name == name)
                                   .with_for_update()).first()
                if row is not None and row.holder != holder and row.expires_at > now \
                        and not _holder_is_dead(row.holder):
                    return None
                conn.execute(delete(table).where(table.c.name == name))
                conn.execute(insert(table).values(name=name, holder=holder, acquired_at=now,
                                                  expires_at=now + ttl))
        except IntegrityError:  # another process inserted it first (no row lock to wait on)
            return None
        return LeaseInfo(name, holder, now, now + ttl)

    def renew_lease(self, name: str, holder: str, ttl: timedelta) -> bool:
        with self.registry._write() as conn:
            done = conn.execute(update(schema.leases).where(and_(
                schema.leases.c.name == name, schema.leases.c.holder == holder))
                .values(expires_at=self._now + ttl))
            return done.rowcount == 1

    def release_lease(self, name: str, holder: str) -> None:
        with self.registry._write() as conn:
            conn.execute(delete(schema.leases).where(and_(
                schema.leases.c.name == name, schema.leases.c.holder == holder)))

    def lease(self, name: str) -> LeaseInfo | None:
        with self.registry.reading() as conn:
            row = conn.execute(select(schema.leases).where(schema.leases.c.name == name)).first()
        return LeaseInfo(row.name, row.holder, row.acquired_at, row.expires_at) if row else None

    # ---- store checks ------------------------------------------------------------------
    def record_check(self, store_id: int, result: str, error_key: str | None = None
                     ) -> StoreCheck:
        """Keep a check's outcome. Failures (error, unavailable) count up in a row from the
        first; a passing check or a revocation (reminded on its own) resets the count."""
        now = self._now
        table = schema.store_checks
        with self.registry._write() as conn:
            old = conn.execute(select(table).where(table.c.store_id == store_id)).first()
            failing = result in ("error", "unavailable")
            failures = (old.failures_in_row if old else 0) + 1 if failing else 0
            since = ((old.failing_since if old and old.failing_since else now)
                     if failing else None)
            values = dict(checked_at=now, result=result, error_key=error_key,
                          failures_in_row=failures, failing_since=since)
            if old is None:
                conn.execute(insert(table).values(store_id=store_id, problem=None, **values))
            else:
                conn.execute(update(table).where(table.c.store_id == store_id).values(**values))
            row = conn.execute(select(table).where(table.c.store_id == store_id)).one()
        return _check(row)

    def check(self, store_id: int) -> StoreCheck | None:
        table = schema.store_checks
        with self.registry.reading() as conn:
            row = conn.execute(select(table).where(table.c.store_id == store_id)).first()
        return _check(row) if row else None

    def checks(self) -> dict[int, StoreCheck]:
        with self.registry.reading() as conn:
            rows = conn.execute(select(schema.store_checks)).all()
        return {r.store_id: _check(r) for r in rows}

    def store_languages(self) -> dict[int, str]:
        """Each store's language: the one its latest connect or renewal was started in."""
        table = schema.auth_states
        query = (select(table.c.store_id, table.c.lang).where(
            table.c.used_at.is_not(None) & table.c.lang.is_not(None))
            .order_by(table.c.used_at))
        with self.registry.reading() as conn:
            return {r.store_id: r.lang for r in conn.execute(query).all()}

    # ---- the ledger --------------------------------------------------------------------
    def queue(self, reminders: list[QueuedReminder], *, problems: dict[int, str | None]
              ) -> int:
        """Add the reminders not queued before (the unique key says which) and set each
        store's announced problem (None clears it), in one transaction; how many were new."""
        table = schema.reminders
        now = self._now
        added = 0
        with self.registry._write() as conn:
            for r in reminders:
                exists = conn.execute(select(table.c.id).where(and_(
                    table.c.subject == r.subject, table.c.occasion == r.occasion,
                    table.c.channel == r.channel, table.c.recipient == r.recipient))).first()
                if exists:
                    continue
                conn.execute(insert(table).values(
                    subject=r.subject, store_id=r.store_id, occasion=r.occasion, kind=r.kind,
                    channel=r.channel, recipient=r.recipient, lang=r.lang,
                    params=json.dumps(r.params, ensure_ascii=False, default=str),
                    status=PENDING, attempts=0, created_at=now))
                added += 1
            for store_id, problem in problems.items():
                conn.execute(update(schema.store_checks)
                             .where(schema.store_checks.c.store_id == store_id)
                             .values(problem=problem))
        return added

    def mark_abandoned(self, run_id: str) -> int:
        """Reminders a dead run was sending when it stopped: whether they left is unknown, so
        they are never sent again (nothing twice) and are reported instead."""
        with self.registry._write() as conn:
            return conn.execute(update(schema.reminders).where(and_(
                schema.reminders.c.status == SENDING, schema.reminders.c.run_id != run_id))
                .values(status=UNKNOWN, last_error="run stopped while sending")).rowcount

    def drop_deleted_stores(self) -> int:
        """Queued reminders about stores deleted since are dropped (a reminder about a store
        nobody has any more is noise); the ledger keeps them as history."""
        table = schema.reminders
        with self.registry._write() as conn:
            return conn.execute(update(table).where(and_(
                table.c.status.in_(DELIVERABLE), table.c.store_id.is_not(None),
                table.c.store_id.not_in(select(schema.stores.c.id))))
                .values(status=DROPPED, last_error="store deleted")).rowcount

    def deliverable(self) -> list[LedgerEntry]:
        table = schema.reminders
        with self.registry.reading() as conn:
            rows = conn.execute(select(table).where(table.c.status.in_(DELIVERABLE))
                                .order_by(table.c.id)).all()
        return [_entry(r) for r in rows]

    def claim(self, entry_id: int, run_id: str) -> bool:
        """Mark a reminder as being sent by this run; False when another run has it."""
        table = schema.reminders
        with self.registry._write() as conn:
            done = conn.execute(update(table).where(and_(
                table.c.id == entry_id, table.c.status.in_(DELIVERABLE)))
                .values(status=SENDING, run_id=run_id, attempted_at=self._now,
                        attempts=table.c.attempts + 1))
            return done.rowcount == 1

    def finish(self, entry_id: int, *, sent: bool, error: str | None = None) -> None:
        table = schema.reminders
        values = {"status": SENT, "sent_at": self._now, "last_error": None} if sent else \
            {"status": FAILED, "last_error": (error or "")[:200]}
        with self.registry._write() as conn:
            conn.execute(update(table).where(table.c.id == entry_id).values(**values))

    def ledger(self, store_id: int | None = None) -> list[LedgerEntry]:
        table = schema.reminders
        query = select(table).order_by(table.c.id)
        if store_id is not None:
            query = query.where(table.c.store_id == store_id)
        with self.registry.reading() as conn:
            return [_entry(r) for r in conn.execute(query).all()]

    # ---- runs --------------------------------------------------------------------------
    def start_run(self, run_id: str) -> None:
        with self.registry._write() as conn:
            conn.execute(insert(schema.check_runs).values(
                run_id=run_id, started_at=self._now, finished_at=None, summary="{}"))

    def finish_run(self, run_id: str, summary: dict) -> None:
        with self.registry._write() as conn:
            conn.execute(update(schema.check_runs).where(schema.check_runs.c.run_id == run_id)
                         .values(finished_at=self._now, summary=json.dumps(summary)))

    def last_run(self) -> CheckRun | None:
        """The latest finished run (what the dashboard shows)."""
        table = schema.check_runs
        with self.registry.reading() as conn:
            row = conn.execute(select(table).where(table.c.finished_at.is_not(None))
                               .order_by(table.c.finished_at.desc()).limit(1)).first()
        return CheckRun(row.run_id, row.started_at, row.finished_at,
                        json.loads(row.summary)) if row else None


def _check(row) -> StoreCheck:
    return StoreCheck(row.store_id, row.checked_at, row.result, row.error_key,
                      row.failures_in_row, row.failing_since, row.problem)


def _entry(row) -> LedgerEntry:
    reminder = QueuedReminder(row.subject, row.store_id, row.occasion, row.kind, row.channel,
                              row.recipient, row.lang, json.loads(row.params))
    return LedgerEntry(row.id, reminder, row.status, row.attempts, row.last_error,
                       row.sent_at)

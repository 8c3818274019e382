"""One unattended run: check every connected store through the Connector, queue the reminders
that are due, deliver what the ledger holds, and say what happened.

Order matters for "nothing twice": a run takes the registry's lease first (a second run at
the same time does nothing); each store's reminders are queued in the ledger right after its
check (a run that dies keeps them for the next one); delivery claims each ledger row before
calling the channel ("sending"), so a row a dead run left in "sending" is never sent again.
A failing channel only leaves its rows to the next run: the checks never wait for it.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from asc_widgets.core import status as _status  # noqa: F401  (registers the check.* texts)
from asc_widgets.core.amazon import AmazonError, AmazonUnavailable, RateLimited
from asc_widgets.core.authorization import REFRESH_TOKEN, Connector
from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import CHECKABLE, StoreStatus
from asc_widgets.core.registry import StoreNotFound
from asc_widgets.core.registry.checks import (
    SENDING,
    CheckLog,
    LeaseInfo,
    LedgerEntry,
    QueuedReminder,
    lease_holder,
)
from asc_widgets.core.reminders.channels import WEBHOOK_RECIPIENT, channels_from_settings
from asc_widgets.core.reminders.due import (
    Reminder,
    secret_reminders,
    store_reminders,
)
from asc_widgets.core.reminders.errors import DeliveryFailed
from asc_widgets.core.reminders.settings import ReminderSettings
from asc_widgets.core.reminders.texts import render
from asc_widgets.core.stores import Store

log = logging.getLogger(__name__)

LEASE_NAME = "unattended-check"
EXIT_OK, EXIT_DELIVERY_FAILED, EXIT_CONFIG = 0, 1, 2


@dataclass(frozen=True)
class StoreOutcome:
    store_id: int
    name: str
    result: str  # ok, revoked, error, unavailable
    status: StoreStatus
    error_key: str | None = None


@dataclass(frozen=True)
class Delivery:
    entry: LedgerEntry
    outcome: str  # sent, failed, unknown
    error: DeliveryFailed | None = None


@dataclass
class RunReport:
    run_id: str
    started_at: datetime
    held_by: LeaseInfo | None = None  # set when another run held the lease
    outcomes: list[StoreOutcome] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    due_without_channel: int = 0
    names: dict[int, str] = field(default_factory=dict)
    lease_lost: bool = False

    @property
    def skipped(self) -> bool:
        return self.held_by is not None

    def count(self, outcome: str) -> int:
        return sum(1 for d in self.deliveries if d.outcome == outcome)

    def results(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def exit_code(self) -> int:
        """0 when every due reminder left (or nothing was due, or another run had the lease);
        1 when a channel failed (retried next run), a dead run left one unknown, or this run
        lost its lease and stopped."""
        return EXIT_DELIVERY_FAILED if self.count("failed") or self.count("unknown") \
            or self.lease_lost else EXIT_OK

    def summary(self) -> dict:
        """What the registry keeps about the run (the dashboard shows it)."""
        return {"checked": len(self.outcomes), "ok": self.results("ok"),
                "revoked": self.results("revoked"),
                "failed": self.results("error") + self.results("unavailable"),
                "sent": self.count("sent"), "failed_sends": self.count("failed"),
                "unknown": self.count("unknown"),
                "problems": [o.store_id for o in self.outcomes if o.result != "ok"]}

    def lines(self, lang: str = "en", *, every_store: bool = False) -> list[str]:
        """The command's output: the stores whose check did not pass (every one with
        every_store), the reminders that did not go out, and a summary line last."""
        if self.held_by is not None:
            return [t("check.run.skipped", lang, holder=self.held_by.holder,
                      until=self.held_by.expires_at.isoformat(timespec="seconds"))]
        out = [t("check.run.store", lang, name=o.name,
                 result=t(f"check.result.{o.result}", lang), status=o.status.label(lang))
               for o in self.outcomes if every_store or o.result != "ok"]
        for d in self.deliveries:
            if d.outcome == "sent":
                continue
            r = d.entry.reminder
            params = {"kind": r.kind, "subject": self._subject(r, lang),
                      "channel": t(f"check.channel.{r.channel}", lang),
                      "recipient": r.recipient}
            if d.outcome == "failed":
                out.append(t("check.run.delivery_failed", lang, **params,
                             reason=d.error.message(lang) if d.error else ""))
            else:
                out.append(t("check.run.unknown", lang, **params))
        if self.lease_lost:
            out.append(t("check.run.lease_lost", lang))
        if self.due_without_channel:
            out.append(t("check.run.no_channel", lang, count=self.due_without_channel))
        s = self.summary()
        out.append(t("check.run.summary", lang, checked=s["checked"], ok=s["ok"],
                     revoked=s["revoked"], failed=s["failed"], sent=s["sent"],
                     failed_sends=s["failed_sends"], unknown=s["unknown"]))
        return out

    def _subject(self, reminder: QueuedReminder, lang: str) -> str:
        if reminder.store_id is None:
            return t("check.subject.app", lang)
        name = reminder.params.get("name") or self.names.get(reminder.store_id, "?")
        return t("check.subject.store", lang, name=name)


class LeaseLost(RuntimeError):
    """Another run took the lease over (this one was too slow to renew it): stop."""


class UnattendedCheck:
    """check every connected store and send the due reminders, once."""

    def __init__(self, connector: Connector, settings: ReminderSettings,
                 channels: dict | None = None):
        self.connector = connector
        self.registry = connector.registry
        self.settings = settings
        self.channels = channels_from_settings(settings) if channels is None else channels
        self.log = CheckLog(self.registry)

    def run(self) -> RunReport:
        run_id = uuid.uuid4().hex
        holder = lease_holder(run_id)
        report = RunReport(run_id, self.registry.clock.now())
        if self.log.acquire_lease(LEASE_NAME, holder, self.settings.lease) is None:
            report.held_by = self.log.lease(LEASE_NAME)
            return report
        try:
            self.log.start_run(run_id)
            abandoned = [e for e in self.log.ledger() if e.status == SENDING]
            self.log.mark_abandoned(run_id)
            report.deliveries.extend(Delivery(e, "unknown") for e in abandoned)
            languages = self.log.store_languages()
            for store in self.registry.list_stores():
                report.names[store.id] = store.name
                try:
                    outcome = self._check(store)
                    if outcome is not None:
                        report.outcomes.append(outcome)
                    self._queue_store(store.id, languages, report)
                except StoreNotFound:  # deleted in the app while this run went through
                    pass
                self._renew(holder)
            today = self.registry.clock.now().date()
            self._queue(secret_reminders(self.settings.lwa_secret_set_on, today), {}, report)
            self._deliver(run_id, holder, report)
            self.log.finish_run(run_id, report.summary())
        except LeaseLost:
            log.warning("another run took the lease over; this one stopped")
            report.lease_lost = True
        finally:
            self.log.release_lease(LEASE_NAME, holder)
        return report

    # ---- checks ------------------------------------------------------------------------
    def _check(self, store: Store) -> StoreOutcome | None:
        """Today's check (Connector.check) of a store holding an authorization, recorded."""
        if store.status not in CHECKABLE or \
                self.registry.get_secret(store.id, REFRESH_TOKEN) is None:
            return None
        error_key = None
        try:
            checked = self.connector.check(store.id)
        except StoreNotFound:
            raise
        except (RateLimited, AmazonUnavailable) as exc:
            result, error_key, checked = "unavailable", exc.key, None
        except AmazonError as exc:
            result, error_key, checked = "error", exc.key, None
        except Exception:  # one store's surprise must not stop the others' checks
            log.exception("checking store %s failed", store.id)
            result, error_key, checked = "error", "auth.unexpected", None
        else:
            result = {StoreStatus.REVOKED: "revoked", StoreStatus.ERROR: "error"}.get(
                checked.status, "ok")
            error_key = checked.last_error if result != "ok" else None
        self.log.record_check(store.id, result, error_key)
        after = checked or self.registry.get_store(store.id)
        return StoreOutcome(store.id, store.name, result, after.status, error_key)

    def _renew(self, holder: str) -> None:
        if not self.log.renew_lease(LEASE_NAME, holder, self.settings.lease):
            raise LeaseLost("the unattended check's lease was taken over by another run")

    # ---- reminders ---------------------------------------------------------------------
    def _queue_store(self, store_id: int, languages: dict[int, str], report: RunReport) -> None:
        store = self.registry.get_store(store_id)
        check = self.log.check(store_id)
        due = store_reminders(store, check, self.registry.clock.now(),
                              failures_before_reminder=self.settings.failures_before_reminder)
        problems: dict[int, str | None] = {}
        for reminder in due:
            if reminder.is_problem:
                problems[store_id] = reminder.occasion
            elif reminder.kind == "recovered":
                problems[store_id] = None
        self._queue(due, problems, report, store=store,
                    store_lang=languages.get(store_id))

    def _queue(self, due: list[Reminder], problems: dict[int, str | None], report: RunReport,
               *, store: Store | None = None, store_lang: str | None = None) -> None:
        if not due:
            return
        queued = [q for r in due for q in self._recipients(r, store, store_lang)]
        if not queued:
            report.due_without_channel += len(due)
            return
        self.log.queue(queued, problems=problems)

    def _recipients(self, reminder: Reminder, store: Store | None,
                    store_lang: str | None) -> list[QueuedReminder]:
        s = self.settings
        team = s.team_language
        targets: list[tuple[str, str, str]] = []  # channel, recipient, language
        if "email" in self.channels:
            if store is not None and s.store_contacts and store.email:
                targets.append(("email", store.email.lower(), store_lang or team))
            if s.team_email and s.team_email.lower() not in {r for _, r, _ in targets}:
                targets.append(("email", s.team_email.lower(), team))
        if "webhook" in self.channels:
            targets.append(("webhook", WEBHOOK_RECIPIENT, team))
        return [QueuedReminder(reminder.subject, reminder.store_id, reminder.occasion,
                               reminder.kind, channel, recipient, lang, reminder.params)
                for channel, recipient, lang in targets]

    def _deliver(self, run_id: str, holder: str, report: RunReport) -> None:
        down: dict[str, DeliveryFailed] = {}
        self.log.drop_deleted_stores()
        for entry in self.log.deliverable():
            channel = self.channels.get(entry.reminder.channel)
            if channel is None:  # that channel is no longer configured: keep it for later
                continue
            if entry.reminder.channel in down:  # not tried again this run: kept for the next
                report.deliveries.append(Delivery(entry, "failed",
                                                  down[entry.reminder.channel]))
                continue
            self._renew(holder)
            if not self.log.claim(entry.id, run_id):
                continue
            r = entry.reminder
            text = render(r.kind, r.params, r.lang, self.settings.app_url, r.store_id)
            try:
                channel.send(r.recipient, text)
            except DeliveryFailed as exc:
                if exc.channel_down:
                    down[r.channel] = exc
                self.log.finish(entry.id, sent=False, error=exc.reason)
                report.deliveries.append(Delivery(entry, "failed", exc))
                continue
            self.log.finish(entry.id, sent=True)
            report.deliveries.append(Delivery(entry, "sent"))

"""The registry's records for the unattended check: the lease, failures in a row, the ledger."""

import subprocess
import sys
from datetime import timedelta

from asc_widgets.core.registry import CheckLog
from asc_widgets.core.registry.checks import QueuedReminder, lease_holder

LEASE = "unattended-check"
TTL = timedelta(minutes=10)


def reminder(occasion="revoked@a", recipient="ops@example.com"):
    return QueuedReminder("store:1", 1, occasion, "revoked", "email", recipient, "en",
                          {"name": "S"})


def test_the_lease_is_held_once_renewed_by_its_holder_and_freed_on_expiry(registry, clock):
    log = CheckLog(registry)
    mine, other = lease_holder("one"), lease_holder("two")
    assert log.acquire_lease(LEASE, mine, TTL) is not None
    assert log.acquire_lease(LEASE, other, TTL) is None
    assert log.renew_lease(LEASE, mine, TTL) and not log.renew_lease(LEASE, other, TTL)
    clock.advance(minutes=11)
    assert log.acquire_lease(LEASE, other, TTL) is not None
    assert not log.renew_lease(LEASE, mine, TTL)  # the first run lost it: it must stop
    log.release_lease(LEASE, mine)  # releasing a lost lease leaves the new holder's alone
    assert log.lease(LEASE).holder == other
    log.release_lease(LEASE, other)
    assert log.lease(LEASE) is None


def test_a_lease_left_by_a_dead_process_of_this_host_is_taken_over(registry):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)
    log = CheckLog(registry)
    import socket

    assert log.acquire_lease(LEASE, f"{socket.gethostname()}:{pid}:gone", TTL) is not None
    assert log.acquire_lease(LEASE, lease_holder("next"), TTL) is not None


def test_failures_count_in_a_row_from_the_first_and_a_pass_resets(registry, clock, catalog,
                                                                  draft):
    store = registry.add_store(draft, catalog)
    log = CheckLog(registry)
    first = log.record_check(store.id, "unavailable", "amazon.error.unavailable")
    clock.advance(days=1)
    second = log.record_check(store.id, "error", "amazon.error.unauthorized_client")
    assert (second.failures_in_row, second.failing_since) == (2, first.checked_at)
    assert log.record_check(store.id, "ok").failures_in_row == 0
    assert log.checks()[store.id].failing_since is None


def test_the_ledger_queues_an_occasion_once_and_claims_a_row_once(registry):
    log = CheckLog(registry)
    assert log.queue([reminder(), reminder(recipient="team@example.com")], problems={}) == 2
    assert log.queue([reminder()], problems={}) == 0
    first, second = log.deliverable()
    assert log.claim(first.id, "run-a") and not log.claim(first.id, "run-b")
    log.finish(second.id, sent=False, error="SMTP 451")
    assert [e.id for e in log.deliverable()] == [second.id]  # failed: tried again next run
    assert log.mark_abandoned("run-c") == 1  # run-a died while sending the first
    assert {e.status for e in log.ledger()} == {"unknown", "failed"}

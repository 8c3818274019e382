from datetime import timedelta

import pytest

from asc_widgets.core import AuthState, StoreStatus, TransitionError, t
from asc_widgets.core.lifecycle import (
    TRANSITIONS,
    allowed_actions,
    authorization_state,
    days_left,
    next_status,
)

S = StoreStatus


def test_the_transition_table():
    assert next_status("s", S.NOT_CONNECTED, "connect") is S.ACTIVE
    assert next_status("s", S.ACTIVE, "deactivate") is S.INACTIVE
    assert next_status("s", S.INACTIVE, "activate") is S.ACTIVE
    assert next_status("s", S.ACTIVE, "revoke") is S.REVOKED
    assert next_status("s", S.REVOKED, "connect") is S.ACTIVE
    assert next_status("s", S.ACTIVE, "fail") is S.ERROR
    assert next_status("s", S.ERROR, "disconnect") is S.NOT_CONNECTED
    assert allowed_actions(S.NOT_CONNECTED) == ["connect"]


@pytest.mark.parametrize(("status", "action"), [
    (S.NOT_CONNECTED, "activate"), (S.NOT_CONNECTED, "deactivate"), (S.INACTIVE, "deactivate"),
    (S.ACTIVE, "activate"), (S.ACTIVE, "connect"), (S.NOT_CONNECTED, "disconnect"),
    (S.REVOKED, "activate"),
])
def test_disallowed_transitions_are_refused_clearly(status, action):
    with pytest.raises(TransitionError) as info:
        next_status("Amazon Store USA", status, action)
    verb = t(f"action.{action}")
    assert info.value.message() == (
        f"Cannot {verb} the store 'Amazon Store USA' while it is {status.label()}.")
    assert "Amazon Store USA" in info.value.message("zh-CN")
    assert action not in TRANSITIONS or status not in TRANSITIONS[action]


def test_an_example_refusal_reads_well():
    with pytest.raises(TransitionError, match=(
            "^Cannot activate the store 'EU' while it is Not connected.$")):
        next_status("EU", S.NOT_CONNECTED, "activate")


def test_unknown_action_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown store action"):
        next_status("s", S.ACTIVE, "explode")


def test_authorization_state_follows_expiry(clock):
    now = clock.now()
    expires = now + timedelta(days=365)
    assert authorization_state(S.ACTIVE, expires, now) is AuthState.ACTIVE
    assert authorization_state(S.INACTIVE, expires, now) is AuthState.ACTIVE
    assert authorization_state(S.ACTIVE, now + timedelta(days=30), now) is AuthState.EXPIRING
    assert authorization_state(S.ACTIVE, now + timedelta(days=31), now) is AuthState.ACTIVE
    assert authorization_state(S.ACTIVE, now, now) is AuthState.EXPIRED
    assert authorization_state(S.REVOKED, expires, now) is AuthState.REVOKED
    assert authorization_state(S.ERROR, expires, now) is AuthState.ERROR
    assert authorization_state(S.NOT_CONNECTED, None, now) is AuthState.NOT_CONNECTED
    assert days_left(now + timedelta(days=12, hours=3), now) == 13
    assert days_left(now + timedelta(days=365), now + timedelta(hours=1)) == 365
    assert days_left(now + timedelta(days=12), now) == 12
    assert days_left(now - timedelta(hours=1), now) == 0
    assert days_left(now - timedelta(days=1, hours=1), now) == -1
    assert days_left(None, now) is None


def test_the_lifecycle_predicates_are_the_one_definition():
    from asc_widgets.core.lifecycle import (
        AuthState,
        can_check,
        is_connected,
        is_healthy,
        offers_renewal,
    )

    S = StoreStatus
    assert [s for s in S if is_connected(s)] == [S.ACTIVE, S.INACTIVE, S.REVOKED, S.ERROR]
    assert [s for s in S if is_healthy(s)] == [S.ACTIVE, S.INACTIVE]
    assert [s for s in S if can_check(s)] == [S.ACTIVE, S.INACTIVE, S.ERROR]
    assert [a for a in AuthState if offers_renewal(a)] == [
        AuthState.EXPIRING, AuthState.EXPIRED, AuthState.REVOKED]


def test_every_event_kind_has_a_label_in_both_languages():
    from asc_widgets.core.lifecycle import ACTION_EVENTS, EVENT_KINDS, event_label

    assert set(ACTION_EVENTS.values()) <= set(EVENT_KINDS)
    for kind in EVENT_KINDS:
        assert event_label(kind, "en") != event_label(kind, "zh-CN") != kind
    assert event_label("something_new", "zh-CN") == "something_new"


def test_the_checklist_items_are_core_data_with_labels():
    from asc_widgets.core.checklist import CHECKLIST_ITEMS, checklist_label

    assert len(CHECKLIST_ITEMS) == 8
    assert all(checklist_label(i, "en") != checklist_label(i, "zh-CN") for i in CHECKLIST_ITEMS)

"""Roles in core: the acting person comes from the Hub (name, groups) or is the OS user; only
operators may change stores, and every mutating call of core refuses a viewer."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from helpers import seller_central

from asc_widgets.core.authorization import Connector
from asc_widgets.core.config import Settings
from asc_widgets.core.listing.rules import ListingRule
from asc_widgets.core.listing.service import ListingService
from asc_widgets.core.people import NotPermitted, Person, acting_person
from asc_widgets.core.registry import Registry
from asc_widgets.core.stores import StoreDraft

HUB_TOKEN = "server-token-for-tests"


class HubAPI:
    """A loopback HTTP server answering GET /users/<name> as JupyterHub's API does (groups
    of each known person), only with the server's token."""

    def __init__(self, groups: dict[str, list[str]]):
        self.groups = groups
        self.asked: list[str] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                hub.asked.append(self.path)
                name = self.path.rsplit("/", 1)[-1]
                if self.headers.get("Authorization") != f"token {HUB_TOKEN}":
                    self.send_response(403)
                    self.end_headers()
                    return
                if not self.path.startswith("/hub/api/users/") or name not in hub.groups:
                    self.send_response(404)
                    self.end_headers()
                    return
                body = json.dumps({"name": name, "groups": hub.groups[name]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hub/api"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def env(self, user: str, token: str = HUB_TOKEN, **more) -> dict[str, str]:
        return {"JUPYTERHUB_USER": user, "JUPYTERHUB_API_URL": self.url,
                "JUPYTERHUB_API_TOKEN": token, **more}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub():
    api = HubAPI({"alice": ["asc-operators"], "bob": ["sales"], "carol": ["store-admins"]})
    yield api
    api.close()


@pytest.fixture
def viewer_registry(database_url, clock):
    reg = Registry(database_url, clock=clock, person=Person("bob", frozenset({"sales"}),
                                                            operator=False))
    yield reg
    reg.close()


# ---- who acts ------------------------------------------------------------------------------
def test_outside_a_hub_the_os_user_acts_and_is_an_operator():
    person = acting_person({"ASC_USER": "warehouse-pc"})
    assert (person.name, person.operator) == ("warehouse-pc", True)


def test_in_a_hub_the_person_and_groups_come_from_the_hub_api(hub):
    alice = acting_person(hub.env("alice"))
    bob = acting_person(hub.env("bob"))
    assert (alice.name, alice.operator, "asc-operators" in alice.groups) == ("alice", True, True)
    assert (bob.name, bob.operator, bob.groups) == ("bob", False, frozenset({"sales"}))
    assert hub.asked == ["/hub/api/users/alice", "/hub/api/users/bob"]


def test_the_operators_group_is_a_setting(hub):
    env = hub.env("carol", ASC_OPERATORS_GROUP="store-admins")
    settings = Settings.from_env(env)
    assert settings.operators_group == "store-admins"
    assert acting_person(env, group=settings.operators_group).operator
    assert not acting_person(hub.env("carol")).operator  # default group: asc-operators
    assert Settings.from_env({}).operators_group == "asc-operators"


def test_a_hub_that_cannot_say_the_groups_leaves_the_person_read_only(hub):
    refused = acting_person(hub.env("alice", token="wrong"))
    assert (refused.name, refused.operator) == ("alice", False)
    hub.close()
    gone = acting_person(hub.env("alice"))
    assert (gone.name, gone.operator) == ("alice", False)


def test_a_registry_opened_in_a_hub_acts_for_the_hub_person(hub, database_url, monkeypatch,
                                                            catalog, draft):
    for name, value in hub.env("bob").items():
        monkeypatch.setenv(name, value)
    registry = Registry(database_url)  # the plain call a notebook would make
    try:
        assert registry.actor == "bob" and not registry.may_change
        with pytest.raises(NotPermitted):
            registry.add_store(draft, catalog)
        assert registry.list_stores() == []
    finally:
        registry.close()


# ---- every change refuses a viewer ---------------------------------------------------------
def test_the_refusal_names_the_group_in_both_languages():
    error = NotPermitted("bob", "asc-operators")
    assert "bob" in error.message("en") and "'asc-operators'" in error.message("en")
    assert "asc-operators" in error.message("zh-CN") and "只能查看" in error.message("zh-CN")


@pytest.mark.both_backends
def test_a_viewer_can_read_everything_but_change_nothing(registry, viewer_registry, catalog,
                                                         draft, make_store):
    store = make_store()
    registry.set_checked("seller_account", True)
    before = (registry.list_stores(), registry.events(), registry.checklist())
    other = StoreDraft(website="us_store", email="ops@example.com", name="Second",
                       marketplace="CA", id_type="UPC", attribute="upc")
    attempts = {
        "add": lambda: viewer_registry.add_store(other, catalog),
        "add several": lambda: viewer_registry.add_stores([other], catalog),
        "edit": lambda: viewer_registry.edit_store(store.id, catalog, name="Renamed"),
        "delete": lambda: viewer_registry.delete_store(store.id),
        "deactivate": lambda: viewer_registry.transition(store.id, "deactivate"),
        "tick": lambda: viewer_registry.set_checked("seller_account", False),
        "listing rule": lambda: ListingService(viewer_registry, catalog).save_rule(
            store.id, ListingRule("base")),
    }
    for what, attempt in attempts.items():
        with pytest.raises(NotPermitted) as refused:
            attempt()
        assert refused.value.params == {"person": "bob", "group": "asc-operators"}, what
    assert (viewer_registry.list_stores(), viewer_registry.events(),
            viewer_registry.checklist()) == before
    assert viewer_registry.get_store(store.id).name == store.name


def test_a_viewer_cannot_connect_finish_check_or_disconnect(registry, viewer_registry,
                                                            connector, make_store):
    store = make_store()
    viewer = Connector(viewer_registry, connector.client, connector.box)
    with pytest.raises(NotPermitted):
        viewer.start(store.id)
    location = seller_central(connector.start(store.id))
    with pytest.raises(NotPermitted):
        viewer.complete(location)
    assert registry.pending_auth_states() == 1  # the state is still there, unused
    connected = connector.complete(location).store
    assert connected.seller_id
    for attempt in (lambda: viewer.check(store.id), lambda: viewer.disconnect(store.id)):
        with pytest.raises(NotPermitted):
            attempt()
    assert registry.get_store(store.id).seller_id == connected.seller_id
    assert {e.actor for e in registry.events(store.id)} == {"tester"}


def test_events_name_the_acting_person(database_url, clock, catalog, draft):
    alice = Registry(database_url, clock=clock,
                     person=Person("alice", frozenset({"asc-operators"})))
    try:
        store = alice.add_store(draft, catalog)
        alice.edit_store(store.id, catalog, name="Renamed")
        alice.set_checked("seller_account", True)
        assert [(e.kind, e.actor) for e in alice.events(store.id)] == [
            ("created", "alice"), ("edited", "alice")]
        assert alice.checklist()["seller_account"].actor == "alice"
    finally:
        alice.close()

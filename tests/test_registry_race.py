"""Several real processes write to one registry at the same moment (SQLite file and
PostgreSQL server): exactly one winner, the losers get the clear message, nothing lost."""

import multiprocessing as mp

import pytest
from sqlalchemy import func, select

from asc_widgets.core import (
    AuthStateError,
    DemoCatalog,
    Registry,
    SellerAlreadyConnected,
    StoreDraft,
    StoreNotFound,
    ValidationError,
)
from asc_widgets.core.registry import schema

pytestmark = pytest.mark.both_backends
WEBSITES = ["base", "us_store", "uk_store"]


def _draft(name: str, website: str) -> StoreDraft:
    return StoreDraft(website=website, email="ops@example.com", name=name, marketplace="US",
                      id_type="UPC", attribute="upc")


def _add(registry: Registry, name: str, website: str) -> tuple:
    try:
        registry.add_store(_draft(name, website), DemoCatalog())
        return ("won", name, website)
    except ValidationError as exc:
        return ("lost", name, website, sorted(exc.by_field()))


def _connect(registry: Registry, store_id: int, seller_id: str) -> tuple:
    try:
        registry.transition(store_id, "connect", seller_id=seller_id,
                            secret=("refresh_token", f"sealed-{store_id}".encode()))
        return ("won", "connect", store_id)
    except (SellerAlreadyConnected, StoreNotFound) as exc:
        return ("lost", "connect", store_id, exc.message())


def _delete(registry: Registry, store_id: int) -> tuple:
    try:
        registry.delete_store(store_id)
        return ("won", "delete", store_id)
    except StoreNotFound as exc:
        return ("lost", "delete", store_id, exc.message())


def _consume(registry: Registry, state: str) -> tuple:
    try:
        return ("won", "consume", registry.consume_auth_state(state).store_id)
    except AuthStateError as exc:
        return ("lost", "consume", None, exc.reason)


def _contender(database_url: str, action, args: tuple, start, results) -> None:
    registry = Registry(database_url, actor=f"proc-{action.__name__}-{args}")
    start.wait()
    try:
        results.put(action(registry, *args))
    except Exception as exc:  # a raw driver error is a failure of the test, reported as such
        results.put(("raw", type(exc).__name__, str(exc)))
    finally:
        registry.close()


def _race(database_url: str, contenders: list[tuple]) -> list[tuple]:
    """contenders: (action, args) pairs, each run in its own process, all released at once."""
    Registry(database_url).close()  # create the schema before the race
    ctx = mp.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_contender, args=(database_url, action, args, start, results))
             for action, args in contenders]
    for p in procs:
        p.start()
    start.set()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert not [o for o in outcomes if o[0] == "raw"], outcomes
    return outcomes


def _stores_with_three_websites(database_url: str) -> list[int]:
    registry = Registry(database_url)
    ids = [registry.add_store(_draft(f"Store {w}", w), DemoCatalog()).id for w in WEBSITES]
    registry.close()
    return ids


def test_same_name_racing_from_six_processes_only_one_wins(database_url):
    contenders = [(_add, ("Amazon Store USA" if i % 2 else "amazon store usa ", w))
                  for i, w in enumerate(WEBSITES * 2)]
    outcomes = _race(database_url, contenders)
    won = [o for o in outcomes if o[0] == "won"]
    lost = [o for o in outcomes if o[0] == "lost"]
    assert len(won) == 1 and len(lost) == 5
    # Losers are told which field clashed (the name, or the website when theirs was taken too).
    assert all(set(o[3]) <= {"name", "website"} and "name" in o[3] for o in lost)
    stores = Registry(database_url).list_stores()
    assert len(stores) == 1
    assert len(Registry(database_url).events()) == 1


def test_same_website_racing_only_one_wins(database_url):
    outcomes = _race(database_url, [(_add, (f"Store {i}", "base")) for i in range(4)])
    assert sum(o[0] == "won" for o in outcomes) == 1
    assert all(o[3] == ["website"] for o in outcomes if o[0] == "lost")
    assert [s.website for s in Registry(database_url).list_stores()] == ["base"]


def test_same_seller_racing_for_one_marketplace_only_one_store_gets_it(database_url):
    ids = _stores_with_three_websites(database_url)
    outcomes = _race(database_url, [(_connect, (i, "A2RACER")) for i in ids])
    [won] = [o for o in outcomes if o[0] == "won"]
    winner = Registry(database_url).get_store(won[2])
    lost = [o for o in outcomes if o[0] == "lost"]
    assert len(lost) == 2 and all(
        o[3] == f"The Amazon seller account A2RACER is already connected to the store "
                f"'{winner.name}' for United States. Use that store, or sign in with another "
                f"seller account." for o in lost)
    registry = Registry(database_url)
    assert [s.seller_id for s in registry.list_stores()].count("A2RACER") == 1
    assert [registry.get_secret(i, "refresh_token") is not None for i in ids].count(True) == 1
    assert [e.kind for e in registry.events()].count("connected") == 1


def test_connect_racing_delete_leaves_no_half_connected_store(database_url):
    ids = _stores_with_three_websites(database_url)
    contenders = [(action, args) for i in ids
                  for action, args in [(_connect, (i, f"SELLER{i}")), (_delete, (i,))]]
    outcomes = _race(database_url, contenders)
    # Every delete wins (a connected store can be deleted); a connect that came second is told
    # the store no longer exists.
    assert sorted(o[2] for o in outcomes if o[1] == "delete" and o[0] == "won") == ids
    for o in outcomes:
        if o[0] == "lost":
            assert o[1] == "connect" and "no longer exists" in o[3]
    registry = Registry(database_url)
    assert registry.list_stores() == []
    with registry.engine.connect() as conn:  # no secret outlives its store
        assert conn.execute(select(func.count()).select_from(schema.secrets)).scalar() == 0
    for i in ids:
        kinds = [e.kind for e in registry.events(i)]
        connected = any(o[:3] == ("won", "connect", i) for o in outcomes)
        assert kinds == (["created", "connected", "deleted"] if connected
                         else ["created", "deleted"])


def test_a_returned_state_racing_itself_is_accepted_once(database_url):
    [store_id, *_] = _stores_with_three_websites(database_url)
    registry = Registry(database_url)
    registry.save_auth_state(store_id, "state-returned-twice")
    registry.close()
    outcomes = _race(database_url, [(_consume, ("state-returned-twice",))] * 4)
    assert [o for o in outcomes if o[0] == "won"] == [("won", "consume", store_id)]
    assert sorted(o[3] for o in outcomes if o[0] == "lost") == ["reused"] * 3

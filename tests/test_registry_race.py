"""Several real processes add stores to one SQLite file at the same moment."""

import multiprocessing as mp

from asc_widgets.core import DemoCatalog, Registry, StoreDraft, ValidationError


def _add(database_url: str, name: str, website: str, start, results) -> None:
    registry = Registry(database_url, actor=f"proc-{name}-{website}")
    start.wait()
    draft = StoreDraft(website=website, email="ops@example.com", name=name, marketplace="US",
                       id_type="UPC", attribute="upc")
    try:
        registry.add_store(draft, DemoCatalog())
        results.put(("won", name, website))
    except ValidationError as exc:
        results.put(("lost", name, website, sorted(exc.by_field())))
    finally:
        registry.close()


def _race(database_url: str, contenders: list[tuple[str, str]]) -> list[tuple]:
    Registry(database_url).close()  # create the schema before the race
    ctx = mp.get_context("spawn")
    start, results = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_add, args=(database_url, n, w, start, results))
             for n, w in contenders]
    for p in procs:
        p.start()
    start.set()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return outcomes


def test_same_name_racing_from_six_processes_only_one_wins(database_url):
    contenders = [("Amazon Store USA" if i % 2 else "amazon store usa ", w)
                  for i, w in enumerate(["base", "us_store", "uk_store"] * 2)]
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
    outcomes = _race(database_url, [(f"Store {i}", "base") for i in range(4)])
    assert sum(o[0] == "won" for o in outcomes) == 1
    assert all(o[3] == ["website"] for o in outcomes if o[0] == "lost")
    assert [s.website for s in Registry(database_url).list_stores()] == ["base"]

"""The analysts' kit (asc_widgets.notebook) as the notebooks use it, on a real registry and the
Amazon sandbox the kit starts itself: readable tables, the connect panel in its notebook form,
the demo seller's consent only when asked for, renewal, and exports with full paths."""

from __future__ import annotations

import html
import socket

import pandas as pd
import pytest

from asc_widgets.core.stores import StoreStatus
from asc_widgets.notebook import display_table, open_kit
from asc_widgets.widgets.common import text_of

USA = dict(website="base", email="ops@example.com", name="Amazon Store USA", marketplace="US",
           id_type="UPC", attribute="upc")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def kit(tmp_path):
    # ASC_PORT: a port where no app answers, so the kit starts its own sandbox.
    kit = open_kit({"ASC_HOME": str(tmp_path / "home"), "ASC_PORT": str(free_port())})
    yield kit
    if kit._sandbox is not None:
        kit._sandbox.stop()
    kit.registry.close()


def test_validate_shows_a_table_of_field_and_message(kit):
    problems = kit.validate(website="base", email="ops@", name="", marketplace="DE",
                            id_type="UPC", attribute="color")
    assert [field for field, _ in problems.rows] == ["email", "name", "marketplace",
                                                     "attribute"]
    assert problems[0].startswith("Email Address: 'ops@' is not a valid email address")
    shown = problems._repr_html_()
    assert "<table" in shown and "Enter an address like name@example.com." in shown
    assert "['" not in repr(problems) and repr(problems).startswith("email: Email Address")
    assert repr(kit.validate(**USA)) == "Valid: every field passes."


def test_tables_show_whole_left_aligned_text_percentages_and_no_internal_columns():
    long = "a reason long enough that pandas would cut it at fifty characters or so, " * 2
    frame = pd.DataFrame({"attribute": ["upc"], "value": ["<b>1</b>"], "reason_key": ["k"],
                          "reason": [long], "coverage": [0.5], "validity": [0.875]})
    shown = display_table(frame).to_html()
    assert long.strip() in shown and "reason_key" not in shown
    assert "50%" in shown and "88%" in shown
    assert "text-align: left" in shown and "white-space: normal" in shown
    assert "&lt;b&gt;1&lt;/b&gt;" in shown  # catalog text is escaped


def test_bulk_errors_read_in_full(kit):
    report = kit.bulk_add("website,email,name,marketplace,id_type,attribute\n"
                          "base,not-an-email,Amazon Store Mexico,MX,ASIN,color\n")
    shown = html.unescape(kit.table(report.errors).to_html())
    assert len(report.errors) >= 2
    for message in report.errors["message"]:
        assert f">{message}</td>" in shown


def test_the_notebook_panel_connects_collapses_and_says_to_run_the_cell_again(kit):
    store = kit.add_store(**USA)
    panel = kit.connect_panel(store)
    steps = text_of(panel.steps)
    assert "View Store" not in steps and "Connect store" not in steps
    assert "run this cell again" in steps
    assert "asc-kit" in panel.view._dom_classes

    said = kit.demo_seller_consent(store, panel)
    assert "is connected to Amazon seller" in said
    assert kit.registry.find_store(store.name).status is StoreStatus.ACTIVE
    assert panel.body.layout.display == "none"  # collapsed to the confirmation
    assert panel.done_note.layout.display is None
    assert "run this cell again" in text_of(panel.done_note)
    assert panel.feedback.kind == "success" and panel.feedback.text == said

    # The scripted cell after the real flow (or run twice): no crash, a plain answer.
    again = kit.demo_seller_consent(store.name, panel)
    assert again.startswith("'Amazon Store USA' is already connected (seller A")
    assert kit.registry.events(store.id)[-1].kind == "connected"


def test_the_demo_seller_consents_only_when_chosen(kit):
    store = kit.add_store(**USA)
    panel = kit.connect_panel(store)
    assert kit.demo_seller_consent(store, panel, chosen=False).startswith("Skipped: follow")
    assert kit.registry.find_store(store.name).status is StoreStatus.NOT_CONNECTED
    assert panel.url is not None  # the browser flow is still open
    kit.environ = {**kit.environ, "ASC_DEMO_SELLER": "1"}  # as make test runs notebook 04
    assert "is connected" in kit.demo_seller_consent(store, panel, chosen=False)


def test_a_closed_panel_has_no_flow_to_complete(kit):
    store = kit.add_store(**USA)
    panel = kit.connect_panel(store)
    panel.close()
    assert panel.body.layout.display == "none"
    assert "has no open link" in kit.demo_seller_consent(store, panel)
    assert kit.registry.find_store(store.name).status is StoreStatus.NOT_CONNECTED


def test_renewal_opens_the_panel_of_the_store_expiring_first(kit):
    with pytest.raises(LookupError, match="No store is connected yet"):
        kit.renewal_panel()
    store = kit.add_store(**USA)
    kit.demo_seller_consent(store, kit.connect_panel(store))
    renewal = kit.renewal_panel()
    assert renewal.store.id == store.id
    assert text_of(renewal.title) == "Renew the authorization of 'Amazon Store USA'"
    with pytest.raises(LookupError, match="No store named 'nope'. The stores: 'Amazon Store"):
        kit.renewal_panel("nope")


def test_exports_land_beside_the_notebook_with_full_paths_and_links(kit, tmp_path,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    kit.add_store(**USA)
    exports = kit.export_status()
    folder = tmp_path / "exports"
    assert exports.folder == folder
    assert set(exports) == {"stores", "authorizations", "excel"}
    assert all(path.parent == folder and path.exists() for path in exports.values())
    assert str(folder / "stores.csv") in repr(exports)
    shown = exports._repr_html_()
    assert 'href="exports/stores.csv" download="stores.csv"' in shown
    assert str(folder / "status.xlsx") in shown

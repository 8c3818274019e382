"""The lean first view, without a browser: a freshly built app page holds only the home view's
widgets; the parts it hides (the add-store form, the checklist shown before the first store)
are built once the page's front end has fetched the first view's widget states, or by the
first click that needs them, whichever comes first.

The front end is played through ipywidgets' control comm as a page's script plays it: open
the comm (target ``jupyter.widget.control``), send ``request_states``, read ``update_states``.
The kernel's event loop is asyncio's, as in ipykernel."""

from __future__ import annotations

import asyncio
import uuid
from concurrent.futures import ThreadPoolExecutor

import ipywidgets as w
import pytest
from comm import get_comm_manager
from helpers import seed
from ipywidgets._version import __control_protocol_version__

from asc_widgets.app import OnboardingApp, answer_request
from asc_widgets.core import DemoCatalog
from asc_widgets.widgets import first_view

# What a page shows only when asked: the form and the checklist before the first store (built
# right after the first view), their overlays, the connect overlay and the delete confirmation.
PREPARED_CLASSES = {"asc-store-form", "asc-field-name", "asc-first-checklist",
                    "asc-checklist-continue", "asc-form-modal", "asc-checklist-modal"}
HIDDEN_CLASSES = PREPARED_CLASSES | {"asc-connect-modal", "asc-confirm-dialog", "asc-confirm"}


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=100)


@pytest.fixture(autouse=True)
def no_work_left_queued():
    """A test whose page never asked leaves its work queued: not for the next test's page."""
    yield
    first_view._pending.clear()


@pytest.fixture
def constructed():
    """Every widget constructed while the test runs (ipywidgets' construction hook)."""
    made: list[w.Widget] = []
    w.Widget.on_widget_constructed(made.append)
    yield made
    w.Widget.on_widget_constructed(None)


def in_kernel_loop(visit):
    """Run the coroutine function visit on an event loop of its own, as a kernel runs its
    handlers (in a thread: the browser suites' Playwright keeps a loop running in this one)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, visit()).result()


class FrontEnd:
    """A page's script, as ipywidgets' front end talks to the kernel."""

    def __init__(self):
        self.manager = get_comm_manager()
        self.comm_id = uuid.uuid4().hex
        self.answers: list[dict] = []

    def open_control_comm(self) -> None:
        self.manager.comm_open(None, None, {
            "content": {"comm_id": self.comm_id, "target_name": "jupyter.widget.control",
                        "data": {}},
            "metadata": {"version": __control_protocol_version__}})
        comm = self.manager.get_comm(self.comm_id)
        kernel_send = comm.send

        def send(data=None, metadata=None, buffers=None):
            self.answers.append(data)
            kernel_send(data, metadata, buffers)
        comm.send = send

    def request_states(self) -> dict:
        self.manager.comm_msg(None, None, {"content": {
            "comm_id": self.comm_id, "data": {"method": "request_states"}}})
        (answer,) = [a for a in self.answers if a["method"] == "update_states"]
        return answer["states"]

    def close(self) -> None:
        comm = self.manager.get_comm(self.comm_id)
        if comm is not None:
            self.manager.unregister_comm(comm)


async def page_asks_for_states() -> None:
    """A page opens the control comm, asks for every widget's state, and the kernel's event
    loop runs once (what was held back for after the first view)."""
    page = FrontEnd()
    try:
        page.open_control_comm()
        page.request_states()
        await asyncio.sleep(0)
    finally:
        page.close()


def classes_of(widgets) -> set[str]:
    return {c for x in widgets for c in getattr(x, "_dom_classes", ())}


def hidden_built(app: OnboardingApp) -> dict[str, bool]:
    return {name: app.parts.built(name) is not None for name in ("form", "first_checklist")}


@pytest.mark.parametrize("stores", [0, 1])
def test_a_fresh_page_holds_only_the_home_views_widgets(registry, catalog, constructed,
                                                        stores):
    for number in range(stores):
        seed(registry, catalog, name=f"Amazon Store {number}", website="base")
    app = OnboardingApp(registry, catalog)
    answer_request(app, "")
    made = classes_of(constructed)
    assert "asc-add-store" in made and "asc-nav-learning" in made
    assert not made & HIDDEN_CLASSES
    assert hidden_built(app) == {"form": False, "first_checklist": False}
    # A click needing them builds them at once: no click is lost.
    app.add_store()
    if stores:
        assert app.form_modal.content is app.form.widget
    else:
        assert app.checklist_modal.content is app.first_checklist.widget
        app.continue_button.click()
        assert app.form_modal.content is app.form.widget


def test_the_hidden_parts_are_built_after_the_first_views_states_are_sent(registry, catalog,
                                                                          constructed):
    async def visit() -> tuple[dict, dict, dict]:
        app = OnboardingApp(registry, catalog)  # no store: the checklist comes first
        answer_request(app, "")
        page = FrontEnd()
        try:
            page.open_control_comm()
            states = page.request_states()
            before = hidden_built(app)
            await asyncio.sleep(0)  # the kernel's event loop runs what was held back
            return states, before, hidden_built(app) | {"app": app}
        finally:
            page.close()

    states, before, after = in_kernel_loop(visit)
    app = after.pop("app")
    # The answer holds every widget of the process; this page's are those built in this test
    # (the hidden parts' among them, had they been built before the answer).
    page_models = {x.model_id for x in constructed}
    sent = {c for model, s in states.items() if model in page_models
            for c in s["state"].get("_dom_classes", ())}
    assert app.add_button.model_id in states and "asc-add-store" in sent
    assert not sent & HIDDEN_CLASSES
    assert classes_of(constructed) >= PREPARED_CLASSES  # built, after the answer
    assert before == {"form": False, "first_checklist": False}
    assert after == {"form": True, "first_checklist": True}
    form = app.form
    app.add_store()
    app.continue_button.click()
    assert app.form_modal.content is form.widget  # the one built after the first view


def test_with_a_store_only_the_form_is_prepared(registry, catalog):
    seed(registry, catalog)

    async def visit() -> OnboardingApp:
        app = OnboardingApp(registry, catalog)
        answer_request(app, "")
        await page_asks_for_states()
        return app

    app = in_kernel_loop(visit)
    assert hidden_built(app) == {"form": True, "first_checklist": False}


def test_a_click_before_the_states_request_builds_the_form_once(registry, catalog):
    seed(registry, catalog)

    async def visit() -> tuple[OnboardingApp, object]:
        app = OnboardingApp(registry, catalog)
        answer_request(app, "")
        app.add_store()  # the click came first
        form = app.form
        await page_asks_for_states()
        return app, form

    app, form = in_kernel_loop(visit)
    assert app.form is form and app.form_modal.content is form.widget


def test_without_a_states_request_the_parts_wait_for_the_click(registry, catalog):
    async def visit() -> OnboardingApp:
        app = OnboardingApp(registry, catalog)
        answer_request(app, "")
        await asyncio.sleep(0.05)
        return app

    app = in_kernel_loop(visit)
    assert hidden_built(app) == {"form": False, "first_checklist": False}
    app.add_store()
    assert app.checklist_modal.content is app.first_checklist.widget


def test_outside_an_event_loop_parts_are_built_when_first_needed(registry, catalog):
    app = OnboardingApp(registry, catalog)
    answer_request(app, "")  # plain Python: nothing is queued, nothing is built
    assert hidden_built(app) == {"form": False, "first_checklist": False}
    app.open_form()
    assert app.form_modal.content is app.form.widget


def test_a_failing_prepared_part_is_logged_and_the_others_still_run(caplog):
    done = []

    async def visit() -> None:
        first_view.after_first_view(lambda: 1 / 0)
        first_view.after_first_view(lambda: done.append("form"))
        first_view.run_pending()

    in_kernel_loop(visit)
    assert done == ["form"]
    assert "preparing a part after the first view failed" in caplog.text

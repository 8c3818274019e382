"""Work held back until the browser has the page's first view.

A Voila page's widgets reach the browser in one bulk answer: once the page's script runs, it
opens ipywidgets' control comm (target ``jupyter.widget.control``) and asks for the state of
every widget the kernel holds (``request_states``); the page is drawn once every model in that
answer exists in the browser. Widgets the kernel builds after the answer reach the browser one
message each and hold nothing up. So the parts a page hides at first (the add-store form, the
checklist dialog) are cheapest built right after that answer: out of the first view, and
still before a person can see, read and click Add Amazon Store.

``after_first_view(task)`` runs task once, on the kernel's event loop, just after the
kernel has answered the page's ``request_states`` (ipywidgets' own handler answers; this
only listens). Should no such request come (the page was already open when the task was
queued, as in JupyterLab) the task does not run; outside a running event loop (plain Python)
nothing is queued. So a task must be safe to skip or to come late: whatever it prepares is
also built when first needed (a click that comes first builds it; the task then finds it
built). There is deliberately no timer running it anyway: measured with 10 pages opening at
once on 2 cores, such a timer fired in kernels whose page had not asked yet and made those
pages 2-4 times slower to become usable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

log = logging.getLogger("asc_widgets.first_view")

CONTROL_TARGET = "jupyter.widget.control"

_pending: list[Callable[[], object]] = []


def after_first_view(task: Callable[[], object]) -> None:
    """Run task once the page's first view has its widgets (see the module's docstring)."""
    loop = _running_loop()
    if loop is None:
        return
    _pending.append(task)
    _listen()


def run_pending() -> None:
    """Run the queued tasks now (each once; a failing one is logged, the rest still run)."""
    while _pending:
        task = _pending.pop(0)
        try:
            task()
        except Exception:
            log.exception("preparing a part after the first view failed")


def _listen() -> None:
    """Stand in front of ipywidgets' control comm target (once per kernel)."""
    from comm import get_comm_manager
    from ipywidgets import Widget

    manager = get_comm_manager()
    if getattr(manager.targets.get(CONTROL_TARGET), "_asc_first_view", False):
        return

    def control_opened(comm, msg) -> None:
        Widget.handle_control_comm_opened(comm, msg)
        answer = comm.handle_msg

        def handle_msg(message) -> None:
            answer(message)  # ipywidgets sends the states first
            if (message.get("content", {}).get("data", {}).get("method")
                    == "request_states"):
                _after_answer()
        comm.handle_msg = handle_msg

    control_opened._asc_first_view = True  # type: ignore[attr-defined]
    manager.register_target(CONTROL_TARGET, control_opened)


def _after_answer() -> None:
    # At once, not after a pause: measured (benchmarks/bench_app_startup.py), the browser
    # draws the first view ~50 ms after the answer whether or not these widgets' messages
    # follow it, while a click coming before the work ran pays for it (~100 ms more).
    loop = _running_loop()
    if loop is None:
        run_pending()
    else:
        loop.call_soon(run_pending)


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None

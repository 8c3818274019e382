"""The app notebook's hand-over point between a preheated kernel and its visitor.

With ``--preheat_kernel`` Voila runs the app notebook before anyone asks; the page's request
(query string, later the signed-in person) is only known once Voila hands the kernel to a
visitor. ``wait_for_request()`` blocks until then (at once in a kernel started for a request)
and returns the page's query string.
"""

from __future__ import annotations

import logging
import os

log = logging.getLogger("asc_widgets.preheat")


def wait_for_request() -> str:
    """Block until this kernel's page request is known; return its query string."""
    if os.environ.get("VOILA_PREHEAT", "False") == "True":
        # Voila's client for its request-info websocket; imported only in preheated kernels.
        from voila.utils import wait_for_request as voila_wait_for_request

        kernel = os.environ.get("VOILA_KERNEL_ID", "?")
        log.info("preheated kernel %s is ready and waits for a visitor", kernel)
        voila_wait_for_request()
        log.info("preheated kernel %s serves a visitor", kernel)
    return os.environ.get("QUERY_STRING", "")

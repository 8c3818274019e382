"""A local stand-in for Amazon: Seller Central consent pages, the LWA token service and the
Sellers API, speaking Amazon's protocol so the same client code runs against both.

- ``sandbox_handlers(state_path, prefix, clock)``: tornado rules to mount (e.g. on Voila).
- ``SandboxServer``: the sandbox alone on 127.0.0.1 in a background thread (tests).
- ``Sandbox``: the behaviour and the controls (revoke, fail_next, advance, grant_code).
- ``python -m asc_widgets.sandbox --port N --state PATH``: run it standalone.
"""

from asc_widgets.core.amazon.settings import SANDBOX_PREFIX, SandboxURLs, sandbox_urls
from asc_widgets.sandbox.config import DEMO_OTP, DEMO_PASSWORD, DEMO_SELLERS, SandboxConfig
from asc_widgets.sandbox.handlers import sandbox_handlers
from asc_widgets.sandbox.server import SandboxServer, make_app
from asc_widgets.sandbox.service import Sandbox

__all__ = [
    "DEMO_OTP", "DEMO_PASSWORD", "DEMO_SELLERS", "SANDBOX_PREFIX", "Sandbox", "SandboxConfig",
    "SandboxServer", "SandboxURLs", "make_app", "sandbox_handlers", "sandbox_urls",
]

"""`make app`: serve the onboarding app with standalone Voila on 127.0.0.1:$ASC_PORT.

A Voila subclass so the app's own HTTP routes (the Amazon sandbox in the embedded default)
share the app's port: one command, one process. The app notebook runs in a pool of preheated
kernels before anyone asks; idle visitors' kernels are culled; every asset is served locally
(the settings and the template: asc_widgets/voila_config.py).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from asc_widgets.voila_config import (
    ServeSettingError,
    ServeSettings,
    use_kit_templates,
    voila_arguments,
    voila_config,
)

APP_NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "onboarding_app.ipynb"


class PageVoilaHandler(TornadoVoilaHandler):
    """Voila's page handler, which also hands the page the ``_xsrf`` cookie: the page's unload
    beacon sends it back to shut the visitor's kernel down when the tab closes (without it
    Voila answers 403 and the kernel waits for culling)."""

    async def get(self, path=None):
        _ = self.xsrf_token  # sets the cookie, before the first byte of the page
        await super().get(path)


class OnboardingVoila(Voila):
    """Voila plus the kit's extra routes, prepended so they win over the notebook route."""

    def extra_handlers(self) -> list:
        """The Amazon sandbox's routes, unless the app talks to Amazon itself (ASC_AMAZON=live)."""
        if (os.environ.get("ASC_AMAZON") or "sandbox").strip().lower() == "live":
            return []
        from jupyter_server.utils import url_path_join

        from asc_widgets.core.amazon.settings import SANDBOX_PREFIX
        from asc_widgets.core.config import Settings
        from asc_widgets.sandbox import sandbox_handlers

        settings = Settings.from_env()
        settings.home.mkdir(parents=True, exist_ok=True)
        prefix = url_path_join(self.base_url, SANDBOX_PREFIX)
        return sandbox_handlers(settings.home / "amazon-sandbox.json", prefix=prefix)

    def init_handlers(self) -> list:
        handlers = [(pattern, PageVoilaHandler, *rest) if handler is TornadoVoilaHandler
                    else (pattern, handler, *rest)
                    for pattern, handler, *rest in super().init_handlers()]
        return self.extra_handlers() + handlers


def main(argv: list[str] | None = None) -> None:
    port = int(os.environ.get("ASC_PORT") or 8866)
    notebook = Path(argv[0]) if argv else APP_NOTEBOOK
    try:
        settings = ServeSettings.from_env()
    except ServeSettingError as exc:
        raise SystemExit(str(exc)) from None
    use_kit_templates()
    print(f"Amazon Sales Channel onboarding: http://127.0.0.1:{port}/ "
          f"({settings.pool_size} preheated kernel(s))", flush=True)
    OnboardingVoila.launch_instance(voila_arguments(settings, port, notebook),
                                    config=voila_config(settings))


if __name__ == "__main__":
    main(sys.argv[1:])

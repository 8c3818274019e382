"""`make app`: serve the onboarding app with standalone Voila on 127.0.0.1:$ASC_PORT.

Another address (ASC_LISTEN_ADDRESS) is refused unless a sign-in token (ASC_APP_TOKEN) is set
(see voila_config.py).

A Voila subclass so the app's own HTTP routes (the Amazon sandbox in the embedded default)
share the app's port: one command, one process. The app notebook runs in a pool of preheated
kernels before anyone asks; idle visitors' kernels are culled; every asset is served locally
(the settings and the template: asc_widgets/voila_config.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from traitlets import default
from voila.app import Voila
from voila.tornado.handler import TornadoVoilaHandler

from asc_widgets.core.config import Settings
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
    """Voila plus the kit's extra routes, prepended so they win over the notebook route.
    ``kit_settings``: the settings main() read from the environment."""

    kit_settings: Settings | None = None

    @default("tornado_settings")
    def _default_tornado_settings(self) -> dict:
        # The landing address carries Seller Central's one-time code: no page of the app
        # sends its address on as a Referer.
        return {"headers": {"Referrer-Policy": "no-referrer"}}

    def extra_handlers(self) -> list:
        """The Amazon sandbox's routes, unless the app talks to Amazon itself (ASC_AMAZON=live)."""
        settings = self.kit_settings or Settings.from_env()
        if not settings.uses_sandbox:
            return []
        from jupyter_server.utils import url_path_join

        from asc_widgets.core.amazon.settings import SANDBOX_PREFIX
        from asc_widgets.sandbox import SandboxConfig, sandbox_handlers

        try:
            settings.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            # The app page itself says what is wrong with ASC_HOME; serve it without the
            # sandbox rather than not at all.
            self.log.error("ASC_HOME %s cannot be used (%s): the Amazon sandbox is off",
                           settings.home, exc.strerror or exc)
            return []
        prefix = url_path_join(self.base_url, SANDBOX_PREFIX)
        # Seller Central sends codes only to the app's own URL, as Amazon does.
        config = SandboxConfig(redirect_uris=(settings.app_url,))
        return sandbox_handlers(settings.sandbox_state, prefix=prefix, config=config)

    def init_handlers(self) -> list:
        handlers = [(pattern, PageVoilaHandler, *rest) if handler is TornadoVoilaHandler
                    else (pattern, handler, *rest)
                    for pattern, handler, *rest in super().init_handlers()]
        return self.extra_handlers() + handlers


def main(argv: list[str] | None = None) -> None:
    settings = Settings.from_env()
    notebook = Path(argv[0]) if argv else APP_NOTEBOOK
    try:
        serving = ServeSettings.from_env()
    except ServeSettingError as exc:  # said in both languages: whoever starts the server
        raise SystemExit(f"{exc.message('en')}\n{exc.message('zh-CN')}") from None
    use_kit_templates()
    sign_in = " (sign-in token required)" if serving.token else ""
    print(f"Amazon Sales Channel onboarding: http://{serving.listen_address}:{settings.port}/"
          f"{sign_in} ({serving.pool_size} preheated kernel(s))", flush=True)
    OnboardingVoila.kit_settings = settings
    OnboardingVoila.launch_instance(voila_arguments(serving, settings.port, notebook),
                                    config=voila_config(serving))


if __name__ == "__main__":
    main(sys.argv[1:])

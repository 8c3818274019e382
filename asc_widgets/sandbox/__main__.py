"""python -m asc_widgets.sandbox --port 8877 [--state FILE]: the sandbox on its own (the state
file defaults to the settings' one, $ASC_HOME/amazon-sandbox.json)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from pathlib import Path

from asc_widgets.core.amazon.settings import SANDBOX_PREFIX, sandbox_urls
from asc_widgets.core.config import Settings
from asc_widgets.sandbox.config import SandboxConfig
from asc_widgets.sandbox.server import serve_forever


def main(argv: list[str] | None = None) -> None:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(
        prog="python -m asc_widgets.sandbox",
        description="Local Amazon sandbox (Seller Central consent, LWA, Sellers API) on "
                    "127.0.0.1.")
    parser.add_argument("--port", type=int, default=8877)
    parser.add_argument("--state", type=Path, default=settings.sandbox_state,
                        help="JSON file keeping codes, tokens, revocations and the clock")
    parser.add_argument("--prefix", default=SANDBOX_PREFIX)
    parser.add_argument("--published", action="store_true",
                        help="act as a published app (no version=beta needed)")
    parser.add_argument("--redirect-uri", action="append", dest="redirect_uris",
                        help="a redirect URI registered for the app (repeatable; default: the "
                             "app's URL, ASC_APP_URL or http://127.0.0.1:$ASC_PORT/)")
    args = parser.parse_args(argv)
    redirect_uris = tuple(args.redirect_uris or (Settings.from_env().app_url,))
    config = SandboxConfig(draft=not args.published, redirect_uris=redirect_uris)
    urls = sandbox_urls(f"http://127.0.0.1:{args.port}/", args.prefix)
    print(f"Amazon sandbox on {urls.root}")
    print(f"  Seller Central US: {urls.seller_central('US')}")
    print(f"  LWA token:         {urls.token_url}")
    print(f"  SP-API NA / EU:    {urls.spapi('NA')} / {urls.spapi('EU')}")
    print(f"  client settings:   ASC_SANDBOX_URL={urls.root}")
    print(f"  redirect URIs:     {', '.join(redirect_uris)}")
    print("  demo sellers: seller@example.com / sandbox (code 123456), "
          "uk-seller@example.com / sandbox", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve_forever(args.state, args.port, args.prefix, config=config))


if __name__ == "__main__":
    main()

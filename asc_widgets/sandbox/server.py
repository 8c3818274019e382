"""Serve the sandbox alone: in a background thread (tests) or in the foreground (the CLI)."""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import threading
from pathlib import Path

import tornado.httpserver
import tornado.netutil
import tornado.web

from asc_widgets.core.amazon.settings import SANDBOX_PREFIX, AmazonSettings, sandbox_urls
from asc_widgets.core.clock import Clock
from asc_widgets.sandbox.config import SandboxConfig
from asc_widgets.sandbox.handlers import sandbox_handlers
from asc_widgets.sandbox.service import Sandbox


def make_app(sandbox: Sandbox, prefix: str = SANDBOX_PREFIX) -> tornado.web.Application:
    return tornado.web.Application(sandbox_handlers(sandbox.store.path, prefix,
                                                    sandbox=sandbox))


def _require_loopback(host: str) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        raise ValueError(f"the sandbox binds loopback addresses only, not {host!r}")


class SandboxServer:
    """The sandbox on 127.0.0.1 in a background thread.

    with SandboxServer(tmp_path / "sandbox.json") as server:
        settings = server.settings()           # client settings pointing at it
        server.sandbox.fail_next(2)            # Python controls
    """

    def __init__(self, state_path: Path | str, *, clock: Clock | None = None,
                 config: SandboxConfig | None = None, prefix: str = SANDBOX_PREFIX,
                 host: str = "127.0.0.1", port: int = 0):
        _require_loopback(host)
        self.sandbox = Sandbox(state_path, clock=clock, config=config)
        self.prefix = prefix
        self.host = host
        self.port = port
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def root(self) -> str:
        return f"http://{self.host}:{self.port}/"

    @property
    def urls(self):
        return sandbox_urls(self.root, self.prefix)

    def settings(self, app_url: str = "http://127.0.0.1:9/app/", *, register: bool = True,
                 **changes) -> AmazonSettings:
        """Client settings for this server (redirect URI = app_url). register: register
        app_url as the app's redirect URI first, as its developer does at Amazon."""
        if register:
            self.sandbox.register_redirect_uri(app_url)
        return AmazonSettings.sandbox(app_url, sandbox_root=self.urls.root, **changes)

    def start(self) -> SandboxServer:
        if self._thread is not None:
            raise RuntimeError("already started")
        sockets = tornado.netutil.bind_sockets(self.port, self.host)
        self.port = sockets[0].getsockname()[1]
        self._thread = threading.Thread(target=self._run, args=(sockets,), daemon=True,
                                        name=f"amazon-sandbox-{self.port}")
        self._thread.start()
        if not self._ready.wait(10) or self._error:
            raise RuntimeError("the sandbox server did not start") from self._error
        return self

    def _run(self, sockets) -> None:
        try:
            asyncio.run(self._serve(sockets))
        except BaseException as exc:  # noqa: BLE001 - reported to start()
            self._error = exc
            self._ready.set()

    async def _serve(self, sockets) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        server = tornado.httpserver.HTTPServer(make_app(self.sandbox, self.prefix))
        server.add_sockets(sockets)
        self._ready.set()
        await self._stop.wait()
        server.stop()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(server.close_all_connections(), timeout=2)
        # Let handlers still waiting (a "timeout" fault) notice the closed connection and end.
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        if pending:
            await asyncio.wait(pending, timeout=0.5)

    def stop(self) -> None:
        if self._thread is None:
            return
        if self._loop is not None and self._stop is not None:
            with contextlib.suppress(RuntimeError):  # loop already closed
                self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)
        self._thread = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


async def serve_forever(state_path: Path | str, port: int, prefix: str = SANDBOX_PREFIX,
                        host: str = "127.0.0.1", config: SandboxConfig | None = None) -> None:
    _require_loopback(host)
    sandbox = Sandbox(state_path, config=config)
    server = tornado.httpserver.HTTPServer(make_app(sandbox, prefix))
    server.add_sockets(tornado.netutil.bind_sockets(port, host))
    await asyncio.Event().wait()

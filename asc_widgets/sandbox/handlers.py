"""Tornado handlers speaking Amazon's protocol, mountable on any tornado app (Voila included).

URL layout under the prefix (one server plays every Amazon host):
  {prefix}/                                         index (links, demo sellers)
  {prefix}/sellercentral/{US|CA|MX|UK}               Seller Central home
  {prefix}/sellercentral/{mp}/apps/authorize/consent consent pages (GET starts, POST steps)
  {prefix}/auth/o2/token                             LWA token service (POST, form-encoded)
  {prefix}/spapi/{na|eu|fe}/sellers/v1/marketplaceParticipations   Sellers API
  {prefix}/spapi/{na|eu|fe}/catalog/2022-04-01/items  Catalog Items search (sandbox/catalog.py)
  {prefix}/_control/{action}                         test controls (loopback callers only)
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import re
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import tornado.web

from asc_widgets.core.amazon.settings import SANDBOX_PREFIX
from asc_widgets.core.clock import Clock
from asc_widgets.core.marketplaces import MARKETPLACES
from asc_widgets.sandbox import pages
from asc_widgets.sandbox.catalog import catalog_handlers
from asc_widgets.sandbox.config import SandboxConfig
from asc_widgets.sandbox.service import Reply, Sandbox

LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "frame-ancestors 'none'; base-uri 'none'")


class _Base(tornado.web.RequestHandler):
    sandbox: Sandbox

    def initialize(self, sandbox: Sandbox, prefix: str = SANDBOX_PREFIX) -> None:
        self.sandbox = sandbox
        self.prefix = prefix
        self.client_gone = False

    def set_default_headers(self) -> None:
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Content-Type-Options", "nosniff")

    def check_xsrf_cookie(self) -> None:
        # Machine-to-machine endpoints, and pages whose forms carry an opaque flow id.
        return None

    def compute_etag(self) -> None:
        return None

    def on_connection_close(self) -> None:
        self.client_gone = True

    def send_html(self, html: str, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Content-Security-Policy", _CSP)
        self.set_header("X-Frame-Options", "DENY")
        self.finish(html)

    async def send_reply(self, reply: Reply, extra: dict[str, str] | None = None) -> None:
        if reply.delay:  # a "timeout" fault: answer late, or not at all once the client left
            self.set_status(504)
            deadline = asyncio.get_running_loop().time() + reply.delay
            while not self.client_gone and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.02)
            if self.client_gone:
                return
        self.set_status(reply.status)
        self.set_header("Content-Type", "application/json;charset=UTF-8")
        for key, value in {**(extra or {}), **reply.headers}.items():
            self.set_header(key, value)
        self.finish(json.dumps(reply.body))


class IndexHandler(_Base):
    def get(self) -> None:
        root = f"{self.request.protocol}://{self.request.host}{self.prefix}"
        links = {f"Seller Central {code}": f"{root}/sellercentral/{code}" for code in MARKETPLACES}
        links["LWA token"] = f"{root}/auth/o2/token"
        links["SP-API NA"] = f"{root}/spapi/na"
        links["SP-API EU"] = f"{root}/spapi/eu"
        self.send_html(pages.index_page(self.sandbox.config, links))


class SellerCentralHomeHandler(_Base):
    def get(self, marketplace: str) -> None:
        body = ("<h1>Seller Central</h1><p>This is the sandbox's Seller Central for "
                f"{pages._e(MARKETPLACES[marketplace].label)}. Apps start the authorization at "
                "<code>apps/authorize/consent</code>.</p>")
        self.send_html(pages.page("Seller Central", body, marketplace))


class ConsentHandler(_Base):
    def get(self, marketplace: str) -> None:
        params = {name: self.get_query_argument(name, None, strip=False)
                  for name in ("application_id", "state", "redirect_uri", "version")}
        params = {k: v for k, v in params.items() if v is not None}
        problem = self.sandbox.check_consent_request(params)
        if problem:
            self.send_html(pages.problem_page(problem.code, problem.message, marketplace), 400)
            return
        flow_id = self.sandbox.start_flow(marketplace, params)
        self.send_html(pages.signin_page(self.request.path, flow_id, self.sandbox.config,
                                         marketplace=marketplace))

    def post(self, marketplace: str) -> None:
        flow_id = self.get_body_argument("flow", "")
        action = self.get_body_argument("action", "")
        flow = self.sandbox.flow(flow_id)
        if flow is None or flow["marketplace"] != marketplace:
            self.send_html(pages.problem_page(
                "expired", "This sign-in session has expired or is unknown.", marketplace), 400)
            return
        form = {name: self.get_body_argument(name, "", strip=False)
                for name in ("email", "password", "otp", "understand")}
        outcome, error, redirect = self.sandbox.flow_step(flow_id, action, form)
        if outcome == "redirect" and redirect:
            self.redirect(redirect, status=302)
            return
        config, path = self.sandbox.config, self.request.path
        if outcome == "signin":
            html = pages.signin_page(path, flow_id, config, form["email"], error, marketplace)
        elif outcome == "otp":
            html = pages.otp_page(path, flow_id, config, error, marketplace)
        elif outcome == "consent":
            html = pages.consent_page(path, flow_id, config, marketplace, error)
        elif outcome == "confirm":
            html = pages.confirm_page(path, flow_id, config, marketplace, error)
        else:
            html = pages.problem_page("expired", "This sign-in session has expired.",
                                      marketplace)
            self.send_html(html, 400)
            return
        self.send_html(html)


class TokenHandler(_Base):
    FIELDS = ("grant_type", "code", "redirect_uri", "refresh_token", "client_id",
              "client_secret")

    async def post(self) -> None:
        form = {}
        for name in self.FIELDS:
            value = self.get_body_argument(name, None, strip=False)
            if value is not None:
                form[name] = value
        reply = self.sandbox.token(form, _basic_auth(self.request.headers.get("Authorization")))
        await self.send_reply(reply, {"Pragma": "no-cache", **_request_id()})


class ParticipationsHandler(_Base):
    async def get(self, region: str) -> None:
        token = self.request.headers.get("x-amz-access-token")
        reply = self.sandbox.participations(region, token)
        await self.send_reply(reply, _request_id())


class ControlHandler(_Base):
    """Test controls: loopback callers only, and never a page of another site. A browser
    sends a foreign Origin with a cross-site request, and can send application/json across
    sites only after a CORS preflight, which is never granted here; so a JSON body from a
    same-origin (or non-browser) caller is required of every POST."""

    def prepare(self) -> None:
        if not self.sandbox.config.controls or self.request.remote_ip not in LOOPBACK:
            raise tornado.web.HTTPError(403)
        origin = self.request.headers.get("Origin")
        if origin is not None and urlsplit(origin).netloc != self.request.host:
            raise tornado.web.HTTPError(403, "cross-site control request refused")
        if self.request.method == "POST":
            kind = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind != "application/json":
                raise tornado.web.HTTPError(400, "JSON body expected (application/json)")

    def _body(self) -> dict[str, Any]:
        if not self.request.body:
            return {}
        try:
            data = json.loads(self.request.body)
        except ValueError:
            raise tornado.web.HTTPError(400, "JSON body expected") from None
        if not isinstance(data, dict):
            raise tornado.web.HTTPError(400, "JSON object expected")
        return data

    def _json(self, body: Any) -> None:
        self.set_header("Content-Type", "application/json;charset=UTF-8")
        self.finish(json.dumps(body))

    def get(self, action: str) -> None:
        if action != "state":
            raise tornado.web.HTTPError(404)
        self._json(self.sandbox.summary())

    def post(self, action: str) -> None:
        body = self._body()
        box = self.sandbox
        try:
            if action == "revoke":
                self._json({"revoked": box.revoke(str(body["seller"]), body.get("region"))})
            elif action == "fail":
                box.fail_next(int(body.get("count", 1)), str(body.get("kind", "server_error")),
                              str(body.get("target", "all")), body.get("delay"))
                self._json(box.summary())
            elif action == "clear-faults":
                box.clear_faults()
                self._json(box.summary())
            elif action == "advance":
                self._json({"now": box.advance(float(body.get("seconds", 0))).isoformat()})
            elif action == "reset":
                box.reset()
                self._json(box.summary())
            elif action == "rotate-secret":
                box.rotate_client_secret(body.get("client_secret"))
                self._json({"rotated": True})
            elif action == "block-app":
                box.block_app(bool(body.get("blocked", True)))
                self._json({"blocked": bool(body.get("blocked", True))})
            elif action == "grant":
                code, seller_id = box.grant_code(str(body.get("seller", "seller@example.com")),
                                                 str(body.get("marketplace", "US")),
                                                 body.get("redirect_uri"))
                self._json({"spapi_oauth_code": code, "selling_partner_id": seller_id})
            else:
                raise tornado.web.HTTPError(404)
        except (KeyError, ValueError, TypeError) as exc:
            raise tornado.web.HTTPError(400, str(exc)) from None


def _basic_auth(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:].strip()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


def _request_id() -> dict[str, str]:
    return {"x-amzn-RequestId": str(uuid.uuid4())}


def sandbox_handlers(state_path: Path | str, prefix: str = SANDBOX_PREFIX,
                     clock: Clock | None = None, config: SandboxConfig | None = None,
                     sandbox: Sandbox | None = None) -> list[tuple[str, type, dict]]:
    """Tornado (pattern, handler, kwargs) rules serving the sandbox under prefix.

    Mount them on the Voila server (e.g. in a ``voila.app.Voila`` subclass's ``init_handlers``,
    prefix joined with the base URL) or on any tornado Application.
    """
    box = sandbox or Sandbox(state_path, clock=clock, config=config)
    p = "/" + prefix.strip("/")
    esc = re.escape(p)
    mps = "|".join(re.escape(code) for code in MARKETPLACES)
    kwargs = {"sandbox": box, "prefix": p}
    return [
        (rf"{esc}/?", IndexHandler, kwargs),
        (rf"{esc}/sellercentral/({mps})/?", SellerCentralHomeHandler, kwargs),
        (rf"{esc}/sellercentral/({mps})/apps/authorize/consent", ConsentHandler, kwargs),
        (rf"{esc}/auth/o2/token", TokenHandler, kwargs),
        (rf"{esc}/spapi/(na|eu|fe)/sellers/v1/marketplaceParticipations",
         ParticipationsHandler, kwargs),
        *catalog_handlers(esc, kwargs),
        (rf"{esc}/_control/([a-z-]+)", ControlHandler, kwargs),
    ]

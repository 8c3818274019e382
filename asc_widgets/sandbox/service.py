"""The sandbox's behaviour, without HTTP: consent flows, LWA grants, Sellers API, controls.

The tornado handlers are thin wrappers over ``Sandbox``; tests and the app can also call its
control methods directly (revoke, fail_next, advance, grant_code, ...).
"""

from __future__ import annotations

import hashlib
import secrets
import string
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from asc_widgets.core.amazon.settings import APP_ID_PATTERN
from asc_widgets.core.clock import Clock, ensure_utc
from asc_widgets.core.marketplaces import MARKETPLACES, get_marketplace
from asc_widgets.sandbox.config import MARKETPLACE_DATA, SandboxConfig, SandboxSeller
from asc_widgets.sandbox.state import StateStore, empty_state

# LWA answers 200 without a usable refresh token: missing, null, or not a string.
MALFORMED_TOKEN_KINDS = ("no_refresh_token", "null_refresh_token", "numeric_refresh_token")
FAULT_KINDS = ("server_error", "unavailable", "timeout", "rate_limit", *MALFORMED_TOKEN_KINDS)
FAULT_TARGETS = ("all", "token", "spapi")

# LWA error bodies, as Amazon words them.
INVALID_GRANT_CODE = "The request has an invalid grant parameter : code"
INVALID_GRANT_REFRESH = ("The request has an invalid grant parameter : refresh_token. "
                         "User may have revoked or didn't grant the permission.")
CLIENT_AUTH_FAILED = "Client authentication failed"
UNSUPPORTED_GRANT = "The authorization grant type is not supported by the authorization server"
UNAUTHORIZED_CLIENT = "Not authorized for requested operation"
ACCESS_DENIED_TEXT = "Access to requested resource is denied."

_ALNUM = string.ascii_letters + string.digits


@dataclass
class Reply:
    """What a handler sends: status, JSON body, extra headers (and an optional fault delay)."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # a timeout fault: sleep this long before answering


@dataclass
class ConsentProblem:
    code: str  # MD1000, MD5101, MD5110 (Amazon's) or MD9100/MD9200 (the sandbox's own)
    message: str


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def _random(n: int) -> str:
    return "".join(secrets.choice(_ALNUM) for _ in range(n))


class _SandboxBase:
    """The state file, the clock, the call counters and the injected faults."""

    def __init__(self, state_path: Path | str, clock: Clock | None = None,
                 config: SandboxConfig | None = None):
        self.config = config or SandboxConfig()
        self._registered: list[str] = []
        self.store = StateStore(state_path)
        self.base_clock = clock or Clock()

    def __repr__(self) -> str:
        return f"Sandbox(state={str(self.store.path)!r})"

    # -- time -------------------------------------------------------------------------------
    def _now(self, data: dict) -> datetime:
        return ensure_utc(self.base_clock.now()) + timedelta(seconds=data["clock_offset"])

    def now(self) -> datetime:
        return self._now(self.store.read())

    def _call(self, data: dict, target: str) -> dict | None:
        """Count a call to target and take the fault injected for it, if any."""
        self._count(data, target)
        return self._take_fault(data, target)

    def _count(self, data: dict, target: str) -> None:
        data["calls"][target] = data["calls"].get(target, 0) + 1

    def _take_fault(self, data: dict, target: str) -> dict | None:
        for fault in data["faults"]:
            if fault["target"] in ("all", target) and fault["remaining"] > 0:
                fault["remaining"] -= 1
                data["faults"] = [f for f in data["faults"] if f["remaining"] > 0]
                return fault
        return None

    def _secret(self, data: dict) -> str:
        return data["client_secret"] or self.config.client_secret

    def _purge(self, data: dict, now: datetime) -> None:
        horizon = (now - timedelta(days=1)).isoformat()
        data["codes"] = {k: v for k, v in data["codes"].items() if v["issued_at"] > horizon}
        data["access_tokens"] = {k: v for k, v in data["access_tokens"].items()
                                 if v["expires_at"] > horizon}
        flow_horizon = (now - timedelta(seconds=self.config.flow_ttl)).isoformat()
        data["flows"] = {k: v for k, v in data["flows"].items()
                         if v["created_at"] > flow_horizon}



class _Controls(_SandboxBase):
    """What tests and demos steer: the clock, revocations, faults, the client secret."""

    def advance(self, seconds: float = 0.0, **delta: float) -> datetime:
        """Move the sandbox clock forward (persisted): advance(minutes=6), advance(days=366)."""
        step = seconds + timedelta(**delta).total_seconds()
        with self.store.transaction() as data:
            data["clock_offset"] += step
            return self._now(data)

    # -- controls ---------------------------------------------------------------------------
    def reset(self) -> None:
        with self.store.transaction() as data:
            data.clear()
            data.update(empty_state())

    def revoke(self, seller: str, region: str | None = None) -> int:
        """The seller removes the app in Seller Central: its refresh tokens (of one region, or
        all) stop working and access tokens derived from them get 403. Returns how many."""
        found = self.config.seller(seller)
        seller_id = found.seller_id if found else seller
        count = 0
        with self.store.transaction() as data:
            for grant in data["refresh_tokens"].values():
                if grant["seller_id"] == seller_id and not grant["revoked"] and (
                        region is None or grant["region"] == region.upper()):
                    grant["revoked"] = True
                    count += 1
            for grant in data["codes"].values():
                if grant["seller_id"] == seller_id and (
                        region is None or grant["region"] == region.upper()):
                    grant["used"] = True
        return count

    def fail_next(self, count: int = 1, kind: str = "server_error", target: str = "all",
                  delay: float | None = None) -> None:
        """Make the next `count` calls to target (token, spapi or all) fail with kind:
        server_error (500), unavailable (503), timeout (no answer for `delay` s), rate_limit
        (429); for the token service only, a 200 answer whose refresh token is missing, null or
        a number (MALFORMED_TOKEN_KINDS)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {FAULT_KINDS}")
        if target not in FAULT_TARGETS:
            raise ValueError(f"target must be one of {FAULT_TARGETS}")
        if kind in MALFORMED_TOKEN_KINDS and target != "token":
            raise ValueError(f"{kind} applies to the token service only (target='token')")
        if count < 1:
            raise ValueError("count must be at least 1")
        with self.store.transaction() as data:
            data["faults"].append({"kind": kind, "target": target, "remaining": int(count),
                                   "delay": float(delay if delay is not None
                                                  else self.config.timeout_delay)})

    def clear_faults(self) -> None:
        with self.store.transaction() as data:
            data["faults"] = []

    def rotate_client_secret(self, new_secret: str | None = None) -> str:
        """Rotate the app's LWA client secret: the old one then gets invalid_client."""
        secret = new_secret or f"amzn1.oa2-cs.v1.{secrets.token_hex(32)}"
        with self.store.transaction() as data:
            data["client_secret"] = secret
        return secret

    def block_app(self, blocked: bool = True) -> None:
        """Token requests get unauthorized_client while blocked."""
        with self.store.transaction() as data:
            data["app_blocked"] = bool(blocked)

    def calls(self, target: str) -> int:
        """How many requests reached an endpoint (token, spapi, consent), faults included."""
        return int(self.store.read()["calls"].get(target, 0))

    def summary(self) -> dict[str, Any]:
        data = self.store.read()
        now = self._now(data)
        return {
            "now": now.isoformat(), "clock_offset": data["clock_offset"],
            "calls": dict(data["calls"]), "faults": list(data["faults"]),
            "flows": len(data["flows"]), "codes": len(data["codes"]),
            "refresh_tokens": sum(1 for g in data["refresh_tokens"].values()
                                  if not g["revoked"]),
            "revoked": sum(1 for g in data["refresh_tokens"].values() if g["revoked"]),
            "app_blocked": data["app_blocked"],
        }

    def grant_code(self, seller: str = "seller@example.com", marketplace: str = "US",
                   redirect_uri: str | None = None) -> tuple[str, str]:
        """Skip the pages: an authorization code as if the seller had clicked Continue.
        Returns (spapi_oauth_code, selling_partner_id)."""
        found = self.config.seller(seller)
        if found is None:
            raise KeyError(f"no sandbox seller {seller!r}")
        mp = get_marketplace(marketplace)
        with self.store.transaction() as data:
            code = self._issue_code(data, found, mp.code, redirect_uri)
        return code, found.seller_id



class _ConsentPages(_SandboxBase):
    """Seller Central's sign-in and consent flow, ending in an authorization code."""

    # -- consent pages ----------------------------------------------------------------------
    def check_consent_request(self, params: dict[str, str]) -> ConsentProblem | None:
        app_id = params.get("application_id") or ""
        if not APP_ID_PATTERN.match(app_id) or app_id != self.config.app_id:
            return ConsentProblem("MD9100", "The application_id is missing, malformed or not "
                                            "a registered application.")
        if not params.get("state"):
            return ConsentProblem("MD9200", "The state parameter is missing.")
        if self.config.draft and params.get("version") != "beta":
            return ConsentProblem("MD1000", "This application is in draft status: the "
                                            "authorization URL must include version=beta.")
        redirect = params.get("redirect_uri")
        registered = self.redirect_uris
        if redirect is None:
            if not registered:
                return ConsentProblem("MD5101", "No redirect_uri was given and the "
                                                "application has none registered.")
            return None
        if "#" in redirect:
            return ConsentProblem("MD5110", "The redirect_uri must not contain a fragment (#).")
        parts = urlsplit(redirect)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return ConsentProblem("MD5101", "The redirect_uri is not an absolute http(s) URL.")
        if redirect not in registered:
            # Like Amazon: a code only ever goes to a URI registered for the app.
            return ConsentProblem("MD5101", "The redirect_uri is not registered for this "
                                            "application.")
        return None

    @property
    def redirect_uris(self) -> tuple[str, ...]:
        """The app's registered redirect URIs (configured, plus any registered since)."""
        return (*self.config.redirect_uris, *self._registered)

    def register_redirect_uri(self, uri: str) -> None:
        """Register one more redirect URI for the app, as in Developer Central."""
        if uri not in self.redirect_uris:
            self._registered.append(uri)

    def start_flow(self, marketplace: str, params: dict[str, str]) -> str:
        """A consent session for valid params (check_consent_request first); its opaque id."""
        flow_id = secrets.token_urlsafe(32)
        redirect = params.get("redirect_uri") or self.redirect_uris[0]
        with self.store.transaction() as data:
            now = self._now(data)
            self._purge(data, now)
            self._count(data, "consent")
            data["flows"][flow_id] = {
                "marketplace": get_marketplace(marketplace).code, "state": params["state"],
                "redirect_uri": redirect, "step": "signin", "seller_id": None,
                "login": "", "created_at": now.isoformat(),
            }
        return flow_id

    def flow(self, flow_id: str | None) -> dict | None:
        if not flow_id:
            return None
        data = self.store.read()
        flow = data["flows"].get(flow_id)
        if flow is None:
            return None
        expires = datetime.fromisoformat(flow["created_at"]) + timedelta(
            seconds=self.config.flow_ttl)
        return dict(flow) if self._now(data) < expires else None

    def flow_step(self, flow_id: str, action: str,
                  form: dict[str, str]) -> tuple[str, str | None, str | None]:
        """Apply one page's submission: (outcome, error, redirect URL).

        outcome is the step to show next ("signin", "otp", "consent", "confirm"), "expired"
        (unknown flow) or "redirect" (finished: the flow is gone; follow the URL)."""
        with self.store.transaction() as data:
            flow = data["flows"].get(flow_id)
            if flow is None:
                return "expired", None, None
            step = flow["step"]
            if action == "cancel":
                del data["flows"][flow_id]
                return "redirect", None, add_query(flow["redirect_uri"], {
                    "state": flow["state"], "error": "access_denied",
                    "error_description": "The seller did not grant access."})
            if action != step:
                return step, "This page is out of date: continue from here.", None
            if step == "signin":
                login = (form.get("email") or "").strip()
                flow["login"] = login[:200]
                seller = self.config.seller_by_login(login)
                if seller is None or not secrets.compare_digest(
                        (form.get("password") or "").encode(), seller.password.encode()):
                    return "signin", ("Your password is incorrect, or no seller account uses "
                                      "this email address or phone number."), None
                flow["seller_id"] = seller.seller_id
                flow["step"] = "otp" if seller.otp else "consent"
                return flow["step"], None, None
            seller = self.config.seller(flow["seller_id"] or "")
            if seller is None:
                return "expired", None, None
            if step == "otp":
                code = (form.get("otp") or "").strip().replace(" ", "")
                if not secrets.compare_digest(code.encode(), (seller.otp or "").encode()):
                    return "otp", ("The code you entered is not valid. Please check the code "
                                   "and try again."), None
                flow["step"] = "consent"
                return "consent", None, None
            if step == "consent":
                if (form.get("understand") or "").lower() not in ("yes", "on", "true", "1"):
                    return "consent", "Tick \"I understand...\" to continue.", None
                flow["step"] = "confirm"
                return "confirm", None, None
            # step == "confirm": Continue
            code = self._issue_code(data, seller, flow["marketplace"], flow["redirect_uri"])
            del data["flows"][flow_id]
            return "redirect", None, add_query(flow["redirect_uri"], {
                "state": flow["state"], "selling_partner_id": seller.seller_id,
                "spapi_oauth_code": code})

    def _issue_code(self, data: dict, seller: SandboxSeller, marketplace: str,
                    redirect_uri: str | None) -> str:
        code = "AN" + _random(20)
        data["codes"][_hash(code)] = {
            "seller_id": seller.seller_id, "region": MARKETPLACES[marketplace].region,
            "marketplace": marketplace, "redirect_uri": redirect_uri,
            "issued_at": self._now(data).isoformat(), "used": False,
        }
        return code



class _TokenService(_SandboxBase):
    """Login with Amazon's token endpoint: code and refresh-token grants."""

    # -- LWA --------------------------------------------------------------------------------
    def token(self, form: dict[str, str], basic: tuple[str, str] | None = None) -> Reply:
        with self.store.transaction() as data:
            fault = self._call(data, "token")
            if fault:
                return _lwa_fault(fault)
            now = self._now(data)
            self._purge(data, now)
            grant_type = form.get("grant_type")
            if not grant_type:
                return _lwa_error(400, "invalid_request",
                                  "The request is missing a required parameter : grant_type")
            client_id, client_secret = form.get("client_id"), form.get("client_secret")
            if basic and not client_id:
                client_id, client_secret = basic
            if not (client_id == self.config.client_id and client_secret
                    and secrets.compare_digest(client_secret.encode(),
                                               self._secret(data).encode())):
                return _lwa_error(401, "invalid_client", CLIENT_AUTH_FAILED)
            if data["app_blocked"]:
                return _lwa_error(400, "unauthorized_client", UNAUTHORIZED_CLIENT)
            if grant_type == "authorization_code":
                return self._grant_code(data, now, form)
            if grant_type == "refresh_token":
                return self._grant_refresh(data, now, form)
            return _lwa_error(400, "unsupported_grant_type", UNSUPPORTED_GRANT)

    def _grant_code(self, data: dict, now: datetime, form: dict[str, str]) -> Reply:
        code = form.get("code")
        if not code:
            return _lwa_error(400, "invalid_request",
                              "The request is missing a required parameter : code")
        grant = data["codes"].get(_hash(code))
        if grant is None or grant["used"]:
            return _lwa_error(400, "invalid_grant", INVALID_GRANT_CODE)
        grant["used"] = True  # single use, even when the request fails below
        issued = datetime.fromisoformat(grant["issued_at"])
        if now > issued + timedelta(seconds=self.config.code_ttl):
            return _lwa_error(400, "invalid_grant", INVALID_GRANT_CODE)
        sent_redirect = form.get("redirect_uri")
        if sent_redirect and grant["redirect_uri"] and sent_redirect != grant["redirect_uri"]:
            return _lwa_error(400, "invalid_grant", INVALID_GRANT_CODE)
        refresh_token = "Atzr|IwEB" + _random(120)
        data["refresh_tokens"][_hash(refresh_token)] = {
            "seller_id": grant["seller_id"], "region": grant["region"],
            "authorized_at": now.isoformat(), "revoked": False,
        }
        access = self._issue_access(data, now, _hash(refresh_token))
        return Reply(200, {"access_token": access, "refresh_token": refresh_token,
                           "token_type": "bearer", "expires_in": self.config.access_ttl})

    def _grant_refresh(self, data: dict, now: datetime, form: dict[str, str]) -> Reply:
        token = form.get("refresh_token")
        if not token:
            return _lwa_error(400, "invalid_request",
                              "The request is missing a required parameter : refresh_token")
        key = _hash(token)
        grant = data["refresh_tokens"].get(key)
        if grant is None or grant["revoked"]:
            return _lwa_error(400, "invalid_grant", INVALID_GRANT_REFRESH)
        authorized = datetime.fromisoformat(grant["authorized_at"])
        if now > authorized + timedelta(days=self.config.authorization_days):
            return _lwa_error(400, "invalid_grant", INVALID_GRANT_REFRESH)
        if self.config.rotate_refresh_tokens:
            # A new refresh token replaces the one sent, which stops working.
            grant["revoked"] = True
            token = "Atzr|IwEB" + _random(120)
            key = _hash(token)
            data["refresh_tokens"][key] = {**grant, "revoked": False}
        access = self._issue_access(data, now, key)
        return Reply(200, {"access_token": access, "refresh_token": token,
                           "token_type": "bearer", "expires_in": self.config.access_ttl})

    def _issue_access(self, data: dict, now: datetime, refresh_key: str) -> str:
        token = "Atza|IwEB" + _random(120)
        data["access_tokens"][_hash(token)] = {
            "refresh": refresh_key,
            "expires_at": (now + timedelta(seconds=self.config.access_ttl)).isoformat(),
        }
        return token



class _SellersAPI(_SandboxBase):
    """The Sellers API's marketplace participations, with its rate limit."""

    # -- Sellers API ------------------------------------------------------------------------
    def participations(self, region: str, access_token: str | None) -> Reply:
        region = region.upper()
        with self.store.transaction() as data:
            fault = self._call(data, "spapi")
            if fault:
                return _spapi_fault(fault)
            now = self._now(data)
            if not access_token:
                return _spapi_error(403, "Unauthorized", ACCESS_DENIED_TEXT,
                                    "The request has no x-amz-access-token header.")
            entry = data["access_tokens"].get(_hash(access_token))
            grant = data["refresh_tokens"].get(entry["refresh"]) if entry else None
            if entry is None or grant is None:
                return _spapi_error(403, "Unauthorized", ACCESS_DENIED_TEXT,
                                    "The access token you provided is not valid.")
            if now >= datetime.fromisoformat(entry["expires_at"]):
                return _spapi_error(403, "Unauthorized", ACCESS_DENIED_TEXT,
                                    "The access token you provided has expired.")
            if grant["revoked"] or grant["region"] != region:
                return _spapi_error(403, "Unauthorized", ACCESS_DENIED_TEXT, "")
            if not self._take_rate_token(data, now, f"{grant['seller_id']}:{region}"):
                return _spapi_error(429, "QuotaExceeded",
                                    "You exceeded your quota for the requested resource.", "")
            seller = self.config.seller(grant["seller_id"])
            payload = participation_payload(seller, region) if seller else []
            return Reply(200, {"payload": payload},
                         {"x-amzn-RateLimit-Limit": str(self.config.rate_per_second)})

    def _take_rate_token(self, data: dict, now: datetime, key: str) -> bool:
        burst = self.config.rate_burst
        if burst is None:
            return True
        bucket = data["buckets"].get(key) or {"tokens": float(burst), "at": now.isoformat()}
        elapsed = max(0.0, (now - datetime.fromisoformat(bucket["at"])).total_seconds())
        tokens = min(float(burst), bucket["tokens"] + elapsed * self.config.rate_per_second)
        allowed = tokens >= 1.0
        data["buckets"][key] = {"tokens": tokens - 1.0 if allowed else tokens,
                                "at": now.isoformat()}
        return allowed



class Sandbox(_Controls, _ConsentPages, _TokenService, _SellersAPI):
    """The whole sandbox: one state file shared by every part (and every process)."""


def participation_payload(seller: SandboxSeller, region: str) -> list[dict]:
    """The Sellers API payload for a seller in one region (empty when it sells elsewhere)."""
    entries = [dict(MARKETPLACE_DATA[code]) for code in seller.marketplaces
               if MARKETPLACES[code].region == region]
    entries += [dict(extra) for extra in seller.extra.get(region, ())]
    return [{"marketplace": m, "storeName": seller.store_name,
             "participation": {"isParticipating": True, "hasSuspendedListings": False}}
            for m in entries]


def add_query(url: str, params: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _lwa_error(status: int, error: str, description: str) -> Reply:
    return Reply(status, {"error_description": description, "error": error})


def _spapi_error(status: int, code: str, message: str, details: str) -> Reply:
    return Reply(status, {"errors": [{"code": code, "message": message, "details": details}]})


def _lwa_fault(fault: dict) -> Reply:
    kind = fault["kind"]
    if kind in MALFORMED_TOKEN_KINDS:
        body = {"access_token": "Atza|IwEB" + _random(120), "token_type": "bearer",
                "expires_in": 3600}
        if kind != "no_refresh_token":
            body["refresh_token"] = None if kind == "null_refresh_token" else 123456789
        return Reply(200, body)
    if kind == "server_error":
        return _lwa_error(500, "server_error", "Internal server error")
    if kind == "unavailable":
        return _lwa_error(503, "temporarily_unavailable", "The service is temporarily "
                                                          "unavailable")
    if kind == "rate_limit":
        return _lwa_error(429, "slow_down", "Rate exceeded")
    reply = _lwa_error(504, "server_error", "Timed out")
    reply.delay = fault["delay"]
    return reply


def _spapi_fault(fault: dict) -> Reply:
    kind = fault["kind"]
    if kind == "server_error":
        return _spapi_error(500, "InternalFailure", "We encountered an internal error. "
                                                    "Please try again.", "")
    if kind == "unavailable":
        return _spapi_error(503, "ServiceUnavailable", "Service temporarily unavailable.", "")
    if kind == "rate_limit":
        return _spapi_error(429, "QuotaExceeded",
                            "You exceeded your quota for the requested resource.", "")
    reply = _spapi_error(504, "InternalFailure", "Timed out", "")
    reply.delay = fault["delay"]
    return reply

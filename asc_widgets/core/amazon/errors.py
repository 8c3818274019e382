"""Amazon failures as exception classes, chosen from one table.

Every class is an ``AscError`` (core/errors.py) whose key in the catalog says what happened
and what to do (``exc.message(lang)``). ``str(exc)`` is the English message plus the HTTP
status and error code: never a token, a secret or a response body.
"""

from __future__ import annotations

import re
from typing import Any

from asc_widgets.core.errors import AscError
from asc_widgets.core.i18n import DEFAULT_LANGUAGE

RETRYABLE_LWA_ERRORS = frozenset({"server_error", "temporarily_unavailable"})

_TOKENISH = re.compile(r"(Atz[ar]\||amzn1\.oa2-cs\.)[^\s\"',;&]*", re.IGNORECASE)


def redact(text: str | None, limit: int = 300) -> str | None:
    """Remove anything looking like a token or client secret, and cut long text."""
    if text is None:
        return None
    text = _TOKENISH.sub(lambda m: m.group(1) + "[redacted]", str(text))
    return text if len(text) <= limit else text[:limit] + "..."


class AmazonError(AscError):
    """Base class: something about Amazon authorization failed. The message parameters are
    the HTTP status and error code (shown as '-' when Amazon gave none) plus ``params``."""

    key = "amazon.error.unexpected"
    retryable = False

    def __init__(self, *, status: int | None = None, code: str | None = None,
                 description: str | None = None, request_id: str | None = None,
                 operation: str | None = None, **params: Any):
        self.status = status
        self.code = code
        self.description = redact(description)
        self.request_id = request_id
        self.operation = operation
        super().__init__(None, status=status if status is not None else "-", code=code or "-",
                         **params)

    def __str__(self) -> str:
        text = self.message(DEFAULT_LANGUAGE)
        facts = []
        if self.operation:
            facts.append(self.operation)
        if self.status is not None:
            facts.append(f"HTTP {self.status}")
        if self.code:
            facts.append(self.code)
        if self.request_id:
            facts.append(f"request id {self.request_id}")
        return f"{text} [{', '.join(facts)}]" if facts else text


class CodeExpired(AmazonError):
    """invalid_grant on a code exchange: the code expired (5 min), was used, or is wrong."""

    key = "amazon.error.code_expired"


class Revoked(AmazonError):
    """invalid_grant on a refresh: the seller revoked the app or the authorization lapsed."""

    key = "amazon.error.revoked"


class InvalidClient(AmazonError):
    """401 invalid_client: wrong client id/secret, or the secret expired after rotation."""

    key = "amazon.error.invalid_client"


class UnauthorizedClient(AmazonError):
    key = "amazon.error.unauthorized_client"


class BadRequest(AmazonError):
    """invalid_request, unsupported_grant_type, invalid_scope, SP-API 400: a bug or bad setup."""

    key = "amazon.error.bad_request"


class AccessDenied(AmazonError):
    key = "amazon.error.access_denied"


class WrongRegionOrRevoked(AmazonError):
    """SP-API 403 Unauthorized: a token of another region, a revoked or expired token."""

    key = "amazon.error.wrong_region_or_revoked"


class RateLimited(AmazonError):
    """429 (QuotaExceeded): not retried automatically; the user tries again later."""

    key = "amazon.error.rate_limited"


class AmazonUnavailable(AmazonError):
    """5xx, server_error, temporarily_unavailable or a network failure (after the retries)."""

    key = "amazon.error.unavailable"
    retryable = True


class AmazonTimeout(AmazonUnavailable):
    key = "amazon.error.timeout"


class MarketplaceNotAuthorized(AmazonError):
    """The seller's participations lack the store's marketplace (wrong account or region);
    params: marketplace_key, the marketplace's name in the catalog (market.US...)."""

    key = "amazon.error.marketplace_missing"


class AmazonConfigError(AmazonError, ValueError):
    """Settings missing or malformed; params: names (the variables to check), never values."""

    key = "amazon.error.config"

    def __init__(self, names: list[str] | str, detail: str = ""):
        self.names = [names] if isinstance(names, str) else list(names)
        self.detail = detail
        super().__init__(names=", ".join(self.names))

    def __str__(self) -> str:
        return f"{super().__str__()} {self.detail}".strip()


class AuthorizationNotGranted(AmazonError):
    """The seller cancelled in Seller Central: the callback has no code or has an error."""

    key = "amazon.callback.denied"


class InvalidCallback(AmazonError):
    """The callback lacks its state or seller id, or its state does not match."""

    key = "amazon.callback.invalid"


# One table: (api, operation, status, error code) -> class. "*" matches anything; a status may
# be "4xx"/"5xx". The first matching row wins; no row means AmazonError ("unexpected").
# api: "lwa" (token service) or "spapi"; operation: the LWA grant type or the SP-API call.
ERROR_TABLE: tuple[tuple[str, str, int | str, str, type[AmazonError]], ...] = (
    ("*", "*", 429, "*", RateLimited),
    ("lwa", "authorization_code", "*", "invalid_grant", CodeExpired),
    ("lwa", "refresh_token", "*", "invalid_grant", Revoked),
    ("lwa", "*", "*", "invalid_client", InvalidClient),
    ("lwa", "*", 401, "*", InvalidClient),
    ("lwa", "*", "*", "unauthorized_client", UnauthorizedClient),
    ("lwa", "*", "*", "access_denied", AccessDenied),
    ("lwa", "*", "*", "invalid_request", BadRequest),
    ("lwa", "*", "*", "unsupported_grant_type", BadRequest),
    ("lwa", "*", "*", "invalid_scope", BadRequest),
    ("lwa", "*", "*", "server_error", AmazonUnavailable),
    ("lwa", "*", "*", "temporarily_unavailable", AmazonUnavailable),
    ("spapi", "*", 403, "*", WrongRegionOrRevoked),
    ("spapi", "*", 401, "*", WrongRegionOrRevoked),
    ("spapi", "*", 400, "*", BadRequest),
    ("*", "*", "5xx", "*", AmazonUnavailable),
)


def _status_matches(pattern: int | str, status: int) -> bool:
    if pattern == "*":
        return True
    if isinstance(pattern, str):
        return str(status)[:1] == pattern[:1]
    return pattern == status


def error_class_for(api: str, operation: str, status: int, code: str | None) -> type[AmazonError]:
    for t_api, t_op, t_status, t_code, cls in ERROR_TABLE:
        if t_api not in ("*", api) or t_op not in ("*", operation):
            continue
        if not _status_matches(t_status, status):
            continue
        if t_code != "*" and t_code != code:
            continue
        return cls
    return AmazonError


def error_from_response(api: str, operation: str, status: int, body: Any,
                        request_id: str | None = None) -> AmazonError:
    """The exception for an error answer (body: the parsed JSON, or None when not JSON)."""
    code, description = _error_fields(api, body)
    cls = error_class_for(api, operation, status, code)
    return cls(status=status, code=code, description=description, request_id=request_id,
               operation=operation)


def _error_fields(api: str, body: Any) -> tuple[str | None, str | None]:
    if not isinstance(body, dict):
        return None, None
    if api == "lwa":
        code = body.get("error")
        return (str(code) if code else None), body.get("error_description")
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        text = " ".join(str(first.get(k)) for k in ("message", "details") if first.get(k))
        return (str(first.get("code")) if first.get("code") else None), text or None
    return None, None


def is_retryable_lwa(status: int, body: Any) -> bool:
    """Token service answers worth another try: 5xx, server_error, temporarily_unavailable.

    429 is never retried automatically (the user is told to try later).
    """
    if status == 429:
        return False
    if status >= 500:
        return True
    code, _ = _error_fields("lwa", body)
    return code in RETRYABLE_LWA_ERRORS

"""Login with Amazon token service: build the code exchange and refresh, parse the answer."""

from __future__ import annotations

from datetime import datetime, timedelta

from asc_widgets.core.amazon.errors import AmazonError, error_from_response
from asc_widgets.core.amazon.http import POST_ONCE_SENT, POST_RETRY_READ, HttpRequest, HttpResponse
from asc_widgets.core.amazon.settings import AmazonSettings
from asc_widgets.core.clock import Clock
from asc_widgets.core.secrets import SecretStr, reveal

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded;charset=UTF-8"
AUTHORIZATION_CODE = "authorization_code"
REFRESH_TOKEN = "refresh_token"


class TokenSet:
    """Tokens from LWA. They show as masks everywhere; ``.reveal()`` them to use or store."""

    __slots__ = ("access_token", "refresh_token", "token_type", "expires_in", "obtained_at")

    def __init__(self, access_token: str | SecretStr, refresh_token: str | SecretStr | None,
                 token_type: str, expires_in: int, obtained_at: datetime):
        self.access_token = SecretStr(access_token)
        self.refresh_token = SecretStr(refresh_token) if refresh_token else None
        self.token_type = token_type
        self.expires_in = int(expires_in)
        self.obtained_at = obtained_at

    @property
    def expires_at(self) -> datetime:
        return self.obtained_at + timedelta(seconds=self.expires_in)

    def is_expired(self, now: datetime, margin_seconds: float = 60) -> bool:
        return now >= self.expires_at - timedelta(seconds=margin_seconds)

    def __repr__(self) -> str:
        return (f"TokenSet(token_type={self.token_type!r}, expires_at="
                f"{self.expires_at.isoformat()!r}, access_token=<hidden>, "
                f"refresh_token={'<hidden>' if self.refresh_token else None})")

    __str__ = __repr__

    def __reduce__(self):  # refuse to pickle tokens into caches or widget state by accident
        raise TypeError("TokenSet is not picklable: store the refresh token encrypted instead")


def build_code_exchange(code: str | SecretStr, settings: AmazonSettings,
                        redirect_uri: str | None = None) -> HttpRequest:
    """The POST exchanging a spapi_oauth_code for tokens (redirect_uri: as in the consent URL)."""
    form = {
        "grant_type": AUTHORIZATION_CODE,
        "code": reveal(code),
        "client_id": settings.client_id,
        "client_secret": settings.client_secret.reveal(),
    }
    redirect = redirect_uri if redirect_uri is not None else settings.redirect_uri
    if redirect:
        form["redirect_uri"] = redirect
    return _token_request(settings, AUTHORIZATION_CODE, form, POST_ONCE_SENT)


def build_refresh(refresh_token: str | SecretStr, settings: AmazonSettings) -> HttpRequest:
    form = {
        "grant_type": REFRESH_TOKEN,
        "refresh_token": reveal(refresh_token),
        "client_id": settings.client_id,
        "client_secret": settings.client_secret.reveal(),
    }
    return _token_request(settings, REFRESH_TOKEN, form, POST_RETRY_READ)


def _token_request(settings: AmazonSettings, operation: str, form: dict[str, str],
                   policy: str) -> HttpRequest:
    return HttpRequest(
        method="POST", url=settings.token_url, api="lwa", operation=operation, policy=policy,
        headers={"Content-Type": FORM_CONTENT_TYPE, "Accept": "application/json",
                 "User-Agent": settings.user_agent},
        form=form)


def parse_token_response(response: HttpResponse, operation: str,
                         clock: Clock | None = None,
                         previous_refresh_token: str | SecretStr | None = None) -> TokenSet:
    """A TokenSet from a 200 answer; the mapped AmazonError subclass for an error answer."""
    body = response.json()
    if response.status != 200:
        raise error_from_response("lwa", operation, response.status, body, response.request_id)
    if not isinstance(body, dict) or not isinstance(body.get("access_token"), str):
        raise AmazonError(status=response.status, code="malformed_response",
                          operation=operation, request_id=response.request_id)
    try:
        expires_in = int(body.get("expires_in") or 3600)
    except (TypeError, ValueError):
        expires_in = 3600
    sent = body.get("refresh_token")
    # The code exchange must yield a refresh token (it is what gets stored); a refresh may
    # omit it (keep the one sent), or rotate it. Anything but a non-empty string is malformed.
    if (sent is not None and not isinstance(sent, str)) or \
            (operation == AUTHORIZATION_CODE and not sent):
        raise AmazonError(status=response.status, code="malformed_response",
                          operation=operation, request_id=response.request_id)
    refresh_token = sent or previous_refresh_token
    return TokenSet(
        access_token=body["access_token"], refresh_token=refresh_token,
        token_type=str(body.get("token_type") or "bearer"), expires_in=expires_in,
        obtained_at=(clock or Clock()).now())

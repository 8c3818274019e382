"""Credentials for the Commerce REST API, and keeping them out of reprs and logs.

Two ways to authenticate with an integration (System > Extensions > Integrations):
- BearerToken: its access token as `Authorization: Bearer`. Adobe Commerce 2.4.4+ ignores
  this unless oauth/consumer/enable_integration_as_bearer is on.
- OAuth1Credentials: its four credentials, each request signed with OAuth 1.0a HMAC-SHA256.

Reprs show no secret. requests-oauthlib and oauthlib log the signed Authorization header and
the token at DEBUG level, so those loggers get a filter that masks every registered secret.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import ClassVar
from urllib.parse import quote

import requests
from requests_oauthlib import OAuth1

MASK = "***"
# Loggers that can see an Authorization header or a token (filters apply where records start).
_LOGGERS = ("requests_oauthlib.oauth1_auth", "oauthlib.oauth1.rfc5849",
            "oauthlib.oauth1.rfc5849.signature", "urllib3.connectionpool",
            "asc_widgets.core.commerce")


class _BearerAuth(requests.auth.AuthBase):
    def __init__(self, token: str):
        self._token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self._token}"
        return request

    def __repr__(self) -> str:
        return f"BearerAuth(token={MASK})"


@dataclass(frozen=True, repr=False)
class BearerToken:
    token: str
    kind: ClassVar[str] = "bearer"

    def auth(self) -> requests.auth.AuthBase:
        return _BearerAuth(self.token)

    def secrets(self) -> tuple[str, ...]:
        return (self.token,)

    def __repr__(self) -> str:
        return f"BearerToken(token={MASK})"


@dataclass(frozen=True, repr=False)
class OAuth1Credentials:
    consumer_key: str
    consumer_secret: str
    access_token: str
    access_token_secret: str
    kind: ClassVar[str] = "oauth1"

    def auth(self) -> requests.auth.AuthBase:
        # Signed in the Authorization header; the query string is part of the signature.
        return OAuth1(self.consumer_key, client_secret=self.consumer_secret,
                      resource_owner_key=self.access_token,
                      resource_owner_secret=self.access_token_secret,
                      signature_method="HMAC-SHA256", signature_type="AUTH_HEADER")

    def secrets(self) -> tuple[str, ...]:
        return (self.consumer_key, self.consumer_secret, self.access_token,
                self.access_token_secret)

    def __repr__(self) -> str:
        return f"OAuth1Credentials(consumer_key={MASK}, consumer_secret={MASK}, " \
               f"access_token={MASK}, access_token_secret={MASK})"


Credentials = BearerToken | OAuth1Credentials


class SecretFilter(logging.Filter):
    """Masks registered secrets (plain and percent-encoded) in log records."""

    def __init__(self) -> None:
        super().__init__()
        self._forms: set[str] = set()

    def add(self, secret: str) -> None:
        if len(secret) < 4:  # too short to mask without mangling unrelated text
            return
        once = quote(secret, safe="")
        self._forms.update({secret, once, quote(once, safe="")})

    def redact(self, text: str) -> str:
        for form in sorted(self._forms, key=len, reverse=True):
            text = text.replace(form, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if self._forms:
            message = record.getMessage()
            masked = self.redact(message)
            if masked != message:
                record.msg, record.args = masked, None
        return True


_FILTER = SecretFilter()


def protect(credentials: Credentials) -> None:
    """Mask the credentials' secrets in the logs of the HTTP stack from now on."""
    for secret in credentials.secrets():
        _FILTER.add(secret)
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def redact(text: str) -> str:
    """text with every protected secret masked."""
    return _FILTER.redact(text)

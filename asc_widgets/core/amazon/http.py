"""Plain request and response values between the pure builders/parsers and the transport."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# Retry policies a request asks the transport for:
IDEMPOTENT = "idempotent"  # GET: network errors, read timeouts and 5xx retried with backoff
POST_RETRY_READ = "post_retry_read"  # refresh: safe to repeat, so read timeouts retried too
POST_ONCE_SENT = "post_once_sent"  # code exchange: once the request may have reached Amazon
#   (read timeout, dropped connection) it is not repeated: the single-use code may be spent.
POLICIES = (IDEMPOTENT, POST_RETRY_READ, POST_ONCE_SENT)


@dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    api: str  # "lwa" or "spapi": which error format and table rows apply
    operation: str  # LWA grant type or SP-API operation name
    policy: str = IDEMPOTENT
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)  # may hold a token
    form: Mapping[str, str] | None = field(default=None, repr=False)  # may hold secrets


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str] = field(default_factory=dict, repr=False)
    body: bytes = field(default=b"", repr=False)

    def json(self) -> Any:
        """The parsed JSON body, or None when the body is not JSON."""
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    def header(self, name: str) -> str | None:
        low = name.lower()
        for key, value in self.headers.items():
            if key.lower() == low:
                return value
        return None

    @property
    def request_id(self) -> str | None:
        return self.header("x-amzn-RequestId") or self.header("x-amz-request-id")

"""A read-only Adobe Commerce (Magento 2) REST client: websites, store views, product
attributes and products, as plain JSON dicts.

Connection reuse and retries are the session's (see session.py); this module turns answers
into data or into CommerceError subclasses whose messages say what to do.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError, ReadTimeoutError

from asc_widgets.core.commerce.auth import protect
from asc_widgets.core.commerce.config import CommerceConfig
from asc_widgets.core.commerce.errors import (
    CommerceAuthError,
    CommerceHTTPError,
    CommerceNetworkError,
    CommerceResponseError,
    fill_placeholders,
)
from asc_widgets.core.commerce.paging import ListQuery, iter_pages
from asc_widgets.core.commerce.session import RETRY_STATUSES, build_session
from asc_widgets.core.i18n import t

log = logging.getLogger("asc_widgets.core.commerce")

# Product fields Magento returns at the top level rather than among custom_attributes.
TOP_LEVEL_FIELDS = frozenset({"id", "sku", "name", "attribute_set_id", "price", "status",
                              "visibility", "type_id", "created_at", "updated_at", "weight"})
ATTRIBUTE_FIELDS = ("attribute_id", "attribute_code", "frontend_input", "backend_type",
                    "default_frontend_label", "is_user_defined")


class CommerceClient:
    def __init__(self, config: CommerceConfig, *, session: requests.Session | None = None):
        self.config = config
        protect(config.credentials)
        self._auth = config.credentials.auth()
        self._session = session or build_session(
            retries=config.retries, backoff=config.backoff, pool_size=max(4, config.workers),
            retry_after_max=config.retry_after_max)

    def __repr__(self) -> str:
        return f"CommerceClient({self.config.base_url!r}, auth={self.config.auth_kind})"

    def __enter__(self) -> CommerceClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    # --- endpoints ---------------------------------------------------------------------

    def websites(self) -> list[dict[str, Any]]:
        """Websites (id, code, name, default_group_id), without the admin website (id 0)."""
        return _without_admin(self._list("store/websites"))

    def store_views(self) -> list[dict[str, Any]]:
        """Store views (id, code, name, website_id, store_group_id, is_active), no admin."""
        return _without_admin(self._list("store/storeViews"))

    def product_attributes(self) -> list[dict[str, Any]]:
        """Every product attribute (the fields of ATTRIBUTE_FIELDS), sku included."""
        query = ListQuery("products/attributes", sort_field="attribute_id", key="attribute_code",
                          fields=f"items[{','.join(ATTRIBUTE_FIELDS)}],total_count")
        return [item for page in iter_pages(self.get, query, self.config.page_size,
                                            max_pages=self.config.max_pages)
                for item in page]

    def product_pages(self, attribute_codes: Iterable[str], *, page_size: int | None = None,
                      only_with: str | None = None) -> Iterator[list[dict[str, Any]]]:
        """Products page by page, each a dict with 'sku' and the requested attributes' values
        (None when missing), sorted by entity id. only_with: skip products without a value
        for that attribute (server-side filter)."""
        codes = [c for c in dict.fromkeys(attribute_codes) if c != "sku"]
        top = [c for c in codes if c in TOP_LEVEL_FIELDS and c != "id"]
        fields = ",".join(["id", "sku", *top] + (["custom_attributes"] if len(top) < len(codes)
                                                  else []))
        filters = ((only_with, "notnull", ""),) if only_with else ()
        query = ListQuery("products", sort_field="entity_id", key="sku",
                          fields=f"items[{fields}],total_count", filters=filters)
        for page in iter_pages(self.get, query, page_size or self.config.page_size,
                               workers=self.config.workers, max_pages=self.config.max_pages):
            yield [product_values(item, codes) for item in page]

    # --- transport ---------------------------------------------------------------------

    def get(self, path: str, params: Mapping[str, str] | None = None) -> Any:
        """GET a V1 endpoint and decode its JSON, or raise a CommerceError."""
        url = self.config.rest_url(path)
        attempts = self.config.retries + 1
        try:
            response = self._session.get(url, params=params, auth=self._auth,
                                         timeout=self.config.timeout)
        except requests.RequestException as exc:
            cause = _root_cause(exc)
            seconds = _timeout_seconds(exc, cause, self.config.timeout)
            if seconds is not None:
                raise CommerceNetworkError("commerce.error.timeout", url=self.config.base_url,
                                           seconds=seconds, attempts=attempts) from exc
            raise CommerceNetworkError("commerce.error.network", url=self.config.base_url,
                                       attempts=attempts, reason=_describe(cause)) from exc
        log.debug("GET %s -> %s", path, response.status_code)
        return self._decode(path, response)

    def _list(self, path: str) -> list[dict[str, Any]]:
        body = self.get(path)
        if not isinstance(body, list):
            raise CommerceResponseError("commerce.error.unexpected", path=path,
                                        detail="expected a JSON array")
        return body

    def _decode(self, path: str, response: requests.Response) -> Any:
        content_type = response.headers.get("Content-Type", "")
        try:
            body = response.json()
        except ValueError:
            body = None
            if response.ok:
                raise CommerceResponseError("commerce.error.not_json", path=path,
                                            status=response.status_code,
                                            content_type=content_type or "?") from None
        if response.ok:
            return body
        raise self._error(path, response, body)

    def _error(self, path: str, response: requests.Response, body: Any) -> CommerceHTTPError:
        status = response.status_code
        message = ""
        if isinstance(body, dict):
            message = fill_placeholders(body.get("message") or "", body.get("parameters"))
        message = message or response.reason or t("commerce.error.no_message")
        if status == 401:
            key = f"commerce.error.unauthorized_{self.config.auth_kind}"
            return CommerceAuthError(key, status=status, path=path, magento_message=message)
        if status == 404:
            return CommerceHTTPError("commerce.error.not_found", status=status, path=path,
                                     magento_message=message)
        if status in RETRY_STATUSES:
            return CommerceHTTPError("commerce.error.busy", status=status, path=path,
                                     magento_message=message, attempts=self.config.retries + 1)
        return CommerceHTTPError("commerce.error.http", status=status, path=path,
                                 magento_message=message)


def product_values(item: Mapping[str, Any], codes: Iterable[str]) -> dict[str, Any]:
    """sku plus each code's value: top-level field or custom attribute, None when absent
    (Magento leaves attributes without a value out of custom_attributes)."""
    custom: dict[Any, Any] = {}
    for entry in item.get("custom_attributes") or ():
        if isinstance(entry, dict):
            custom[entry.get("attribute_code")] = entry.get("value")
    row: dict[str, Any] = {"sku": item.get("sku")}
    for code in codes:
        value = item.get(code) if code in TOP_LEVEL_FIELDS else custom.get(code)
        row[code] = value if value.__class__ is str else _text(value)
    return row


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # multiselect values come as lists of option ids
        return ",".join(str(v) for v in value) or None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _without_admin(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # The admin website / store view (id 0, code 'admin') is not a sales channel.
    return [row for row in rows if isinstance(row, dict) and str(row.get("id")) != "0"]


def _root_cause(exc: BaseException) -> BaseException:
    """The innermost error behind a requests error (urllib3 wraps it in MaxRetryError)."""
    cause = exc
    for _ in range(5):
        inner = getattr(cause, "reason", None) or (cause.args[0] if cause.args else None)
        if not isinstance(inner, BaseException):
            break
        cause = inner
    return cause


def _timeout_seconds(exc: BaseException, cause: BaseException,
                     timeout: tuple[float, float]) -> float | None:
    """The timeout that expired, or None when the failure was not a timeout. (urllib3's
    NewConnectionError, a refused connection, subclasses ConnectTimeoutError.)"""
    if isinstance(cause, NewConnectionError):
        return None
    if isinstance(exc, requests.ConnectTimeout) or isinstance(cause, ConnectTimeoutError):
        return timeout[0]
    if isinstance(exc, requests.Timeout) or isinstance(cause, ReadTimeoutError | TimeoutError):
        return timeout[1]
    return None


def _describe(cause: BaseException) -> str:
    """A few words on an error, without object addresses."""
    text = re.sub(r"<[^>]+ object at 0x[0-9a-f]+>:?\s*", "", str(cause))
    return text or type(cause).__name__

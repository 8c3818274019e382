"""Errors of the Commerce REST client, and Magento's message placeholders filled in.

Every error carries a message key and its parameters, so the app can show it in the user's
language (`error.message("zh-CN")`); str(error) is the English text. Parameters never hold
credentials.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from asc_widgets.core.errors import AscError


class CommerceError(AscError):
    """Any failure of the Commerce client; the key says which."""


class CommerceConfigError(CommerceError, ValueError):
    """The environment does not describe a usable connection."""


class CommerceNetworkError(CommerceError):
    """No answer: connection refused, DNS failure, timeout (after the retries)."""


# The most of a server's own text shown to the person (an error page can be megabytes).
MESSAGE_LIMIT = 300


def trimmed(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """text cut to limit characters (with an ellipsis), whitespace runs made one space."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


class CommerceHTTPError(CommerceError):
    """An error answer. status is the HTTP status, magento_message Magento's own message
    with its placeholders filled in, trimmed to MESSAGE_LIMIT characters."""

    def __init__(self, key: str, *, status: int, path: str, magento_message: str,
                 **params: object):
        self.status = status
        self.path = path
        magento_message = trimmed(magento_message)
        self.magento_message = magento_message
        super().__init__(key, status=status, path=path, message=magento_message, **params)


class CommerceAuthError(CommerceHTTPError):
    """401: a missing permission or credentials the store does not accept."""


class CommerceResponseError(CommerceError):
    """An answer that is not the JSON expected."""


class CatalogSnapshotError(CommerceError):
    """The local catalog snapshot is missing, belongs to another store, or cannot be read."""


class CatalogSyncError(CommerceError):
    """A catalog sync stopped. The last good snapshot is untouched; `cause` (when set) is the
    CommerceError or OSError behind it. The message says what happened and that running the
    sync again continues."""

    def __init__(self, key: str, *, cause: BaseException | None = None, **params: object):
        self.cause = cause
        super().__init__(key, **params)

    def message(self, lang: str = "en") -> str:
        params = dict(self.params)
        if isinstance(self.cause, CommerceError):  # the cause in the same language
            params["reason"] = self.cause.message(lang)
        from asc_widgets.core.i18n import t as translate

        return translate(self.key, lang, **params)


def fill_placeholders(message: str, parameters: Mapping[str, object] | Sequence[object] | None
                      ) -> str:
    """Magento's Phrase rendering: '%name' from a dict, '%1', '%2'... from a list (or from
    numeric keys counted from 0), longest placeholder first like PHP's strtr."""
    if not parameters or not isinstance(message, str):
        return message if isinstance(message, str) else ""
    if isinstance(parameters, Mapping):
        pairs = {f"%{int(k) + 1 if str(k).isdigit() else k}": v for k, v in parameters.items()}
    elif isinstance(parameters, Sequence) and not isinstance(parameters, str):
        pairs = {f"%{i + 1}": v for i, v in enumerate(parameters)}
    else:
        return message
    pattern = re.compile("|".join(re.escape(p) for p in sorted(pairs, key=len, reverse=True)))
    return pattern.sub(lambda match: _text(pairs[match.group(0)]), message)


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return "" if value is None else str(value)

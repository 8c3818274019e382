"""Connecting a store to Seller Central, renewing and disconnecting it: the registry, the
Amazon client and the secret box working together.

start() issues a single-use state bound to the store and returns the consent URL. complete()
takes the redirect (the app's own URL, or one pasted from the browser), refuses a state that is
unknown, reused, expired or for another store, exchanges the code, verifies that the seller
sells in the store's marketplace, and only then saves the seller id, dates and the encrypted
refresh token in one transaction. A failure leaves the store as it was and logs a 'failed'
event; the user retries with a new Connect.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from asc_widgets.core.amazon import (
    AmazonClient,
    AmazonError,
    AmazonSettings,
    AmazonUnavailable,
    AuthorizationNotGranted,
    InvalidCallback,
    MarketplaceNotAuthorized,
    RateLimited,
    Revoked,
    new_state,
    parse_callback,
)
from asc_widgets.core.amazon.consent import is_seller_id
from asc_widgets.core.config import Settings
from asc_widgets.core.errors import AscError
from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import AUTHORIZATION_LIFETIME, StoreStatus, is_healthy
from asc_widgets.core.registry import AuthStateError, Registry
from asc_widgets.core.secrets import SecretBox
from asc_widgets.core.stores import Store

log = logging.getLogger(__name__)

REFRESH_TOKEN = "refresh_token"


class ConnectError(AscError):
    """A connection attempt that failed; message(lang) says what happened and what to do."""


@dataclass(frozen=True)
class ConnectResult:
    store: Store
    renewed: bool
    lang: str | None = None  # the language the flow was started in

    def message(self, lang: str = "en") -> str:
        key = "auth.renewed" if self.renewed else "auth.connected"
        return t(key, lang, name=self.store.name, seller_id=self.store.seller_id,
                 expires=self.store.expires_at.date().isoformat())


@dataclass(frozen=True)
class Disconnected:
    store: Store
    manage_apps_url: str

    def message(self, lang: str = "en") -> str:
        return t("auth.disconnected", lang, name=self.store.name, url=self.manage_apps_url)


def user_message(error: Exception, lang: str = "en") -> str:
    """The user-facing text of any error: an AscError's own message, else a generic one."""
    return error.message(lang) if isinstance(error, AscError) else t("auth.unexpected", lang)


class Connector:
    """The connect / renew / check / disconnect operations for one registry."""

    def __init__(self, registry: Registry, client: AmazonClient, box: SecretBox):
        self.registry, self.client, self.box = registry, client, box

    @classmethod
    def from_settings(cls, settings: Settings, registry: Registry, env=None) -> Connector:
        amazon = AmazonSettings.from_env(env, app_url=settings.app_url)
        # A lost key file is not replaced while tokens encrypted with it are stored.
        box = SecretBox.from_env(settings.home, env, secrets_stored=registry.has_secrets())
        return cls(registry, AmazonClient(amazon, clock=registry.clock), box)

    def start(self, store_id: int, lang: str | None = None) -> str:
        """A consent URL for the store (connect, or renew when already authorized). lang: the
        user's language, remembered for the page Seller Central sends them back to."""
        self.registry.require_operator()
        store = self.registry.get_store(store_id)
        state = new_state()
        purpose = "renew" if store.seller_id else "connect"
        self.registry.save_auth_state(store.id, state, purpose, lang=lang)
        return self.client.consent_url(store.marketplace, state)

    def complete(self, url_or_query: str, *, store_id: int | None = None) -> ConnectResult:
        """Finish the flow from the redirect. Raises ConnectError or AmazonError; never loses
        what was saved before. A viewer's registry refuses (NotPermitted) and leaves the state
        unused, for an operator to finish."""
        self.registry.require_operator()
        try:
            callback = parse_callback(url_or_query)
        except InvalidCallback as exc:
            raise ConnectError("auth.callback_invalid") from exc
        if not callback.state:
            raise ConnectError("auth.callback_invalid")
        try:
            pending = self.registry.consume_auth_state(callback.state, store_id=store_id)
        except AuthStateError as exc:
            raise ConnectError(f"auth.state_{exc.reason}") from None
        store = self.registry.get_store(pending.store_id)
        try:
            return replace(self._finish(store, callback), lang=pending.lang)
        except (AmazonError, ConnectError) as exc:
            exc.started_lang = pending.lang  # the landing page answers in the user's language
            self.registry.log_event(store.id, "failed", {
                "operation": "connect", "error": type(exc).__name__,
                "reason": getattr(exc, "code", None) or getattr(exc, "key", None)})
            raise

    def _finish(self, store: Store, callback) -> ConnectResult:
        if not callback.granted:
            raise AuthorizationNotGranted(code=callback.error or "no_code")
        if not is_seller_id(callback.selling_partner_id):
            raise ConnectError("auth.callback_invalid")
        if store.seller_id and callback.selling_partner_id != store.seller_id:
            raise ConnectError("auth.other_seller", name=store.name, seller_id=store.seller_id)
        tokens = self.client.exchange_code(callback.code)
        participations = self.client.participations(tokens.access_token, store.market)
        if not any(p.marketplace.code == store.marketplace and p.is_participating
                   for p in participations):
            raise MarketplaceNotAuthorized(code="marketplace_not_participating",
                                           marketplace_key=f"market.{store.marketplace}",
                                           operation="verify_connection")
        now = self.registry.clock.now()
        renewing = is_healthy(store.status)
        saved = self.registry.transition(
            store.id, "renew" if renewing else "connect",
            seller_id=callback.selling_partner_id, authorized_at=now,
            expires_at=now + AUTHORIZATION_LIFETIME, last_error=None,
            secret=(REFRESH_TOKEN, self.box.encrypt(tokens.refresh_token)),
            details={"seller_id": callback.selling_partner_id,
                     "expires_at": (now + AUTHORIZATION_LIFETIME).isoformat()})
        return ConnectResult(saved, renewed=renewing)

    def check(self, store_id: int) -> Store:
        """Verify a connected store's authorization now. A refused refresh marks it revoked;
        a lasting failure (wrong region, app no longer allowed...) marks it error; a passing
        check brings an errored store back to active. Passing trouble (rate limit, Amazon
        unavailable) changes nothing and is raised for the user to try later. Operators only:
        a check may change the store's status."""
        self.registry.require_operator()
        store = self.registry.get_store(store_id)
        ciphertext = self.registry.get_secret(store.id, REFRESH_TOKEN)
        if ciphertext is None:
            raise ConnectError("auth.not_connected", name=store.name)
        stored_token = self.box.decrypt_secret(ciphertext)
        try:
            verification = self.client.verify(stored_token, store.market)
        except Revoked as exc:
            if store.status is StoreStatus.REVOKED:
                return store
            return self.registry.transition(store.id, "revoke", last_error=exc)
        except (RateLimited, AmazonUnavailable):
            raise
        except AmazonError as exc:
            if not is_healthy(store.status):
                raise
            return self.registry.transition(store.id, "fail", last_error=exc,
                                            details={"error": type(exc).__name__})
        # Amazon may rotate refresh tokens: a new one answered on refresh replaces the stored
        # one (the old may stop working).
        renewed = verification.tokens.refresh_token
        secret = ((REFRESH_TOKEN, self.box.encrypt(renewed))
                  if renewed is not None and renewed != stored_token else None)
        if store.status is StoreStatus.ERROR:
            return self.registry.transition(store.id, "restore", last_error=None, secret=secret)
        if secret is not None:
            self.registry.put_secret(store.id, *secret)
        return store

    def disconnect(self, store_id: int) -> Disconnected:
        """Forget the authorization locally (token deleted); say where to remove the app at
        Amazon too."""
        store = self.registry.transition(store_id, "disconnect", seller_id=None,
                                         authorized_at=None, expires_at=None, last_error=None)
        seller_central = self.client.settings.seller_central_url(store.market).rstrip("/")
        return Disconnected(store, f"{seller_central}/apps/manage")


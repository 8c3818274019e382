"""The calls the app makes: exchange the code, refresh, read participations, verify.

Each is a pure request builder + the transport + a pure parser. The transport is swappable
(anything with ``send(HttpRequest) -> HttpResponse``), so tests can also run without HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from asc_widgets.core.amazon.errors import MarketplaceNotAuthorized
from asc_widgets.core.amazon.http import HttpRequest, HttpResponse
from asc_widgets.core.amazon.sellers import (
    Participation,
    build_participations_request,
    parse_participations,
)
from asc_widgets.core.amazon.settings import AmazonSettings
from asc_widgets.core.amazon.tokens import (
    AUTHORIZATION_CODE,
    REFRESH_TOKEN,
    TokenSet,
    build_code_exchange,
    build_refresh,
    parse_token_response,
)
from asc_widgets.core.amazon.transport import RequestsTransport
from asc_widgets.core.clock import Clock
from asc_widgets.core.marketplaces import Marketplace, get_marketplace
from asc_widgets.core.secrets import SecretStr


class Transport(Protocol):
    def send(self, request: HttpRequest) -> HttpResponse: ...


def _transport(settings: AmazonSettings, transport: Transport | None) -> Transport:
    return transport if transport is not None else RequestsTransport.from_settings(settings)


def exchange_code(code: str | SecretStr, settings: AmazonSettings,
                  transport: Transport | None = None, *, redirect_uri: str | None = None,
                  clock: Clock | None = None) -> TokenSet:
    """Trade a spapi_oauth_code (valid 5 minutes, once) for a refresh + access token.

    Raises CodeExpired, InvalidClient, UnauthorizedClient, BadRequest, RateLimited,
    AmazonUnavailable / AmazonTimeout.
    """
    request = build_code_exchange(code, settings, redirect_uri)
    response = _transport(settings, transport).send(request)
    return parse_token_response(response, AUTHORIZATION_CODE, clock)


def refresh(refresh_token: str | SecretStr, settings: AmazonSettings,
            transport: Transport | None = None, *, clock: Clock | None = None) -> TokenSet:
    """A new access token. Raises Revoked when the seller revoked it or it lapsed."""
    response = _transport(settings, transport).send(build_refresh(refresh_token, settings))
    return parse_token_response(response, REFRESH_TOKEN, clock,
                                previous_refresh_token=refresh_token)


def get_marketplace_participations(access_token: str | SecretStr,
                                   region_or_marketplace: str | Marketplace,
                                   settings: AmazonSettings,
                                   transport: Transport | None = None, *,
                                   clock: Clock | None = None) -> list[Participation]:
    """The seller's participations in supported marketplaces of the region (unknown ids skipped).

    Raises WrongRegionOrRevoked (403), RateLimited (429), AmazonUnavailable.
    """
    request = build_participations_request(access_token, region_or_marketplace, settings,
                                           (clock or Clock()).now())
    return parse_participations(_transport(settings, transport).send(request))


@dataclass(frozen=True)
class Verification:
    tokens: TokenSet
    participation: Participation  # the store's marketplace
    participations: tuple[Participation, ...]  # every supported one in the region


def verify_connection(refresh_token: str | SecretStr, marketplace: str | Marketplace,
                      settings: AmazonSettings, transport: Transport | None = None, *,
                      clock: Clock | None = None) -> Verification:
    """Refresh, then check that the seller sells in the store's marketplace.

    Raises MarketplaceNotAuthorized when it does not (wrong account or region), plus the
    errors of refresh() and get_marketplace_participations().
    """
    mp = marketplace if isinstance(marketplace, Marketplace) else get_marketplace(marketplace)
    transport = _transport(settings, transport)
    tokens = refresh(refresh_token, settings, transport, clock=clock)
    participations = get_marketplace_participations(tokens.access_token, mp, settings,
                                                    transport, clock=clock)
    for p in participations:
        if p.marketplace.code == mp.code and p.is_participating:
            return Verification(tokens=tokens, participation=p,
                                participations=tuple(participations))
    raise MarketplaceNotAuthorized(code="marketplace_not_participating",
                                   marketplace_key=f"market.{mp.code}",
                                   operation="verify_connection")


class AmazonClient:
    """The same calls bound to settings, a transport and a clock (what the app holds)."""

    def __init__(self, settings: AmazonSettings, transport: Transport | None = None,
                 clock: Clock | None = None):
        self.settings = settings
        self.transport = _transport(settings, transport)
        self.clock = clock or Clock()

    def __repr__(self) -> str:
        return f"AmazonClient(mode={self.settings.mode!r}, token_url={self.settings.token_url!r})"

    def consent_url(self, marketplace: str | Marketplace, state: str) -> str:
        from asc_widgets.core.amazon.consent import consent_url

        return consent_url(marketplace, state, self.settings)

    def exchange_code(self, code: str | SecretStr, redirect_uri: str | None = None) -> TokenSet:
        return exchange_code(code, self.settings, self.transport, redirect_uri=redirect_uri,
                             clock=self.clock)

    def refresh(self, refresh_token: str | SecretStr) -> TokenSet:
        return refresh(refresh_token, self.settings, self.transport, clock=self.clock)

    def participations(self, access_token: str | SecretStr,
                       region_or_marketplace: str | Marketplace) -> list[Participation]:
        return get_marketplace_participations(access_token, region_or_marketplace,
                                              self.settings, self.transport, clock=self.clock)

    def verify(self, refresh_token: str | SecretStr,
               marketplace: str | Marketplace) -> Verification:
        return verify_connection(refresh_token, marketplace, self.settings, self.transport,
                                 clock=self.clock)

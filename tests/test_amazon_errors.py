"""The error table, the messages behind it and the transport's retry decisions."""

import pytest

from asc_widgets.core import i18n
from asc_widgets.core.amazon import errors
from asc_widgets.core.amazon.errors import (
    AccessDenied,
    AmazonError,
    AmazonUnavailable,
    BadRequest,
    CodeExpired,
    InvalidClient,
    RateLimited,
    Revoked,
    UnauthorizedClient,
    WrongRegionOrRevoked,
    error_from_response,
    is_retryable_lwa,
)
from asc_widgets.core.amazon.http import HttpResponse
from asc_widgets.core.amazon.sellers import parse_participations
from asc_widgets.core.amazon.tokens import parse_token_response
from asc_widgets.core.amazon.transport import RequestsTransport


def lwa(error, description="x"):
    return {"error": error, "error_description": description}


def spapi(code):
    return {"errors": [{"code": code, "message": "m", "details": "d"}]}


@pytest.mark.parametrize("api,operation,status,body,cls", [
    ("lwa", "authorization_code", 400, lwa("invalid_grant"), CodeExpired),
    ("lwa", "refresh_token", 400, lwa("invalid_grant"), Revoked),
    ("lwa", "refresh_token", 401, lwa("invalid_client"), InvalidClient),
    ("lwa", "authorization_code", 401, None, InvalidClient),
    ("lwa", "refresh_token", 400, lwa("unauthorized_client"), UnauthorizedClient),
    ("lwa", "refresh_token", 400, lwa("access_denied"), AccessDenied),
    ("lwa", "refresh_token", 400, lwa("invalid_request"), BadRequest),
    ("lwa", "refresh_token", 400, lwa("unsupported_grant_type"), BadRequest),
    ("lwa", "refresh_token", 400, lwa("invalid_scope"), BadRequest),
    ("lwa", "refresh_token", 500, lwa("server_error"), AmazonUnavailable),
    ("lwa", "refresh_token", 503, lwa("temporarily_unavailable"), AmazonUnavailable),
    ("lwa", "refresh_token", 502, None, AmazonUnavailable),
    ("lwa", "refresh_token", 429, lwa("whatever"), RateLimited),
    ("spapi", "getMarketplaceParticipations", 403, spapi("Unauthorized"), WrongRegionOrRevoked),
    ("spapi", "getMarketplaceParticipations", 429, spapi("QuotaExceeded"), RateLimited),
    ("spapi", "getMarketplaceParticipations", 400, spapi("InvalidInput"), BadRequest),
    ("spapi", "getMarketplaceParticipations", 500, spapi("InternalFailure"), AmazonUnavailable),
    ("spapi", "getMarketplaceParticipations", 404, spapi("NotFound"), AmazonError),
    ("lwa", "refresh_token", 418, "not json", AmazonError),
])
def test_error_table(api, operation, status, body, cls):
    err = error_from_response(api, operation, status, body, request_id="rid-1")
    assert type(err) is cls
    assert err.status == status and err.request_id == "rid-1"
    assert f"HTTP {status}" in str(err)
    assert err.message("en") != err.message("zh-CN")


def test_every_error_class_has_messages_in_both_languages():
    catalog = i18n.catalog()
    classes = {cls for *_, cls in errors.ERROR_TABLE} | {
        errors.AmazonError, errors.AmazonTimeout, errors.MarketplaceNotAuthorized,
        errors.AmazonConfigError, errors.AuthorizationNotGranted, errors.InvalidCallback}
    for cls in classes:
        assert cls.key in catalog, cls
        assert set(catalog[cls.key]) == {"en", "zh-CN"}
    amazon_keys = [k for k in catalog if k.startswith("amazon.")]
    assert len(amazon_keys) >= 15


def test_user_messages_say_what_to_do():
    assert "180 days" in InvalidClient(status=401).message()
    assert "180" in InvalidClient(status=401).message("zh-CN")
    assert "region" in WrongRegionOrRevoked(status=403).message()
    assert "revoked" in WrongRegionOrRevoked(status=403).message()
    assert "try again" in RateLimited(status=429).message().lower()
    assert "Connect store" in CodeExpired(status=400).message()


def test_tokens_in_descriptions_are_redacted():
    body = lwa("invalid_grant", "bad token Atzr|IwEBsecretvalue and amzn1.oa2-cs.v1.abcdef")
    err = error_from_response("lwa", "refresh_token", 400, body)
    assert "IwEBsecretvalue" not in err.description
    assert "abcdef" not in err.description
    assert "IwEBsecretvalue" not in str(err) and "IwEBsecretvalue" not in repr(err)


@pytest.mark.parametrize("status,body,retry", [
    (500, None, True), (503, lwa("temporarily_unavailable"), True),
    (400, lwa("server_error"), True), (400, lwa("temporarily_unavailable"), True),
    (400, lwa("invalid_grant"), False), (401, lwa("invalid_client"), False),
    (429, lwa("temporarily_unavailable"), False), (400, None, False),
])
def test_retryable_token_answers(status, body, retry):
    assert is_retryable_lwa(status, body) is retry


def test_token_parser_and_participations_parser_reject_malformed_200():
    with pytest.raises(AmazonError) as info:
        parse_token_response(HttpResponse(200, {}, b"<html>"), "refresh_token")
    assert info.value.code == "malformed_response"
    with pytest.raises(AmazonError):
        parse_participations(HttpResponse(200, {}, b'{"payload": {}}'))


def test_participations_parser_skips_junk_and_unknown_ids():
    body = (b'{"payload": [{"marketplace": {"id": "A1F83G8C2ARO7P", "countryCode": "GB"},'
            b'"participation": {"isParticipating": true}}, {"marketplace": {"id": "XX"}},'
            b'"junk", {"no": "marketplace"}]}')
    result = parse_participations(HttpResponse(200, {}, body))
    assert [(p.marketplace.code, p.country_code, p.is_participating) for p in result] == [
        ("UK", "GB", True)]


def test_retry_policies():
    transport = RequestsTransport(retries=3, backoff_factor=0.1, backoff_max=1.0)
    get = transport.retry_policy("idempotent")
    assert get.status_forcelist == frozenset({500, 502, 503, 504}) and get.read == 3
    assert "GET" in get.allowed_methods and "POST" not in get.allowed_methods
    once = transport.retry_policy("post_once_sent")
    assert once.read == 0 and "POST" not in once.allowed_methods and once.connect == 3
    again = transport.retry_policy("post_retry_read")
    assert again.read == 3 and "POST" in again.allowed_methods and not again.status_forcelist
    assert [transport.backoff(n) for n in (1, 2, 3, 4, 5)] == [0.1, 0.2, 0.4, 0.8, 1.0]
    assert transport.backoff(1, "0.5") == 0.5 and transport.backoff(1, "60") == 1.0
    transport.close()

"""The sandbox's searchCatalogItems speaks Amazon's protocol: validation, auth, the token
bucket with 429 QuotaExceeded and x-amzn-RateLimit-Limit, pagination, test controls."""

from __future__ import annotations

import requests

from asc_widgets.core.amazon.catalog import CATALOG_PATH
from asc_widgets.sandbox.catalog import catalog_of

US = "ATVPDKIKX0DER"
VALID_UPCS = [f"{n:011d}" for n in range(100000, 100060)]


def with_check(body: str) -> str:
    from stdnum import ean
    return body + ean.calc_check_digit(body)


def search(settings, token, **params):
    query = {"identifiersType": "UPC", "marketplaceIds": US, **params}
    return requests.get(settings.spapi_endpoint("NA") + CATALOG_PATH, params=query,
                        headers={"x-amz-access-token": token}, timeout=5)


def access_token(sandbox_server, amazon_settings, seller="seller@example.com", mp="US"):
    from asc_widgets.core.amazon import exchange_code
    code, _ = sandbox_server.sandbox.grant_code(seller, mp)
    return exchange_code(code, amazon_settings).access_token.reveal()


def test_validation_errors_name_the_parameter(sandbox_server, amazon_settings):
    token = access_token(sandbox_server, amazon_settings)
    codes = [with_check(c) for c in VALID_UPCS[:21]]
    cases = {
        "identifiers: size must be between 1 and 20": {"identifiers": ",".join(codes)},
        "identifiersType: 'GCID'": {"identifiers": codes[0], "identifiersType": "GCID"},
        "Missing required parameter: marketplaceIds": {"identifiers": codes[0],
                                                       "marketplaceIds": ""},
        "only one marketplace": {"identifiers": codes[0],
                                 "marketplaceIds": f"{US},A2EUQ1WTGCTBG2"},
        "pageSize": {"identifiers": codes[0], "pageSize": "21"},
        "includedData": {"identifiers": codes[0], "includedData": "everything"},
    }
    for text, params in cases.items():
        reply = search(amazon_settings, token, **params)
        assert reply.status_code == 400, text
        error = reply.json()["errors"][0]
        assert error["code"] == "InvalidInput" and text in error["message"]
        assert reply.headers["x-amzn-RateLimit-Limit"] == "2"


def test_codes_find_one_several_a_parent_or_no_asin(sandbox_server, amazon_settings):
    catalog_of(sandbox_server.sandbox).set_rate(rate=100, burst=100)
    token = access_token(sandbox_server, amazon_settings)
    kinds = set()
    for start in range(0, 60, 20):
        codes = [with_check(c) for c in VALID_UPCS[start:start + 20]]
        reply = search(amazon_settings, token, identifiers=",".join(codes),
                       includedData="identifiers,summaries,relationships", pageSize="20")
        assert reply.status_code == 200
        for item in reply.json()["items"]:
            [ids] = item["identifiers"]
            kinds.add(ids["identifiers"][0]["identifierType"])
            if item["relationships"][0]["relationships"]:
                kinds.add("parent")
    # UPCs come back as UPC, EAN-13 or GTIN-14 (as Amazon does), and some are parents.
    assert {"UPC", "EAN", "GTIN", "parent"} <= kinds
    search_api = catalog_of(sandbox_server.sandbox)
    fates = [len(search_api.items_for("UPC", with_check(f"{n:011d}"), US))
             for n in range(300000, 300400)]
    assert 0 in fates and 1 in fates and max(fates) >= 2
    assert search_api.items_for("UPC", "036000291453", US) == []  # bad check digit


def test_pagination_and_marketplace_differences(sandbox_server, amazon_settings):
    catalog_of(sandbox_server.sandbox).set_rate(rate=100, burst=100)
    token = access_token(sandbox_server, amazon_settings)
    codes = [with_check(c) for c in VALID_UPCS[:20]]
    first = search(amazon_settings, token, identifiers=",".join(codes), pageSize="5").json()
    assert len(first["items"]) == 5 and first["numberOfResults"] > 5
    second = search(amazon_settings, token, identifiers=",".join(codes), pageSize="5",
                    pageToken=first["pagination"]["nextToken"]).json()
    assert {i["asin"] for i in second["items"]}.isdisjoint({i["asin"] for i in first["items"]})
    api = catalog_of(sandbox_server.sandbox)
    many = [with_check(f"{n:011d}") for n in range(200000, 200400)]
    us = sum(bool(api.items_for("UPC", c, US)) for c in many)
    ca = sum(bool(api.items_for("UPC", c, "A2EUQ1WTGCTBG2")) for c in many)
    assert ca < us


def test_token_bucket_answers_429_quota_exceeded_and_controls_change_it(sandbox_server,
                                                                         amazon_settings):
    token = access_token(sandbox_server, amazon_settings)
    api = catalog_of(sandbox_server.sandbox)
    code = with_check(VALID_UPCS[0])
    statuses = [search(amazon_settings, token, identifiers=code).status_code for _ in range(4)]
    assert statuses[:2] == [200, 200] and 429 in statuses[2:]
    throttled = search(amazon_settings, token, identifiers=code)
    if throttled.status_code == 429:
        assert throttled.json()["errors"][0]["code"] == "QuotaExceeded"
    control = amazon_settings.spapi_endpoint("NA").rsplit("/spapi/", 1)[0] + "/_control/catalog"
    state = requests.post(f"{control}/rate", json={"rate": 0.5, "burst": 1}, timeout=5).json()
    assert (state["rate"], state["burst"]) == (0.5, 1)
    reply = search(amazon_settings, token, identifiers=code)
    assert reply.headers["x-amzn-RateLimit-Limit"] == "0.5"
    requests.post(f"{control}/rate", json={"rate": 100, "burst": 10}, timeout=5)
    requests.post(f"{control}/fail", json={"count": 2, "kind": "server_error"}, timeout=5)
    assert [search(amazon_settings, token, identifiers=code).status_code
            for _ in range(3)] == [500, 500, 200]
    assert api.summary()["throttled"] >= 1
    assert requests.post(f"{control}/rate", json={"rate": -1}, timeout=5).status_code == 400


def test_revoked_or_other_region_tokens_get_403(sandbox_server, amazon_settings):
    token = access_token(sandbox_server, amazon_settings)
    code = with_check(VALID_UPCS[0])
    eu = requests.get(amazon_settings.spapi_endpoint("EU") + CATALOG_PATH, params={
        "identifiers": code, "identifiersType": "UPC", "marketplaceIds": "A1F83G8C2ARO7P"},
        headers={"x-amz-access-token": token}, timeout=5)
    assert eu.status_code == 403 and eu.json()["errors"][0]["code"] == "Unauthorized"
    sandbox_server.sandbox.revoke("seller@example.com")
    assert search(amazon_settings, token, identifiers=code).status_code == 403

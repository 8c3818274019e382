import pytest

from asc_widgets.core.marketplaces import MARKETPLACES, get_marketplace, marketplace_by_id


def test_the_four_supported_marketplaces_with_their_amazon_facts():
    assert list(MARKETPLACES) == ["US", "CA", "MX", "UK"]
    us, uk = MARKETPLACES["US"], MARKETPLACES["UK"]
    assert (us.marketplace_id, us.region, us.currency) == ("ATVPDKIKX0DER", "NA", "USD")
    assert us.spapi_endpoint == "https://sellingpartnerapi-na.amazon.com"
    assert MARKETPLACES["CA"].spapi_endpoint == us.spapi_endpoint
    assert MARKETPLACES["MX"].seller_central_url == "https://sellercentral.amazon.com.mx"
    assert (uk.marketplace_id, uk.region, uk.api_country_code) == ("A1F83G8C2ARO7P", "EU", "GB")
    assert uk.spapi_endpoint == "https://sellingpartnerapi-eu.amazon.com"
    assert all(m.flag and m.label for m in MARKETPLACES.values())


def test_lookup_by_code_and_id():
    assert get_marketplace("gb") is MARKETPLACES["UK"]
    assert get_marketplace(" ca ") is MARKETPLACES["CA"]
    assert marketplace_by_id("A2EUQ1WTGCTBG2").code == "CA"
    assert marketplace_by_id("A1PA6795UKMFR9") is None  # Germany exists but is not supported
    with pytest.raises(KeyError, match="US, CA, MX, UK"):
        get_marketplace("DE")

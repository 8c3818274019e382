from asc_widgets.core.identifiers import ID_TYPES


def test_websites_and_mapping_candidates(catalog):
    assert [w.code for w in catalog.websites()] == ["base", "us_store", "uk_store"]
    candidates = {a.code for a in catalog.mapping_candidates()}
    assert {"sku", "upc", "ean", "isbn", "amazon_asin", "gcid"} <= candidates
    assert "color" not in candidates and "price" not in candidates


def test_products_are_realistic_with_some_missing_and_some_invalid(catalog):
    products = catalog.products(["upc", "ean", "amazon_asin"])
    assert len(products) == 3000 and products["sku"].is_unique
    upc = products["upc"]
    assert 0.02 < upc.isna().mean() < 0.2
    valid = upc.dropna().map(ID_TYPES["UPC"].is_valid)
    assert 0.85 < valid.mean() < 0.99  # some bad check digits, mostly good
    assert upc.dropna().str.startswith("0").any()  # leading zeros kept: text values


def test_chunks_cover_every_product_once(catalog):
    chunks = list(catalog.iter_products(["upc"], chunk_size=700))
    assert [len(c) for c in chunks] == [700, 700, 700, 700, 200]
    assert list(chunks[0].columns) == ["sku", "upc"]


def test_sample_values_and_attributes_without_text_values(catalog):
    assert len(catalog.sample_values("upc", 4)) == 4
    assert catalog.products(["color"])["color"].isna().all()

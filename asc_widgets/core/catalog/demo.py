"""The bundled demo catalog: a few websites and a few thousand products with realistic
identifiers, some missing and some with wrong check digits, generated from a fixed seed."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from asc_widgets.core.catalog.base import Attribute, CatalogSource, Website

if TYPE_CHECKING:
    import pandas as pd

DEMO_WEBSITES = (
    Website(1, "base", "Main Website"),
    Website(2, "us_store", "US Store"),
    Website(3, "uk_store", "UK Store"),
)

DEMO_ATTRIBUTES = (
    Attribute("sku", "SKU", "text", "static", is_user_defined=False),
    Attribute("name", "Product Name", "text", "varchar", is_user_defined=False),
    Attribute("description", "Description", "textarea", "text", is_user_defined=False),
    Attribute("upc", "UPC", "text", "varchar"),
    Attribute("ean", "EAN", "text", "varchar"),
    Attribute("isbn", "ISBN", "text", "varchar"),
    Attribute("amazon_asin", "Amazon ASIN", "text", "varchar"),
    Attribute("gcid", "GCID", "text", "varchar"),
    Attribute("color", "Color", "select", "int"),
    Attribute("amazon_condition", "Amazon Condition", "select", "int"),
    Attribute("price", "Price", "price", "decimal", is_user_defined=False),
)

class DemoCatalog(CatalogSource):
    """The embedded default catalog: no set-up, same interface as the Commerce REST source."""

    def __init__(self, product_count: int = 3000):
        self._count = product_count

    def websites(self) -> list[Website]:
        return list(DEMO_WEBSITES)

    def attributes(self) -> list[Attribute]:
        return list(DEMO_ATTRIBUTES)

    def iter_products(self, attribute_codes: Iterable[str], *, chunk_size: int = 10_000
                      ) -> Iterator[pd.DataFrame]:
        import pandas as pd

        from asc_widgets.core.catalog.demo_data import demo_products

        frame = demo_products(self._count)
        columns = ["sku"] + [c for c in dict.fromkeys(attribute_codes) if c != "sku"]
        for code in columns:
            if code not in frame.columns:
                # Attributes without text values in the demo (select, price) come back empty.
                frame = frame.assign(**{code: pd.Series(pd.NA, index=frame.index, dtype="string")})
        for start in range(0, len(frame), chunk_size):
            yield frame.iloc[start:start + chunk_size][columns].reset_index(drop=True)

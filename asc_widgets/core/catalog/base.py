"""The catalog source interface every implementation (demo, Commerce REST) provides."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads when products are read, not when the app opens
    import pandas as pd

# Attribute inputs that hold free text, so they can carry an identifier with leading zeros.
TEXT_INPUTS = frozenset({"text", "textarea"})


@dataclass(frozen=True)
class Website:
    id: int
    code: str
    name: str

    @property
    def display(self) -> str:
        return f"{self.name} ({self.code})"


@dataclass(frozen=True)
class Attribute:
    code: str
    label: str
    frontend_input: str
    backend_type: str = "varchar"
    is_user_defined: bool = True

    @property
    def is_mapping_candidate(self) -> bool:
        """sku, or a text-type attribute: the only kinds that can hold an Amazon identifier."""
        return self.code == "sku" or self.frontend_input in TEXT_INPUTS


class CatalogSource(ABC):
    """Websites, product attributes and product values of one Commerce installation."""

    @abstractmethod
    def websites(self) -> list[Website]:
        """The installation's websites (never the admin website)."""

    @abstractmethod
    def attributes(self) -> list[Attribute]:
        """Every product attribute, including sku."""

    @abstractmethod
    def iter_products(self, attribute_codes: Iterable[str], *, chunk_size: int = 10_000
                      ) -> Iterator[pd.DataFrame]:
        """Products in chunks: a 'sku' column plus one string column per requested attribute
        (missing values are NA)."""

    def products(self, attribute_codes: Iterable[str]) -> pd.DataFrame:
        import pandas as pd

        codes = list(attribute_codes)
        chunks = list(self.iter_products(codes))
        if not chunks:
            return pd.DataFrame(columns=["sku", *[c for c in codes if c != "sku"]], dtype="string")
        return pd.concat(chunks, ignore_index=True)

    def website(self, code: str) -> Website | None:
        return next((w for w in self.websites() if w.code == code), None)

    def attribute(self, code: str) -> Attribute | None:
        return next((a for a in self.attributes() if a.code == code), None)

    def mapping_candidates(self) -> list[Attribute]:
        return [a for a in self.attributes() if a.is_mapping_candidate]

    def sample_values(self, attribute_code: str, limit: int = 5) -> list[str]:
        """A few non-empty values of an attribute, for showing what a mapping would use."""
        found: list[str] = []
        for chunk in self.iter_products([attribute_code], chunk_size=500):
            for value in chunk[attribute_code].dropna():
                found.append(str(value))
                if len(found) >= limit:
                    return found
        return found

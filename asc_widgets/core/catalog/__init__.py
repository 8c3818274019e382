"""Where the Commerce catalog comes from: the bundled demo catalog or (later) the REST API."""

from asc_widgets.core.catalog.base import Attribute, CatalogSource, Website
from asc_widgets.core.catalog.demo import DemoCatalog

__all__ = ["Attribute", "CatalogSource", "DemoCatalog", "Website"]

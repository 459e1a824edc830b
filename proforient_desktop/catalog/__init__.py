"""The official methodology, kept as data in ``resources/catalog``."""

from proforient_desktop.catalog.findings import CatalogFinding, find_inconsistencies
from proforient_desktop.catalog.loader import load_catalog
from proforient_desktop.catalog.model import (
    Catalog,
    CollectionMethod,
    ConsistencyRule,
    Count,
    Indicator,
    Measure,
    Municipality,
    Role,
)

__all__ = [
    "Catalog", "CatalogFinding", "CollectionMethod", "ConsistencyRule", "Count", "Indicator",
    "Measure", "Municipality", "Role", "find_inconsistencies", "load_catalog",
]

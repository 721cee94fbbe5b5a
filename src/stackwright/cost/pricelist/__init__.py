"""AWS's Price List, read into a stackwright price catalog (`stackwright prices refresh`)."""

from stackwright.cost.pricelist.refresh import (
    Refresh,
    catalog_text,
    refresh_from_api,
    refresh_from_files,
)

__all__ = ["Refresh", "catalog_text", "refresh_from_api", "refresh_from_files"]

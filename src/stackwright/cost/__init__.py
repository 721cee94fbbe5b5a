"""Monthly cost of a Plan from the price catalog shipped in the package."""

from stackwright.cost.catalog import Catalog, default_catalog
from stackwright.cost.engine import cost_plan
from stackwright.cost.model import CostLine, EnvironmentCost, ResourceCost

__all__ = ["Catalog", "CostLine", "EnvironmentCost", "ResourceCost", "cost_plan", "default_catalog"]

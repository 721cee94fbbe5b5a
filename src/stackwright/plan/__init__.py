"""The Plan: typed resources and flows for one environment at one growth phase."""

from stackwright.plan.model import INTERNET, Flow, Plan
from stackwright.plan.phases import PHASES, PhaseProfile
from stackwright.plan.planner import plan_all, plan_environment

__all__ = ["INTERNET", "PHASES", "Flow", "PhaseProfile", "Plan", "plan_all", "plan_environment"]

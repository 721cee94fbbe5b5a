"""Shared by the tests: plan and cost a stack given as text."""

from __future__ import annotations

from stackwright.cost import EnvironmentCost, cost_plan
from stackwright.plan import Plan, plan_environment
from stackwright.stack import load_text

MINIMAL = """\
name: shop
domain: shop.example.com
services:
  web:
    port: 8080
    uses: [postgres, redis]
  worker:
    uses: [postgres]
postgres: {}
redis: {}
"""


def plan_text(text: str, env: str = "prod", phase: int | None = None) -> Plan:
    return plan_environment(load_text(text), env, phase)


def cost_text(
    text: str, env: str = "prod", phase: int | None = None
) -> tuple[Plan, EnvironmentCost]:
    plan = plan_text(text, env, phase)
    return plan, cost_plan(plan)

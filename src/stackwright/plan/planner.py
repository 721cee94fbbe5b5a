"""Stack + environment + phase → Plan. Each step adds one concern's resources."""

from __future__ import annotations

from stackwright.plan.build.compute import add_fargate, add_host, add_repositories
from stackwright.plan.build.context import Context
from stackwright.plan.build.data import add_data
from stackwright.plan.build.edge import add_edge
from stackwright.plan.build.network import add_network
from stackwright.plan.build.operations import add_operations
from stackwright.plan.build.wiring import add_uses
from stackwright.plan.model import Plan, Suppression
from stackwright.plan.phases import resolve
from stackwright.plan.resources import BackupReplication
from stackwright.plan.security import derive_security
from stackwright.plan.state import state_bucket, state_region
from stackwright.stack.load import StackFile


def plan_environment(stack_file: StackFile, environment: str, phase: int | None = None) -> Plan:
    """Plan one environment, at its own phase or at `phase` to preview another."""
    env = stack_file.environments[environment]
    stack = env.stack
    profile = resolve(phase or env.settings.phase, stack.topology)
    first_env = next(iter(stack_file.environments))
    ctx = Context(
        stack=stack,
        environment=environment,
        region=env.region,
        domain=env.domain,
        zone_owner=environment == first_env,
        profile=profile,
        own_domain=env.settings.domain is not None,
    )
    add_network(ctx)
    add_repositories(ctx)
    if ctx.on_host:
        add_host(ctx)
    else:
        add_fargate(ctx)
    add_data(ctx)
    add_edge(ctx)
    add_uses(ctx)
    ctx.resources.extend(derive_security(ctx.resources, ctx.flows))
    add_operations(ctx)
    return Plan(
        stack=stack.name,
        environment=environment,
        phase=profile.number,
        phase_name=profile.name,
        region=env.region,
        resources=tuple(ctx.resources),
        flows=tuple(ctx.flows),
        usage=stack.usage,
        notes=tuple(ctx.notes),
        dr_region=next(
            (r.destination_region for r in ctx.resources if isinstance(r, BackupReplication)), None
        ),
        rto_minutes=stack.dr.rto,
        rpo_minutes=stack.dr.rpo,
        state_bucket=state_bucket(stack),
        state_region=state_region(stack),
        account_id=stack.account_id,
        environments=tuple(stack_file.environments),
        suppressions=tuple(
            Suppression(s.id, s.reason, ("checks", "suppress", index))
            for index, s in enumerate(stack.checks.suppress)
            if s.environments is None or environment in s.environments
        ),
    )


def plan_all(stack_file: StackFile, phase: int | None = None) -> list[Plan]:
    return [plan_environment(stack_file, name, phase) for name in stack_file.environments]

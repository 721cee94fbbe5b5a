"""network.tf: VPC, subnets, routing, NAT, and the security groups and rules from the flows."""

from __future__ import annotations

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.hcl import Raw
from stackwright.plan.resources import (
    NatGateway,
    SecurityGroup,
    SecurityGroupRule,
    Subnet,
    Vpc,
)
from stackwright.plan.security import ANYWHERE

FILE = "network.tf"


def emit(root: Root) -> None:
    plan = root.plan
    vpc = next(plan.of_type(Vpc))
    main = root.resource(FILE, "aws_vpc", "main")
    main.comment(
        "checkov:skip=CKV2_AWS_11:VPC flow logs are billed per GB ingested; "
        "add an aws_flow_log when you need them"
    )
    main.attrs(cidr_block=vpc.cidr, enable_dns_support=True, enable_dns_hostnames=True)
    main.attr("tags", {"Name": root.named("tag", "vpc")})
    root.resource(FILE, "aws_default_security_group", "main").comment(
        "No rules: nothing may use the default security group."
    ).attr("vpc_id", Raw("aws_vpc.main.id"))
    root.resource(FILE, "aws_internet_gateway", "main").attr("vpc_id", Raw("aws_vpc.main.id"))

    subnets = list(plan.of_type(Subnet))
    for subnet in subnets:
        block = root.resource(FILE, "aws_subnet", subnet.name)
        block.attrs(
            vpc_id=Raw("aws_vpc.main.id"),
            cidr_block=subnet.cidr,
            availability_zone=Raw(f"local.azs[{subnet.az_index}]"),
            map_public_ip_on_launch=False,
        )
        block.attr("tags", {"Name": root.named("tag", subnet.name), "tier": subnet.tier})

    public = root.resource(FILE, "aws_route_table", "public")
    public.attr("vpc_id", Raw("aws_vpc.main.id"))
    public.block("route").attrs(cidr_block=ANYWHERE, gateway_id=Raw("aws_internet_gateway.main.id"))
    public.attr("tags", {"Name": root.named("tag", "public")})

    nats = list(plan.of_type(NatGateway))
    for nat in nats:
        eip = root.resource(FILE, "aws_eip", nat.name)
        eip.attr("domain", "vpc").attr("tags", {"Name": root.named("tag", nat.name)})
        gateway = root.resource(FILE, "aws_nat_gateway", nat.name)
        gateway.attrs(
            allocation_id=Raw(f"aws_eip.{label(nat.name)}.id"),
            subnet_id=Raw(f"aws_subnet.public_{nat.az_index + 1}.id"),
        )
        gateway.attr("tags", {"Name": root.named("tag", nat.name)})
        gateway.attr("depends_on", [Raw("aws_internet_gateway.main")])

    private_tables: dict[int, str] = {}
    if any(s.tier == "private" for s in subnets):
        for az in sorted({s.az_index for s in subnets if s.tier == "private"}):
            route_via = next((n for n in nats if n.az_index == az), nats[0] if nats else None)
            private = root.resource(FILE, "aws_route_table", f"private-{az + 1}")
            private.attr("vpc_id", Raw("aws_vpc.main.id"))
            if route_via is not None:
                private.block("route").attrs(
                    cidr_block=ANYWHERE,
                    nat_gateway_id=Raw(f"aws_nat_gateway.{label(route_via.name)}.id"),
                )
            private.attr("tags", {"Name": root.named("tag", f"private-{az + 1}")})
            private_tables[az] = f"private_{az + 1}"
    if any(s.tier == "data" for s in subnets):
        data = root.resource(FILE, "aws_route_table", "data")
        data.comment(
            "No route out: the data tier is not reachable from, nor reaches, the internet."
        )
        data.attr("vpc_id", Raw("aws_vpc.main.id"))
        data.attr("tags", {"Name": root.named("tag", "data")})

    for subnet in subnets:
        table_label = {"public": "public", "data": "data"}.get(subnet.tier) or private_tables[
            subnet.az_index
        ]
        root.resource(FILE, "aws_route_table_association", subnet.name).attrs(
            subnet_id=Raw(f"aws_subnet.{label(subnet.name)}.id"),
            route_table_id=Raw(f"aws_route_table.{table_label}.id"),
        )

    groups = {g.id: g for g in plan.of_type(SecurityGroup)}
    for group in groups.values():
        owner = group.owner.split(".", 1)
        block = root.resource(FILE, "aws_security_group", group.name)
        if group.owner.startswith("scheduled_task."):
            block.comment(
                "checkov:skip=CKV2_AWS_5:attached to the scheduled task's runs by its "
                "EventBridge schedule, which Checkov does not follow"
            )
        block.attrs(
            name_prefix=root.named("aws_security_group", group.name) + "-",
            description=f"{owner[0].replace('_', ' ')} {owner[1]}",
            vpc_id=Raw("aws_vpc.main.id"),
        )
        block.block("lifecycle").attr("create_before_destroy", True)
    for rule in plan.of_type(SecurityGroupRule):
        kind = f"aws_vpc_security_group_{rule.direction}_rule"
        block = root.resource(FILE, kind, rule.name)
        if rule.direction == "ingress" and rule.peer == ANYWHERE and rule.port == 80:
            block.comment(
                "checkov:skip=CKV_AWS_260:port 80 only redirects to HTTPS (and "
                "answers certificate challenges)"
            )
        block.attrs(
            security_group_id=Raw(f"aws_security_group.{label(groups[rule.group].name)}.id"),
            description=_describe(rule),
            ip_protocol=rule.protocol,
            from_port=rule.port,
            to_port=rule.port,
        )
        if rule.peer == ANYWHERE:
            block.attr("cidr_ipv4", ANYWHERE)
        else:
            block.attr(
                "referenced_security_group_id",
                Raw(f"aws_security_group.{label(groups[rule.peer].name)}.id"),
            )


def _describe(rule: SecurityGroupRule) -> str:
    source, _, rest = rule.flow.partition("->")
    return f"{source} to {rest}"[:255]

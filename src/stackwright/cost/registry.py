"""Which pricer prices which resource type. Types absent here cost nothing (VPC, subnets,
security groups, listeners, target groups, DNS records)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stackwright.cost.model import Component
from stackwright.cost.pricers import compute, data, edge, network, operations
from stackwright.plan import resources as r
from stackwright.plan.model import Plan

Pricer = Callable[[Any, Plan], list[Component]]

PRICERS: dict[type[r.Resource], Pricer] = {
    r.EcsCluster: compute.price_ecs_cluster,
    r.EcsService: compute.price_ecs_service,
    r.ScheduledTask: compute.price_scheduled_task,
    r.Ec2Host: compute.price_ec2_host,
    r.NatGateway: network.price_nat_gateway,
    r.PublicIpv4: network.price_public_ipv4,
    r.LoadBalancer: network.price_load_balancer,
    r.DataTransfer: network.price_data_transfer,
    r.ZoneTransfer: network.price_zone_transfer,
    r.Database: data.price_database,
    r.Cache: data.price_cache,
    r.SearchDomain: data.price_search_domain,
    r.Bucket: data.price_bucket,
    r.Queue: data.price_queue,
    r.Secret: data.price_secret,
    r.BackupReplication: data.price_backup_replication,
    r.DnsZone: edge.price_dns_zone,
    r.Certificate: edge.price_certificate,
    r.WebAcl: edge.price_web_acl,
    r.ContainerRepository: operations.price_container_repository,
    r.LogGroup: operations.price_log_group,
    r.Alarm: operations.price_alarm,
    r.Dashboard: operations.price_dashboard,
    r.NotificationTopic: operations.price_notification_topic,
    r.Budget: operations.price_budget,
    r.Tracing: operations.price_tracing,
}

FREE: frozenset[type[r.Resource]] = frozenset(set(r.RESOURCE_TYPES) - set(PRICERS))

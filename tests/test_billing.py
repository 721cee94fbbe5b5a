"""Every resource type the Terraform writes is either priced, by the Plan resource whose pricer
bills it, or free, with the reason. A new type in the Terraform fails here until it is one or
the other."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from stackwright.cost import cost_plan
from stackwright.cost.registry import PRICERS
from stackwright.emit.build import terraform_files
from stackwright.plan import plan_environment
from stackwright.plan import resources as r
from stackwright.stack import load_stack
from tests.conftest import EXAMPLES


@dataclass(frozen=True)
class Billed:
    """The Plan resources whose pricers bill what a Terraform type creates, and the price keys
    (by prefix) of the lines it drives."""

    by: tuple[type[r.Resource], ...]
    key: str


# Terraform type → how it is billed.
PRICED_BY: Mapping[str, Billed] = {
    "aws_acm_certificate": Billed((r.Certificate,), "acm."),
    "aws_appautoscaling_policy": Billed((r.EcsService,), "cloudwatch.alarm."),
    "aws_budgets_budget": Billed((r.Budget,), "budgets."),
    "aws_cloudwatch_dashboard": Billed((r.Dashboard,), "cloudwatch.dashboard."),
    "aws_cloudwatch_log_group": Billed((r.LogGroup,), "cloudwatch.logs."),
    "aws_cloudwatch_metric_alarm": Billed((r.Alarm,), "cloudwatch.alarm."),
    "aws_db_instance": Billed((r.Database,), "rds."),
    "aws_db_instance_automated_backups_replication": Billed((r.BackupReplication,), "rds.backup."),
    "aws_ecr_repository": Billed((r.ContainerRepository,), "ecr."),
    "aws_ecs_cluster": Billed((r.EcsCluster,), "cloudwatch.metric."),  # Container Insights
    "aws_ecs_service": Billed((r.EcsService,), "fargate."),
    "aws_eip": Billed((r.PublicIpv4,), "vpc.public_ipv4."),
    "aws_elasticache_replication_group": Billed((r.Cache,), "elasticache."),
    "aws_instance": Billed((r.Ec2Host,), "ec2."),
    "aws_lb": Billed((r.LoadBalancer,), "elb."),
    "aws_nat_gateway": Billed((r.NatGateway,), "vpc.nat."),
    "aws_opensearch_domain": Billed((r.SearchDomain,), "opensearch."),
    "aws_route53_record": Billed((r.DnsZone,), "route53.queries."),
    "aws_route53_zone": Billed((r.DnsZone,), "route53.zone."),
    "aws_s3_bucket": Billed((r.Bucket,), "s3."),
    "aws_s3_bucket_lifecycle_configuration": Billed((r.Bucket,), "s3.transition."),
    "aws_s3_bucket_versioning": Billed((r.Bucket,), "s3.standard."),  # noncurrent versions
    "aws_scheduler_schedule": Billed((r.ScheduledTask,), "fargate."),  # the runs it starts
    "aws_secretsmanager_secret": Billed(
        (r.Secret, r.Database, r.Cache), "secretsmanager.secret."
    ),  # one for one: tests/test_cost.py
    "aws_sns_topic": Billed((r.NotificationTopic,), "sns.publish."),
    "aws_sns_topic_subscription": Billed((r.NotificationTopic,), "sns.email."),
    "aws_sqs_queue": Billed((r.Queue,), "sqs."),
    "aws_ssm_parameter": Billed((r.Secret,), "ssm."),
    "aws_wafv2_web_acl": Billed((r.WebAcl,), "waf."),
    "aws_xray_sampling_rule": Billed((r.Tracing,), "xray."),
}

# Priced types whose pricer may rightly find nothing to bill: type → when.
MAY_COST_NOTHING: Mapping[str, str] = {
    "aws_ecs_cluster": "without Container Insights a cluster is free",
    "aws_route53_record": "aliases to the load balancer answer free; the zone bills the rest",
    "aws_s3_bucket_lifecycle_configuration": "only a move to Standard-IA is billed; expiry is free",
}

# Terraform type → why AWS bills nothing for it (AWS pricing pages, read 2026-11).
FREE: Mapping[str, str] = {
    "aws_acm_certificate_validation": "a wait for DNS validation, not a resource",
    "aws_appautoscaling_target": "registering a scalable target is free",
    "aws_db_parameter_group": "configuration",
    "aws_db_subnet_group": "configuration",
    "aws_default_security_group": "security groups are free",
    "aws_ecr_lifecycle_policy": "configuration",
    "aws_ecs_task_definition": "Fargate bills the tasks, not their definitions",
    "aws_elasticache_parameter_group": "configuration",
    "aws_elasticache_subnet_group": "configuration",
    "aws_iam_instance_profile": "IAM is free",
    "aws_iam_role": "IAM is free",
    "aws_iam_role_policy": "IAM is free",
    "aws_iam_role_policy_attachment": "IAM is free",
    "aws_iam_service_linked_role": "IAM is free",
    "aws_internet_gateway": "free; data out is priced as transfer",
    "aws_lb_listener": "the load balancer's hours and LCUs carry it",
    "aws_lb_listener_rule": "the load balancer's LCUs carry it",
    "aws_lb_target_group": "the load balancer's hours and LCUs carry it",
    "aws_opensearch_domain_policy": "configuration",
    "aws_route_table": "free",
    "aws_route_table_association": "free",
    "aws_s3_bucket_cors_configuration": "configuration",
    "aws_s3_bucket_ownership_controls": "configuration",
    "aws_s3_bucket_policy": "configuration",
    "aws_s3_bucket_public_access_block": "configuration",
    "aws_s3_bucket_server_side_encryption_configuration": "SSE-S3 is free",
    "aws_secretsmanager_secret_version": "versions are not billed apart from their secret",
    "aws_security_group": "free",
    "aws_service_discovery_http_namespace": "an HTTP namespace is free",
    "aws_sns_topic_policy": "configuration",
    "aws_subnet": "free",
    "aws_vpc": "free",
    "aws_vpc_security_group_egress_rule": "free",
    "aws_vpc_security_group_ingress_rule": "free",
    "aws_wafv2_web_acl_association": "the web ACL carries it",
}

# The bootstrap root's own resources, which no environment's plan holds: address → why they
# are left off the bill.
BOOTSTRAP_UNBILLED: Mapping[str, str] = {
    "aws_s3_bucket.state": "state files of kilobytes: a fraction of a cent a month",
    "aws_s3_bucket_versioning.state": "earlier state files, kept 90 days: kilobytes too",
    "aws_s3_bucket_lifecycle_configuration.state": "it only expires old state files",
}

RESOURCE = re.compile(r'^resource "(?P<type>aws_\w+)" "(?P<name>[\w-]+)"', re.M)


@cache
def roots(example: Path) -> dict[str, list[tuple[str, str]]]:
    """Root name → the (type, name) of each resource its Terraform writes."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path, text in terraform_files(load_stack(example / "stack.yaml")).items():
        if path.endswith(".tf"):
            root = path.split("/")[1]
            found.setdefault(root, []).extend(
                (m["type"], m["name"]) for m in RESOURCE.finditer(text)
            )
    return found


def test_every_type_is_priced_or_free_and_never_both() -> None:
    written = {kind for e in EXAMPLES for rs in roots(e).values() for kind, _ in rs}
    assert sorted(written - PRICED_BY.keys() - FREE.keys()) == []
    assert sorted(PRICED_BY.keys() & FREE.keys()) == []
    assert sorted((PRICED_BY.keys() | FREE.keys()) - written) == [], "no longer written"


def test_every_pricing_resource_has_a_pricer() -> None:
    classes = {c for billed in PRICED_BY.values() for c in billed.by}
    assert sorted(c.__name__ for c in classes - PRICERS.keys()) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_priced_type_is_on_its_environments_bill(example: Path) -> None:
    """Where an environment's Terraform writes a priced type, its plan has a resource of a class
    that prices it, with a line of the price the type drives."""
    stack_file = load_stack(example / "stack.yaml")
    for environment in stack_file.environments:
        plan = plan_environment(stack_file, environment)
        keys = {
            (priced.type, priced.name): {line.price_key for line in priced.lines}
            for priced in cost_plan(plan).resources
        }
        for kind in {kind for kind, _ in roots(example)[environment] if kind in PRICED_BY}:
            billed = PRICED_BY[kind]
            pricing = [res for res in plan.resources if isinstance(res, billed.by)]
            assert pricing, f"{environment}: {kind} is written, and nothing in the plan prices it"
            lines = set().union(*(keys.get((res.type, res.name), set()) for res in pricing))
            if kind not in MAY_COST_NOTHING:
                assert any(key.startswith(billed.key) for key in lines), (environment, kind)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_the_bootstrap_roots_resources_are_billed_in_an_environment(example: Path) -> None:
    stack_file = load_stack(example / "stack.yaml")
    plans = [plan_environment(stack_file, env) for env in stack_file.environments]
    for kind, name in roots(example)["bootstrap"]:
        if kind in FREE or f"{kind}.{name}" in BOOTSTRAP_UNBILLED:
            continue
        assert any(
            isinstance(res, PRICED_BY[kind].by) for plan in plans for res in plan.resources
        ), f"bootstrap {kind}.{name} is billed by no environment"

"""monitoring.tf: log groups, the alerts topic, alarms, dashboards, the budget, tracing."""

from __future__ import annotations

from stackwright.aws.instances import RDS_INSTANCES
from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.hcl import Block, Call, Raw, Value
from stackwright.plan.resources import (
    Alarm,
    Budget,
    Cache,
    Dashboard,
    Database,
    Ec2Host,
    EcsService,
    LogGroup,
    NotificationTopic,
    Queue,
    SearchDomain,
    TargetGroup,
    Tracing,
)

FILE = "monitoring.tf"
GIB = 1024**3
# RDS PostgreSQL's default max_connections: LEAST(DBInstanceClassMemory / 9531392, 5000).
RDS_CONNECTIONS_DIVISOR = 9531392


def emit(root: Root) -> None:
    plan = root.plan
    for group in plan.of_type(LogGroup):
        block = root.resource(FILE, "aws_cloudwatch_log_group", group.name)
        block.comment(
            "checkov:skip=CKV_AWS_158:encrypted with the CloudWatch-managed key; "
            "a customer-managed key is billed per key each month, and the plan has none"
        )
        if group.retention_days and group.retention_days < 365:
            block.comment(
                f"checkov:skip=CKV_AWS_338:the stack keeps logs "
                f"{group.retention_days} days (logs.retention_days)"
            )
        block.attrs(name=group.group_name, retention_in_days=group.retention_days)
    topic = next(plan.of_type(NotificationTopic), None)
    if topic is not None:
        sns = root.resource(FILE, "aws_sns_topic", "alerts")
        sns.comment(
            "checkov:skip=CKV_AWS_26:CloudWatch alarms and AWS Budgets cannot publish "
            "to a topic under the AWS-managed key; alerts carry no secrets"
        )
        sns.attr("name", root.named("aws_sns_topic", "alerts"))
        policy = root.data(FILE, "aws_iam_policy_document", "alerts-publish")
        statement = policy.block("statement")
        statement.attrs(
            sid="AlarmsAndBudgets",
            actions=["sns:Publish"],
            resources=[Raw("aws_sns_topic.alerts.arn")],
        )
        statement.block("principals").attrs(
            type="Service", identifiers=["budgets.amazonaws.com", "cloudwatch.amazonaws.com"]
        )
        statement.block("condition").attrs(
            test="StringEquals",
            variable="aws:SourceAccount",
            values=[Raw("data.aws_caller_identity.current.account_id")],
        )
        root.resource(FILE, "aws_sns_topic_policy", "alerts").attrs(
            arn=Raw("aws_sns_topic.alerts.arn"),
            policy=Raw("data.aws_iam_policy_document.alerts_publish.json"),
        )
        root.output(
            "alerts_topic", Raw("aws_sns_topic.alerts.arn"), "alarms and budget alerts go here"
        )
        if topic.email:
            root.resource(FILE, "aws_sns_topic_subscription", "alerts-email").attrs(
                topic_arn=Raw("aws_sns_topic.alerts.arn"), protocol="email", endpoint=topic.email
            )
    for alarm in plan.of_type(Alarm):
        _alarm(root, alarm)
    for dashboard in plan.of_type(Dashboard):
        _dashboard(root, dashboard)
    budget = next(plan.of_type(Budget), None)
    if budget is not None:
        _budget(root, budget)
    tracing = next(plan.of_type(Tracing), None)
    if tracing is not None:
        root.resource(FILE, "aws_xray_sampling_rule", "main").attrs(
            rule_name=root.named("aws_xray_sampling_rule"),
            priority=1000,
            fixed_rate=tracing.sampling_percent / 100,
            reservoir_size=0,  # else one request a second is traced besides, unpriced
            service_name="*",
            service_type="*",
            host="*",
            http_method="*",
            url_path="*",
            resource_arn="*",
            version=1,
        )


def _dimensions(root: Root, alarm: Alarm) -> dict[str, Raw | str]:
    target = root.get(alarm.target)
    tf = label(target.name)
    if isinstance(target, EcsService):
        return {
            "ClusterName": Raw("aws_ecs_cluster.main.name"),
            "ServiceName": Raw(f"aws_ecs_service.{tf}.name"),
        }
    if isinstance(target, TargetGroup):
        return {
            "TargetGroup": Raw(f"aws_lb_target_group.{tf}.arn_suffix"),
            "LoadBalancer": Raw("aws_lb.main.arn_suffix"),
        }
    if target.TYPE == "load_balancer":
        return {"LoadBalancer": Raw("aws_lb.main.arn_suffix")}
    if isinstance(target, Database):
        return {"DBInstanceIdentifier": Raw("aws_db_instance.main.identifier")}
    if isinstance(target, Cache):
        return {"CacheClusterId": Raw('"${aws_elasticache_replication_group.main.id}-001"')}
    if isinstance(target, Queue):
        suffix = "_dead_letter" if alarm.rule_name == "dead_letters" else ""
        return {"QueueName": Raw(f"aws_sqs_queue.{tf}{suffix}.name")}
    if isinstance(target, Ec2Host):
        dims: dict[str, Raw | str] = {"InstanceId": Raw(f"aws_instance.{tf}.id")}
        if alarm.rule_name == "host_disk":
            dims.update(path="/", fstype="xfs")
        return dims
    if target.TYPE == "search_domain":
        return {
            "DomainName": Raw("aws_opensearch_domain.main.domain_name"),
            "ClientId": Raw("data.aws_caller_identity.current.account_id"),
        }
    raise ValueError(f"no alarm dimensions for {target.id}")


def _threshold(root: Root, alarm: Alarm) -> float | int:
    if alarm.rule_name == "db_free_storage":
        db = root.get(alarm.target)
        assert isinstance(db, Database)
        return round(db.storage_gb * GIB * alarm.threshold / 100)
    if alarm.rule_name == "db_connections":
        db = root.get(alarm.target)
        assert isinstance(db, Database)
        limit = min(RDS_INSTANCES[db.instance].memory_gib * GIB // RDS_CONNECTIONS_DIVISOR, 5000)
        return round(limit * alarm.threshold / 100)
    value = alarm.threshold
    return int(value) if float(value).is_integer() else value


COMPARISONS = {
    ">": "GreaterThanThreshold",
    ">=": "GreaterThanOrEqualToThreshold",
    "<": "LessThanThreshold",
    "<=": "LessThanOrEqualToThreshold",
}


def _alarm(root: Root, alarm: Alarm) -> None:
    rule = alarm.rule
    block = root.resource(FILE, "aws_cloudwatch_metric_alarm", alarm.name)
    block.attrs(
        alarm_name=root.named("aws_cloudwatch_metric_alarm", alarm.name.replace("_", "-")),
        alarm_description=rule.description,
        namespace=rule.namespace,
        metric_name=rule.metric,
    )
    if rule.statistic.startswith("p"):
        block.attr("extended_statistic", rule.statistic)
    else:
        block.attr("statistic", rule.statistic)
    block.attrs(
        comparison_operator=COMPARISONS[rule.comparison],
        threshold=_threshold(root, alarm),
        period=rule.period_seconds,
        evaluation_periods=rule.evaluation_periods,
        treat_missing_data="notBreaching",
    )
    actions = [Raw("aws_sns_topic.alerts.arn")]
    if alarm.rule_name == "host_status":
        actions.append(Raw('"arn:aws:automate:${var.region}:ec2:recover"'))
    block.attrs(alarm_actions=actions, ok_actions=[Raw("aws_sns_topic.alerts.arn")])
    block.attr("dimensions", _dimensions(root, alarm))


def _widget(x: int, title: str, metrics: list[Value]) -> Value:
    return {
        "type": "metric",
        "x": x,
        "y": 0,
        "width": 12,
        "height": 6,
        "properties": {
            "title": title,
            "region": Raw("var.region"),
            "stat": "Average",
            "metrics": metrics,
        },
    }


def _dashboard_widgets(root: Root, dashboard: Dashboard) -> list[Value]:
    plan = root.plan
    if dashboard.name == "database" and next(plan.of_type(Database), None):
        db: list[Value] = ["DBInstanceIdentifier", Raw("aws_db_instance.main.identifier")]
        return [
            _widget(
                0,
                "RDS CPU and connections",
                [["AWS/RDS", "CPUUtilization", *db], ["AWS/RDS", "DatabaseConnections", *db]],
            ),
            _widget(12, "RDS free storage", [["AWS/RDS", "FreeStorageSpace", *db]]),
        ]
    if dashboard.name == "search" and next(plan.of_type(SearchDomain), None):
        domain: list[Value] = [
            "DomainName",
            Raw("aws_opensearch_domain.main.domain_name"),
            "ClientId",
            Raw("data.aws_caller_identity.current.account_id"),
        ]
        return [
            _widget(
                0,
                "Search CPU and JVM memory",
                [["AWS/ES", "CPUUtilization", *domain], ["AWS/ES", "JVMMemoryPressure", *domain]],
            ),
            _widget(12, "Search latency", [["AWS/ES", "SearchLatency", *domain]]),
        ]
    services = [s.name for s in plan.of_type(EcsService)]
    widgets: list[Value] = []
    for i, metric in enumerate(("CPUUtilization", "MemoryUtilization")):
        if services:
            widgets.append(
                _widget(
                    12 * i,
                    f"ECS {metric}",
                    [
                        [
                            "AWS/ECS",
                            metric,
                            "ClusterName",
                            Raw("aws_ecs_cluster.main.name"),
                            "ServiceName",
                            s,
                        ]
                        for s in services
                    ],
                )
            )
    return widgets or [
        {
            "type": "text",
            "x": 0,
            "y": 0,
            "width": 24,
            "height": 2,
            "properties": {"markdown": f"# {dashboard.title}"},
        }
    ]


def _dashboard(root: Root, dashboard: Dashboard) -> None:
    root.resource(FILE, "aws_cloudwatch_dashboard", dashboard.name).attrs(
        dashboard_name=root.named("aws_cloudwatch_dashboard", dashboard.name),
        dashboard_body=Call("jsonencode", {"widgets": _dashboard_widgets(root, dashboard)}),
    )


def _budget(root: Root, budget: Budget) -> None:
    block: Block = root.resource(FILE, "aws_budgets_budget", "monthly")
    block.attrs(
        name=root.named("aws_budgets_budget", "monthly"),
        budget_type="COST",
        limit_amount=f"{budget.monthly_usd:.2f}",
        limit_unit="USD",
        time_unit="MONTHLY",
    )
    block.comment(
        "Counts the costs tagged with this environment: activate the `environment` "
        "cost-allocation tag in Billing once."
    )
    block.block("cost_filter").attrs(
        name="TagKeyValue", values=[f"user:environment${root.plan.environment}"]
    )
    for percent in budget.alerts_percent:
        notification = block.block("notification")
        notification.attrs(
            comparison_operator="GREATER_THAN",
            threshold=percent,
            threshold_type="PERCENTAGE",
            notification_type="ACTUAL",
        )
        if budget.email:
            notification.attr("subscriber_email_addresses", [budget.email])
        notification.attr("subscriber_sns_topic_arns", [Raw("aws_sns_topic.alerts.arn")])
    block.attr("depends_on", [Raw("aws_sns_topic_policy.alerts")])  # Budgets may publish

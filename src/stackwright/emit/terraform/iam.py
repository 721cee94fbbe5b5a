"""iam.tf: one execution role and one task role per service, each allowed only what the plan's
flows need; the scheduler's role; the phase-1 host's instance profile."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.endpoints import connection
from stackwright.emit.terraform.hcl import Block, Raw, Value, interpolate
from stackwright.emit.terraform.secrets import arn as secret_arn
from stackwright.plan.resources import (
    Bucket,
    ContainerRepository,
    Ec2Host,
    EcsService,
    Queue,
    Resource,
    ScheduledTask,
    SearchDomain,
    Secret,
    Tracing,
)

FILE = "iam.tf"
# EventBridge Scheduler's role. Its label holds `__`, which no service's can: a service may
# well be called `scheduler`.
SCHEDULER_ROLE = "eventbridge--scheduler"
EXECUTION_POLICY = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
HOST_POLICIES = ("arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",)
# What the SSM agent needs for Run Command and Session Manager: AmazonSSMManagedInstanceCore
# without its ssm:GetParameter(s) on every parameter in the account (the host reads its own
# secrets through the statements below). None of these can be scoped to a resource.
SSM_AGENT_ACTIONS = [
    "ssm:UpdateInstanceInformation",
    "ssm:ListInstanceAssociations",
    "ssm:DescribeInstanceProperties",
    "ssm:DescribeDocumentParameters",
    "ssm:GetDocument",
    "ssm:PutInventory",
    "ssm:PutComplianceItems",
    "ssm:UpdateInstanceAssociationStatus",
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
    "ec2messages:AcknowledgeMessage",
    "ec2messages:DeleteMessage",
    "ec2messages:FailMessage",
    "ec2messages:GetEndpoint",
    "ec2messages:GetMessages",
    "ec2messages:SendReply",
]
IMAGE_PULL_ACTIONS = [
    "ecr:BatchCheckLayerAvailability",
    "ecr:BatchGetImage",
    "ecr:GetDownloadUrlForLayer",
]
QUEUE_ACTIONS = [
    "sqs:SendMessage",
    "sqs:ReceiveMessage",
    "sqs:DeleteMessage",
    "sqs:ChangeMessageVisibility",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
]


def _assume(root: Root, name: str, service: str) -> str:
    doc = root.data(FILE, "aws_iam_policy_document", f"{name}-assume")
    statement = doc.block("statement")
    statement.attr("actions", ["sts:AssumeRole"])
    statement.block("principals").attrs(type="Service", identifiers=[service])
    return f"data.aws_iam_policy_document.{label(name)}_assume.json"


def _role(root: Root, name: str, service: str) -> str:
    root.resource(FILE, "aws_iam_role", name).attrs(
        name=root.named("aws_iam_role", name), assume_role_policy=Raw(_assume(root, name, service))
    )
    return f"aws_iam_role.{label(name)}"


def _statement(doc: Block, sid: str, actions: list[str], resources: Sequence[Value]) -> None:
    statement = doc.block("statement")
    statement.attrs(sid=sid, actions=actions, resources=resources)


def _access(root: Root, role: str, name: str, targets: Iterable[Resource], tracing: bool) -> None:
    """An inline policy for what `targets` the role's owner uses; nothing if none."""
    buckets = [t for t in targets if isinstance(t, Bucket)]
    queues = [t for t in targets if isinstance(t, Queue)]
    search = [t for t in targets if isinstance(t, SearchDomain)]
    if not (buckets or queues or search or tracing):
        return
    doc = root.data(FILE, "aws_iam_policy_document", f"{name}-access")
    for bucket in buckets:
        tf = label(bucket.name)
        _statement(
            doc,
            f"Objects{tf.title().replace('_', '')}",
            ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            [interpolate(Raw(f"aws_s3_bucket.{tf}.arn"), "/*")],
        )
        _statement(
            doc,
            f"List{tf.title().replace('_', '')}",
            ["s3:ListBucket"],
            [Raw(f"aws_s3_bucket.{tf}.arn")],
        )
    for queue in queues:
        tf = label(queue.name)
        _statement(
            doc,
            f"Queue{tf.title().replace('_', '')}",
            QUEUE_ACTIONS,
            [Raw(f"aws_sqs_queue.{tf}.arn")],
        )
    if search:
        _statement(
            doc,
            "Search",
            ["es:ESHttpGet", "es:ESHttpHead", "es:ESHttpPost", "es:ESHttpPut", "es:ESHttpDelete"],
            [interpolate(Raw("aws_opensearch_domain.main.arn"), "/*")],
        )
    if tracing:
        doc.comment("X-Ray's write actions cannot be scoped to a resource.")
        _statement(
            doc, "Tracing", ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], [Raw('"*"')]
        )
    root.resource(FILE, "aws_iam_role_policy", f"{name}-access").attrs(
        name="access",
        role=Raw(f"{role}.id"),
        policy=Raw(f"data.aws_iam_policy_document.{label(name)}_access.json"),
    )


def _secret_reader(
    root: Root, role: str, name: str, targets: list[Resource], parameter_action: str
) -> None:
    """Read access to exactly the secrets the role's owner is given: the stack's own, and the
    generated database password and cache token when it uses those stores. ECS reads
    parameters with ssm:GetParameters, the host's script with ssm:GetParameter."""
    secrets = [t for t in targets if isinstance(t, Secret)]
    ssm = [secret_arn(s) for s in secrets if s.store == "parameter-store"]
    managed = [secret_arn(s) for s in secrets if s.store == "secrets-manager"]
    managed += connection(root, targets).secrets.values()
    if not (ssm or managed):
        return
    doc = root.data(FILE, "aws_iam_policy_document", f"{name}-secrets")
    if ssm:
        _statement(doc, "Parameters", [parameter_action], ssm)
    if managed:
        _statement(doc, "Secrets", ["secretsmanager:GetSecretValue"], managed)
    root.resource(FILE, "aws_iam_role_policy", f"{name}-secrets").attrs(
        name="secrets",
        role=Raw(f"{role}.id"),
        policy=Raw(f"data.aws_iam_policy_document.{label(name)}_secrets.json"),
    )


def emit(root: Root) -> None:
    plan = root.plan
    root.data(FILE, "aws_caller_identity", "current")
    tracing = next(plan.of_type(Tracing), None) is not None
    tasks: list[EcsService | ScheduledTask] = [
        *plan.of_type(EcsService),
        *(t for t in plan.of_type(ScheduledTask) if t.runs_in is None),  # others: the worker's
    ]
    for task in tasks:
        targets = root.used_by(task)
        execution = _role(root, f"{task.name}-execution", "ecs-tasks.amazonaws.com")
        root.resource(FILE, "aws_iam_role_policy_attachment", f"{task.name}-execution").attrs(
            role=Raw(f"{execution}.name"), policy_arn=EXECUTION_POLICY
        )
        _secret_reader(root, execution, f"{task.name}-execution", targets, "ssm:GetParameters")
        role = _role(root, f"{task.name}-task", "ecs-tasks.amazonaws.com")
        _access(root, role, f"{task.name}-task", targets, tracing)
    scheduled = list(plan.of_type(ScheduledTask))
    if scheduled:
        role = _role(root, SCHEDULER_ROLE, "scheduler.amazonaws.com")
        doc = root.data(FILE, "aws_iam_policy_document", f"{SCHEDULER_ROLE}-run")
        _statement(
            doc,
            "RunTasks",
            ["ecs:RunTask"],
            [
                Raw(f"aws_ecs_task_definition.{label(t.name)}.arn_without_revision")
                for t in scheduled
            ],
        )
        runners = dict.fromkeys(label(root.runs_as(t).name) for t in scheduled)
        roles = [
            Raw(f"aws_iam_role.{runner}_{kind}.arn")
            for runner in runners
            for kind in ("execution", "task")
        ]
        _statement(doc, "PassTaskRoles", ["iam:PassRole"], roles)
        root.resource(FILE, "aws_iam_role_policy", f"{SCHEDULER_ROLE}-run").attrs(
            name="run-tasks",
            role=Raw(f"{role}.id"),
            policy=Raw(f"data.aws_iam_policy_document.{label(SCHEDULER_ROLE)}_run.json"),
        )
    host = next(plan.of_type(Ec2Host), None)
    if host is not None:
        role = _role(root, "host", "ec2.amazonaws.com")
        for i, policy in enumerate(HOST_POLICIES, start=1):
            root.resource(FILE, "aws_iam_role_policy_attachment", f"host-{i}").attrs(
                role=Raw(f"{role}.name"), policy_arn=policy
            )
        _host_agent(root, role)
        targets = root.used_by(host)
        _secret_reader(root, role, "host", targets, "ssm:GetParameter")
        _access(root, role, "host", targets, False)
        root.resource(FILE, "aws_iam_instance_profile", "host").attrs(
            name=root.named("aws_iam_instance_profile", "host"), role=Raw(f"{role}.name")
        )


def _host_agent(root: Root, role: str) -> None:
    """The SSM agent's channel, and pulls from this stack's image repositories only."""
    doc = root.data(FILE, "aws_iam_policy_document", "host-agent")
    doc.comment(
        "checkov:skip=CKV_AWS_111:the SSM agent's channel actions take no resource; "
        "the image pulls below are scoped to this stack's repositories"
    )
    doc.comment(
        "checkov:skip=CKV_AWS_356:the SSM agent's channel and the ECR login take no "
        "resource; AmazonSSMManagedInstanceCore grants the same on *, and more"
    )
    _statement(doc, "SessionsAndCommands", SSM_AGENT_ACTIONS, [Raw('"*"')])
    repositories = [
        Raw(f"aws_ecr_repository.{label(r.name)}.arn")
        for r in root.plan.of_type(ContainerRepository)
    ]
    if repositories:
        _statement(doc, "RegistryLogin", ["ecr:GetAuthorizationToken"], [Raw('"*"')])
        _statement(doc, "PullImages", IMAGE_PULL_ACTIONS, repositories)
    root.resource(FILE, "aws_iam_role_policy", "host-agent").attrs(
        name="agent",
        role=Raw(f"{role}.id"),
        policy=Raw("data.aws_iam_policy_document.host_agent.json"),
    )

"""compute.tf: image repositories, then either the ECS cluster with task definitions, services,
autoscaling and schedules, or the phase-1 EC2 host running Docker Compose (ec2_host.py)."""

from __future__ import annotations

from stackwright.emit.terraform import ec2_host
from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.endpoints import connection
from stackwright.emit.terraform.hcl import Block, Call, Interpolation, Raw, Value, interpolate
from stackwright.emit.terraform.iam import SCHEDULER_ROLE
from stackwright.emit.terraform.phase_choice import why_off
from stackwright.emit.terraform.secrets import arn as secret_arn
from stackwright.plan.resources import (
    ContainerRepository,
    Ec2Host,
    EcsCluster,
    EcsService,
    Listener,
    LogGroup,
    ScheduledTask,
    Secret,
    TargetGroup,
    Tracing,
)
from stackwright.stack.schedule import parse_schedule
from stackwright.stack.text import env_variable

FILE = "compute.tf"
KEEP_IMAGES_POLICY = """jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "keep the last {keep} images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = {keep}
        }
        action = {
          type = "expire"
        }
      },
    ]
  })"""


def emit(root: Root) -> None:
    for repository in root.plan.of_type(ContainerRepository):
        _repository(root, repository)
    cluster = next(root.plan.of_type(EcsCluster), None)
    if cluster is not None:
        _cluster(root, cluster)
    host = next(root.plan.of_type(Ec2Host), None)
    if host is not None:
        ec2_host.emit(root, host)


def image_ref(root: Root, image: str) -> Interpolation | str:
    """An image this stack builds (its ECR repository at the deployed tag), or one it pulls
    as written (a literal string)."""
    repositories = {r.name for r in root.plan.of_type(ContainerRepository)}
    if image in repositories:
        return interpolate(
            Raw(f"aws_ecr_repository.{label(image)}.repository_url"), ":", Raw("var.image_tag")
        )
    return image


def _repository(root: Root, repository: ContainerRepository) -> None:
    tf = label(repository.name)
    block = root.resource(FILE, "aws_ecr_repository", repository.name)
    block.attrs(
        name=repository.repository, image_tag_mutability="IMMUTABLE", force_delete=not root.prod
    )
    block.block("image_scanning_configuration").attr("scan_on_push", repository.scan_on_push)
    block.block("encryption_configuration").attr("encryption_type", "KMS")
    root.resource(FILE, "aws_ecr_lifecycle_policy", repository.name).attrs(
        repository=Raw(f"aws_ecr_repository.{tf}.name"),
        policy=Raw(KEEP_IMAGES_POLICY.replace("{keep}", str(repository.keep_last))),
    )
    root.output(
        f"repository_{tf}",
        Raw(f"aws_ecr_repository.{tf}.repository_url"),
        f"push the {repository.name} image here",
    )


def _log_group(root: Root, name: str) -> str:
    return f"aws_cloudwatch_log_group.{label(name)}.name"


# Runs a worker's frequent jobs beside its own process, with nothing but sh from the image.
# The worker's command and each job's command arrive as arguments: no stack text is in here.
JOB_RUNNER = (
    'main=$1; shift; while [ "$#" -ge 2 ]; do period=$1; job=$2; shift 2; '
    '(while sleep "$period"; do sh -c "$job" || echo "job failed ($?): $job" >&2; done) & '
    'done; exec sh -c "$main"'
)


def _command(task: EcsService | ScheduledTask) -> list[Value] | None:
    if isinstance(task, EcsService) and task.jobs:
        assert task.command is not None  # the stack requires one beside in-worker jobs
        runs: list[Value] = []
        for job in task.jobs:
            period = parse_schedule(job.schedule).period_seconds
            runs += [str(period), job.command or ""]
        return ["sh", "-c", JOB_RUNNER, "job-runner", task.command, *runs]
    if task.command:
        return ["sh", "-c", task.command]
    return None


def _container(root: Root, task: EcsService | ScheduledTask) -> dict[str, Value]:
    runs_as = root.runs_as(task)
    used = root.used_by(runs_as)
    secrets = [t for t in used if isinstance(t, Secret)]
    wiring = connection(root, used)
    container: dict[str, Value] = {
        "name": task.name,
        "image": image_ref(root, task.image),
        "essential": True,
        "readonlyRootFilesystem": False,
    }
    command = _command(task)
    if command:
        container["command"] = command
    if isinstance(task, EcsService) and task.port:
        container["portMappings"] = [
            {"name": "http", "containerPort": task.port, "protocol": "tcp", "appProtocol": "http"}
        ]
    environment: list[tuple[str, Raw | str]] = [
        *(runs_as.environment if isinstance(runs_as, EcsService) else ()),
        *wiring.settings.items(),
    ]
    if environment:
        container["environment"] = [{"name": k, "value": v} for k, v in sorted(environment)]
    injected = {env_variable(s.name): secret_arn(s) for s in secrets} | wiring.secrets
    if injected:
        container["secrets"] = [{"name": k, "valueFrom": v} for k, v in sorted(injected.items())]
    container["logConfiguration"] = {
        "logDriver": "awslogs",
        "options": {
            "awslogs-group": Raw(_log_group(root, runs_as.name)),
            "awslogs-region": Raw("var.region"),
            "awslogs-stream-prefix": task.name,
        },
    }
    if isinstance(task, EcsService) and task.health_command:
        container["healthCheck"] = {
            "command": ["CMD-SHELL", task.health_command],
            "interval": 30,
            "timeout": 5,
            "retries": 3,
            "startPeriod": 60,
        }
    return container


XRAY_DAEMON_IMAGE = "public.ecr.aws/xray/aws-xray-daemon:3.3.14"


def _tracing_daemon(root: Root, task: EcsService | ScheduledTask) -> dict[str, Value]:
    """The X-Ray daemon beside the app: it takes traces on UDP 2000 and sends them on."""
    return {
        "name": "xray-daemon",
        "image": XRAY_DAEMON_IMAGE,
        "essential": False,
        "cpu": 32,
        "memoryReservation": 64,
        "readonlyRootFilesystem": False,
        "portMappings": [{"containerPort": 2000, "protocol": "udp"}],
        "logConfiguration": {
            "logDriver": "awslogs",
            "options": {
                "awslogs-group": Raw(_log_group(root, root.runs_as(task).name)),
                "awslogs-region": Raw("var.region"),
                "awslogs-stream-prefix": "xray",
            },
        },
    }


def _calls(root: Root) -> tuple[set[str], set[str]]:
    """Services called by other services, and services that call them (Service Connect)."""
    services = {s.id for s in root.plan.of_type(EcsService)}
    called = {f.target for f in root.plan.flows if f.target in services and f.source in services}
    callers = {f.source for f in root.plan.flows if f.target in called and f.source in services}
    return called, callers


def _task_definition(root: Root, task: EcsService | ScheduledTask) -> None:
    roles = label(root.runs_as(task).name)
    block = root.resource(FILE, "aws_ecs_task_definition", task.name)
    block.comment(
        "checkov:skip=CKV_AWS_336:most application images write to their own "
        "filesystem; set readonlyRootFilesystem once yours does not"
    )
    block.attrs(
        family=root.named("aws_ecs_task_definition", task.name),
        requires_compatibilities=["FARGATE"],
        network_mode="awsvpc",
        cpu=str(task.cpu),
        memory=str(task.memory),
        execution_role_arn=Raw(f"aws_iam_role.{roles}_execution.arn"),
        task_role_arn=Raw(f"aws_iam_role.{roles}_task.arn"),
    )
    if task.ephemeral_gb is not None:
        block.block("ephemeral_storage").attr("size_in_gib", task.ephemeral_gb)
    block.block("runtime_platform").attrs(
        operating_system_family="LINUX",
        cpu_architecture="ARM64" if task.architecture == "arm64" else "X86_64",
    )
    containers: list[Value] = [_container(root, task)]
    if next(root.plan.of_type(Tracing), None) is not None:
        containers.append(_tracing_daemon(root, task))
    block.attr("container_definitions", Call("jsonencode", containers))


def _network(block: Block, root: Root, task: EcsService | ScheduledTask, public: bool) -> None:
    block.attrs(
        subnets=root.subnet_ids("public" if public else "private"),
        security_groups=[Raw(root.group_of(root.runs_as(task)))],
        assign_public_ip=public,
    )


def _cluster(root: Root, cluster: EcsCluster) -> None:
    block = root.resource(FILE, "aws_ecs_cluster", "main")
    if not cluster.container_insights:
        block.comment(
            "checkov:skip=CKV_AWS_65:"
            + why_off(
                root.plan,
                "container_insights",
                "Container Insights (billed per metric, per service)",
                "topology.container_insights",
            )
        )
    block.attr("name", root.prefix)
    block.block("setting").attrs(
        name="containerInsights", value="enabled" if cluster.container_insights else "disabled"
    )
    for group in root.plan.of_type(LogGroup):  # before Container Insights makes its own
        if group.written_by == "container-insights":
            block.attr("depends_on", [Raw(f"aws_cloudwatch_log_group.{label(group.name)}")])
    root.output("cluster_name", Raw("aws_ecs_cluster.main.name"), "the ECS cluster")
    called, callers = _calls(root)
    if called:
        root.resource(FILE, "aws_service_discovery_http_namespace", "main").attrs(
            name=root.prefix,
            description="services find each other by name through ECS Service Connect",
        )
        block.block("service_connect_defaults").attr(
            "namespace", Raw("aws_service_discovery_http_namespace.main.arn")
        )
    groups = {g.service: g for g in root.plan.of_type(TargetGroup)}
    for service in root.plan.of_type(EcsService):
        _task_definition(root, service)
        _service(root, service, groups.get(service.name), called, callers)
    for task in root.plan.of_type(ScheduledTask):
        _task_definition(root, task)
        _schedule(root, task)


def _service(
    root: Root, service: EcsService, group: TargetGroup | None, called: set[str], callers: set[str]
) -> None:
    tf = label(service.name)
    block = root.resource(FILE, "aws_ecs_service", service.name)
    if service.public_ip:
        block.comment(
            "checkov:skip=CKV_AWS_333:the stack pins tasks to public subnets without "
            "NAT (topology.task_subnets: public) to save the NAT gateway's cost"
        )
    block.attrs(
        name=service.name,
        cluster=Raw("aws_ecs_cluster.main.id"),
        task_definition=Raw(f"aws_ecs_task_definition.{tf}.arn"),
        desired_count=service.desired,
        launch_type="FARGATE",
        propagate_tags="SERVICE",
        enable_ecs_managed_tags=True,
        health_check_grace_period_seconds=60 if group else None,
    )
    if service.singleton:
        block.comment("A singleton: a deploy stops the old task before it starts the new one.")
        block.attrs(deployment_minimum_healthy_percent=0, deployment_maximum_percent=100)
    _network(block.block("network_configuration"), root, service, service.public_ip)
    breaker = block.block("deployment_circuit_breaker")
    breaker.attrs(enable=True, rollback=True)
    if service.id in called | callers:
        connect = block.block("service_connect_configuration")
        connect.attrs(enabled=True, namespace=Raw("aws_service_discovery_http_namespace.main.arn"))
        if service.id in called and service.port:
            server = connect.block("service")
            server.attrs(port_name="http", discovery_name=service.name)
            server.block("client_alias").attrs(port=service.port, dns_name=service.name)
    if group is not None:
        balancer = block.block("load_balancer")
        balancer.attrs(
            target_group_arn=Raw(f"aws_lb_target_group.{label(group.name)}.arn"),
            container_name=service.name,
            container_port=group.port,
        )
        listeners = {listener.name for listener in root.plan.of_type(Listener)}
        listener = "https" if "https" in listeners else "http"
        block.attr("depends_on", [Raw(f"aws_lb_listener.{listener}")])
    if service.cpu_target is not None:
        block.block("lifecycle").attr("ignore_changes", [Raw("desired_count")])
        target = root.resource(FILE, "aws_appautoscaling_target", service.name)
        target.attrs(
            service_namespace="ecs",
            scalable_dimension="ecs:service:DesiredCount",
            resource_id=interpolate(
                "service/",
                Raw("aws_ecs_cluster.main.name"),
                "/",
                Raw(f"aws_ecs_service.{tf}.name"),
            ),
            min_capacity=service.min_tasks,
            max_capacity=service.max_tasks,
        )
        policy = root.resource(FILE, "aws_appautoscaling_policy", service.name)
        policy.attrs(
            name=root.named("aws_appautoscaling_policy", service.name, "cpu"),
            policy_type="TargetTrackingScaling",
            service_namespace=Raw(f"aws_appautoscaling_target.{tf}.service_namespace"),
            scalable_dimension=Raw(f"aws_appautoscaling_target.{tf}.scalable_dimension"),
            resource_id=Raw(f"aws_appautoscaling_target.{tf}.resource_id"),
        )
        tracking = policy.block("target_tracking_scaling_policy_configuration")
        tracking.attrs(
            target_value=service.cpu_target, scale_in_cooldown=300, scale_out_cooldown=60
        )
        tracking.block("predefined_metric_specification").attr(
            "predefined_metric_type", "ECSServiceAverageCPUUtilization"
        )


def _schedule(root: Root, task: ScheduledTask) -> None:
    tf = label(task.name)
    block = root.resource(FILE, "aws_scheduler_schedule", task.name)
    block.comment(
        "checkov:skip=CKV_AWS_297:the schedule holds no secret; "
        "a customer-managed key is billed per key each month, and the plan has none"
    )
    block.attrs(
        name=root.named("aws_scheduler_schedule", task.name),
        schedule_expression=task.schedule,
        schedule_expression_timezone="UTC",
    )
    block.block("flexible_time_window").attr("mode", "OFF")
    target = block.block("target")
    target.attrs(
        arn=Raw("aws_ecs_cluster.main.arn"),
        role_arn=Raw(f"aws_iam_role.{label(SCHEDULER_ROLE)}.arn"),
    )
    ecs = target.block("ecs_parameters")
    ecs.attrs(
        task_definition_arn=Raw(f"aws_ecs_task_definition.{tf}.arn_without_revision"),
        launch_type="FARGATE",
    )
    public_tasks = any(s.public_ip for s in root.plan.of_type(EcsService))
    _network(ecs.block("network_configuration"), root, task, public_tasks)

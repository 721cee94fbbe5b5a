"""Where the services run: ECS Fargate (phase 2+) or one Docker Compose host (phase 1)."""

from __future__ import annotations

import math
from dataclasses import replace

from stackwright.aws.instances import EC2_HOST_LADDER, EC2_INSTANCES
from stackwright.plan.build.context import Context
from stackwright.plan.resources import (
    Container,
    ContainerRepository,
    Ec2Host,
    EcsCluster,
    EcsService,
    JobSpec,
    LogGroup,
    PublicIpv4,
    ScheduledTask,
)
from stackwright.stack.model import Service
from stackwright.stack.schedule import MINUTES_PER_MONTH

PROXY_CPUS, PROXY_MEMORY_MB = 0.25, 256  # nginx in front of the app on the phase-1 host
CACHE_CPUS, CACHE_OVERHEAD_MB = 0.15, 128  # Redis container: maxmemory plus its own overhead
HOST_HEADROOM_MB = 1024  # OS, Docker and the CloudWatch agent beside the containers


def is_external_image(image: str) -> bool:
    return "/" in image or ":" in image


def image_of(name: str, service: Service) -> str:
    return service.image or name


def add_repositories(ctx: Context) -> None:
    first_user: dict[str, str] = {}  # image → the first service that runs it
    for name, service in ctx.stack.services.items():
        if not is_external_image(image := image_of(name, service)):
            first_user.setdefault(image, name)
    for image in sorted(first_user):
        ctx.add(
            ContainerRepository(
                name=image,
                repository=f"{ctx.prefix}/{image}",
                origin=("services", first_user[image]),
            )
        )


def job_name(service: str, job: str) -> str:
    """A worker's job's name: `--` between the two, which no stack name holds."""
    return f"{service}--{job}"


def _jobs(name: str, service: Service, in_worker: bool | None = None) -> tuple[JobSpec, ...]:
    """The worker's `jobs:` (only those its own runner takes, or only the others, or all)."""
    return tuple(
        JobSpec(
            name=job_name(name, j.name), service=name, schedule=j.schedule.text, command=j.command
        )
        for j in service.jobs
        if in_worker is None or j.schedule.in_worker == in_worker
    )


def _worker_schedules(ctx: Context, name: str, service: Service) -> None:
    """A worker's jobs that EventBridge can time: each a run of the worker's own task."""
    for index, job in enumerate(service.jobs):
        if job.schedule.in_worker:
            continue
        ctx.add(
            ScheduledTask(
                name=job_name(name, job.name),
                image=image_of(name, service),
                command=job.command,
                schedule=job.schedule.eventbridge,
                runs_per_month=job.schedule.runs_per_month,
                run_minutes=job.run_minutes,
                cpu=service.cpu,
                memory=service.memory,
                architecture=service.architecture,
                ephemeral_gb=service.ephemeral_storage_gb,
                secrets=_secrets(ctx, service),
                runs_in=name,
                origin=("services", name, "jobs", index),
            )
        )


def _secrets(ctx: Context, service: Service) -> tuple[str, ...]:
    return tuple(sorted(t for t in service.uses if t in ctx.stack.secrets))


def add_fargate(ctx: Context) -> None:
    stack = ctx.stack
    cluster = ctx.add(
        EcsCluster(
            name="main",
            cluster_name=ctx.prefix,
            container_insights=ctx.profile.container_insights,
            origin=("topology", "compute"),
        )
    )
    if cluster.container_insights:
        ctx.add(
            LogGroup(
                name="container-insights",
                group_name=cluster.performance_log_group,
                retention_days=stack.logs.retention_days,
                written_by="container-insights",
                origin=("topology", "container_insights"),
            )
        )
    public = ctx.profile.task_subnets == "public"
    task_weights: dict[str, float] = {}  # how much each service logs, relative to the others
    for name, service in stack.services.items():
        kind = service.resolved_kind
        image = image_of(name, service)
        if kind == "job":
            assert service.schedule is not None
            task = ctx.add(
                ScheduledTask(
                    name=name,
                    image=image,
                    command=service.command,
                    schedule=service.schedule.eventbridge,
                    runs_per_month=service.schedule.runs_per_month,
                    run_minutes=service.run_minutes,
                    cpu=service.cpu,
                    memory=service.memory,
                    architecture=service.architecture,
                    ephemeral_gb=service.ephemeral_storage_gb,
                    secrets=_secrets(ctx, service),
                    origin=("services", name),
                )
            )
            ctx.endpoints[name] = task.id
            task_weights[name] = max(
                task.runs_per_month * task.run_minutes / MINUTES_PER_MONTH, 0.01
            )
            continue
        desired, low, high, target = _task_counts(ctx, name, service)
        ecs = ctx.add(
            EcsService(
                name=name,
                kind=kind,
                image=image,
                command=service.command,
                cpu=service.cpu,
                memory=service.memory,
                architecture=service.architecture,
                ephemeral_gb=service.ephemeral_storage_gb,
                desired=desired,
                min_tasks=low,
                max_tasks=high,
                cpu_target=target,
                port=service.port,
                health_check=service.health_check or ("/health" if kind == "web" else None),
                health_command=service.health_command,
                subnet_tier="public" if public else "private",
                public_ip=public,
                secrets=_secrets(ctx, service),
                environment=tuple(sorted(service.environment.items())),
                jobs=_jobs(name, service, in_worker=True),
                singleton=service.is_singleton,
                origin=("services", name),
            )
        )
        ctx.endpoints[name] = ecs.id
        _worker_schedules(ctx, name, service)
        task_weights[name] = max(desired, 1)
        if public and desired:
            ctx.add(
                PublicIpv4(
                    name=name,
                    owner=ecs.id,
                    count=desired,
                    why="tasks in public subnets get a public IP each",
                    origin=("topology", "task_subnets"),
                )
            )
    total = math.fsum(task_weights.values())
    for name, weight in task_weights.items():
        ctx.add(
            LogGroup(
                name=name,
                group_name=f"/ecs/{ctx.prefix}/{name}",
                retention_days=stack.logs.retention_days,
                share_of_logs=weight / total,
                origin=("services", name),
            )
        )


def _task_counts(ctx: Context, name: str, service: Service) -> tuple[int, int, int, int | None]:
    """Desired, minimum and maximum tasks, and the CPU target (None: no autoscaling)."""
    profile = ctx.profile
    desired = service.count if service.count is not None else 1
    if service.is_singleton:
        if desired < profile.min_tasks or profile.autoscaling:
            why = "it runs scheduled jobs" if service.jobs else "it is a singleton"
            ctx.notes.append(
                f"{name} keeps 1 task in phase {ctx.phase}: {why}, and a second task "
                "would do its work twice"
            )
        return desired, desired, desired, None
    if service.jobs and desired > 1:
        ctx.notes.append(
            f"{name} runs scheduled jobs itself, so it keeps {desired} tasks "
            "only because the stack asks for it: each task runs every job"
        )
    elif not service.jobs:
        desired = max(desired, profile.min_tasks)
    if service.autoscaling is not None:  # the stack's own bounds win over the phase's
        low, high = service.autoscaling.min, service.autoscaling.max
        return min(max(desired, low), high), low, high, service.autoscaling.cpu_target
    if profile.autoscaling and not service.jobs:
        return desired, desired, max(desired * 5, desired + 1), 70
    return desired, desired, desired, None


def add_host(ctx: Context) -> None:
    stack, profile = ctx.stack, ctx.profile
    containers: list[Container] = []
    jobs: list[JobSpec] = []
    if any(s.resolved_kind == "web" for s in stack.services.values()):
        containers.append(
            Container(
                name="nginx",
                image="nginx:alpine",
                cpus=PROXY_CPUS,
                memory_mb=PROXY_MEMORY_MB,
                ports=(80, 443),
                role="proxy",
            )
        )
    for name, service in stack.services.items():
        if service.resolved_kind == "job":
            assert service.schedule is not None
            jobs.append(
                JobSpec(name=name, service=name, schedule=service.schedule.text, command=None)
            )
        container = Container(
            name=name,
            image=image_of(name, service),
            cpus=service.cpu / 1024,
            memory_mb=service.memory,
            replicas=(service.count if service.count is not None else 1)
            if service.resolved_kind != "job"
            else 0,
            ports=(service.port,) if service.port else (),
            command=service.command,
            secrets=_secrets(ctx, service),
            uses_database="postgres" in service.uses,
            environment=tuple(sorted(service.environment.items())),
            role="job" if service.resolved_kind == "job" else "service",
            web=service.resolved_kind == "web",
            route=service.path,
            host=service.host,
        )
        containers.append(container)
        if service.ephemeral_storage_gb is not None:
            ctx.notes.append(
                f"{name}.ephemeral_storage_gb is for Fargate; on the phase-1 host the containers "
                "share the host's disk (topology.host_disk_gb)"
            )
        for job in _jobs(name, service):  # each in a container of its own, run by a timer
            jobs.append(replace(job, service=job.name))
            containers.append(
                replace(
                    container,
                    name=job.name,
                    command=job.command,
                    role="job",
                    replicas=0,
                    ports=(),
                    web=False,
                    route=None,
                    host=None,
                )
            )
        if service.host and not service.path:
            ctx.notes.append(
                f"{name} is routed by host ({service.host}), and nginx on the phase-1 host "
                "routes by path only: give it a `path:` to reach it before phase 2"
            )
    if stack.redis is not None and not profile.managed_cache:
        redis = stack.redis
        containers.append(
            Container(
                name="redis",
                image=f"{redis.engine}:{redis.version}-alpine",
                cpus=CACHE_CPUS,
                memory_mb=redis.container_memory_mb + CACHE_OVERHEAD_MB,
                ports=(6379,),
                command=f"--maxmemory {redis.container_memory_mb}mb "
                f"--maxmemory-policy {redis.maxmemory_policy}",
                role="cache",
            )
        )
    cpus = sum(c.cpus * c.replicas for c in containers)
    memory = sum(c.memory_mb * c.replicas for c in containers)
    instance = profile.host_instance or _smallest_host(cpus, memory)
    size = EC2_INSTANCES[instance]
    if size.vcpu < cpus or size.memory_gib * 1024 < memory:
        ctx.notes.append(
            f"{instance} ({size.vcpu:g} vCPU, {size.memory_gib:g} GiB) is smaller "
            f"than the containers' limits ({cpus:.2f} vCPU, {memory} MiB)"
        )
    host = ctx.add(
        Ec2Host(
            name="app",
            instance_type=instance,
            disk_gb=profile.host_disk_gb,
            containers=tuple(containers),
            jobs=tuple(jobs),
            agent_metrics=2,
            origin=("topology", "host_instance"),
        )
    )
    ctx.add(
        PublicIpv4(
            name="app", owner=host.id, count=1, why="Elastic IP of the host", origin=host.origin
        )
    )
    ctx.add(
        LogGroup(
            name="app",
            group_name=f"/{ctx.stack.name}/{ctx.environment}",
            retention_days=stack.logs.retention_days,
            share_of_logs=1.0,
            origin=("logs",),
        )
    )
    for name in stack.services:
        ctx.endpoints[name] = host.id
    if stack.redis is not None and not profile.managed_cache:
        ctx.endpoints["redis"] = host.id


def _smallest_host(cpus: float, memory_mb: int) -> str:
    for instance in EC2_HOST_LADDER:
        size = EC2_INSTANCES[instance]
        if size.vcpu >= cpus and size.memory_gib * 1024 >= memory_mb + HOST_HEADROOM_MB:
            return instance
    return EC2_HOST_LADDER[-1]

"""compute.tf, phase 1: the EC2 host running the Compose project. Its files (host/) are written
beside the root and carried into the user data base64-gzipped; Terraform's own values reach
the host's scripts as settings.json."""

from __future__ import annotations

from stackwright.aws.instances import EC2_INSTANCES
from stackwright.emit.host import USER_DATA, host_domain, host_files
from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.endpoints import DATABASE_SECRET, connection
from stackwright.emit.terraform.hcl import Call, Raw, Value, interpolate
from stackwright.plan.resources import (
    ContainerRepository,
    Database,
    Ec2Host,
    LogGroup,
    PublicIpv4,
)

FILE = "compute.tf"
HOST_DIR = "host"


def _packed(file: str) -> Call:
    return Call("base64gzip", Raw(f'file("${{path.module}}/{HOST_DIR}/{file}")'))


def _host_settings(root: Root, host: Ec2Host) -> dict[str, Value]:
    """What the host's scripts read from settings.json: Terraform's values, and the stack's
    as HCL literals; jsonencode and base64 carry them into the user data as data."""
    repositories = [label(r.name) for r in root.plan.of_type(ContainerRepository)]
    used = root.used_by(host)
    environment: dict[str, Value] = dict(connection(root, used).settings)
    if any(c.role == "cache" for c in host.containers):
        environment.update(REDIS_HOST="redis", REDIS_PORT="6379", REDIS_TLS="false")
    settings: dict[str, Value] = {
        "region": Raw("var.region"),
        "registry": (
            Raw(f'split("/", aws_ecr_repository.{repositories[0]}.repository_url)[0]')
            if repositories
            else ""
        ),
        "tag": Raw("var.image_tag"),
        "domain": host_domain(root.plan) or "",
    }
    if any(isinstance(t, Database) for t in used):
        settings["database_secret_arn"] = DATABASE_SECRET
    settings["environment"] = dict(sorted(environment.items()))
    return settings


def _user_data(root: Root, host: Ec2Host) -> Call:
    files: dict[str, Value] = {
        "boot": _packed("boot.sh"),
        "fetch_secrets": _packed("fetch-secrets.sh"),
        "start": _packed("start.sh"),
        "deploy": _packed("deploy.sh"),
        "run_job": _packed("run-job.sh"),
        "certificate": _packed("certificate.sh"),
        "certificate_deployed": _packed("certificate-deployed.sh"),
        "compose": _packed("compose.yaml"),
        "nginx": _packed("nginx.conf"),
        "secrets": _packed("secrets.tsv"),
        "jobs": _packed("jobs.tsv"),
        "settings": Call("base64gzip", Call("jsonencode", _host_settings(root, host))),
    }
    template = f'"${{path.module}}/{HOST_DIR}/{USER_DATA}"'
    return Call("templatefile", files, leading=(template,))


def emit(root: Root, host: Ec2Host) -> None:
    architecture = "arm64" if EC2_INSTANCES[host.instance_type].arm else "x86_64"
    root.data(FILE, "aws_ssm_parameter", "al2023").attr(
        "name", f"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{architecture}"
    )
    for name, text in host_files(root.plan, host).items():
        root.extra_files[f"{HOST_DIR}/{name}"] = text
    block = root.resource(FILE, "aws_instance", host.name)
    block.comment(
        "checkov:skip=CKV_AWS_88:in phase 1 the host serves the internet itself (no load "
        "balancer); it is reached at its Elastic IP, and its group opens 80 and 443 only"
    )
    block.comment(
        "checkov:skip=CKV_AWS_126:the alarms use 5-minute metrics; detailed "
        "monitoring is billed as custom metrics the plan does not include"
    )
    block.attrs(
        ami=Raw("data.aws_ssm_parameter.al2023.value"),
        instance_type=host.instance_type,
        subnet_id=Raw("aws_subnet.public_1.id"),
        associate_public_ip_address=True,  # online from the start, before the EIP attaches
        vpc_security_group_ids=[Raw(root.group_of(host))],
        iam_instance_profile=Raw("aws_iam_instance_profile.host.name"),
        ebs_optimized=True,
        monitoring=False,
        user_data_replace_on_change=False,
        user_data=_user_data(root, host),
    )
    metadata = block.block("metadata_options")
    metadata.attrs(http_tokens="required", http_endpoint="enabled")
    disk = block.block("root_block_device")
    disk.attrs(
        volume_type="gp3", volume_size=host.disk_gb, encrypted=True, delete_on_termination=True
    )
    block.attr("tags", {"Name": root.named("tag", host.name)})
    block.comment(
        "User data runs at first boot only; a deploy runs /opt/app/bin/deploy.sh through "
        "SSM Run Command (output deploy_command) instead of replacing the host."
    )
    block.block("lifecycle").attr("ignore_changes", [Raw("ami"), Raw("user_data")])
    block.attr(
        "depends_on",
        [Raw(f"aws_cloudwatch_log_group.{label(g.name)}") for g in root.plan.of_type(LogGroup)],
    )
    root.output(
        "deploy_command",
        interpolate(
            "aws ssm send-command --region ",
            Raw("var.region"),
            " --document-name AWS-RunShellScript --instance-ids ",
            Raw(f"aws_instance.{label(host.name)}.id"),
            " --parameters 'commands=[\"/opt/app/bin/deploy.sh TAG\"]'",
        ),
        "deploys an image tag to the host: put the tag in place of TAG",
    )
    for ip in root.plan.of_type(PublicIpv4):
        if ip.owner == host.id:
            eip = root.resource(FILE, "aws_eip", ip.name)
            eip.attrs(domain="vpc", instance=Raw(f"aws_instance.{label(host.name)}.id"))
            eip.attr("tags", {"Name": root.named("tag", host.name)})
            root.output(
                "host_public_ip",
                Raw(f"aws_eip.{label(ip.name)}.public_ip"),
                "the host's address (DNS points here)",
            )

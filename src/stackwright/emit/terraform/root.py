"""A Terraform root per environment, and the bootstrap root for remote state.

Each root: versions.tf, providers.tf (S3 backend with lock file), variables.tf, locals.tf,
outputs.tf, and one file per concern.
"""

from __future__ import annotations

from collections.abc import Callable

from stackwright.aws.instances import AZ_LETTERS
from stackwright.emit.terraform import (
    cache,
    compute,
    database,
    dns,
    iam,
    load_balancing,
    monitoring,
    network,
    secrets,
    storage,
)
from stackwright.emit.terraform.context import (
    AWS_PROVIDER_VERSION,
    TERRAFORM_VERSION,
    Root,
)
from stackwright.emit.terraform.hcl import Block, Comment, Item, Raw, quote, render_file
from stackwright.plan.model import Plan
from stackwright.plan.resources import DnsZone, SearchDomain, Vpc

CONCERNS: tuple[Callable[[Root], None], ...] = (
    network.emit,
    load_balancing.emit,
    compute.emit,
    database.emit,
    cache.emit,
    storage.emit,
    dns.emit,
    iam.emit,
    secrets.emit,
    monitoring.emit,
)
IMAGE_TAG = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$"  # the OCI distribution spec's tag
HEADER = Comment(
    "Written by stackwright from the stack file. Edit freely: stackwright will "
    "not overwrite\na file changed since it wrote it unless asked to (--force)."
)


def _versions() -> Block:
    terraform = Block("terraform")
    terraform.attr("required_version", TERRAFORM_VERSION)
    providers = terraform.block("required_providers")
    providers.attr("aws", {"source": "hashicorp/aws", "version": AWS_PROVIDER_VERSION})
    return terraform


def _provider(plan: Plan, alias: str | None = None, region: Raw | str | None = None) -> Block:
    provider = Block("provider", ("aws",))
    provider.attr("alias", alias)
    provider.attr("region", region or Raw("var.region"))
    if plan.account_id:
        provider.attr("allowed_account_ids", [plan.account_id])
    provider.block("default_tags").attr(
        "tags",
        {"project": plan.stack, "environment": plan.environment, "managed-by": "stackwright"},
    )
    return provider


def _variable(name: str, description: str, default: str | None) -> Block:
    block = Block("variable", (name,))
    block.attrs(description=description, type=Raw("string"), default=default)
    return block


def _image_tag() -> Block:
    block = _variable(
        "image_tag",
        "the image tag every service runs, e.g. the commit the deploy workflow built "
        "(tags are immutable, so there is no default)",
        None,
    )
    check = block.block("validation")
    check.attrs(
        condition=Raw(f"can(regex({quote(IMAGE_TAG)}, var.image_tag))"),
        error_message="An image tag is letters, digits, '_', '.' and '-', at most 128 long.",
    )
    return block


def environment_root(plan: Plan) -> dict[str, str]:
    """File name → content for the environment's root."""
    root = Root(plan)
    for concern in CONCERNS:
        concern(root)
    backend = Block("terraform")
    s3 = backend.block("backend", "s3")
    s3.attrs(
        bucket=plan.state_bucket,
        key=f"{plan.environment}/terraform.tfstate",
        region=plan.state_region,
        encrypt=True,
        use_lockfile=True,
    )
    providers: list[Item] = [HEADER, backend, _provider(plan)]
    if plan.dr_region:
        providers.append(_provider(plan, alias="dr", region=plan.dr_region))
    variables: list[Item] = [
        HEADER,
        _variable("region", "AWS region of this environment", plan.region),
        _image_tag(),
    ]
    locals_block = Block("locals")
    vpc = next(plan.of_type(Vpc), None)
    if vpc is not None:
        locals_block.comment("Availability zones named, so the set never changes under you.")
        letters = AZ_LETTERS[plan.region][: vpc.azs]
        locals_block.attr("azs", [f"{plan.region}{letter}" for letter in letters])
    files: dict[str, list[Item]] = {
        "versions.tf": [HEADER, _versions()],
        "providers.tf": providers,
        "variables.tf": variables,
        "locals.tf": [HEADER, locals_block],
    }
    for name in sorted(root.files):
        files[name] = [HEADER, *root.files[name]]
    files["outputs.tf"] = [HEADER, *sorted(root.outputs, key=lambda b: b.labels)]
    rendered = {name: render_file(items) for name, items in files.items()}
    rendered.update(root.extra_files)
    return rendered


def bootstrap_root(plans: list[Plan]) -> dict[str, str]:
    """What exists once per stack, before any environment: the state bucket, the hosted zone
    (so it can be delegated before an environment's certificate waits on it) and the
    service-linked roles an environment needs. Its own state stays local: keep it safe (it holds
    no secret), or move it into the bucket once that exists."""
    first = plans[0]
    plan_like = Plan(
        stack=first.stack,
        environment="bootstrap",
        phase=0,
        phase_name="bootstrap",
        region=first.state_region,
        resources=(),
        flows=(),
        account_id=first.account_id,
    )
    root = Root(plan_like)
    bucket = storage.private_bucket(root, "state.tf", "state", first.state_bucket)
    bucket.comment(
        "Holds every environment's Terraform state; versioned so a bad apply can be rolled back."
    )
    bucket.block("lifecycle").attr("prevent_destroy", True)
    storage.versioning(root, "state.tf", "state", True)
    storage.lifecycle(root, "state.tf", "state", noncurrent_days=90, expire_days=None, ia_days=None)
    root.output("state_bucket", Raw("aws_s3_bucket.state.id"), "the remote-state bucket")
    zones = sorted({z.domain for plan in plans for z in plan.of_type(DnsZone) if z.managed})
    for domain in zones:
        dns.hosted_zone(root, domain)
    variables: list[Item] = [
        HEADER,
        _variable("region", "AWS region of the state bucket", first.state_region),
    ]
    if any(next(plan.of_type(SearchDomain), None) for plan in plans):
        variables.append(database.search_role_variable())
        database.search_role(root)
    files: dict[str, list[Item]] = {
        "versions.tf": [HEADER, _versions()],
        "providers.tf": [HEADER, _provider(plan_like)],
        "variables.tf": variables,
        "outputs.tf": [HEADER, *sorted(root.outputs, key=lambda b: b.labels)],
    }
    for name in sorted(root.files):
        files[name] = [HEADER, *root.files[name]]
    return {name: render_file(items) for name, items in files.items()}

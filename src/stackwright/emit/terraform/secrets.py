"""secrets.tf: the secrets the services read, by name. Values never appear here: each is set
outside Terraform (`aws ssm put-parameter --overwrite` or `aws secretsmanager put-secret-value`)."""

from __future__ import annotations

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.hcl import Raw
from stackwright.plan.resources import Secret

FILE = "secrets.tf"
PLACEHOLDER = "set-outside-terraform"


def arn(secret: Secret) -> Raw:
    kind = "aws_ssm_parameter" if secret.store == "parameter-store" else "aws_secretsmanager_secret"
    return Raw(f"{kind}.{label(secret.name)}.arn")


def emit(root: Root) -> None:
    for secret in root.plan.of_type(Secret):
        if secret.store == "parameter-store":
            block = root.resource(FILE, "aws_ssm_parameter", secret.name)
            block.comment(
                f"The value is a placeholder: set it with `aws ssm put-parameter "
                f"--overwrite --name {secret.path}`."
            )
            block.attrs(
                name=secret.path, type="SecureString", key_id="alias/aws/ssm", value=PLACEHOLDER
            )
            block.block("lifecycle").attr("ignore_changes", [Raw("value")])
        else:
            block = root.resource(FILE, "aws_secretsmanager_secret", secret.name)
            block.comment(
                "checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; "
                "a customer-managed key is billed per key each month, and the plan has none"
            )
            block.comment(
                "checkov:skip=CKV2_AWS_57:rotation needs a rotation function written "
                "for this secret's consumer"
            )
            block.comment(
                "The value is set outside Terraform: `aws secretsmanager "
                f"put-secret-value --secret-id {secret.path}`."
            )
            block.attrs(name=secret.path, recovery_window_in_days=7 if root.prod else 0)

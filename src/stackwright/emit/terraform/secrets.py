"""secrets.tf: the secrets the services read, by name. Values never appear here: each is set
outside Terraform (`aws ssm put-parameter --overwrite` or `aws secretsmanager put-secret-value`)."""

from __future__ import annotations

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.hcl import Block, Raw
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
            _skip_customer_key(block)
            block.comment(
                "checkov:skip=CKV2_AWS_57:rotation needs a rotation function written "
                "for this secret's consumer"
            )
            block.comment(
                "The value is set outside Terraform: `aws secretsmanager "
                f"put-secret-value --secret-id {secret.path}`."
            )
            block.attrs(name=secret.path, recovery_window_in_days=7 if root.prod else 0)


def generated(root: Root, file: str, name: str, path: str, rotation: str) -> Raw:
    """A secret whose value AWS generates at the first apply and keeps: `name` is its label
    (holding `__`, which no stack secret's label can), `path` its name in Secrets Manager.
    Returns the value's address, for the resource that must be given it."""
    tf = label(name)
    value = root.data(file, "aws_secretsmanager_random_password", name)
    value.comment(
        "A new value at every plan; the secret version below keeps the first one it was "
        "given, and what needs the value reads it from there. Never in these files."
    )
    value.attrs(password_length=40, exclude_punctuation=True)
    secret = root.resource(file, "aws_secretsmanager_secret", name)
    _skip_customer_key(secret)
    secret.comment(f"checkov:skip=CKV2_AWS_57:{rotation}")
    secret.attrs(name=path, recovery_window_in_days=7 if root.prod else 0)
    version = root.resource(file, "aws_secretsmanager_secret_version", name)
    version.attrs(
        secret_id=Raw(f"aws_secretsmanager_secret.{tf}.id"),
        secret_string=Raw(f"data.aws_secretsmanager_random_password.{tf}.random_password"),
    )
    version.block("lifecycle").attr("ignore_changes", [Raw("secret_string")])
    return Raw(f"aws_secretsmanager_secret_version.{tf}.secret_string")


def _skip_customer_key(secret: Block) -> None:
    secret.comment(
        "checkov:skip=CKV_AWS_149:encrypted with the AWS-managed key; "
        "a customer-managed key is billed per key each month, and the plan has none"
    )

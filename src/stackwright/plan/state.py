"""Names that must be unique across every AWS account (S3 buckets), and where Terraform keeps
its state: one bucket in one region, which the bootstrap root creates and every environment's
backend names."""

from __future__ import annotations

import hashlib

from stackwright.aws.names import aws_name
from stackwright.stack.model import Stack


def global_suffix(stack: Stack) -> str:
    """What ends every bucket name: the account ID when the stack gives it (so the name is
    surely this account's), else a stable hash of the stack's name (so it is not the bare,
    likely taken `<name>-<bucket>`)."""
    if stack.account_id:
        return stack.account_id
    return hashlib.sha256(stack.name.encode("utf-8")).hexdigest()[:8]


def bucket_name(stack: Stack, *parts: str) -> str:
    return aws_name("aws_s3_bucket", *parts, global_suffix(stack))


def state_bucket(stack: Stack) -> str:
    return stack.state.bucket or bucket_name(stack, stack.name, "tfstate")


def state_region(stack: Stack) -> str:
    return stack.state.region or stack.region

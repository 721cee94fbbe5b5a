"""storage.tf: S3 buckets (private, encrypted, versioned, lifecycle, CORS) and SQS queues."""

from __future__ import annotations

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.hcl import Block, Raw, interpolate
from stackwright.plan.resources import Bucket, Queue

FILE = "storage.tf"


def private_bucket(
    root: Root, file: str, name: str, bucket_name: Raw | str, *, blocked: bool = True
) -> Block:
    """A bucket with public access blocked (unless the plan says otherwise), owner-enforced
    objects, KMS encryption at rest and TLS required; the caller adds versioning and
    lifecycle."""
    tf = label(name)
    bucket = root.resource(file, "aws_s3_bucket", name)
    bucket.comment(
        "checkov:skip=CKV_AWS_18:server access logs need a log bucket; add one when you need them"
    )
    bucket.comment(
        "checkov:skip=CKV_AWS_144:cross-region replication doubles storage cost; "
        "add it for data you cannot recreate"
    )
    bucket.comment("checkov:skip=CKV2_AWS_62:no consumer for event notifications")
    bucket.attr("bucket", bucket_name)
    root.resource(file, "aws_s3_bucket_public_access_block", name).attrs(
        bucket=Raw(f"aws_s3_bucket.{tf}.id"),
        block_public_acls=blocked,
        block_public_policy=blocked,
        ignore_public_acls=blocked,
        restrict_public_buckets=blocked,
    )
    controls = root.resource(file, "aws_s3_bucket_ownership_controls", name)
    controls.attr("bucket", Raw(f"aws_s3_bucket.{tf}.id"))
    controls.block("rule").attr("object_ownership", "BucketOwnerEnforced")
    sse = root.resource(file, "aws_s3_bucket_server_side_encryption_configuration", name)
    sse.attr("bucket", Raw(f"aws_s3_bucket.{tf}.id"))
    rule = sse.block("rule")
    rule.block("apply_server_side_encryption_by_default").attr("sse_algorithm", "aws:kms")
    rule.attr("bucket_key_enabled", True)
    policy = root.data(file, "aws_iam_policy_document", f"{name}-tls-only")
    statement = policy.block("statement")
    statement.attrs(
        sid="DenyInsecureTransport",
        effect="Deny",
        actions=["s3:*"],
        resources=[
            Raw(f"aws_s3_bucket.{tf}.arn"),
            interpolate(Raw(f"aws_s3_bucket.{tf}.arn"), "/*"),
        ],
    )
    principals = statement.block("principals")
    principals.attrs(type="*", identifiers=["*"])
    condition = statement.block("condition")
    condition.attrs(test="Bool", variable="aws:SecureTransport", values=["false"])
    root.resource(file, "aws_s3_bucket_policy", name).attrs(
        bucket=Raw(f"aws_s3_bucket.{tf}.id"),
        policy=Raw(f"data.aws_iam_policy_document.{tf}_tls_only.json"),
    )
    return bucket


def lifecycle(
    root: Root,
    file: str,
    name: str,
    *,
    noncurrent_days: int | None,
    expire_days: int | None,
    ia_days: int | None,
) -> None:
    config = root.resource(file, "aws_s3_bucket_lifecycle_configuration", name)
    config.attr("bucket", Raw(f"aws_s3_bucket.{label(name)}.id"))
    rule = config.block("rule")
    rule.attrs(id="housekeeping", status="Enabled")
    rule.block("filter")
    rule.block("abort_incomplete_multipart_upload").attr("days_after_initiation", 7)
    if noncurrent_days:
        rule.block("noncurrent_version_expiration").attr("noncurrent_days", noncurrent_days)
    if expire_days:
        rule.block("expiration").attr("days", expire_days)
    if ia_days:
        rule.block("transition").attrs(days=ia_days, storage_class="STANDARD_IA")


def versioning(root: Root, file: str, name: str, enabled: bool) -> None:
    block = root.resource(file, "aws_s3_bucket_versioning", name)
    block.attr("bucket", Raw(f"aws_s3_bucket.{label(name)}.id"))
    block.block("versioning_configuration").attr("status", "Enabled" if enabled else "Disabled")


def emit(root: Root) -> None:
    for bucket in root.plan.of_type(Bucket):
        block = private_bucket(
            root, FILE, bucket.name, bucket.bucket_name, blocked=bucket.public_access_blocked
        )
        if not bucket.versioning:
            block.comment("checkov:skip=CKV_AWS_21:the stack turns versioning off for this bucket")
        versioning(root, FILE, bucket.name, bucket.versioning)
        lifecycle(
            root,
            FILE,
            bucket.name,
            noncurrent_days=bucket.noncurrent_expire_days,
            expire_days=bucket.expire_days,
            ia_days=bucket.infrequent_access_days,
        )
        if bucket.cors_origins:
            cors = root.resource(FILE, "aws_s3_bucket_cors_configuration", bucket.name)
            cors.attr("bucket", Raw(f"aws_s3_bucket.{label(bucket.name)}.id"))
            rule = cors.block("cors_rule")
            rule.attrs(
                allowed_methods=list(bucket.cors_methods),
                allowed_origins=list(bucket.cors_origins),
                allowed_headers=["*"],
                expose_headers=["ETag"],
                max_age_seconds=3000,
            )
        root.output(
            f"bucket_{label(bucket.name)}",
            Raw(f"aws_s3_bucket.{label(bucket.name)}.id"),
            f"the {bucket.name} bucket",
        )
    for queue in root.plan.of_type(Queue):
        tf = label(queue.name)
        if queue.dead_letter_name:
            dlq = root.resource(FILE, "aws_sqs_queue", f"{queue.name}-dead-letter")
            dlq.attrs(
                name=queue.dead_letter_name,
                fifo_queue=queue.fifo or None,
                message_retention_seconds=14 * 86400,
                sqs_managed_sse_enabled=True,
            )
        block = root.resource(FILE, "aws_sqs_queue", queue.name)
        block.attrs(
            name=queue.queue_name,
            fifo_queue=queue.fifo or None,
            visibility_timeout_seconds=queue.visibility_timeout_seconds,
            message_retention_seconds=queue.retention_days * 86400,
            sqs_managed_sse_enabled=True,
        )
        if queue.dead_letter:
            block.attr(
                "redrive_policy",
                Raw(
                    "jsonencode({\n"
                    f"    deadLetterTargetArn = aws_sqs_queue.{tf}_dead_letter.arn\n"
                    f"    maxReceiveCount     = {queue.max_receives}\n"
                    "  })"
                ),
            )
        root.output(f"queue_{tf}_url", Raw(f"aws_sqs_queue.{tf}.url"), f"the {queue.name} queue")

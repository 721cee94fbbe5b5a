from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Bucket


class BucketVersioning(Rule):
    id = "SW035"
    title = "Buckets keep earlier versions of what is overwritten or deleted"
    severity = "warning"
    category = "backup"
    rationale = (
        "Without versioning an overwrite or a delete, by a bug or by an attacker, is final; "
        "versions make it a restore."
    )
    fix = "set buckets.<name>.versioning: true, with lifecycle.noncurrent_expire_days"
    checkov = ("CKV_AWS_21",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        for bucket in facts.plan.of_type(Bucket):
            if not bucket.versioning and not bucket.derived:
                yield self.hit(
                    bucket,
                    f"{bucket.id} keeps no earlier versions",
                    origin=(*bucket.origin, "versioning"),
                    fixed=(replace(bucket, versioning=True),),
                )

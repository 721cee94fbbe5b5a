from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Bucket


class BucketsPrivate(Rule):
    id = "SW082"
    title = "Buckets block public access"
    severity = "error"
    category = "network"
    rationale = (
        "Public buckets are the most common AWS data leak; objects are served through signed "
        "URLs or a CDN instead."
    )
    fix = "block public access (serve objects with presigned URLs)"
    checkov = ("CKV2_AWS_6",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        for bucket in facts.plan.of_type(Bucket):
            if not bucket.public_access_blocked:
                yield self.hit(bucket, f"{bucket.id} allows public access")

from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Bucket

WRITES = {"PUT", "POST", "DELETE"}


class BucketCors(Rule):
    id = "SW083"
    title = "Browser uploads to a bucket come only from the app's own origins"
    severity = "note"
    category = "network"
    rationale = (
        "CORS with origin * lets any web page drive a user's browser to upload with a URL it "
        "obtained; naming the app's origins keeps uploads to its own pages."
    )
    fix = "list the app's origins in buckets.<name>.cors.origins"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for bucket in facts.plan.of_type(Bucket):
            if "*" in bucket.cors_origins and WRITES & set(bucket.cors_methods):
                yield self.hit(
                    bucket,
                    f"{bucket.id} accepts browser writes from any origin",
                    origin=(*bucket.origin, "cors", "origins"),
                )

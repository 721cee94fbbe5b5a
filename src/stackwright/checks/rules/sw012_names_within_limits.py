from __future__ import annotations

from collections.abc import Iterator

from stackwright.aws.names import limit_of
from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Bucket, Database, Queue, Resource


def _names(resource: Resource) -> list[tuple[str, str]]:
    """(AWS name, the Terraform type that limits it) for the names this resource gets."""
    if isinstance(resource, Bucket):
        return [(resource.bucket_name, "aws_s3_bucket")]
    if isinstance(resource, Queue):
        names = [resource.queue_name, resource.dead_letter_name or ""]
        return [(n, "aws_sqs_queue") for n in names if n]
    if isinstance(resource, Database):
        return [(i, "aws_db_instance") for i in resource.identifiers]
    return []


class NamesWithinLimits(Rule):
    id = "SW012"
    title = "Every AWS name fits its service's limit"
    severity = "error"
    category = "deploy"
    rationale = "A name one character too long fails the apply halfway through, not the plan."
    fix = "shorten the stack, environment or resource name"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for resource in facts.plan.resources:
            for name, kind in _names(resource):
                if len(name) > limit_of(kind):
                    yield self.hit(
                        resource,
                        f"{resource.id}'s name {name} is {len(name)} characters; "
                        f"{kind} takes {limit_of(kind)}",
                    )

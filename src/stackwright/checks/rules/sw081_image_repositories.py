from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import ContainerRepository


class ImageRepositories(Rule):
    id = "SW081"
    title = "Image repositories scan on push and expire old images"
    severity = "error"
    category = "deploy"
    rationale = (
        "A scan on push finds known vulnerabilities before the image runs; without a lifecycle "
        "every image ever pushed stays, billed per GB."
    )
    fix = "scan on push, and keep the last 10 images"
    checkov = ("CKV_AWS_163",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        for repository in facts.plan.of_type(ContainerRepository):
            if not repository.scan_on_push or repository.keep_last < 1:
                yield self.hit(
                    repository,
                    f"{repository.id} does not scan on push or keeps every image",
                    fixed=(replace(repository, scan_on_push=True, keep_last=10),),
                )

from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.build.compute import is_external_image
from stackwright.plan.resources import Ec2Host, EcsService, Resource, ScheduledTask

FLOATING_TAGS = ("latest", "stable", "main")


def _floating(image: str) -> bool:
    if not is_external_image(image) or "@sha256:" in image:
        return False  # built into this stack's own repository and deployed by tag, or a digest
    last = image.rsplit("/", 1)[-1]
    return ":" not in last or last.rsplit(":", 1)[1] in FLOATING_TAGS


class PinnedImages(Rule):
    id = "SW080"
    title = "Images from outside the stack are pinned to a version"
    severity = "warning"
    category = "deploy"
    rationale = (
        "`redis` or `nginx:latest` is whatever was pushed last: a task replaced at night "
        "starts a new major version nobody tested."
    )
    fix = "name a version tag (nginx:1.27-alpine) or a digest (@sha256:...)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        tasks: list[EcsService | ScheduledTask] = [
            *plan.of_type(EcsService),
            *plan.of_type(ScheduledTask),
        ]
        running: list[tuple[Resource, str, str]] = [(t, t.name, t.image) for t in tasks]
        for host in plan.of_type(Ec2Host):
            running += [(host, c.name, c.image) for c in host.containers if c.role == "service"]
        for resource, name, image in running:
            if _floating(image):
                yield self.hit(
                    resource,
                    f"{name} runs {image}, which is not pinned",
                    origin=("services", name, "image"),
                )

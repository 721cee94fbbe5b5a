from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Ec2Host, EcsService
from stackwright.stack.text import literal_secret


class SecretsByReference(Rule):
    id = "SW010"
    title = "Secrets reach containers by reference, never as literal environment values"
    severity = "error"
    category = "identity"
    rationale = (
        "A value in `environment:` is in the stack file, the Terraform state, the task "
        "definition and every `describe` call; a secret is read at start from its store."
    )
    fix = "declare it under `secrets:` and add its name to the service's `uses:`"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        for service in plan.of_type(EcsService):
            for variable, value in service.environment:
                if why := literal_secret(variable, value):
                    yield self.hit(
                        service,
                        f"{service.id}: {why}",
                        origin=(*service.origin, "environment", variable),
                    )
        for host in plan.of_type(Ec2Host):
            for container in host.containers:
                for variable, value in container.environment:
                    if why := literal_secret(variable, value):
                        yield self.hit(
                            host,
                            f"{container.name} on {host.id}: {why}",
                            origin=("services", container.name, "environment", variable),
                        )

from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import SecurityGroupRule

REMOTE_SHELL_PORTS = {22: "SSH", 3389: "RDP"}


class NoSsh(Rule):
    id = "SW003"
    title = "No SSH or RDP port is open"
    severity = "error"
    category = "network"
    rationale = (
        "Session Manager gives a shell without an open port, a key to lose or a bastion to "
        "patch, and logs every session; an open port 22 is scanned within minutes."
    )
    fix = "close the port and use `aws ssm start-session` (the host's role already allows it)"
    checkov = ("CKV_AWS_24", "CKV_AWS_25")

    def check(self, facts: Facts) -> Iterator[Hit]:
        for rule in facts.plan.of_type(SecurityGroupRule):
            shell = REMOTE_SHELL_PORTS.get(rule.port)
            if shell and rule.direction == "ingress":
                yield self.hit(
                    rule, f"{rule.group} opens port {rule.port} ({shell}) to {rule.peer}"
                )

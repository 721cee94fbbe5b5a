from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Secret


class SecretRotation(Rule):
    id = "SW011"
    title = "Secrets Manager secrets say how they rotate"
    severity = "note"
    category = "identity"
    rationale = (
        "Rotation needs a function that knows the secret's issuer (a payment provider, a "
        "mail service); without one a secret stays valid until someone replaces it by hand."
    )
    fix = "rotate it by hand on a schedule, or attach a rotation function to the secret"
    checkov = ("CKV2_AWS_57",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        for secret in facts.plan.of_type(Secret):
            if secret.store == "secrets-manager":
                yield self.hit(secret, f"{secret.id} has no rotation function")

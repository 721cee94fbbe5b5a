from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Database


class DeletionProtection(Rule):
    id = "SW032"
    title = "The production database cannot be deleted by one command"
    severity = "error"
    category = "backup"
    rationale = (
        "A `terraform destroy` in the wrong directory or a rename that forces replacement "
        "deletes the database; deletion protection makes that a deliberate second step."
    )
    fix = "leave postgres.deletion_protection unset (on in production) or set it true"
    checkov = ("CKV_AWS_293",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        for db in plan.of_type(Database):
            if plan.production and not db.deletion_protection:
                yield self.hit(
                    db,
                    f"{db.id} in {plan.environment} has deletion protection off",
                    origin=(*db.origin, "deletion_protection"),
                    fixed=(replace(db, deletion_protection=True),),
                )

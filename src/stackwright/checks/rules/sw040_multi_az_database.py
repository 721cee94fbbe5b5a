from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import SCALE_PHASE, at_scale
from stackwright.plan.resources import Database


class MultiAzDatabase(Rule):
    id = "SW040"
    title = f"The database has a standby in a second zone from phase {SCALE_PHASE}"
    severity = "warning"
    category = "availability"
    rationale = (
        "A single-AZ database is down for the length of a restore when its zone or instance "
        "fails; a Multi-AZ standby takes over in one to two minutes with no data lost."
    )
    fix = "set postgres.multi_az: true (or leave it to the phase)"
    checkov = ("CKV_AWS_157",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        for db in plan.of_type(Database):
            if at_scale(plan) and not db.multi_az:
                yield self.hit(
                    db,
                    f"{db.id} runs in one zone at phase {plan.phase}",
                    origin=(*db.origin, "multi_az"),
                    fixed=(replace(db, multi_az=True),),
                )

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Database


class PointInTimeRecovery(Rule):
    id = "SW031"
    title = "The database can be restored to any point in time"
    severity = "error"
    category = "backup"
    rationale = (
        "With automated backups off RDS keeps no transaction logs: no point-in-time restore, "
        "no snapshot before a failure, and no read replicas."
    )
    fix = "set postgres.backup_days to 7 or more"
    checkov = ("CKV_AWS_133",)

    def check(self, facts: Facts) -> Iterator[Hit]:
        for db in facts.plan.of_type(Database):
            if db.backup_days == 0:
                yield self.hit(
                    db,
                    f"{db.id} has automated backups off",
                    origin=(*db.origin, "backup_days"),
                    fixed=(replace(db, backup_days=7),),
                )

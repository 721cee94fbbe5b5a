from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Database

MIN_BACKUP_DAYS = 7


class BackupRetention(Rule):
    id = "SW030"
    title = f"Database backups are kept at least {MIN_BACKUP_DAYS} days"
    severity = "warning"
    category = "backup"
    rationale = (
        "Corruption or a bad migration is often noticed days later; a backup window shorter "
        "than a week leaves nothing clean to go back to."
    )
    fix = f"set postgres.backup_days to {MIN_BACKUP_DAYS} or more"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for db in facts.plan.of_type(Database):
            if 0 < db.backup_days < MIN_BACKUP_DAYS:
                yield self.hit(
                    db,
                    f"{db.id} keeps backups {db.backup_days} days",
                    origin=(*db.origin, "backup_days"),
                    fixed=(replace(db, backup_days=MIN_BACKUP_DAYS),),
                )

from __future__ import annotations

from collections.abc import Iterator

from stackwright.availability.remedies import backup_copy
from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import BackupReplication, Database

FULL_PRODUCTION = 4


class CrossRegionBackups(Rule):
    id = "SW033"
    title = f"Backups are copied to a second region at phase {FULL_PRODUCTION}"
    severity = "warning"
    category = "backup"
    rationale = (
        "A region-wide outage or an account-level mistake takes every backup in the region "
        "with it; a copy elsewhere is what a region failure is recovered from."
    )
    fix = "set topology.cross_region_backups: true and dr.region"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        copied = {r.source for r in plan.of_type(BackupReplication)}
        if plan.phase < FULL_PRODUCTION:
            return
        for db in plan.of_type(Database):
            if db.id in copied:
                continue
            yield self.hit(
                db,
                f"{db.id}'s backups stay in {plan.region}",
                origin=("topology", "cross_region_backups"),
                fixed=backup_copy(plan, db),
            )

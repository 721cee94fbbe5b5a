from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import BackupReplication, Database

FULL_PRODUCTION = 4
DEFAULT_COPY_REGION = {"us-east-1": "us-west-2", "us-west-2": "us-east-1"}


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
            region = DEFAULT_COPY_REGION.get(plan.region)
            fixed = (
                (
                    BackupReplication(
                        name=db.name,
                        source=db.id,
                        destination_region=region,
                        gb=db.storage_gb,
                        retention_days=max(db.backup_days, 1),
                    ),
                )
                if region
                else ()
            )
            yield self.hit(
                db,
                f"{db.id}'s backups stay in {plan.region}",
                origin=("topology", "cross_region_backups"),
                fixed=fixed,
            )

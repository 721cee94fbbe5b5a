from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.checks.scope import DATA_STORES, uses_flow
from stackwright.plan.model import INTERNET


class DataReachedByUsers(Rule):
    id = "SW001"
    title = "Data stores are reached only by the services that use them"
    severity = "error"
    category = "network"
    rationale = (
        "A database, cache or search domain open to anything but the services that list it in "
        "`uses:` is one compromised neighbour (or one wrong rule) away from a data breach."
    )
    fix = "remove the connection, or add the data store to the caller's `uses:`"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        stores = {r.id: r for r in plan.resources if isinstance(r, DATA_STORES)}
        for flow in plan.flows:
            store = stores.get(flow.target)
            if store is None or flow.port is None or uses_flow(flow):
                continue
            caller = "the internet" if flow.source == INTERNET else flow.source
            yield self.hit(
                store,
                f"{store.id} accepts connections on port {flow.port} from {caller}, "
                "which does not `use` it",
                origin=flow.origin or store.origin,
            )

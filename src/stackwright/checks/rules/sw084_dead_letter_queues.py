from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Queue


class DeadLetterQueues(Rule):
    id = "SW084"
    title = "Each queue sets failed messages aside in a dead-letter queue"
    severity = "warning"
    category = "availability"
    rationale = (
        "A message that always fails is received again and again, blocking a worker each time, "
        "until it expires and is lost; a dead-letter queue keeps it for a person to look at."
    )
    fix = "set queues.<name>.dead_letter: true (the default)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for queue in facts.plan.of_type(Queue):
            if not queue.dead_letter:
                yield self.hit(
                    queue,
                    f"{queue.id} has no dead-letter queue",
                    origin=(*queue.origin, "dead_letter"),
                    fixed=(replace(queue, dead_letter=True),),
                )

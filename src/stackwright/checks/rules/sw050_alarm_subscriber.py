from __future__ import annotations

from collections.abc import Iterator

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import NotificationTopic


class AlarmSubscriber(Rule):
    id = "SW050"
    title = "Someone is told when an alarm fires"
    severity = "warning"
    category = "monitoring"
    rationale = "An alarm that notifies no one is a graph nobody looks at."
    fix = "set alarms.email (or subscribe a pager to the alerts topic)"

    def check(self, facts: Facts) -> Iterator[Hit]:
        for topic in facts.plan.of_type(NotificationTopic):
            if topic.email is None:
                yield self.hit(topic, f"nothing subscribes to {topic.id}")

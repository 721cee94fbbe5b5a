"""The rule behind each alarm the seeds list: present for every resource it watches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from stackwright.checks.facts import Facts
from stackwright.checks.model import Category, Hit, Rule, Severity
from stackwright.plan.alarms import ALARM_RULES
from stackwright.plan.resources import Alarm, Queue


class AlarmPresent(Rule):
    alarm: ClassVar[str]  # a key of ALARM_RULES
    severity: ClassVar[Severity] = "warning"
    category: ClassVar[Category] = "monitoring"

    fix: ClassVar[str] = "remove the alarm from alarms.disabled"

    def check(self, facts: Facts) -> Iterator[Hit]:
        plan = facts.plan
        spec = ALARM_RULES[self.alarm]
        watched = {a.target for a in plan.of_type(Alarm) if a.rule_name == self.alarm}
        for resource in plan.resources:
            if spec.applies_to != resource.TYPE or resource.id in watched:
                continue
            if self.alarm == "dead_letters" and not (
                isinstance(resource, Queue) and resource.dead_letter
            ):
                continue
            alarm = Alarm(
                name=f"{self.alarm}-{resource.name}",
                rule_name=self.alarm,
                rule=spec,
                target=resource.id,
                threshold=spec.threshold,
            )
            yield self.hit(
                resource,
                f"nothing alarms on {resource.id}: {spec.description}",
                origin=("alarms", "disabled"),
                fix=f"remove {self.alarm} from alarms.disabled",
                fixed=(alarm,),
            )

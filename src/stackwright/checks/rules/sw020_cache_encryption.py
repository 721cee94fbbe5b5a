from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from stackwright.checks.facts import Facts
from stackwright.checks.model import Hit, Rule
from stackwright.plan.resources import Cache


class CacheEncryption(Rule):
    id = "SW020"
    title = "The cache is encrypted at rest and in transit, with an auth token"
    severity = "error"
    category = "encryption"
    rationale = (
        "Sessions and tokens cached in Redis are as sensitive as the database; without TLS "
        "and a token anything in the VPC can read them."
    )
    fix = "set redis.encryption: true (the default)"
    checkov = ("CKV_AWS_29", "CKV_AWS_30", "CKV_AWS_31")

    def check(self, facts: Facts) -> Iterator[Hit]:
        for cache in facts.plan.of_type(Cache):
            if not cache.encryption:
                yield self.hit(
                    cache,
                    f"{cache.id} stores and serves data unencrypted, without an auth token",
                    origin=(*cache.origin, "encryption"),
                    fixed=(replace(cache, encryption=True),),
                )

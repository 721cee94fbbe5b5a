"""DNS, certificates, WAF."""

from __future__ import annotations

from stackwright.cost.model import Component
from stackwright.cost.pricers.common import dec, fmt
from stackwright.plan.model import Plan
from stackwright.plan.resources import Certificate, DnsRecord, DnsZone, WebAcl


def price_dns_zone(resource: DnsZone, plan: Plan) -> list[Component]:
    if not resource.managed:
        return []
    components = [Component(f"hosted zone {resource.domain}", "route53.zone.month", dec(1))]
    if not all(plan.aliases_load_balancer(record) for record in plan.of_type(DnsRecord)):
        queries = plan.usage.dns_queries_millions
        components.append(
            Component(
                f"standard queries ({fmt(queries)}M)",
                "route53.queries.million",
                dec(queries),
                assumption=f"usage.dns_queries_millions = {fmt(queries)}",
            )
        )
    return components


def price_certificate(resource: Certificate, plan: Plan) -> list[Component]:
    if resource.issuer != "acm":
        return []  # Let's Encrypt, issued on the host: nothing billed by AWS
    return [
        Component(f"public certificate {resource.domain}", "acm.public_certificate.month", dec(1))
    ]


def price_web_acl(resource: WebAcl, plan: Plan) -> list[Component]:
    requests = plan.usage.requests_per_month
    return [
        Component("web ACL", "waf.web_acl.month", dec(1)),
        Component(
            f"rules and managed rule groups ({len(resource.rules)})",
            "waf.rule.month",
            dec(len(resource.rules)),
        ),
        Component(
            f"requests inspected ({fmt(requests)})",
            "waf.requests.million",
            dec(requests) / 1_000_000,
            assumption=f"usage.requests_per_month = {fmt(requests)}",
        ),
    ]

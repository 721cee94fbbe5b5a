"""What faces the internet: load balancer, listeners, DNS, certificates, WAF, egress."""

from __future__ import annotations

from typing import Literal

from stackwright.plan.build.context import Context
from stackwright.plan.model import INTERNET
from stackwright.plan.resources import (
    Certificate,
    DataTransfer,
    DnsRecord,
    DnsZone,
    Listener,
    LoadBalancer,
    PublicIpv4,
    TargetGroup,
    WebAcl,
)

ALB_RULES_QUOTA = 100  # rules per load balancer, not counting defaults (a default quota)
WAF_RULES = (
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
    "rate-limit-per-ip",
)


def add_edge(ctx: Context) -> None:
    stack, profile = ctx.stack, ctx.profile
    web = [(n, s) for n, s in stack.services.items() if s.resolved_kind == "web"]
    tls = stack.tls and ctx.domain is not None
    domain_origin = ctx.domain_origin
    tls_origin = domain_origin if stack.tls else ("tls",)
    entry: str | None = None
    if web and profile.load_balancer and not ctx.on_host:
        alb = ctx.add(
            LoadBalancer(name="main", azs=profile.azs, origin=("topology", "load_balancer"))
        )
        entry = alb.id
        ctx.add(
            PublicIpv4(
                name="load-balancer",
                owner=alb.id,
                count=profile.azs,
                why="an internet-facing load balancer holds one per AZ",
                origin=alb.origin,
            )
        )
        if tls:
            ctx.add(
                Listener(
                    name="https", port=443, protocol="HTTPS", action="forward", origin=tls_origin
                )
            )
            ctx.add(
                Listener(
                    name="http",
                    port=80,
                    protocol="HTTP",
                    action="redirect-https",
                    origin=tls_origin,
                )
            )
            ctx.flow(INTERNET, alb.id, 443, "tcp", "HTTPS from users", alb.origin)
            ctx.flow(INTERNET, alb.id, 80, "tcp", "HTTP, redirected to HTTPS", alb.origin)
        else:
            ctx.add(
                Listener(name="http", port=80, protocol="HTTP", action="forward", origin=tls_origin)
            )
            ctx.flow(INTERNET, alb.id, 80, "tcp", "HTTP from users", alb.origin)
            ctx.notes.append("no domain (or tls: false): the load balancer serves plain HTTP")
        for name, service in web:
            assert service.port is not None
            ctx.add(
                TargetGroup(
                    name=name,
                    service=name,
                    port=service.port,
                    health_check=service.health_check or "/health",
                    path=service.path,
                    host=service.host,
                    origin=("services", name),
                )
            )
            ctx.flow(
                alb.id,
                ctx.endpoints[name],
                service.port,
                "tcp",
                f"requests to {name}",
                ("services", name, "port"),
            )
        routed = sum(1 for _, service in web if service.path or service.host)
        if routed > ALB_RULES_QUOTA:
            ctx.notes.append(
                f"{routed} routed services need {routed} listener rules; a load balancer takes "
                f"{ALB_RULES_QUOTA} by default: ask AWS to raise the quota before applying"
            )
        if profile.waf:
            ctx.add(
                WebAcl(name="main", rules=WAF_RULES, protects=alb.id, origin=("topology", "waf"))
            )
    elif web and ctx.on_host:
        entry = ctx.endpoints[web[0][0]]
        ports = (443, 80) if tls else (80,)
        for port in ports:
            ctx.flow(
                INTERNET,
                entry,
                port,
                "tcp",
                "HTTPS from users"
                if port == 443
                else ("HTTP, redirected to HTTPS" if tls else "HTTP from users"),
                ("services", web[0][0]),
            )
    elif web:
        ctx.notes.append(
            "web services without a load balancer are not reachable from the internet in this phase"
        )
    if ctx.domain:
        ctx.add(
            DnsZone(
                name="main",
                domain=ctx.domain if ctx.zone_owner else _apex(ctx),
                managed=ctx.zone_owner,
                origin=domain_origin,
            )
        )
        if entry is not None:
            ctx.add(
                DnsRecord(
                    name="apex",
                    fqdn=ctx.domain,
                    record_type="A",
                    target=entry,
                    origin=domain_origin,
                )
            )
            www = f"www.{ctx.domain}"
            if ctx.on_host:
                www_type: Literal["A", "CNAME"] = "CNAME"
                www_target = ctx.domain
            else:  # an alias to the load balancer, as the apex is: Route 53 answers it free
                www_type, www_target = "A", entry
            ctx.add(
                DnsRecord(
                    name="www",
                    fqdn=www,
                    record_type=www_type,
                    target=www_target,
                    origin=domain_origin,
                )
            )
        if tls:
            ctx.add(
                Certificate(
                    name="main",
                    domain=ctx.domain,
                    alternative_names=(f"www.{ctx.domain}",),
                    issuer="letsencrypt" if ctx.on_host else "acm",
                    origin=domain_origin,
                )
            )
    if stack.usage.data_out_gb > 0 and entry is not None:
        ctx.add(
            DataTransfer(
                name="internet",
                gb_per_month=stack.usage.data_out_gb,
                origin=("usage", "data_out_gb"),
            )
        )
    elif stack.usage.data_out_gb > 0:
        ctx.notes.append(
            "usage.data_out_gb is not billed: nothing in this phase answers the internet"
        )


def _apex(ctx: Context) -> str:
    return ctx.stack.domain or ctx.domain or ""

"""load_balancing.tf: the ALB, its listeners, routes and target groups, and WAF."""

from __future__ import annotations

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.hcl import Raw
from stackwright.emit.terraform.phase_choice import why_off
from stackwright.plan.resources import Listener, LoadBalancer, TargetGroup, WebAcl

FILE = "load_balancing.tf"
TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06"


def _prefix(name: str) -> str:
    """Target-group name prefixes are at most six characters."""
    letters = "".join(c for c in name if c.isalnum())[:5] or "tg"
    return f"{letters}-"


def _alb_name(root: Root) -> str:
    name = root.named("aws_lb", "alb")
    if name.startswith("internal-"):  # AWS keeps that start for internal load balancers
        name = root.named("aws_lb", "alb").replace("internal-", "int-", 1)
    return name


def emit(root: Root) -> None:
    plan = root.plan
    alb = next(plan.of_type(LoadBalancer), None)
    if alb is None:
        return
    waf = next(plan.of_type(WebAcl), None)
    block = root.resource(FILE, "aws_lb", "main")
    block.comment(
        "checkov:skip=CKV_AWS_91:access logs need a log bucket billed per GB; "
        "add one and an access_logs block when you need them"
    )
    if not any(listener.protocol == "HTTPS" for listener in plan.of_type(Listener)):
        block.comment(
            "checkov:skip=CKV2_AWS_20:no domain in the stack, so no certificate to "
            "redirect to: set `domain:` to serve HTTPS"
        )
    if not root.prod:
        block.comment(
            f"checkov:skip=CKV_AWS_150:deletion protection is for production; "
            f"{plan.environment} can be torn down"
        )
    if waf is not None:
        block.comment(
            "checkov:skip=CKV2_AWS_76:the web ACL leaves out "
            "AWSManagedRulesAnonymousIpList, which blocks VPN and Tor users; Log4j "
            "inputs are blocked by AWSManagedRulesKnownBadInputsRuleSet"
        )
    if waf is None:
        block.comment("checkov:skip=CKV2_AWS_28:" + why_off(plan, "waf", "WAF", "topology.waf"))
    block.attrs(
        name=_alb_name(root),
        load_balancer_type="application",
        internal=False,
        security_groups=[Raw(root.group_of(alb))],
        subnets=root.subnet_ids("public"),
        drop_invalid_header_fields=True,
        enable_deletion_protection=root.prod,
    )
    groups = list(plan.of_type(TargetGroup))
    for group in groups:
        tg = root.resource(FILE, "aws_lb_target_group", group.name)
        tg.comment(
            "checkov:skip=CKV_AWS_378:TLS ends at the load balancer; targets are reached "
            "over HTTP inside the VPC, allowed only from the load balancer's group"
        )
        tg.attrs(
            name_prefix=_prefix(group.name),
            port=group.port,
            protocol="HTTP",
            target_type="ip",
            vpc_id=Raw("aws_vpc.main.id"),
            deregistration_delay=30,
        )
        check = tg.block("health_check")
        check.attrs(
            path=group.health_check,
            matcher="200-399",
            interval=30,
            timeout=5,
            healthy_threshold=2,
            unhealthy_threshold=3,
        )
        tg.block("lifecycle").attr("create_before_destroy", True)
    default = next((g for g in groups if not (g.path or g.host)), None)
    listeners = {listener.name: listener for listener in plan.of_type(Listener)}
    serving = "https" if "https" in listeners else "http"
    for listener in listeners.values():
        block = root.resource(FILE, "aws_lb_listener", listener.name)
        if listener.protocol == "HTTP" and listener.action == "forward":
            block.comment(
                "checkov:skip=CKV_AWS_2:no domain in the stack, so no certificate: "
                "set `domain:` to serve HTTPS"
            )
            block.comment("checkov:skip=CKV_AWS_103:plain HTTP until the stack has a domain")
        block.attrs(
            load_balancer_arn=Raw("aws_lb.main.arn"), port=listener.port, protocol=listener.protocol
        )
        if listener.protocol == "HTTPS":
            block.attrs(
                ssl_policy=TLS_POLICY,
                certificate_arn=Raw("aws_acm_certificate_validation.main.certificate_arn"),
            )
        action = block.block("default_action")
        if listener.action == "redirect-https":
            action.attr("type", "redirect")
            action.block("redirect").attrs(port="443", protocol="HTTPS", status_code="HTTP_301")
        elif default is not None:
            action.attrs(
                type="forward",
                target_group_arn=Raw(f"aws_lb_target_group.{label(default.name)}.arn"),
            )
        else:  # every service has its own route: anything else is not found
            action.attr("type", "fixed-response")
            action.block("fixed_response").attrs(
                content_type="text/plain", message_body="not found", status_code="404"
            )
    for priority, group in enumerate((g for g in groups if g is not default), start=1):
        rule = root.resource(FILE, "aws_lb_listener_rule", group.name)
        rule.attrs(listener_arn=Raw(f"aws_lb_listener.{serving}.arn"), priority=priority * 10)
        rule.block("action").attrs(
            type="forward", target_group_arn=Raw(f"aws_lb_target_group.{label(group.name)}.arn")
        )
        condition = rule.block("condition")
        if group.host:
            condition.block("host_header").attr("values", [group.host])
        else:
            condition.block("path_pattern").attr("values", [group.path or "/*"])
    root.output(
        "load_balancer_dns_name", Raw("aws_lb.main.dns_name"), "the load balancer's DNS name"
    )
    if waf is not None:
        _web_acl(root, waf)


def _web_acl(root: Root, waf: WebAcl) -> None:
    acl = root.resource(FILE, "aws_wafv2_web_acl", "main")
    acl.comment(
        "checkov:skip=CKV2_AWS_31:WAF logging is billed per GB; add an "
        "aws_wafv2_web_acl_logging_configuration when you need it"
    )
    acl.attrs(name=root.named("aws_wafv2_web_acl", "waf"), scope="REGIONAL")
    acl.block("default_action").block("allow")
    for priority, rule_name in enumerate(waf.rules, start=1):
        rule = acl.block("rule")
        rule.attrs(name=rule_name, priority=priority)
        if rule_name.startswith("AWSManagedRules"):
            rule.block("override_action").block("none")
            managed = rule.block("statement").block("managed_rule_group_statement")
            managed.attrs(name=rule_name, vendor_name="AWS")
        else:
            rule.block("action").block("block")
            rate = rule.block("statement").block("rate_based_statement")
            rate.attrs(limit=2000, aggregate_key_type="IP")
        visibility = rule.block("visibility_config")
        visibility.attrs(
            cloudwatch_metrics_enabled=True, metric_name=rule_name, sampled_requests_enabled=True
        )
    visibility = acl.block("visibility_config")
    visibility.attrs(
        cloudwatch_metrics_enabled=True,
        metric_name=root.named("aws_wafv2_web_acl", "waf"),
        sampled_requests_enabled=True,
    )
    root.resource(FILE, "aws_wafv2_web_acl_association", "main").attrs(
        resource_arn=Raw("aws_lb.main.arn"), web_acl_arn=Raw("aws_wafv2_web_acl.main.arn")
    )

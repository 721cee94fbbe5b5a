"""dns.tf: records in the stack's hosted zone (which the bootstrap root creates), and the ACM
certificate validated in it."""

from __future__ import annotations

from stackwright.emit.terraform.context import Root, label
from stackwright.emit.terraform.hcl import Raw
from stackwright.plan.resources import Certificate, DnsRecord, DnsZone, Ec2Host

FILE = "dns.tf"


def zone_id(root: Root) -> Raw | None:
    if next(root.plan.of_type(DnsZone), None) is None:
        return None
    return Raw("data.aws_route53_zone.main.zone_id")


def hosted_zone(root: Root, domain: str) -> None:
    """The zone, in the bootstrap root: created and delegated before any environment's
    certificate is validated in it."""
    block = root.resource(FILE, "aws_route53_zone", "main")
    block.comment(
        "checkov:skip=CKV2_AWS_38:DNSSEC signing needs a KMS key (billed monthly) and a "
        "DS record at the registrar; enable it once the domain is delegated"
    )
    block.comment("checkov:skip=CKV2_AWS_39:query logging is billed per GB; enable when needed")
    block.attr("name", domain)
    block.block("lifecycle").attr("prevent_destroy", True)
    root.output(
        "name_servers",
        Raw("aws_route53_zone.main.name_servers"),
        "set these at the domain's registrar before applying an environment",
    )


def emit(root: Root) -> None:
    plan = root.plan
    zone = next(plan.of_type(DnsZone), None)
    if zone is None:
        return
    lookup = root.data(FILE, "aws_route53_zone", "main")
    lookup.comment("Created by the bootstrap root, which prints the name servers to delegate to.")
    lookup.attrs(name=zone.domain, private_zone=False)
    zid = zone_id(root)
    ids = {resource.id for resource in plan.resources}
    for record in plan.of_type(DnsRecord):
        block = root.resource(FILE, "aws_route53_record", record.name)
        block.attrs(zone_id=zid, name=record.fqdn, type=record.record_type)
        target = root.get(record.target) if record.target in ids else None
        if plan.aliases_load_balancer(record):
            alias = block.block("alias")
            alias.attrs(
                name=Raw("aws_lb.main.dns_name"),
                zone_id=Raw("aws_lb.main.zone_id"),
                evaluate_target_health=True,
            )
        elif isinstance(target, Ec2Host):
            block.attrs(ttl=300, records=[Raw(f"aws_eip.{label(target.name)}.public_ip")])
        else:
            block.attrs(ttl=300, records=[record.target])
    cert = next(plan.of_type(Certificate), None)
    if cert is None or cert.issuer != "acm":
        return
    block = root.resource(FILE, "aws_acm_certificate", "main")
    block.attrs(
        domain_name=cert.domain,
        subject_alternative_names=list(cert.alternative_names),
        validation_method="DNS",
    )
    block.block("lifecycle").attr("create_before_destroy", True)
    validation = root.resource(FILE, "aws_route53_record", "certificate_validation")
    validation.attr(
        "for_each",
        Raw(
            "{\n    for option in aws_acm_certificate.main.domain_validation_options :"
            " option.domain_name => option\n  }"
        ),
    )
    validation.attrs(
        zone_id=zid,
        name=Raw("each.value.resource_record_name"),
        type=Raw("each.value.resource_record_type"),
        records=[Raw("each.value.resource_record_value")],
        ttl=60,
        allow_overwrite=True,
    )
    root.resource(FILE, "aws_acm_certificate_validation", "main").attrs(
        certificate_arn=Raw("aws_acm_certificate.main.arn"),
        validation_record_fqdns=Raw(
            "[for record in aws_route53_record.certificate_validation : record.fqdn]"
        ),
    )

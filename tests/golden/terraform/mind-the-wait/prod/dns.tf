# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_route53_zone" "main" {
  # checkov:skip=CKV2_AWS_38:DNSSEC signing needs a KMS key (billed monthly) and a DS record at the registrar; enable it once the domain is delegated
  # checkov:skip=CKV2_AWS_39:query logging is billed per GB; enable when needed
  name = "mindthewait.example.com"
}

resource "aws_route53_record" "apex" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "mindthewait.example.com"
  type    = "A"
  alias {
    name                   = aws_lb.main.dns_name
    zone_id                = aws_lb.main.zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "www.mindthewait.example.com"
  type    = "CNAME"
  ttl     = 300
  records = ["mindthewait.example.com"]
}

resource "aws_acm_certificate" "main" {
  domain_name               = "mindthewait.example.com"
  subject_alternative_names = ["www.mindthewait.example.com"]
  validation_method         = "DNS"
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  for_each = {
    for option in aws_acm_certificate.main.domain_validation_options : option.domain_name => option
  }
  zone_id         = aws_route53_zone.main.zone_id
  name            = each.value.resource_record_name
  type            = each.value.resource_record_type
  records         = [each.value.resource_record_value]
  ttl             = 60
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "main" {
  certificate_arn         = aws_acm_certificate.main.arn
  validation_record_fqdns = [for record in aws_route53_record.certificate_validation : record.fqdn]
}

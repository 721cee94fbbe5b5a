# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_route53_zone" "main" {
  # checkov:skip=CKV2_AWS_38:DNSSEC signing needs a KMS key (billed monthly) and a DS record at the registrar; enable it once the domain is delegated
  # checkov:skip=CKV2_AWS_39:query logging is billed per GB; enable when needed
  name = "accountabilityatlas.com"
  lifecycle {
    prevent_destroy = true
  }
}

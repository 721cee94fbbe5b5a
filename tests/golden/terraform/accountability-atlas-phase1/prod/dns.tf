# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

data "aws_route53_zone" "main" {
  # Created by the bootstrap root, which prints the name servers to delegate to.
  name         = "accountabilityatlas.com"
  private_zone = false
}

resource "aws_route53_record" "apex" {
  zone_id = data.aws_route53_zone.main.zone_id
  name    = "accountabilityatlas.com"
  type    = "A"
  ttl     = 300
  records = [aws_eip.app.public_ip]
}

resource "aws_route53_record" "www" {
  zone_id = data.aws_route53_zone.main.zone_id
  name    = "www.accountabilityatlas.com"
  type    = "CNAME"
  ttl     = 300
  records = ["accountabilityatlas.com"]
}

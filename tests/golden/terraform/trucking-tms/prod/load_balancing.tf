# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_lb" "main" {
  # checkov:skip=CKV_AWS_91:access logs need a log bucket billed per GB; add one and an access_logs block when you need them
  # checkov:skip=CKV2_AWS_20:no domain in the stack, so no certificate to redirect to: set `domain:` to serve HTTPS
  # checkov:skip=CKV2_AWS_28:WAF arrives in phase 3 (this is phase 2); set topology.waf to have it now
  name                       = "andi-tms-prod-alb"
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [aws_security_group.load_balancer_main.id]
  subnets                    = [aws_subnet.public_1.id, aws_subnet.public_2.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = true
}

resource "aws_lb_target_group" "api" {
  # checkov:skip=CKV_AWS_378:TLS ends at the load balancer; targets are reached over HTTP inside the VPC, allowed only from the load balancer's group
  name_prefix          = "api-"
  port                 = 8000
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = aws_vpc.main.id
  deregistration_delay = 30
  health_check {
    path                = "/health"
    matcher             = "200-399"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_lb_listener" "http" {
  # checkov:skip=CKV_AWS_2:no domain in the stack, so no certificate: set `domain:` to serve HTTPS
  # checkov:skip=CKV_AWS_103:plain HTTP until the stack has a domain
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.api.arn
  }
}

# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_lb" "main" {
  # checkov:skip=CKV_AWS_91:access logs need a log bucket billed per GB; add one and an access_logs block when you need them
  # checkov:skip=CKV_AWS_150:deletion protection is for production; staging can be torn down
  # checkov:skip=CKV2_AWS_28:WAF arrives in phase 3 (this is phase 2); set topology.waf to have it now
  name                       = "mind-the-wait-staging-alb"
  load_balancer_type         = "application"
  internal                   = false
  security_groups            = [aws_security_group.load_balancer_main.id]
  subnets                    = [aws_subnet.public_1.id, aws_subnet.public_2.id]
  drop_invalid_header_fields = true
  enable_deletion_protection = false
}

resource "aws_lb_target_group" "php" {
  # checkov:skip=CKV_AWS_378:TLS ends at the load balancer; targets are reached over HTTP inside the VPC, allowed only from the load balancer's group
  name_prefix          = "php-"
  port                 = 8080
  protocol             = "HTTP"
  target_type          = "ip"
  vpc_id               = aws_vpc.main.id
  deregistration_delay = 30
  health_check {
    path                = "/api/realtime"
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

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.main.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate_validation.main.certificate_arn
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.php.arn
  }
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.main.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

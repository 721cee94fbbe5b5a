# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_vpc" "main" {
  # checkov:skip=CKV2_AWS_11:VPC flow logs are billed per GB ingested; add an aws_flow_log when you need them
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "andi-tms-prod-vpc"
  }
}

resource "aws_default_security_group" "main" {
  # No rules: nothing may use the default security group.
  vpc_id = aws_vpc.main.id
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "public_1" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  availability_zone       = local.azs[0]
  map_public_ip_on_launch = false
  tags = {
    Name = "andi-tms-prod-public-1"
    tier = "public"
  }
}

resource "aws_subnet" "public_2" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.2.0/24"
  availability_zone       = local.azs[1]
  map_public_ip_on_launch = false
  tags = {
    Name = "andi-tms-prod-public-2"
    tier = "public"
  }
}

resource "aws_subnet" "private_1" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.10.0/24"
  availability_zone       = local.azs[0]
  map_public_ip_on_launch = false
  tags = {
    Name = "andi-tms-prod-private-1"
    tier = "private"
  }
}

resource "aws_subnet" "private_2" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.11.0/24"
  availability_zone       = local.azs[1]
  map_public_ip_on_launch = false
  tags = {
    Name = "andi-tms-prod-private-2"
    tier = "private"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
  tags = {
    Name = "andi-tms-prod-public"
  }
}

resource "aws_eip" "nat_1" {
  domain = "vpc"
  tags = {
    Name = "andi-tms-prod-nat-1"
  }
}

resource "aws_nat_gateway" "nat_1" {
  allocation_id = aws_eip.nat_1.id
  subnet_id     = aws_subnet.public_1.id
  tags = {
    Name = "andi-tms-prod-nat-1"
  }
  depends_on = [aws_internet_gateway.main]
}

resource "aws_route_table" "private_1" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat_1.id
  }
  tags = {
    Name = "andi-tms-prod-private-1"
  }
}

resource "aws_route_table" "private_2" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat_1.id
  }
  tags = {
    Name = "andi-tms-prod-private-2"
  }
}

resource "aws_route_table_association" "public_1" {
  subnet_id      = aws_subnet.public_1.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "public_2" {
  subnet_id      = aws_subnet.public_2.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private_1" {
  subnet_id      = aws_subnet.private_1.id
  route_table_id = aws_route_table.private_1.id
}

resource "aws_route_table_association" "private_2" {
  subnet_id      = aws_subnet.private_2.id
  route_table_id = aws_route_table.private_2.id
}

resource "aws_security_group" "ecs_service_api" {
  name_prefix = "andi-tms-prod-ecs-service-api-"
  description = "ecs service api"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "database_postgres" {
  name_prefix = "andi-tms-prod-database-postgres-"
  description = "database postgres"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "cache_redis" {
  name_prefix = "andi-tms-prod-cache-redis-"
  description = "cache redis"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "load_balancer_main" {
  name_prefix = "andi-tms-prod-load-balancer-main-"
  description = "load balancer main"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "load_balancer_main__from__internet__80" {
  # checkov:skip=CKV_AWS_260:port 80 only redirects to HTTPS (and answers certificate challenges)
  security_group_id = aws_security_group.load_balancer_main.id
  description       = "internet to load_balancer.main:80"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_api__from__load_balancer_main__8000" {
  security_group_id            = aws_security_group.ecs_service_api.id
  description                  = "load_balancer.main to ecs_service.api:8000"
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
  referenced_security_group_id = aws_security_group.load_balancer_main.id
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_main__to__ecs_service_api__8000" {
  security_group_id            = aws_security_group.load_balancer_main.id
  description                  = "load_balancer.main to ecs_service.api:8000"
  ip_protocol                  = "tcp"
  from_port                    = 8000
  to_port                      = 8000
  referenced_security_group_id = aws_security_group.ecs_service_api.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_api.id
  description       = "ecs_service.api to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "database_postgres__from__ecs_service_api__5432" {
  security_group_id            = aws_security_group.database_postgres.id
  description                  = "ecs_service.api to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.ecs_service_api.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api__to__database_postgres__5432" {
  security_group_id            = aws_security_group.ecs_service_api.id
  description                  = "ecs_service.api to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database_postgres.id
}

resource "aws_vpc_security_group_ingress_rule" "cache_redis__from__ecs_service_api__6379" {
  security_group_id            = aws_security_group.cache_redis.id
  description                  = "ecs_service.api to cache.redis:6379"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.ecs_service_api.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api__to__cache_redis__6379" {
  security_group_id            = aws_security_group.ecs_service_api.id
  description                  = "ecs_service.api to cache.redis:6379"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.cache_redis.id
}

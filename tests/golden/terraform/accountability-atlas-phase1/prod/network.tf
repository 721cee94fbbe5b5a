# Written by stackwright from the stack file. Edit freely: stackwright will not overwrite
# a file changed since it wrote it unless asked to (--force).

resource "aws_vpc" "main" {
  # checkov:skip=CKV2_AWS_11:VPC flow logs are billed per GB ingested; add an aws_flow_log when you need them
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "accountabilityatlas-prod-vpc"
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
    Name = "accountabilityatlas-prod-public-1"
    tier = "public"
  }
}

resource "aws_subnet" "public_2" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.2.0/24"
  availability_zone       = local.azs[1]
  map_public_ip_on_launch = false
  tags = {
    Name = "accountabilityatlas-prod-public-2"
    tier = "public"
  }
}

resource "aws_subnet" "data_1" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.20.0/24"
  availability_zone       = local.azs[0]
  map_public_ip_on_launch = false
  tags = {
    Name = "accountabilityatlas-prod-data-1"
    tier = "data"
  }
}

resource "aws_subnet" "data_2" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.21.0/24"
  availability_zone       = local.azs[1]
  map_public_ip_on_launch = false
  tags = {
    Name = "accountabilityatlas-prod-data-2"
    tier = "data"
  }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
  tags = {
    Name = "accountabilityatlas-prod-public"
  }
}

resource "aws_route_table" "data" {
  # No route out: the data tier is not reachable from, nor reaches, the internet.
  vpc_id = aws_vpc.main.id
  tags = {
    Name = "accountabilityatlas-prod-data"
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

resource "aws_route_table_association" "data_1" {
  subnet_id      = aws_subnet.data_1.id
  route_table_id = aws_route_table.data.id
}

resource "aws_route_table_association" "data_2" {
  subnet_id      = aws_subnet.data_2.id
  route_table_id = aws_route_table.data.id
}

resource "aws_security_group" "ec2_host_app" {
  name_prefix = "accountabilityatlas-prod-ec2-host-app-"
  description = "ec2 host app"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "database_postgres" {
  name_prefix = "accountabilityatlas-prod-database-postgres-"
  description = "database postgres"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "ec2_host_app__from__internet__443" {
  security_group_id = aws_security_group.ec2_host_app.id
  description       = "internet to ec2_host.app:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ec2_host_app__from__internet__80" {
  # checkov:skip=CKV_AWS_260:port 80 only redirects to HTTPS (and answers certificate challenges)
  security_group_id = aws_security_group.ec2_host_app.id
  description       = "internet to ec2_host.app:80"
  ip_protocol       = "tcp"
  from_port         = 80
  to_port           = 80
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ec2_host_app__to__internet__443" {
  security_group_id = aws_security_group.ec2_host_app.id
  description       = "ec2_host.app to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "database_postgres__from__ec2_host_app__5432" {
  security_group_id            = aws_security_group.database_postgres.id
  description                  = "ec2_host.app to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.ec2_host_app.id
}

resource "aws_vpc_security_group_egress_rule" "ec2_host_app__to__database_postgres__5432" {
  security_group_id            = aws_security_group.ec2_host_app.id
  description                  = "ec2_host.app to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database_postgres.id
}

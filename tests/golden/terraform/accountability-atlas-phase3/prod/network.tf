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

resource "aws_subnet" "private_1" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.10.0/24"
  availability_zone       = local.azs[0]
  map_public_ip_on_launch = false
  tags = {
    Name = "accountabilityatlas-prod-private-1"
    tier = "private"
  }
}

resource "aws_subnet" "private_2" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.11.0/24"
  availability_zone       = local.azs[1]
  map_public_ip_on_launch = false
  tags = {
    Name = "accountabilityatlas-prod-private-2"
    tier = "private"
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

resource "aws_eip" "nat_1" {
  domain = "vpc"
  tags = {
    Name = "accountabilityatlas-prod-nat-1"
  }
}

resource "aws_nat_gateway" "nat_1" {
  allocation_id = aws_eip.nat_1.id
  subnet_id     = aws_subnet.public_1.id
  tags = {
    Name = "accountabilityatlas-prod-nat-1"
  }
  depends_on = [aws_internet_gateway.main]
}

resource "aws_eip" "nat_2" {
  domain = "vpc"
  tags = {
    Name = "accountabilityatlas-prod-nat-2"
  }
}

resource "aws_nat_gateway" "nat_2" {
  allocation_id = aws_eip.nat_2.id
  subnet_id     = aws_subnet.public_2.id
  tags = {
    Name = "accountabilityatlas-prod-nat-2"
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
    Name = "accountabilityatlas-prod-private-1"
  }
}

resource "aws_route_table" "private_2" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat_2.id
  }
  tags = {
    Name = "accountabilityatlas-prod-private-2"
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

resource "aws_route_table_association" "private_1" {
  subnet_id      = aws_subnet.private_1.id
  route_table_id = aws_route_table.private_1.id
}

resource "aws_route_table_association" "private_2" {
  subnet_id      = aws_subnet.private_2.id
  route_table_id = aws_route_table.private_2.id
}

resource "aws_route_table_association" "data_1" {
  subnet_id      = aws_subnet.data_1.id
  route_table_id = aws_route_table.data.id
}

resource "aws_route_table_association" "data_2" {
  subnet_id      = aws_subnet.data_2.id
  route_table_id = aws_route_table.data.id
}

resource "aws_security_group" "ecs_service_web_app" {
  name_prefix = "accountabilityatlas-prod-ecs-service-web-app-"
  description = "ecs service web-app"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "ecs_service_api_gateway" {
  name_prefix = "accountabilityatlas-prod-ecs-service-api-gateway-"
  description = "ecs service api-gateway"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "ecs_service_user_service" {
  name_prefix = "accountabilityatlas-prod-ecs-service-user-service-"
  description = "ecs service user-service"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "ecs_service_video_service" {
  name_prefix = "accountabilityatlas-prod-ecs-service-video-service-"
  description = "ecs service video-service"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "ecs_service_location_service" {
  name_prefix = "accountabilityatlas-prod-ecs-service-location-service-"
  description = "ecs service location-service"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "ecs_service_search_service" {
  name_prefix = "accountabilityatlas-prod-ecs-service-search-service-"
  description = "ecs service search-service"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "ecs_service_moderation_service" {
  name_prefix = "accountabilityatlas-prod-ecs-service-moderation-service-"
  description = "ecs service moderation-service"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "ecs_service_notification_service" {
  name_prefix = "accountabilityatlas-prod-ecs-service-notification-service-"
  description = "ecs service notification-service"
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

resource "aws_security_group" "cache_redis" {
  name_prefix = "accountabilityatlas-prod-cache-redis-"
  description = "cache redis"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "search_domain_search" {
  name_prefix = "accountabilityatlas-prod-search-domain-search-"
  description = "search domain search"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "load_balancer_main" {
  name_prefix = "accountabilityatlas-prod-load-balancer-main-"
  description = "load balancer main"
  vpc_id      = aws_vpc.main.id
  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "load_balancer_main__from__internet__443" {
  security_group_id = aws_security_group.load_balancer_main.id
  description       = "internet to load_balancer.main:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
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

resource "aws_vpc_security_group_ingress_rule" "ecs_service_web_app__from__load_balancer_main__3000" {
  security_group_id            = aws_security_group.ecs_service_web_app.id
  description                  = "load_balancer.main to ecs_service.web-app:3000"
  ip_protocol                  = "tcp"
  from_port                    = 3000
  to_port                      = 3000
  referenced_security_group_id = aws_security_group.load_balancer_main.id
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_main__to__ecs_service_web_app__3000" {
  security_group_id            = aws_security_group.load_balancer_main.id
  description                  = "load_balancer.main to ecs_service.web-app:3000"
  ip_protocol                  = "tcp"
  from_port                    = 3000
  to_port                      = 3000
  referenced_security_group_id = aws_security_group.ecs_service_web_app.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_api_gateway__from__load_balancer_main__8080" {
  security_group_id            = aws_security_group.ecs_service_api_gateway.id
  description                  = "load_balancer.main to ecs_service.api-gateway:8080"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.load_balancer_main.id
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_main__to__ecs_service_api_gateway__8080" {
  security_group_id            = aws_security_group.load_balancer_main.id
  description                  = "load_balancer.main to ecs_service.api-gateway:8080"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.ecs_service_api_gateway.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_web_app__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_web_app.id
  description       = "ecs_service.web-app to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api_gateway__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_api_gateway.id
  description       = "ecs_service.api-gateway to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_user_service__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_user_service.id
  description       = "ecs_service.user-service to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_video_service__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_video_service.id
  description       = "ecs_service.video-service to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_location_service__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_location_service.id
  description       = "ecs_service.location-service to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_search_service__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_search_service.id
  description       = "ecs_service.search-service to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_moderation_service__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_moderation_service.id
  description       = "ecs_service.moderation-service to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_notification_service__to__internet__443" {
  security_group_id = aws_security_group.ecs_service_notification_service.id
  description       = "ecs_service.notification-service to internet:443"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_api_gateway__from__ecs_service_web_app__8080" {
  security_group_id            = aws_security_group.ecs_service_api_gateway.id
  description                  = "ecs_service.web-app to ecs_service.api-gateway:8080"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.ecs_service_web_app.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_web_app__to__ecs_service_api_gateway__8080" {
  security_group_id            = aws_security_group.ecs_service_web_app.id
  description                  = "ecs_service.web-app to ecs_service.api-gateway:8080"
  ip_protocol                  = "tcp"
  from_port                    = 8080
  to_port                      = 8080
  referenced_security_group_id = aws_security_group.ecs_service_api_gateway.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_user_service__from__ecs_service_api_gateway__8081" {
  security_group_id            = aws_security_group.ecs_service_user_service.id
  description                  = "ecs_service.api-gateway to ecs_service.user-service:8081"
  ip_protocol                  = "tcp"
  from_port                    = 8081
  to_port                      = 8081
  referenced_security_group_id = aws_security_group.ecs_service_api_gateway.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api_gateway__to__ecs_service_user_service__8081" {
  security_group_id            = aws_security_group.ecs_service_api_gateway.id
  description                  = "ecs_service.api-gateway to ecs_service.user-service:8081"
  ip_protocol                  = "tcp"
  from_port                    = 8081
  to_port                      = 8081
  referenced_security_group_id = aws_security_group.ecs_service_user_service.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_video_service__from__ecs_service_api_gateway__8082" {
  security_group_id            = aws_security_group.ecs_service_video_service.id
  description                  = "ecs_service.api-gateway to ecs_service.video-service:8082"
  ip_protocol                  = "tcp"
  from_port                    = 8082
  to_port                      = 8082
  referenced_security_group_id = aws_security_group.ecs_service_api_gateway.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api_gateway__to__ecs_service_video_service__8082" {
  security_group_id            = aws_security_group.ecs_service_api_gateway.id
  description                  = "ecs_service.api-gateway to ecs_service.video-service:8082"
  ip_protocol                  = "tcp"
  from_port                    = 8082
  to_port                      = 8082
  referenced_security_group_id = aws_security_group.ecs_service_video_service.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_location_service__from__ecs_service_api_gateway__8083" {
  security_group_id            = aws_security_group.ecs_service_location_service.id
  description                  = "ecs_service.api-gateway to ecs_service.location-service:8083"
  ip_protocol                  = "tcp"
  from_port                    = 8083
  to_port                      = 8083
  referenced_security_group_id = aws_security_group.ecs_service_api_gateway.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api_gateway__to__ecs_service_location_service__8083" {
  security_group_id            = aws_security_group.ecs_service_api_gateway.id
  description                  = "ecs_service.api-gateway to ecs_service.location-service:8083"
  ip_protocol                  = "tcp"
  from_port                    = 8083
  to_port                      = 8083
  referenced_security_group_id = aws_security_group.ecs_service_location_service.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_search_service__from__ecs_service_api_gateway__8084" {
  security_group_id            = aws_security_group.ecs_service_search_service.id
  description                  = "ecs_service.api-gateway to ecs_service.search-service:8084"
  ip_protocol                  = "tcp"
  from_port                    = 8084
  to_port                      = 8084
  referenced_security_group_id = aws_security_group.ecs_service_api_gateway.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api_gateway__to__ecs_service_search_service__8084" {
  security_group_id            = aws_security_group.ecs_service_api_gateway.id
  description                  = "ecs_service.api-gateway to ecs_service.search-service:8084"
  ip_protocol                  = "tcp"
  from_port                    = 8084
  to_port                      = 8084
  referenced_security_group_id = aws_security_group.ecs_service_search_service.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_moderation_service__from__ecs_service_api_gateway__8085" {
  security_group_id            = aws_security_group.ecs_service_moderation_service.id
  description                  = "ecs_service.api-gateway to ecs_service.moderation-service:8085"
  ip_protocol                  = "tcp"
  from_port                    = 8085
  to_port                      = 8085
  referenced_security_group_id = aws_security_group.ecs_service_api_gateway.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api_gateway__to__ecs_service_moderation_service__8085" {
  security_group_id            = aws_security_group.ecs_service_api_gateway.id
  description                  = "ecs_service.api-gateway to ecs_service.moderation-service:8085"
  ip_protocol                  = "tcp"
  from_port                    = 8085
  to_port                      = 8085
  referenced_security_group_id = aws_security_group.ecs_service_moderation_service.id
}

resource "aws_vpc_security_group_ingress_rule" "ecs_service_notification_service__from__ecs_service_api_gateway__8086" {
  security_group_id            = aws_security_group.ecs_service_notification_service.id
  description                  = "ecs_service.api-gateway to ecs_service.notification-service:8086"
  ip_protocol                  = "tcp"
  from_port                    = 8086
  to_port                      = 8086
  referenced_security_group_id = aws_security_group.ecs_service_api_gateway.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_api_gateway__to__ecs_service_notification_service__8086" {
  security_group_id            = aws_security_group.ecs_service_api_gateway.id
  description                  = "ecs_service.api-gateway to ecs_service.notification-service:8086"
  ip_protocol                  = "tcp"
  from_port                    = 8086
  to_port                      = 8086
  referenced_security_group_id = aws_security_group.ecs_service_notification_service.id
}

resource "aws_vpc_security_group_ingress_rule" "database_postgres__from__ecs_service_user_service__5432" {
  security_group_id            = aws_security_group.database_postgres.id
  description                  = "ecs_service.user-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.ecs_service_user_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_user_service__to__database_postgres__5432" {
  security_group_id            = aws_security_group.ecs_service_user_service.id
  description                  = "ecs_service.user-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database_postgres.id
}

resource "aws_vpc_security_group_ingress_rule" "cache_redis__from__ecs_service_user_service__6379" {
  security_group_id            = aws_security_group.cache_redis.id
  description                  = "ecs_service.user-service to cache.redis:6379"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.ecs_service_user_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_user_service__to__cache_redis__6379" {
  security_group_id            = aws_security_group.ecs_service_user_service.id
  description                  = "ecs_service.user-service to cache.redis:6379"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.cache_redis.id
}

resource "aws_vpc_security_group_ingress_rule" "database_postgres__from__ecs_service_video_service__5432" {
  security_group_id            = aws_security_group.database_postgres.id
  description                  = "ecs_service.video-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.ecs_service_video_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_video_service__to__database_postgres__5432" {
  security_group_id            = aws_security_group.ecs_service_video_service.id
  description                  = "ecs_service.video-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database_postgres.id
}

resource "aws_vpc_security_group_ingress_rule" "cache_redis__from__ecs_service_video_service__6379" {
  security_group_id            = aws_security_group.cache_redis.id
  description                  = "ecs_service.video-service to cache.redis:6379"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.ecs_service_video_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_video_service__to__cache_redis__6379" {
  security_group_id            = aws_security_group.ecs_service_video_service.id
  description                  = "ecs_service.video-service to cache.redis:6379"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.cache_redis.id
}

resource "aws_vpc_security_group_ingress_rule" "database_postgres__from__ecs_service_location_service__5432" {
  security_group_id            = aws_security_group.database_postgres.id
  description                  = "ecs_service.location-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.ecs_service_location_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_location_service__to__database_postgres__5432" {
  security_group_id            = aws_security_group.ecs_service_location_service.id
  description                  = "ecs_service.location-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database_postgres.id
}

resource "aws_vpc_security_group_ingress_rule" "cache_redis__from__ecs_service_location_service__6379" {
  security_group_id            = aws_security_group.cache_redis.id
  description                  = "ecs_service.location-service to cache.redis:6379"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.ecs_service_location_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_location_service__to__cache_redis__6379" {
  security_group_id            = aws_security_group.ecs_service_location_service.id
  description                  = "ecs_service.location-service to cache.redis:6379"
  ip_protocol                  = "tcp"
  from_port                    = 6379
  to_port                      = 6379
  referenced_security_group_id = aws_security_group.cache_redis.id
}

resource "aws_vpc_security_group_ingress_rule" "database_postgres__from__ecs_service_search_service__5432" {
  security_group_id            = aws_security_group.database_postgres.id
  description                  = "ecs_service.search-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.ecs_service_search_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_search_service__to__database_postgres__5432" {
  security_group_id            = aws_security_group.ecs_service_search_service.id
  description                  = "ecs_service.search-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database_postgres.id
}

resource "aws_vpc_security_group_ingress_rule" "search_domain_search__from__ecs_service_search_service__443" {
  security_group_id            = aws_security_group.search_domain_search.id
  description                  = "ecs_service.search-service to search_domain.search:443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.ecs_service_search_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_search_service__to__search_domain_search__443" {
  security_group_id            = aws_security_group.ecs_service_search_service.id
  description                  = "ecs_service.search-service to search_domain.search:443"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.search_domain_search.id
}

resource "aws_vpc_security_group_ingress_rule" "database_postgres__from__ecs_service_moderation_service__5432" {
  security_group_id            = aws_security_group.database_postgres.id
  description                  = "ecs_service.moderation-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.ecs_service_moderation_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_moderation_service__to__database_postgres__5432" {
  security_group_id            = aws_security_group.ecs_service_moderation_service.id
  description                  = "ecs_service.moderation-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database_postgres.id
}

resource "aws_vpc_security_group_ingress_rule" "database_postgres__from__ecs_service_notification_service__5432" {
  security_group_id            = aws_security_group.database_postgres.id
  description                  = "ecs_service.notification-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.ecs_service_notification_service.id
}

resource "aws_vpc_security_group_egress_rule" "ecs_service_notification_service__to__database_postgres__5432" {
  security_group_id            = aws_security_group.ecs_service_notification_service.id
  description                  = "ecs_service.notification-service to database.postgres:5432"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.database_postgres.id
}
